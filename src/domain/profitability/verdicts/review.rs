//! All the checks for a product or a bundle at once, as a finance review shows them.

use rust_decimal::Decimal;

use super::{
    Verdict, addon_anchor, break_even, bundle_margin, bundle_profit, client_saving, single_visit,
    subsidized, suspension,
};
use crate::domain::money::Currency;
use crate::domain::product::Terms;
use crate::domain::profitability::client::{ClientCostPair, client_cost_pair};
use crate::domain::profitability::error::{Quantity as Q, add, sub};
use crate::domain::profitability::{
    BundleBreakdown, BundleParams, EngineError, Position, PositionBreakdown, SalesPointCosts,
    Valuation,
};

/// Break-even and suspension verdicts for a product evaluated alone at market terms.
pub fn review_product(
    code: &str,
    standalone: &PositionBreakdown,
    in_any_bundle: bool,
    costs_reducible: bool,
    currency: Currency,
) -> Vec<Verdict> {
    vec![
        break_even(code, standalone, currency),
        suspension(code, standalone, in_any_bundle, costs_reducible, currency),
    ]
}

/// What a bundle review needs besides the bundle's breakdown.
#[derive(Debug, Clone, Copy)]
pub struct BundleReview<'a> {
    /// The positions the breakdown was evaluated from, in the same order.
    pub positions: &'a [Position<'a>],
    /// `standalone_terms[i]`: the terms `positions[i]` has when bought separately.
    pub standalone_terms: &'a [Terms],
    /// Index of the main product in `positions`.
    pub main: usize,
    pub params: &'a BundleParams,
    pub point: &'a SalesPointCosts,
    pub addon_anchor_threshold: Decimal,
    pub valuation: Valuation<'a>,
    /// What the client pays a year for a service package on top of the positions' own (waived)
    /// fees; zero without a package.
    pub package_fee: Decimal,
    /// `client_pairs[i]`: `client_cost_pair` of `positions[i]`, when the caller has it already
    /// (a matrix computes each product's once per point); `None` to compute them here.
    pub client_pairs: Option<&'a [ClientCostPair]>,
}

/// The bundle's verdicts and the client-cost figures behind the saving check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleChecks {
    pub verdicts: Vec<Verdict>,
    /// Annual client cost of the same products and usage bought separately.
    pub client_separate: Decimal,
    pub client_bundled: Decimal,
    pub client_saving: Decimal,
}

/// Bundle profit, margin vs target, subsidized positions, client saving, add-on anchor and
/// single-visit time, in that order.
///
/// # Errors
/// Arithmetic failure or a missing exchange rate.
pub fn review_bundle(
    review: &BundleReview<'_>,
    bundle: &BundleBreakdown,
) -> Result<BundleChecks, EngineError> {
    let currency = bundle.currency;
    let mut verdicts = vec![
        bundle_profit(bundle),
        bundle_margin(bundle, review.params.target_margin),
    ];
    let codes: Vec<&str> = review.positions.iter().map(|p| p.code).collect();
    verdicts.extend(subsidized(bundle, &codes));

    let no_terms = Terms::default();
    let mut separate = Decimal::ZERO;
    let mut bundled = Decimal::ZERO;
    let mut bundled_each = Vec::with_capacity(review.positions.len());
    for (i, position) in review.positions.iter().enumerate() {
        let pair = match review.client_pairs.and_then(|pairs| pairs.get(i)) {
            Some(pair) => *pair,
            None => {
                let standalone = review.standalone_terms.get(i).unwrap_or(&no_terms);
                client_cost_pair(position, standalone, &review.valuation)?
            }
        };
        separate = add(separate, pair.separate, Q::ClientCost)?;
        bundled = add(bundled, pair.bundled, Q::ClientCost)?;
        bundled_each.push(pair.bundled);
    }
    bundled = add(bundled, review.package_fee, Q::ClientCost)?;
    let saving = sub(separate, bundled, Q::ClientSaving)?;
    verdicts.push(client_saving(separate, bundled, currency)?);

    if let Some(&main_cost) = bundled_each.get(review.main) {
        let addons: Vec<Decimal> = bundled_each
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != review.main)
            .map(|(_, c)| *c)
            .collect();
        let main_code = codes.get(review.main).copied().unwrap_or("?");
        verdicts.push(addon_anchor(
            main_code,
            main_cost,
            &addons,
            review.addon_anchor_threshold,
            currency,
        )?);
    }
    let opening: Vec<Decimal> = review
        .positions
        .iter()
        .map(|p| p.economics.opening_minutes)
        .collect();
    verdicts.push(single_visit(review.point, &opening, currency)?);
    Ok(BundleChecks {
        verdicts,
        client_separate: separate,
        client_bundled: bundled,
        client_saving: saving,
    })
}
