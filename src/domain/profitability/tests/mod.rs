//! Engine tests: the worked example, each verdict's edges, and property-based invariants.

mod engine_edges;
mod properties;
mod verdict_edges;
mod worked_example;

use rust_decimal::Decimal;

use chrono::NaiveDate;
use rust_decimal_macros::dec;

use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::product::{Economics, ProductKind, Terms, Usage};
use crate::domain::profitability::{
    BundleBreakdown, BundleParams, Position, SalesPointCosts, Valuation, evaluate_bundle,
};

/// An owned position for tests that build their own inputs.
#[derive(Debug, Clone)]
pub(super) struct Owned {
    pub code: String,
    pub kind: ProductKind,
    pub currency: Currency,
    pub economics: Economics,
    pub terms: Terms,
    pub usage: Usage,
}

impl Owned {
    pub fn new(
        code: &str,
        kind: ProductKind,
        economics: Economics,
        terms: Terms,
        usage: Usage,
    ) -> Self {
        Self {
            code: code.to_owned(),
            kind,
            currency: Currency::RUB,
            economics,
            terms,
            usage,
        }
    }

    pub fn position(&self) -> Position<'_> {
        Position {
            code: &self.code,
            kind: self.kind,
            currency: self.currency,
            economics: &self.economics,
            terms: &self.terms,
            usage: &self.usage,
        }
    }
}

/// A sales point where time costs nothing, so test figures stay readable.
pub(super) fn free_point() -> SalesPointCosts {
    SalesPointCosts {
        branch_cost_per_minute: Decimal::ZERO,
        visit_overhead_minutes: Decimal::ZERO,
        visit_limit_minutes: None,
    }
}

/// A product earning exactly `fee` a year and costing exactly `cost`, with no overhead.
pub(super) fn flat(code: &str, fee: Decimal, cost: Decimal) -> Owned {
    let economics = Economics {
        servicing_cost: cost,
        ..Economics::with_lifetime(dec!(1))
    };
    Owned::new(
        code,
        ProductKind::Other,
        economics,
        Terms {
            annual_fee: fee,
            ..Terms::default()
        },
        Usage::default(),
    )
}

pub(super) fn no_visit_params(target: Decimal) -> BundleParams {
    BundleParams {
        lifetime_years: dec!(1),
        overhead_rate: Decimal::ZERO,
        target_margin: target,
    }
}

pub(super) fn rub_only() -> ExchangeRates {
    ExchangeRates::new(Currency::RUB)
}

pub(super) fn bundle_of(products: &[Owned], target: Decimal) -> BundleBreakdown {
    let positions: Vec<_> = products.iter().map(Owned::position).collect();
    let rates = rub_only();
    let valuation = Valuation {
        rates: &rates,
        on: NaiveDate::default(),
    };
    evaluate_bundle(
        &positions,
        &no_visit_params(target),
        &free_point(),
        &valuation,
    )
    .unwrap()
}
