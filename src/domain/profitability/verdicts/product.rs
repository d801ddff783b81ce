//! Verdicts about one product on its own.

use rust_decimal::Decimal;

use super::{Figure, Reason, Verdict, money_arg};
use crate::domain::message::Message;
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
            Message::new("verdict-breaks-even")
                .with("code", code)
                .with("profit_money", money_arg(profit, currency)),
        )
    } else {
        (
            Reason::LossAlone,
            Message::new("verdict-loss-alone")
                .with("code", code)
                .with("loss_money", money_arg(-profit, currency)),
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
    let loss = money_arg(-profit, currency);
    let (reason, message) = if profit >= Decimal::ZERO {
        (
            Reason::KeepProfitable,
            Message::new("verdict-keep-profitable").with("code", code),
        )
    } else if in_any_bundle {
        (
            Reason::KeepInBundle,
            Message::new("verdict-keep-in-bundle")
                .with("code", code)
                .with("loss_money", &loss),
        )
    } else if costs_reducible {
        (
            Reason::KeepCostsReducible,
            Message::new("verdict-cut-costs")
                .with("code", code)
                .with("loss_money", &loss),
        )
    } else {
        (
            Reason::SuspensionRecommended,
            Message::new("verdict-suspend")
                .with("code", code)
                .with("loss_money", &loss),
        )
    };
    Verdict::new(reason, currency, message, figures).about(code)
}
