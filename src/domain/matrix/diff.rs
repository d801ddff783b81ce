//! What a draft changes against the live version, as the approver reads it side by side: each
//! cell value, each link and the package fee before and after, and each bundle's figures
//! before and after at every point for every main product.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::evaluation::PointEvaluation;
use super::link::Link;
use super::scope::Scope;
use super::version::MatrixContent;
use crate::domain::message::Message;

/// One value of one cell that differs; `None` where the version does not set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellChange {
    pub product: String,
    pub scope: Scope,
    /// `role`, `terms.monthly_fee`, `take_up` … (see `CellPatch::values`).
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Everything a draft changes; empty when it changes nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionDiff {
    /// By product, then scope, then field.
    pub cells: Vec<CellChange>,
    pub links_removed: Vec<Link>,
    pub links_added: Vec<Link>,
    /// The package fee before and after, when it changed.
    pub package_fee: Option<(Option<Decimal>, Option<Decimal>)>,
}

impl VersionDiff {
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
            && self.links_removed.is_empty()
            && self.links_added.is_empty()
            && self.package_fee.is_none()
    }
}

/// Compares `draft` with `live` (an empty content when nothing is live yet).
pub fn diff(live: &MatrixContent, draft: &MatrixContent) -> VersionDiff {
    let values = |content: &MatrixContent| {
        let mut map: BTreeMap<(String, String, String), (Scope, String)> = BTreeMap::new();
        for cell in &content.cells {
            for (field, value) in cell.patch.values() {
                let key = (cell.product.clone(), cell.scope.key(), field);
                map.insert(key, (cell.scope.clone(), value));
            }
        }
        map
    };
    let before = values(live);
    let after = values(draft);
    let keys: BTreeSet<_> = before.keys().chain(after.keys()).collect();
    let cells = keys
        .into_iter()
        .filter_map(|key| {
            let (old, new) = (before.get(key), after.get(key));
            let old_value = old.map(|(_, v)| v.clone());
            let new_value = new.map(|(_, v)| v.clone());
            (old_value != new_value).then(|| CellChange {
                product: key.0.clone(),
                scope: old
                    .or(new)
                    .map(|(s, _)| s.clone())
                    .unwrap_or(Scope::AllPoints),
                field: key.2.clone(),
                before: old_value,
                after: new_value,
            })
        })
        .collect();
    let missing_from = |from: &[Link], other: &[Link]| {
        from.iter()
            .filter(|l| !other.contains(l))
            .cloned()
            .collect::<Vec<_>>()
    };
    VersionDiff {
        cells,
        links_removed: missing_from(&live.links, &draft.links),
        links_added: missing_from(&draft.links, &live.links),
        package_fee: (live.package_fee.map(|f| f.normalize())
            != draft.package_fee.map(|f| f.normalize()))
        .then_some((live.package_fee, draft.package_fee)),
    }
}

/// A bundle's headline figures per client-year, and what blocks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleFigures {
    pub revenue: Decimal,
    pub profit: Decimal,
    pub margin: Option<Decimal>,
    /// Every blocking failure; the engine's own error when it could not evaluate the bundle.
    pub blocking: Vec<Message>,
}

/// One bundle (point × main product) in the live version and in the draft; `None` on the side
/// that does not offer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleComparison {
    pub point: String,
    pub main: String,
    pub before: Option<BundleFigures>,
    pub after: Option<BundleFigures>,
}

impl BundleComparison {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// Every bundle of either evaluation, the draft's order first, then those only the live
/// version offers. A point whose cells disagree offers nothing (its problem is shown apart).
pub fn compare_bundles(
    live: &[PointEvaluation],
    draft: &[PointEvaluation],
) -> Vec<BundleComparison> {
    let figures = |evaluations: &[PointEvaluation]| {
        let mut out: Vec<((String, String), BundleFigures)> = Vec::new();
        for point in evaluations {
            let Ok(bundles) = &point.bundles else {
                continue;
            };
            for bundle in bundles {
                let (revenue, profit, margin) = match &bundle.result {
                    Ok(result) => (
                        result.breakdown.revenue,
                        result.breakdown.profit,
                        result.breakdown.margin,
                    ),
                    Err(_) => (Decimal::ZERO, Decimal::ZERO, None),
                };
                out.push((
                    (point.point.clone(), bundle.main.clone()),
                    BundleFigures {
                        revenue,
                        profit,
                        margin,
                        blocking: bundle.blocking(),
                    },
                ));
            }
        }
        out
    };
    let live_figures = figures(live);
    let live_order: Vec<_> = live_figures.iter().map(|(key, _)| key.clone()).collect();
    let mut before: BTreeMap<_, _> = live_figures.into_iter().collect();
    let mut out: Vec<BundleComparison> = figures(draft)
        .into_iter()
        .map(|(key, figures)| BundleComparison {
            before: before.remove(&key),
            point: key.0,
            main: key.1,
            after: Some(figures),
        })
        .collect();
    // What only the live version offers, in its own order.
    out.extend(live_order.into_iter().filter_map(|key| {
        before.remove(&key).map(|figures| BundleComparison {
            point: key.0,
            main: key.1,
            before: Some(figures),
            after: None,
        })
    }));
    out
}
