//! A version evaluated at sales points: the worked example's bundle, what blocks and what only
//! warns, the service package, and cells that disagree.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::offer_tests::example_matrix;
use super::*;
use crate::domain::bank::{BankSettings, SalesPoint};
use crate::domain::evaluation::Document;
use crate::domain::evaluation::fixtures::worked_example;
use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::product::{Figure, ProductKind};
use crate::domain::profitability::{Reason, SalesPointCosts, Valuation};

fn settings(doc: &Document) -> BankSettings {
    BankSettings {
        name: "Bank".into(),
        reporting_currency: Currency::RUB,
        bundle: doc.bank.bundle,
        addon_anchor_threshold: doc.bank.addon_anchor_threshold,
        desk: crate::domain::bank::DeskSettings::default(),
    }
}

fn point(code: &str, costs: SalesPointCosts) -> SalesPoint {
    SalesPoint {
        code: code.into(),
        name: code.into(),
        city: "Moscow".into(),
        region: "Moscow".into(),
        format: "ho".into(),
        costs,
        active: true,
        opens: crate::domain::setup::OpenableKinds::All,
    }
}

fn catalog(doc: &Document) -> Vec<CatalogEntry<'_>> {
    doc.products
        .iter()
        .zip(&doc.standalone)
        .map(|(spec, sale)| CatalogEntry {
            code: &spec.code,
            kind: spec.kind,
            currency: spec.currency,
            economics: &spec.economics,
            terms: &sale.terms,
            usage: &sale.usage,
        })
        .collect()
}

fn main_code(doc: &Document) -> String {
    doc.products[doc.bundle[doc.bundle_main].0].code.clone()
}

/// Evaluates `content` at one point with the worked example's catalog and bank.
pub(crate) fn evaluate(content: &MatrixContent, costs: SalesPointCosts) -> Vec<PointEvaluation> {
    let doc = worked_example();
    let rates = ExchangeRates::new(Currency::RUB);
    let settings = settings(&doc);
    let catalog = catalog(&doc);
    let setting = Setting {
        catalog: &catalog,
        settings: &settings,
        valuation: Valuation {
            rates: &rates,
            on: NaiveDate::default(),
        },
    };
    evaluate_version(content, &setting, &[point("MSK-HO", costs)])
}

fn only_bundle(evaluations: &[PointEvaluation]) -> &BundleResult {
    let bundles = evaluations[0].bundles.as_ref().expect("cells agree");
    assert_eq!(bundles.len(), 1, "one main product candidate");
    bundles[0].result.as_ref().expect("the engine evaluates it")
}

#[test]
fn the_example_evaluates_to_the_kopeck_and_publishes_despite_a_loss_alone() {
    let doc = worked_example();
    let evaluations = evaluate(&example_matrix(), doc.bank.point);
    let bundle = only_bundle(&evaluations);
    assert_eq!(bundle.products[0].code, main_code(&doc));
    assert_eq!(bundle.breakdown.revenue.round_dp(2), dec!(18968.00));
    assert_eq!(bundle.breakdown.profit.round_dp(2), dec!(11148.00));
    assert!(
        blocking(&evaluations).is_empty(),
        "{:?}",
        blocking(&evaluations)
    );
    // Whatever loses money alone or inside the bundle is a warning, never a block.
    let losing_alone = bundle
        .alone
        .iter()
        .filter(|v| v.reason == Reason::LossAlone)
        .count();
    let subsidized = (bundle.checks.verdicts.iter())
        .filter(|v| v.reason == Reason::Subsidized)
        .count();
    assert!(bundle.warnings().len() >= losing_alone + subsidized);
}

#[test]
fn a_visit_over_the_points_limit_blocks_every_bundle_there() {
    let doc = worked_example();
    let tight = SalesPointCosts {
        visit_limit_minutes: Some(dec!(1)),
        ..doc.bank.point
    };
    let evaluations = evaluate(&example_matrix(), tight);
    let blocked = blocking(&evaluations);
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].key, "matrix-bundle-blocked");
    assert_eq!(blocked[0].arg("reason_key"), Some("verdict-visit-too-long"));
    assert_eq!(blocked[0].arg("point"), Some("MSK-HO"));
    assert_eq!(blocked[0].arg("main"), Some(main_code(&doc).as_str()));
}

#[test]
fn a_card_limit_over_its_share_of_the_deposit_blocks_and_exactly_the_share_passes() {
    let doc = worked_example();
    let card = (doc.products.iter())
        .find(|p| p.kind == ProductKind::CreditCard)
        .expect("the example has a credit card")
        .code
        .clone();
    let deposit = main_code(&doc);
    let with_limits = |limit: Decimal| {
        let mut content = example_matrix();
        for (code, figure, value) in [
            (&card, Figure::CreditLimit, limit),
            (&deposit, Figure::MinAmount, dec!(100000)),
        ] {
            let cell = (content.cells.iter_mut())
                .find(|c| c.product == *code)
                .unwrap();
            cell.patch.terms.insert(figure, value);
        }
        content.links.push(Link::LimitWithinShare {
            card: card.clone(),
            deposit: deposit.clone(),
            share: dec!(0.5),
        });
        content
    };
    let at_share = evaluate(&with_limits(dec!(50000)), doc.bank.point);
    assert!(blocking(&at_share).is_empty(), "{:?}", blocking(&at_share));
    assert!(only_bundle(&at_share).links[0].holds);

    let over = evaluate(&with_limits(dec!(50000.01)), doc.bank.point);
    let blocked = blocking(&over);
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].arg("reason_key"), Some("link-limit-over"));
}

