//! The portfolio as finance reads it: what each bundle earns per client a year, and what it is
//! expected to earn in a year over the clients it reaches. A segment's clients at a sales point
//! (each client counted once, in the best segment with a matrix in force) are split over the
//! point's main products by the matrix's expected share of visits; each add-on counts with its
//! expected take-up (none set: not counted), the main product and a service package in full,
//! the visit's cost once.

use rust_decimal::Decimal;

use crate::domain::matrix::{BundleResult, MainEvaluation};
use crate::domain::message::Message;

/// What a bundle is expected to bring in a year over its clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Projection {
    /// Clients expected to come for this main product (may be fractional: an expectation).
    pub clients: Decimal,
    pub revenue: Decimal,
    pub profit: Decimal,
}

fn overflow() -> Message {
    Message::new("portfolio-overflow")
}

/// The share of a point's visits each of `bundles`' main products gets, in order: the share
/// its cell sets; mains without one split evenly what the others leave (nothing, if they
/// leave less than nothing). A bundle the engine could not evaluate gets none.
pub fn visit_shares(bundles: &[MainEvaluation]) -> Vec<Decimal> {
    let set: Vec<Option<Decimal>> = bundles
        .iter()
        .map(|b| match &b.result {
            Ok(result) => result.products.first().and_then(|p| p.cell.visit_share),
            Err(_) => Some(Decimal::ZERO),
        })
        .collect();
    let given: Decimal = set.iter().flatten().copied().sum();
    let unset = set.iter().filter(|s| s.is_none()).count();
    let rest = (Decimal::ONE - given).max(Decimal::ZERO);
    let each = match Decimal::from(unset) {
        n if n.is_zero() => Decimal::ZERO,
        n => rest / n,
    };
    set.into_iter().map(|s| s.unwrap_or(each)).collect()
}

/// Revenue and profit a year for one client who comes for the main product: the main in full,
/// each add-on times its take-up, the package fee in full, the visit once.
///
/// # Errors
/// `portfolio-overflow` when a figure does not fit.
pub fn expected_per_client(result: &BundleResult) -> Result<(Decimal, Decimal), Message> {
    let b = &result.breakdown;
    let mut revenue = b.package_revenue;
    let mut profit = b
        .package_revenue
        .checked_sub(b.visit_total)
        .ok_or_else(overflow)?;
    for (index, (product, line)) in result.products.iter().zip(&b.lines).enumerate() {
        let weight = if index == 0 {
            Decimal::ONE
        } else {
            product.cell.take_up.unwrap_or(Decimal::ZERO)
        };
        let add = |sum: Decimal, value: Decimal| {
            value
                .checked_mul(weight)
                .and_then(|v| sum.checked_add(v))
                .ok_or_else(overflow)
        };
        revenue = add(revenue, line.breakdown.revenue)?;
        profit = add(profit, line.breakdown.profit)?;
    }
    Ok((revenue, profit))
}

/// `result` over `clients` clients of its segment at its point, `share` of whom come for its
/// main product; amounts rounded to the kopeck (half to even), as pages and exports show them.
///
/// # Errors
/// `portfolio-overflow`.
pub fn project(result: &BundleResult, share: Decimal, clients: u64) -> Result<Projection, Message> {
    let (revenue, profit) = expected_per_client(result)?;
    let coming = Decimal::from(clients)
        .checked_mul(share)
        .ok_or_else(overflow)?;
    let times = |value: Decimal| {
        value
            .checked_mul(coming)
            .map(|v| v.round_dp(2))
            .ok_or_else(overflow)
    };
    Ok(Projection {
        clients: coming.round_dp(2),
        revenue: times(revenue)?,
        profit: times(profit)?,
    })
}

/// profit / revenue, `None` when there is no revenue (as for a bundle).
pub fn margin(profit: Decimal, revenue: Decimal) -> Option<Decimal> {
    (revenue > Decimal::ZERO)
        .then(|| profit.checked_div(revenue))
        .flatten()
}

/// From "sold separately" to "sold as a bundle", for one client a year: the products' profits
/// each sold alone (each bearing a visit), then each product's change inside the bundle (its
/// bundle terms and usage, no visit of its own), the one visit the bundle bears, the package
/// fee; the steps add up exactly to the bundle's profit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waterfall {
    pub separately: Decimal,
    /// (product code or `visit` / `package`, change)
    pub steps: Vec<(String, Decimal)>,
    pub bundled: Decimal,
}

/// The waterfall of `result`; `None` when a product's profit alone is unknown.
pub fn waterfall(result: &BundleResult) -> Option<Waterfall> {
    let b = &result.breakdown;
    let alone = |code: &str| {
        result
            .alone
            .iter()
            .find(|v| v.product.as_deref() == Some(code))
            .and_then(|v| v.figures.iter().find(|f| f.name == "profit"))
            .map(|f| f.value)
    };
    let mut separately = Decimal::ZERO;
    let mut steps = Vec::new();
    for (product, line) in result.products.iter().zip(&b.lines) {
        let on_its_own = alone(&product.code)?;
        separately = separately.checked_add(on_its_own)?;
        steps.push((
            product.code.clone(),
            line.breakdown.profit.checked_sub(on_its_own)?,
        ));
    }
    steps.push(("visit".to_owned(), -b.visit_total));
    if !b.package_revenue.is_zero() {
        steps.push(("package".to_owned(), b.package_revenue));
    }
    Some(Waterfall {
        separately,
        steps,
        bundled: b.profit,
    })
}

#[cfg(test)]
mod tests;
