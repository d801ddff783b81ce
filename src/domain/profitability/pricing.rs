//! Solving for the price that yields a target margin, and recommending a price.
//!
//! Why two probes instead of algebra per parameter: profit and revenue are linear in any single
//! price parameter, so evaluating the real model at x = 0 and x = 1 gives both slopes exactly,
//! and the solver can never drift from the formulas in [`super::position`].
//! Solving `p0 + a·x = m·(r0 + b·x)` gives `x = (m·r0 − p0) / (a − m·b)`.

use crate::domain::message::Message;
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::{EngineError, Quantity as Q, div, mul, sub};
use super::{Position, PositionBreakdown, SalesPointCosts};
use crate::domain::money::{Currency, format_fixed};
use crate::domain::product::{PriceParameter, ProductKind};

/// Why the recommended price is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceReason {
    /// The target margin is reached at a price at least as good for the client as the market's:
    /// offer it (the seed's "don't be greedy").
    SolvedIsFriendlier,
    /// At the market price the product misses the target margin; a price that meets the target
    /// would be worse for the client than the market, so the market price stands.
    MarketIsFriendlier,
    /// The target is met even at a negative price; a price below zero is never offered.
    ClampedToZero,
    /// This parameter doesn't move revenue (e.g. a transaction fee with no transactions, or a
    /// target margin of 100 %), so no value of it reaches the target.
    Unsolvable,
}

/// The outcome of [`solve_price`]. All values unrounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PriceSolution {
    pub parameter: PriceParameter,
    pub target_margin: Decimal,
    /// The exact price giving the target margin, when one exists.
    pub solved: Option<Decimal>,
    /// The current (market) value of the parameter.
    pub market: Decimal,
    pub recommended: Decimal,
    pub reason: PriceReason,
}

/// Solves `parameter` for `target_margin` and recommends the client-friendlier of that and the
/// market price (lower fees, lower card rates, higher deposit rates), never below zero.
///
/// # Errors
/// Arithmetic failure while evaluating the position or solving.
pub fn solve_price(
    parameter: PriceParameter,
    target_margin: Decimal,
    position: &Position<'_>,
    point: &SalesPointCosts,
    sold_alone: bool,
) -> Result<PriceSolution, EngineError> {
    let market = position.terms.get(parameter);
    let probe = |x: Decimal| {
        let terms = position.terms.with(parameter, x);
        Position {
            terms: &terms,
            ..*position
        }
        .evaluate(point, sold_alone)
    };
    let at_zero = probe(Decimal::ZERO)?;
    let at_one = probe(Decimal::ONE)?;
    let unsolved = PriceSolution {
        parameter,
        target_margin,
        solved: None,
        market,
        recommended: market,
        reason: PriceReason::Unsolvable,
    };
    let Some(solved) =
        solve(target_margin, &at_zero, &at_one).map_err(|e| e.in_product(position.code))?
    else {
        return Ok(unsolved);
    };
    let (recommended, reason) = recommend(solved, market, prefers_higher(parameter, position.kind));
    Ok(PriceSolution {
        solved: Some(solved),
        recommended,
        reason,
        ..unsolved
    })
}

/// `x = (m·r0 − p0) / (a − m·b)`, or `None` when the denominator is zero (the price doesn't
/// move profit relative to revenue, so no price reaches the target).
fn solve(
    m: Decimal,
    at_zero: &PositionBreakdown,
    at_one: &PositionBreakdown,
) -> Result<Option<Decimal>, EngineError> {
    let profit_slope = sub(at_one.profit, at_zero.profit, Q::PriceSlope)?;
    let revenue_slope = sub(at_one.revenue, at_zero.revenue, Q::PriceSlope)?;
    let denominator = sub(
        profit_slope,
        mul(m, revenue_slope, Q::PriceSlope)?,
        Q::PriceSlope,
    )?;
    if denominator.is_zero() {
        return Ok(None);
    }
    let numerator = sub(mul(m, at_zero.revenue, Q::Price)?, at_zero.profit, Q::Price)?;
    div(numerator, denominator, Q::Price).map(Some)
}

/// Deposit and account rates are better for the client when higher; everything else lower.
const fn prefers_higher(parameter: PriceParameter, kind: ProductKind) -> bool {
    matches!(parameter, PriceParameter::ClientRate) && kind.is_liability()
}

fn recommend(
    solved: Decimal,
    market: Decimal,
    higher_is_friendlier: bool,
) -> (Decimal, PriceReason) {
    let solved_is_friendlier = if higher_is_friendlier {
        solved >= market
    } else {
        solved <= market
    };
    let (price, reason) = if solved_is_friendlier {
        (solved, PriceReason::SolvedIsFriendlier)
    } else {
        (market, PriceReason::MarketIsFriendlier)
    };
    if price < Decimal::ZERO {
        (Decimal::ZERO, PriceReason::ClampedToZero)
    } else {
        (price, reason)
    }
}

impl PriceSolution {
    /// A sentence for the finance screen, fees in `currency`. Only built when asked for.
    pub fn explain(&self, currency: Currency) -> Message {
        // A rate is shown as the exact fraction solved; a fee as money.
        let with_value = |message: Message, name: &'static str, value: Decimal| {
            if self.parameter.is_rate() {
                message.with(name, format_fixed(value, 6))
            } else {
                let arg: &'static str = match name {
                    "value" => "value_money",
                    _ => "market_money",
                };
                message.with(arg, format!("{value} {}", currency.as_str()))
            }
        };
        let key = match (self.reason, self.solved) {
            (PriceReason::SolvedIsFriendlier, Some(_)) => "price-offer-solved",
            (PriceReason::MarketIsFriendlier, Some(_)) => "price-keep-market",
            (PriceReason::ClampedToZero, Some(_)) => "price-zero",
            _ => "price-no-effect",
        };
        let message = Message::new(key)
            .with("parameter", self.parameter.as_str())
            .with("target_percent", self.target_margin);
        let message = with_value(message, "market", self.market);
        match self.solved {
            Some(x) => with_value(message, "value", x),
            None => message,
        }
    }
}
