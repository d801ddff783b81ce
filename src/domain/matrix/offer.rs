//! The combined product a matrix version offers at a sales point for a main product: the main
//! product and the point's add-ons, each on its bundle terms and expected in-bundle usage, ready
//! for the profitability engine.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::cell::{ResolveError, ResolvedCell, resolve_refs};
use super::link::conditional_terms;
use super::scope::PointPlace;
use super::version::MatrixContent;
use crate::domain::money::Currency;
use crate::domain::product::{Economics, ProductKind, Terms, Usage};
use crate::domain::profitability::Position;

/// A catalog product as the matrix builds on it: its economics and standalone terms and usage.
#[derive(Clone, Copy, Debug)]
pub struct CatalogEntry<'a> {
    pub code: &'a str,
    pub kind: ProductKind,
    pub currency: Currency,
    pub economics: &'a Economics,
    pub terms: &'a Terms,
    pub usage: &'a Usage,
}

/// One product of the combined product, on the terms and usage the matrix gives it.
#[derive(Clone, Debug)]
pub struct OfferedProduct {
    pub code: String,
    pub kind: ProductKind,
    pub currency: Currency,
    pub economics: Economics,
    pub terms: Terms,
    pub usage: Usage,
    /// Shared with the point's other bundles: resolved once per point.
    pub cell: Arc<ResolvedCell>,
}

impl OfferedProduct {
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

/// The combined product for a client who came for `main` at `place`: `main` first, then every
/// product the point offers as an add-on, in the matrix's order (then by code). `None` when
/// `main` is not a main product there.
///
/// # Errors
/// When cells reaching `place` disagree (see [`resolve`]).
pub fn combined_product(
    content: &MatrixContent,
    catalog: &[CatalogEntry<'_>],
    place: &PointPlace,
    main: &str,
) -> Result<Option<Vec<OfferedProduct>>, ResolveError> {
    let at_point = resolve_point(content, catalog, place)?;
    Ok(bundle_at_point(content, &at_point, main))
}

/// Every catalog product's cell at `place`, resolved once for all the point's bundles; products
/// of a kind the point cannot open are left out.
///
/// # Errors
/// When cells reaching `place` disagree (see [`resolve`]).
pub fn resolve_point<'a>(
    content: &MatrixContent,
    catalog: &[CatalogEntry<'a>],
    place: &PointPlace,
) -> Result<Vec<(CatalogEntry<'a>, Arc<ResolvedCell>)>, ResolveError> {
    resolve_point_cached(content, catalog, place, &mut ResolutionCache::default())
}

/// Resolved cells by the cells that reach a point (their indices in the version): most points
/// are reached by the same cells, so a whole version resolves each combination once.
#[derive(Default)]
pub struct ResolutionCache {
    resolved: HashMap<Vec<usize>, Arc<ResolvedCell>>,
}

/// [`resolve_point`] sharing `cache` across the points of one version.
///
/// # Errors
/// When cells reaching `place` disagree (see [`resolve`]); a disagreement is never cached, so
/// it always names the point it is found at.
pub fn resolve_point_cached<'a>(
    content: &MatrixContent,
    catalog: &[CatalogEntry<'a>],
    place: &PointPlace,
    cache: &mut ResolutionCache,
) -> Result<Vec<(CatalogEntry<'a>, Arc<ResolvedCell>)>, ResolveError> {
    catalog
        .iter()
        .filter(|entry| place.opens.allows(entry.kind))
        .map(|entry| {
            let reaching: Vec<usize> = (content.cells.iter().enumerate())
                .filter(|(_, c)| c.product == entry.code && c.scope.applies_to(place))
                .map(|(i, _)| i)
                .collect();
            if let Some(known) = cache.resolved.get(&reaching) {
                return Ok((*entry, Arc::clone(known)));
            }
            let cells: Vec<_> = (reaching.iter())
                .map(|&i| (&content.cells[i].scope, &content.cells[i].patch))
                .collect();
            let resolved = Arc::new(resolve_refs(&cells, place)?);
            cache.resolved.insert(reaching, Arc::clone(&resolved));
            Ok((*entry, resolved))
        })
        .collect()
}

/// The combined product for `main` from a point's resolved cells (see [`combined_product`]).
pub fn bundle_at_point(
    content: &MatrixContent,
    at_point: &[(CatalogEntry<'_>, Arc<ResolvedCell>)],
    main: &str,
) -> Option<Vec<OfferedProduct>> {
    bundle_without(content, at_point, main, &BTreeSet::new())
}

/// [`bundle_at_point`] without the add-ons in `leave_out` (held by the client, declined):
/// conditional terms apply only when the product they depend on is still there.
pub fn bundle_without(
    content: &MatrixContent,
    at_point: &[(CatalogEntry<'_>, Arc<ResolvedCell>)],
    main: &str,
    leave_out: &BTreeSet<String>,
) -> Option<Vec<OfferedProduct>> {
    let mut chosen: Vec<(CatalogEntry<'_>, Arc<ResolvedCell>)> = Vec::new();
    let mut add_ons = Vec::new();
    for (entry, cell) in at_point {
        if entry.code != main && leave_out.contains(entry.code) {
            continue;
        }
        if entry.code == main {
            if !cell.role.may_be_main() {
                return None;
            }
            chosen.push((*entry, cell.clone()));
        } else if cell.role.may_be_add_on() {
            add_ons.push((*entry, cell.clone()));
        }
    }
    if chosen.is_empty() {
        return None;
    }
    add_ons.sort_by(|(a, ca), (b, cb)| {
        (ca.order.is_none(), ca.order, a.code).cmp(&(cb.order.is_none(), cb.order, b.code))
    });
    chosen.extend(add_ons);

    let conditional = if content.links.is_empty() {
        Default::default()
    } else {
        let in_bundle: BTreeSet<String> = chosen.iter().map(|(e, _)| e.code.to_owned()).collect();
        conditional_terms(&content.links, &in_bundle)
    };
    let offered = chosen
        .into_iter()
        .map(|(entry, cell)| {
            // Cells carry only terms and usage (`CellPatch::check`); economics stay the catalog's.
            let mut economics = *entry.economics;
            let mut terms = *entry.terms;
            let mut usage = *entry.usage;
            let overrides = cell
                .terms
                .iter()
                .chain(&cell.usage_alone)
                .chain(&cell.usage_in_bundle)
                .map(|(figure, value)| (*figure, *value))
                .chain(
                    conditional
                        .iter()
                        .filter(|((code, _), _)| code == entry.code)
                        .map(|((_, figure), value)| (*figure, *value)),
                );
            // Later wins: terms, usage alone, usage in the bundle, then conditional terms.
            for (figure, value) in overrides {
                *figure.slot(&mut economics, &mut terms, &mut usage) = value;
            }
            OfferedProduct {
                code: entry.code.to_owned(),
                kind: entry.kind,
                currency: entry.currency,
                economics: *entry.economics,
                terms,
                usage,
                cell,
            }
        })
        .collect();
    Some(offered)
}
