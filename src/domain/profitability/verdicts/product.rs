//! Verdicts about one product on its own.

use rust_decimal::Decimal;

use super::{Figure, Reason, Verdict, money};
use crate::domain::money::Currency;
use crate::domain::profitability::PositionBreakdown;

/// Every product must break even on its own, at its standalone terms: profit ≥ 0 (exactly zero
/// passes).
pub fn break_even(code: &str, standalone: &PositionBreakdown, currency: Currency) -> Verdict {
    let profit = standalone.profit;
    let figures = vec![
        Figure::money("profit", profit),
        Figure::money("revenue", standalone.revenue),
    ];
    let (reason, message) = if profit >= Decimal::ZERO {
        (
            Reason::BreaksEven,
            format!(
                "{code} breaks even alone: profit {} a year",
                money(profit, currency)
            ),
        )
    } else {
        (
            Reason::LossAlone,
            format!(
                "{code} loses {} a year when sold alone",
                money(-profit, currency)
            ),
        )
    };
    Verdict::new(reason, currency, message, figures).about(code)
}

/// The seed's rule: a product that loses money at its market terms, is in no combined product,
/// and whose costs cannot be cut should be suspended without regret.
///
/// `standalone` must be evaluated at the market terms. The other two facts come from the
/// catalog (bundle membership) and finance (whether costs can be reduced).
pub fn suspension(
    code: &str,
    standalone: &PositionBreakdown,
    in_any_bundle: bool,
    costs_reducible: bool,
    currency: Currency,
) -> Verdict {
    let profit = standalone.profit;
    let figures = vec![Figure::money("profit", profit)];
    let loss = money(-profit, currency);
    let (reason, message) = if profit >= Decimal::ZERO {
        (
            Reason::KeepProfitable,
            format!("{code} is profitable at market terms: keep it"),
        )
    } else if in_any_bundle {
        (
            Reason::KeepInBundle,
            format!(
                "{code} loses {loss} a year alone but is part of a combined product: keep it there"
            ),
        )
    } else if costs_reducible {
        (
            Reason::KeepCostsReducible,
            format!("{code} loses {loss} a year and is in no combined product: cut its costs"),
        )
    } else {
        (
            Reason::SuspensionRecommended,
            format!(
                "{code} loses {loss} a year at market terms, is in no combined product and its costs cannot be cut: suspend it"
            ),
        )
    };
    Verdict::new(reason, currency, message, figures).about(code)
}