#[test]
fn a_service_package_is_one_fee_with_the_products_own_fees_waived() {
    let doc = worked_example();
    let plain = evaluate(&example_matrix(), doc.bank.point);
    let plain = only_bundle(&plain).clone();
    let mut packaged = example_matrix();
    packaged.package_fee = Some(dec!(100));
    let evaluations = evaluate(&packaged, doc.bank.point);
    let bundle = only_bundle(&evaluations);

    assert_eq!(bundle.breakdown.package_revenue, dec!(1200));
    for product in &bundle.products {
        assert_eq!(product.terms.monthly_fee, Decimal::ZERO, "{}", product.code);
        assert_eq!(product.terms.annual_fee, Decimal::ZERO, "{}", product.code);
    }
    let waived: Decimal = (plain.products.iter())
        .map(|p| p.terms.monthly_fee * dec!(12) + p.terms.annual_fee)
        .sum();
    assert_eq!(
        bundle.breakdown.revenue,
        plain.breakdown.revenue - waived + dec!(1200)
    );
    assert_eq!(
        bundle.checks.client_bundled,
        plain.checks.client_bundled - waived + dec!(1200)
    );
    // Buying separately is unchanged: the waived fees are what the client would pay.
    assert_eq!(bundle.checks.client_separate, plain.checks.client_separate);
}

#[test]
fn cells_that_disagree_leave_the_point_without_a_bundle_and_block() {
    let doc = worked_example();
    let mut content = example_matrix();
    let code = main_code(&doc);
    for (group, fee) in [("format:ho", dec!(1)), ("region:Moscow", dec!(2))] {
        let mut patch = CellPatch::default();
        patch.terms.insert(Figure::MonthlyFee, fee);
        content.set_cell(&code, Scope::Group(group.into()), patch);
    }
    let evaluations = evaluate(&content, doc.bank.point);
    assert!(evaluations[0].bundles.is_err());
    let blocked = blocking(&evaluations);
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].key, "matrix-ambiguous");
}

#[test]
fn a_product_that_is_not_offered_as_main_anywhere_gives_no_bundle() {
    let doc = worked_example();
    let mut content = example_matrix();
    let patch = CellPatch {
        role: Some(Role::AddOn),
        ..CellPatch::default()
    };
    content.set_cell(&main_code(&doc), Scope::Point("MSK-HO".into()), patch);
    let evaluations = evaluate(&content, doc.bank.point);
    assert!(evaluations[0].bundles.as_ref().unwrap().is_empty());
    assert!(blocking(&evaluations).is_empty());
}

#[test]
fn a_main_sharing_its_add_ons_with_another_gets_the_same_figures_as_if_evaluated_alone() {
    let doc = worked_example();
    // The example's main product, and another one made a main-product candidate too.
    let first = main_code(&doc);
    let second = (doc.products.iter())
        .find(|p| p.code != first && p.kind.is_liability())
        .unwrap()
        .code
        .clone();
    let with_role = |code: &str, role: Role| {
        let mut content = example_matrix();
        let cell = (content.cells.iter_mut())
            .find(|c| c.product == code)
            .unwrap();
        cell.patch.role = Some(role);
        content
    };
    // Both mains: the second's bundle reuses the first's figures.
    let mut both = with_role(&second, Role::MainOrAddOn);
    // Only the second: evaluated from scratch.
    let alone = {
        let mut content = both.clone();
        let cell = (content.cells.iter_mut())
            .find(|c| c.product == first)
            .unwrap();
        cell.patch.role = Some(Role::AddOn);
        content
    };
    both.links.clear();
    let shared = evaluate(&both, doc.bank.point);
    let fresh = evaluate(&alone, doc.bank.point);
    let bundle_of = |evaluations: &[PointEvaluation], main: &str| {
        let bundles = evaluations[0].bundles.as_ref().unwrap();
        let found = bundles.iter().find(|b| b.main == main).unwrap();
        found.result.as_ref().unwrap().clone()
    };
    let (reused, computed) = (bundle_of(&shared, &second), bundle_of(&fresh, &second));
    let codes = |b: &BundleResult| {
        b.products
            .iter()
            .map(|p| p.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&reused)[0], second, "the second comes first");
    assert_eq!(codes(&reused), codes(&computed));
    assert_eq!(reused.breakdown, computed.breakdown);
    assert_eq!(reused.checks, computed.checks, "the anchor is the second's");
    let firsts = bundle_of(&shared, &first);
    let anchor = |b: &BundleResult| {
        (b.checks.verdicts.iter())
            .find(|v| v.check == crate::domain::profitability::Check::AddonAnchor)
            .unwrap()
            .message
            .clone()
    };
    assert_ne!(
        anchor(&reused),
        anchor(&firsts),
        "each main has its own anchor"
    );
}
