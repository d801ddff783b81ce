//! Verdicts about a combined product.

use rust_decimal::Decimal;

use super::{Figure, Reason, Verdict, money_arg};
use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::profitability::error::{Quantity as Q, add, div, sub};
use crate::domain::profitability::{BundleBreakdown, EngineError, SalesPointCosts};

/// The bundle as a whole must be profitable: profit ≥ 0.
pub fn bundle_profit(bundle: &BundleBreakdown) -> Verdict {
    let c = bundle.currency;
    let figures = vec![
        Figure::money("profit", bundle.profit),
        Figure::money("visit_total", bundle.visit_total),
    ];
    let (reason, message) = if bundle.profit >= Decimal::ZERO {
        (
            Reason::BundleProfitable,
            Message::new("verdict-bundle-earns").with("profit_money", money_arg(bundle.profit, c)),
        )
    } else {
        (
            Reason::BundleLoss,
            Message::new("verdict-bundle-loses").with("loss_money", money_arg(-bundle.profit, c)),
        )
    };
    Verdict::new(reason, c, message, figures)
}

/// The bundle's margin must reach the target (exactly at the target passes); an undefined
/// margin (no revenue) fails.
pub fn bundle_margin(bundle: &BundleBreakdown, target: Decimal) -> Verdict {
    let mut figures = vec![Figure::ratio("target_margin", target)];
    let (reason, message) = match bundle.margin {
        None => (Reason::MarginUndefined, Message::new("verdict-no-margin")),
        Some(m) => {
            figures.insert(0, Figure::ratio("margin", m));
            if m >= target {
                (
                    Reason::MarginMet,
                    Message::new("verdict-margin-met")
                        .with("margin_percent", m)
                        .with("target_percent", target),
                )
            } else {
                (
                    Reason::MarginBelowTarget,
                    Message::new("verdict-margin-below")
                        .with("margin_percent", m)
                        .with("target_percent", target),
                )
            }
        }
    };
    Verdict::new(reason, bundle.currency, message, figures)
}

/// Positions running a loss inside a profitable bundle: allowed (the bundle raises usage
/// elsewhere), but recorded so finance sees what is subsidized. `codes[i]` names `lines[i]`.
pub fn subsidized(bundle: &BundleBreakdown, codes: &[&str]) -> Vec<Verdict> {
    if bundle.profit < Decimal::ZERO {
        return Vec::new();
    }
    let c = bundle.currency;
    bundle
        .lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.breakdown.profit < Decimal::ZERO)
        .map(|(i, line)| {
            let code = codes.get(i).copied().unwrap_or("?");
            let message = Message::new("verdict-subsidized")
                .with("code", code)
                .with("loss_money", money_arg(-line.breakdown.profit, c));
            Verdict::new(
                Reason::Subsidized,
                c,
                message,
                vec![Figure::money("profit", line.breakdown.profit)],
            )
            .about(code)
        })
        .collect()
}

/// The client must see the package cost less than the same products bought separately:
/// saving = separate − bundled ≥ 0 (annual, in the reporting currency).
///
/// # Errors
/// Overflow.
pub fn client_saving(
    separate: Decimal,
    bundled: Decimal,
    currency: Currency,
) -> Result<Verdict, EngineError> {
    let saving = sub(separate, bundled, Q::ClientSaving)?;
    let figures = vec![
        Figure::money("separate", separate),
        Figure::money("bundled", bundled),
        Figure::money("saving", saving),
    ];
    let (reason, message) = if saving >= Decimal::ZERO {
        (
            Reason::ClientSaves,
            Message::new("verdict-client-saves").with("saving_money", money_arg(saving, currency)),
        )
    } else {
        (
            Reason::ClientPaysMore,
            Message::new("verdict-client-pays-more")
                .with("extra_money", money_arg(-saving, currency)),
        )
    };
    Ok(Verdict::new(reason, currency, message, figures))
}

/// Add-ons sell when small next to the main purchase: the add-ons' annual client cost should be
/// at most `threshold` (default 0.25) of the main product's. Add-ons that pay the client (a
/// deposit's interest) are not a price and are left out. A warning only.
///
/// # Errors
/// Overflow.
pub fn addon_anchor(
    main_code: &str,
    main_cost: Decimal,
    addon_costs: &[Decimal],
    threshold: Decimal,
    currency: Currency,
) -> Result<Verdict, EngineError> {
    let mut paid = Decimal::ZERO;
    for cost in addon_costs.iter().filter(|c| **c > Decimal::ZERO) {
        paid = add(paid, *cost, Q::AnchorRatio)?;
    }
    let mut figures = vec![
        Figure::money("main_cost", main_cost),
        Figure::money("addon_cost", paid),
        Figure::ratio("threshold", threshold),
    ];
    let (reason, message) = if paid <= Decimal::ZERO {
        (Reason::NoPaidAddons, Message::new("verdict-addons-free"))
    } else if main_cost <= Decimal::ZERO {
        (
            Reason::AnchorUndefined,
            Message::new("verdict-anchor-undefined")
                .with("main", main_code)
                .with("paid_money", money_arg(paid, currency)),
        )
    } else {
        let ratio = div(paid, main_cost, Q::AnchorRatio)?;
        figures.push(Figure::ratio("ratio", ratio));
        if ratio <= threshold {
            (
                Reason::AnchorWithin,
                Message::new("verdict-anchor-within")
                    .with("main", main_code)
                    .with("ratio_percent", ratio)
                    .with("threshold_percent", threshold),
            )
        } else {
            (
                Reason::AnchorExceeded,
                Message::new("verdict-anchor-exceeded")
                    .with("main", main_code)
                    .with("ratio_percent", ratio)
                    .with("threshold_percent", threshold),
            )
        }
    };
    Ok(Verdict::new(reason, currency, message, figures))
}

/// Everything must fit in one visit: visit overhead + Σ opening minutes ≤ the point's limit,
/// when the point sets one.
///
/// # Errors
/// Overflow.
pub fn single_visit(
    point: &SalesPointCosts,
    opening_minutes: &[Decimal],
    currency: Currency,
) -> Result<Verdict, EngineError> {
    let mut total = point.visit_overhead_minutes;
    for minutes in opening_minutes {
        total = add(total, *minutes, Q::VisitMinutes)?;
    }
    let total = total.normalize();
    let mut figures = vec![Figure::minutes("visit_minutes", total)];
    let (reason, message) = match point.visit_limit_minutes {
        None => (
            Reason::NoVisitLimit,
            Message::new("verdict-visit-no-limit").with("total_number", total),
        ),
        Some(limit) => {
            let limit = limit.normalize();
            figures.push(Figure::minutes("limit_minutes", limit));
            if total <= limit {
                (
                    Reason::VisitFits,
                    Message::new("verdict-visit-fits")
                        .with("total_number", total)
                        .with("limit_number", limit),
                )
            } else {
                (
                    Reason::VisitTooLong,
                    Message::new("verdict-visit-too-long")
                        .with("total_number", total)
                        .with("limit_number", limit),
                )
            }
        }
    };
    Ok(Verdict::new(reason, currency, message, figures))
}
