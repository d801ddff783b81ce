//! The profitability engine: the reference model (v1) of docs/DOMAIN.md, exactly.
//!
//! Design decisions:
//! - Pure and total: no I/O, no panics. Every arithmetic step is checked and failures name the
//!   quantity (and product) involved.
//! - Full `Decimal` precision in every breakdown; rounding is the report's business.
//! - `margin` is `None` whenever revenue ≤ 0: undefined, and every margin check fails on it.
//! - Sales point costs are in the reporting currency. A position in another currency is
//!   evaluated in its own currency (branch cost converted into it), then each line is converted
//!   back with the rate of the valuation date; the conversion is recorded on the position.
//!
//! Layout: [`position`] (one product), [`bundle`] (a combined product), [`pricing`] (solving for
//! a target margin), [`client`] (what the client pays), [`verdicts`] (pass/fail with reasons).

pub mod bundle;
pub mod catalog_review;
pub mod client;
mod error;
pub mod position;
pub mod pricing;
pub mod verdicts;

#[cfg(test)]
mod tests;

pub use bundle::{
    BundleBreakdown, BundleLine, Conversion, evaluate_bundle, evaluate_bundle_with, evaluate_line,
};
pub use catalog_review::{ProductReview, review_catalog_product};
pub use client::{ClientCostPair, client_cost, client_cost_pair};
pub use error::{EngineError, Failure, Quantity};
pub use position::{DirectLines, FeeLines, PositionBreakdown, evaluate_position};
pub use pricing::{PriceReason, PriceSolution, solve_price};
pub use verdicts::{
    BundleChecks, BundleReview, Check, Figure, Outcome, Reason, Unit, Verdict, review_bundle,
    review_product,
};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::product::{Economics, ProductKind, Terms, Usage};

/// What a visit costs at one sales point (head office, small credit-and-cash office…), in the
/// reporting currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesPointCosts {
    pub branch_cost_per_minute: Decimal,
    /// Identification and paperwork: paid once per visit, whatever is sold in it.
    pub visit_overhead_minutes: Decimal,
    /// Longest visit the point can offer; `None` means no limit is checked.
    pub visit_limit_minutes: Option<Decimal>,
}

/// The bundle's own economics, used for the visit overhead it bears and its margin check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleParams {
    pub lifetime_years: Decimal,
    pub overhead_rate: Decimal,
    pub target_margin: Decimal,
}

/// One product as sold: its catalog economics with the terms and usage of this sale.
/// Borrowed so that evaluating a matrix copies nothing.
#[derive(Debug, Clone, Copy)]
pub struct Position<'a> {
    pub code: &'a str,
    pub kind: ProductKind,
    pub currency: Currency,
    pub economics: &'a Economics,
    pub terms: &'a Terms,
    pub usage: &'a Usage,
}

/// The rates and the date used to bring foreign-currency positions into the reporting currency
/// (`rates.reporting()`).
#[derive(Debug, Clone, Copy)]
pub struct Valuation<'a> {
    pub rates: &'a ExchangeRates,
    pub on: NaiveDate,
}

impl Valuation<'_> {
    pub fn reporting(&self) -> Currency {
        self.rates.reporting()
    }
}

impl SalesPointCosts {
    /// The same point with its branch cost expressed in `currency`, so a foreign position's
    /// opening time can be costed in that position's own currency.
    ///
    /// # Errors
    /// No rate, or overflow.
    pub fn in_currency(
        &self,
        currency: Currency,
        valuation: &Valuation<'_>,
    ) -> Result<SalesPointCosts, EngineError> {
        if currency == valuation.reporting() {
            return Ok(*self);
        }
        let rate = valuation.rates.rate_to_reporting(currency, valuation.on)?;
        let branch_cost_per_minute =
            error::div(self.branch_cost_per_minute, rate.rate, Quantity::Conversion)?;
        Ok(SalesPointCosts {
            branch_cost_per_minute,
            ..*self
        })
    }
}
