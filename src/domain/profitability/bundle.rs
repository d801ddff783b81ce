//! A combined product: positions sold together in one visit, summed in the reporting currency.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::{EngineError, Quantity as Q, add, mul, sub};
use super::position::{PositionBreakdown, margin, visit_cost};
use super::{BundleParams, Position, SalesPointCosts, Valuation};
use crate::domain::money::Currency;

/// How a foreign-currency position was brought into the reporting currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Conversion {
    pub from: Currency,
    /// Reporting units per one unit of `from`.
    pub rate: Decimal,
    /// The date the rate was published (the latest on or before the valuation date).
    pub rate_date: NaiveDate,
    /// The position's lines in its own currency, before conversion.
    pub original: PositionBreakdown,
}

/// One position inside the bundle, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleLine {
    /// Evaluated without visit overhead (the bundle bears it once).
    pub breakdown: PositionBreakdown,
    /// `None` when the position already was in the reporting currency. Boxed: most lines
    /// have none, and a matrix evaluates hundreds of thousands of lines.
    pub conversion: Option<Box<Conversion>>,
}

/// A bundle's result; `lines[i]` belongs to the `i`-th position passed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleBreakdown {
    pub currency: Currency,
    pub lines: Vec<BundleLine>,
    /// visit_overhead_minutes · branch_cost_per_minute / L_b · (1 + h_b), borne once.
    pub visit_total: Decimal,
    /// A service package's fee for the year (`with_package_fee`), counted once; zero without.
    pub package_revenue: Decimal,
    /// Σ position revenue + package revenue.
    pub revenue: Decimal,
    /// Σ position profit − visit_total + package revenue.
    pub profit: Decimal,
    /// profit / revenue; `None` when revenue ≤ 0.
    pub margin: Option<Decimal>,
}

/// Evaluates a combined product.
///
/// # Errors
/// Arithmetic failure in any position or total (naming the product where there is one), or a
/// foreign-currency position without a rate on the valuation date.
pub fn evaluate_bundle(
    positions: &[Position<'_>],
    params: &BundleParams,
    point: &SalesPointCosts,
    valuation: &Valuation<'_>,
) -> Result<BundleBreakdown, EngineError> {
    evaluate_bundle_with(positions, params, point, valuation, &mut |position| {
        evaluate_line(position, point, valuation)
    })
}

/// [`evaluate_bundle`] taking each position's line from `line_of`: a caller evaluating many
/// bundles at one point (a matrix) computes a product's line once and hands out copies.
/// `line_of` must give what [`evaluate_line`] would.
///
/// # Errors
/// As [`evaluate_bundle`].
pub fn evaluate_bundle_with(
    positions: &[Position<'_>],
    params: &BundleParams,
    point: &SalesPointCosts,
    valuation: &Valuation<'_>,
    line_of: &mut dyn FnMut(&Position<'_>) -> Result<BundleLine, EngineError>,
) -> Result<BundleBreakdown, EngineError> {
    let overhead_factor = add(Decimal::ONE, params.overhead_rate, Q::BundleVisit)?;
    let visit_total = mul(
        visit_cost(point, params.lifetime_years, Q::BundleVisit)?,
        overhead_factor,
        Q::BundleVisit,
    )?;

    let mut lines = Vec::with_capacity(positions.len());
    let mut revenue = Decimal::ZERO;
    let mut position_profit = Decimal::ZERO;
    for position in positions {
        let line = line_of(position).map_err(|e| e.in_product(position.code))?;
        revenue = add(revenue, line.breakdown.revenue, Q::BundleRevenue)?;
        position_profit = add(position_profit, line.breakdown.profit, Q::BundleProfit)?;
        lines.push(line);
    }
    let profit = sub(position_profit, visit_total, Q::BundleProfit)?;
    let margin = margin(profit, revenue, Q::BundleMargin)?;
    Ok(BundleBreakdown {
        currency: valuation.reporting(),
        lines,
        visit_total,
        package_revenue: Decimal::ZERO,
        revenue,
        profit,
        margin,
    })
}

impl BundleBreakdown {
    /// The same bundle sold as a service package: `annual_fee` (the package's fee for a year)
    /// is revenue and profit once, whatever the positions; their own fees must already be
    /// waived by the caller.
    ///
    /// # Errors
    /// Overflow.
    pub fn with_package_fee(mut self, annual_fee: Decimal) -> Result<Self, EngineError> {
        self.package_revenue = add(self.package_revenue, annual_fee, Q::BundleRevenue)?;
        self.revenue = add(self.revenue, annual_fee, Q::BundleRevenue)?;
        self.profit = add(self.profit, annual_fee, Q::BundleProfit)?;
        self.margin = margin(self.profit, self.revenue, Q::BundleMargin)?;
        Ok(self)
    }
}

/// One position of a bundle (without visit overhead), in the reporting currency.
///
/// # Errors
/// Arithmetic failure or a missing exchange rate.
pub fn evaluate_line(
    position: &Position<'_>,
    point: &SalesPointCosts,
    valuation: &Valuation<'_>,
) -> Result<BundleLine, EngineError> {
    if position.currency == valuation.reporting() {
        return Ok(BundleLine {
            breakdown: position.evaluate(point, false)?,
            conversion: None,
        });
    }
    let local_point = point.in_currency(position.currency, valuation)?;
    let original = position.evaluate(&local_point, false)?;
    let rate = valuation
        .rates
        .rate_to_reporting(position.currency, valuation.on)?;
    let conversion = Conversion {
        from: position.currency,
        rate: rate.rate,
        rate_date: rate.date,
        original,
    };
    Ok(BundleLine {
        breakdown: original.scaled(rate.rate)?,
        conversion: Some(Box::new(conversion)),
    })
}
