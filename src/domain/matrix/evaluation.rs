//! A matrix version evaluated the way an advisor would offer it: at every sales point, for
//! every main-product candidate, the combined product (main + that point's add-ons) through the
//! profitability engine, with its verdicts, its links checked, and which of them block
//! publishing (and, later, finance's approval).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::cell::ResolvedCell;
use super::link::{LinkCheck, LinkContext};
use super::offer::{
    CatalogEntry, OfferedProduct, ResolutionCache, bundle_at_point, resolve_point_cached,
};
use super::version::MatrixContent;
use crate::domain::bank::{BankSettings, SalesPoint};
use crate::domain::message::Message;
use crate::domain::product::{ProductKind, Terms, Usage};
use crate::domain::profitability::verdicts::{addon_anchor, break_even};
use crate::domain::profitability::{
    BundleBreakdown, BundleChecks, BundleLine, BundleReview, Check, ClientCostPair, EngineError,
    Outcome, Position, Reason, Verdict, client_cost_pair, evaluate_bundle_with, evaluate_line,
    review_bundle,
};
use crate::domain::profitability::{SalesPointCosts, Valuation};

/// Everything a version is evaluated against besides its content.
#[derive(Clone, Copy)]
pub struct Setting<'a> {
    /// Offered products (suspended ones already left out), each with the standalone terms the
    /// version compares against (frozen at publication for a published version).
    pub catalog: &'a [CatalogEntry<'a>],
    pub settings: &'a BankSettings,
    pub valuation: Valuation<'a>,
}

/// One sales point's bundles; `Err` when its cells disagree (nothing can be offered there
/// until the bank settles which cell applies).
#[derive(Clone, Debug)]
pub struct PointEvaluation {
    pub point: String,
    pub bundles: Result<Vec<MainEvaluation>, Message>,
}

/// The combined product for one main product at one point; `Err` when the engine cannot
/// evaluate it (an overflow, a missing exchange rate), which blocks like a failed verdict.
#[derive(Clone, Debug)]
pub struct MainEvaluation {
    pub main: String,
    pub result: Result<BundleResult, Message>,
}

/// A combined product's figures, verdicts and links.
#[derive(Clone, Debug)]
pub struct BundleResult {
    /// Main first, then add-ons in offer order.
    pub products: Vec<OfferedProduct>,
    pub breakdown: BundleBreakdown,
    /// Bundle profit, margin, subsidized positions, client saving, anchor, single visit.
    pub checks: BundleChecks,
    /// Each link that applies to this bundle, held or broken.
    pub links: Vec<LinkCheck>,
    /// Each product alone at its standalone terms and the segment's usage alone (shared by
    /// the point's bundles: it does not depend on the main product).
    pub alone: Vec<Arc<Verdict>>,
}

impl BundleResult {
    /// The failures that stop the bundle being published or approved.
    pub fn blocking(&self) -> Vec<Message> {
        let verdicts = self
            .checks
            .verdicts
            .iter()
            .filter(|v| v.outcome == Outcome::Fail)
            .map(|v| v.message.clone());
        let links = self
            .links
            .iter()
            .filter(|l| !l.holds)
            .map(|l| l.message.clone());
        verdicts.chain(links).collect()
    }

    /// What is shown but never blocks: subsidized products, products losing money alone, an
    /// add-on priced above the anchor.
    pub fn warnings(&self) -> Vec<Message> {
        let bundle = self
            .checks
            .verdicts
            .iter()
            .filter(|v| v.reason == Reason::Subsidized || v.outcome == Outcome::Warning);
        let alone = (self.alone.iter().map(|v| &**v)).filter(|v| v.outcome == Outcome::Fail);
        bundle.chain(alone).map(|v| v.message.clone()).collect()
    }
}

impl MainEvaluation {
    pub fn blocking(&self) -> Vec<Message> {
        match &self.result {
            Ok(result) => result.blocking(),
            Err(problem) => vec![problem.clone()],
        }
    }
}

