//! A matrix version evaluated the way an advisor would offer it: at every sales point, for
//! every main-product candidate, the combined product (main + that point's add-ons) through the
//! profitability engine, with its verdicts, its links checked, and which of them block
//! publishing (and, later, finance's approval).

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::cell::ResolvedCell;
use super::link::{LinkCheck, LinkContext};
use super::offer::{CatalogEntry, OfferedProduct, bundle_at_point, resolve_point};
use super::version::MatrixContent;
use crate::domain::bank::{BankSettings, SalesPoint};
use crate::domain::message::Message;
use crate::domain::product::{ProductKind, Terms, Usage};
use crate::domain::profitability::verdicts::break_even;
use crate::domain::profitability::{
    BundleBreakdown, BundleChecks, BundleReview, EngineError, Outcome, Position, Reason, Verdict,
    evaluate_bundle, review_bundle,
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
    /// Each product alone at its standalone terms and the segment's usage alone.
    pub alone: Vec<Verdict>,
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
        let alone = self.alone.iter().filter(|v| v.outcome == Outcome::Fail);
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
    points
        .iter()
        .map(|point| PointEvaluation {
            point: point.code.clone(),
            bundles: evaluate_point(content, setting, point),
        })
        .collect()
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
) -> Result<Vec<MainEvaluation>, Message> {
    let at_point =
        resolve_point(content, setting.catalog, &point.place()).map_err(|e| e.message())?;
    let mains = at_point
        .iter()
        .filter(|(_, cell)| cell.role.may_be_main())
        .map(|(entry, _)| entry.code);
    // A product alone does not depend on the main product: evaluated once per point.
    let mut alone = HashMap::new();
    Ok(mains
        .filter_map(|main| {
            let products = bundle_at_point(content, &at_point, main)?;
            let result = evaluate_bundle_of(
                content,
                setting,
                &point.costs,
                products,
                &at_point,
                &mut alone,
            );
            Some(MainEvaluation {
                main: main.to_owned(),
                result: result.map_err(|e| e.message()),
            })
        })
        .collect())
}

fn evaluate_bundle_of(
    content: &MatrixContent,
    setting: &Setting<'_>,
    costs: &SalesPointCosts,
    mut products: Vec<OfferedProduct>,
    at_point: &[(CatalogEntry<'_>, ResolvedCell)],
    alone_at_point: &mut HashMap<String, Verdict>,
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
    let mut breakdown = evaluate_bundle(&positions, &settings.bundle, costs, &setting.valuation)?;
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
    };
    let checks = review_bundle(&review, &breakdown)?;

    let context = LinkContext {
        in_bundle: products.iter().map(|p| p.code.clone()).collect(),
        held: Default::default(),
        amounts: products
            .iter()
            .map(|p| (p.code.clone(), linked_amount(p.kind, &p.terms)))
            .collect(),
    };
    let links = content
        .links
        .iter()
        .filter_map(|link| link.check(&context))
        .collect();

    let mut alone = Vec::with_capacity(products.len());
    for product in &products {
        if let Some(known) = alone_at_point.get(&product.code) {
            alone.push(known.clone());
        } else if let Some((entry, _)) = standalone(&product.code) {
            let verdict = alone_verdict(product, entry, costs, setting)?;
            alone_at_point.insert(product.code.clone(), verdict.clone());
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

/// The amount a link compares for a product: a card's credit limit, another's minimum amount.
fn linked_amount(kind: ProductKind, terms: &Terms) -> Decimal {
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