impl PointEvaluation {
    /// Every blocking failure at this point, each saying which bundle it is about.
    pub fn blocking(&self) -> Vec<Message> {
        let bundles = match &self.bundles {
            Ok(bundles) => bundles,
            Err(problem) => return vec![problem.clone()],
        };
        let mut out = Vec::new();
        for bundle in bundles {
            for reason in bundle.blocking() {
                out.push(
                    Message::new("matrix-bundle-blocked")
                        .with("point", &self.point)
                        .with("main", &bundle.main)
                        .nest("reason_key", &reason),
                );
            }
        }
        out
    }
}

/// Evaluates `content` at each of `points`.
pub fn evaluate_version(
    content: &MatrixContent,
    setting: &Setting<'_>,
    points: &[SalesPoint],
) -> Vec<PointEvaluation> {
    let mut all = Vec::with_capacity(points.len());
    evaluate_version_each(content, setting, points, |point| all.push(point));
    all
}

/// Like [`evaluate_version`], handing each point's evaluation to `each` as soon as it is done,
/// so that whole-bank re-pricing never holds more than one point's bundles.
pub fn evaluate_version_each(
    content: &MatrixContent,
    setting: &Setting<'_>,
    points: &[SalesPoint],
    mut each: impl FnMut(PointEvaluation),
) {
    let mut cache = ResolutionCache::default();
    for point in points {
        each(PointEvaluation {
            point: point.code.clone(),
            bundles: evaluate_point(content, setting, point, &mut cache),
        });
    }
}

/// Every blocking failure of a version, at every point, for every main product.
pub fn blocking(evaluations: &[PointEvaluation]) -> Vec<Message> {
    evaluations
        .iter()
        .flat_map(PointEvaluation::blocking)
        .collect()
}

fn evaluate_point(
    content: &MatrixContent,
    setting: &Setting<'_>,
    point: &SalesPoint,
    cache: &mut ResolutionCache,
) -> Result<Vec<MainEvaluation>, Message> {
    let at_point = resolve_point_cached(content, setting.catalog, &point.place(), cache)
        .map_err(|e| e.message())?;
    let mains = at_point
        .iter()
        .filter(|(_, cell)| cell.role.may_be_main())
        .map(|(entry, _)| entry.code);
    // A product alone, or inside a bundle on the same terms, does not depend on the main
    // product: evaluated once per point.
    let mut memo = PointMemo::default();
    // Mains offered with the same add-ons make the same bundle in another order: its figures
    // and verdicts are the same but for the add-on anchor, which depends on the main.
    let mut by_set: HashMap<Vec<String>, BundleResult> = HashMap::new();
    Ok(mains
        .filter_map(|main| {
            let products = bundle_at_point(content, &at_point, main)?;
            let mut set: Vec<String> = products.iter().map(|p| p.code.clone()).collect();
            set.sort_unstable();
            let known = by_set
                .get(&set)
                .filter(|same| covers(same, &products, &memo));
            let result = match known {
                Some(same) => reordered(same, products, &memo, setting),
                None => {
                    let result = evaluate_bundle_of(
                        content,
                        setting,
                        &point.costs,
                        products,
                        &at_point,
                        &mut memo,
                        &LinkBasis::MATRIX,
                    );
                    if let Ok(done) = &result {
                        by_set.insert(set, done.clone());
                    }
                    result
                }
            };
            Some(MainEvaluation {
                main: main.to_owned(),
                result: result.map_err(|e| e.message()),
            })
        })
        .collect())
}

/// Whether `same` and the memo hold a line and a client cost for each of `products`.
fn covers(same: &BundleResult, products: &[OfferedProduct], memo: &PointMemo) -> bool {
    products
        .iter()
        .all(|p| memo.lines.contains_key(&p.code) && same.products.iter().any(|s| s.code == p.code))
}

/// `same` (a bundle of the same products, see [`covers`]) for another main: lines in the new
/// order, the anchor verdict recomputed for the new main.
fn reordered(
    same: &BundleResult,
    products: Vec<OfferedProduct>,
    memo: &PointMemo,
    setting: &Setting<'_>,
) -> Result<BundleResult, EngineError> {
    let line_of = |code: &str| {
        let at = same.products.iter().position(|p| p.code == code);
        at.and_then(|i| same.breakdown.lines.get(i))
            .cloned()
            .unwrap_or_else(|| same.breakdown.lines[0].clone())
    };
    let lines: Vec<BundleLine> = products.iter().map(|p| line_of(&p.code)).collect();
    let bundled: Vec<Decimal> = (products.iter())
        .map(|p| {
            memo.lines
                .get(&p.code)
                .map_or(Decimal::ZERO, |m| m.pair.bundled)
        })
        .collect();
    let mut breakdown = same.breakdown.clone();
    breakdown.lines = lines;
    let mut checks = same.checks.clone();
    if let Some(anchor) = (checks.verdicts.iter_mut()).find(|v| v.check == Check::AddonAnchor) {
        *anchor = addon_anchor(
            &products[0].code,
            bundled[0],
            &bundled[1..],
            setting.settings.addon_anchor_threshold,
            breakdown.currency,
        )?;
    }
    Ok(BundleResult {
        products,
        breakdown,
        checks,
        links: same.links.clone(),
        alone: same.alone.clone(),
    })
}

/// What one point's bundles share: each product's verdict alone, and its line and client cost
/// inside a bundle (valid while its terms and usage are the same, which conditional terms and
/// a package can change).
#[derive(Default)]
struct PointMemo {
    alone: HashMap<String, Arc<Verdict>>,
    lines: HashMap<String, LineMemo>,
}

struct LineMemo {
    terms: Terms,
    usage: crate::domain::product::Usage,
    standalone: Terms,
    line: BundleLine,
    pair: ClientCostPair,
}

impl PointMemo {
    fn line(
        &mut self,
        position: &Position<'_>,
        standalone: &Terms,
        costs: &SalesPointCosts,
        valuation: &Valuation<'_>,
    ) -> Result<(BundleLine, ClientCostPair), EngineError> {
        if let Some(memo) = self.lines.get(position.code)
            && memo.terms == *position.terms
            && memo.usage == *position.usage
            && memo.standalone == *standalone
        {
            return Ok((memo.line.clone(), memo.pair));
        }
        let line = evaluate_line(position, costs, valuation)?;
        let pair = client_cost_pair(position, standalone, valuation)?;
        self.lines.insert(
            position.code.to_owned(),
            LineMemo {
                terms: *position.terms,
                usage: *position.usage,
                standalone: *standalone,
                line: line.clone(),
                pair,
            },
        );
        Ok((line, pair))
    }
}

/// What a bundle's links are checked against: in the matrix, nothing held and each product's
/// figures from its cell; at the desk, the client's holdings and chosen amounts.
pub struct LinkBasis<'a> {
    pub held: Option<&'a BTreeSet<String>>,
    /// A product's amount for a limit link (see [`linked_amount`]).
    pub amount_of: fn(&OfferedProduct) -> Decimal,
}

impl LinkBasis<'static> {
    const MATRIX: Self = Self {
        held: None,
        amount_of: |p| linked_amount(p.kind, &p.terms),
    };
}

/// One combined product (as built for a client: held and dropped products left out, chosen
/// amounts set) evaluated at a point, exactly as [`evaluate_version`] evaluates the matrix's.
///
/// # Errors
/// Arithmetic failure or a missing exchange rate.
pub fn evaluate_offer(
    content: &MatrixContent,
    setting: &Setting<'_>,
    costs: &SalesPointCosts,
    products: Vec<OfferedProduct>,
    at_point: &[(CatalogEntry<'_>, Arc<ResolvedCell>)],
    links: &LinkBasis<'_>,
) -> Result<BundleResult, EngineError> {
    let mut memo = PointMemo::default();
    evaluate_bundle_of(
        content, setting, costs, products, at_point, &mut memo, links,
    )
}

fn evaluate_bundle_of(
    content: &MatrixContent,
    setting: &Setting<'_>,
    costs: &SalesPointCosts,
    mut products: Vec<OfferedProduct>,
    at_point: &[(CatalogEntry<'_>, Arc<ResolvedCell>)],
    memo: &mut PointMemo,
    basis: &LinkBasis<'_>,
) -> Result<BundleResult, EngineError> {
    let standalone = |code: &str| at_point.iter().find(|(e, _)| e.code == code);
    let standalone_terms: Vec<Terms> = products
        .iter()
        .map(|p| standalone(&p.code).map_or_else(Terms::default, |(e, _)| *e.terms))
        .collect();
    // A service package waives the products' own period fees: the package fee replaces them.
    let package_fee = match content.package_fee {
        Some(monthly) => {
            for product in &mut products {
                product.terms.monthly_fee = Decimal::ZERO;
                product.terms.annual_fee = Decimal::ZERO;
            }
            monthly.checked_mul(dec!(12)).ok_or(EngineError::overflow(
                crate::domain::profitability::Quantity::BundleRevenue,
            ))?
        }
        None => Decimal::ZERO,
    };
    let positions: Vec<Position<'_>> = products.iter().map(OfferedProduct::position).collect();
    let settings = setting.settings;
    let valuation = setting.valuation;
    let mut pairs = Vec::with_capacity(positions.len());
    let mut next = 0;
    let mut breakdown = evaluate_bundle_with(
        &positions,
        &settings.bundle,
        costs,
        &valuation,
        &mut |position| {
            let standalone = standalone_terms.get(next).copied().unwrap_or_default();
            next += 1;
            let (line, pair) = memo.line(position, &standalone, costs, &valuation)?;
            pairs.push(pair);
            Ok(line)
        },
    )?;
    if content.package_fee.is_some() {
        breakdown = breakdown.with_package_fee(package_fee)?;
    }
    let review = BundleReview {
        positions: &positions,
        standalone_terms: &standalone_terms,
        main: 0,
        params: &settings.bundle,
        point: costs,
        addon_anchor_threshold: settings.addon_anchor_threshold,
        valuation: setting.valuation,
        package_fee,
        client_pairs: Some(&pairs),
    };
    let checks = review_bundle(&review, &breakdown)?;

    let links = if content.links.is_empty() {
        Vec::new()
    } else {
        let context = LinkContext {
            in_bundle: products.iter().map(|p| p.code.clone()).collect(),
            held: basis.held.cloned().unwrap_or_default(),
            amounts: products
                .iter()
                .map(|p| (p.code.clone(), (basis.amount_of)(p)))
                .collect(),
        };
        (content.links.iter())
            .filter_map(|link| link.check(&context))
            .collect()
    };

    let mut alone = Vec::with_capacity(products.len());
    for product in &products {
        if let Some(known) = memo.alone.get(&product.code) {
            alone.push(Arc::clone(known));
        } else if let Some((entry, _)) = standalone(&product.code) {
            let verdict = Arc::new(alone_verdict(product, entry, costs, setting)?);
            memo.alone
                .insert(product.code.clone(), Arc::clone(&verdict));
            alone.push(verdict);
        }
    }
    Ok(BundleResult {
        products,
        breakdown,
        checks,
        links,
        alone,
    })
}

/// The amount a link compares for a product in the matrix: a card's credit limit, another's
/// minimum amount (the smallest deposit the bundle can be opened with).
pub fn linked_amount(kind: ProductKind, terms: &Terms) -> Decimal {
    if kind == ProductKind::CreditCard {
        terms.credit_limit
    } else {
        terms.min_amount
    }
}

/// Break-even of a product sold alone: standalone terms, the segment's usage alone (the
/// catalog's typical usage where the matrix says nothing), bearing a whole visit.
fn alone_verdict(
    product: &OfferedProduct,
    entry: &CatalogEntry<'_>,
    costs: &SalesPointCosts,
    setting: &Setting<'_>,
) -> Result<Verdict, EngineError> {
    let mut usage: Usage = *entry.usage;
    let mut economics = *entry.economics;
    let mut terms = *entry.terms;
    for (figure, value) in &product.cell.usage_alone {
        *figure.slot(&mut economics, &mut terms, &mut usage) = *value;
    }
    let position = Position {
        code: &product.code,
        kind: product.kind,
        currency: product.currency,
        economics: entry.economics,
        terms: &terms,
        usage: &usage,
    };
    let local = costs.in_currency(product.currency, &setting.valuation)?;
    let breakdown = position
        .evaluate(&local, true)
        .map_err(|e| e.in_product(&product.code))?;
    Ok(break_even(&product.code, &breakdown, product.currency))
}
