//! The worked example's bundle, written as a matrix, reproduced to the kopeck.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal_macros::dec;

use super::*;
use crate::domain::evaluation::fixtures::worked_example;
use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::product::{Figure, FigureGroup};
use crate::domain::profitability::{Valuation, evaluate_bundle};

pub(crate) fn head_office() -> PointPlace {
    PointPlace {
        code: "MSK-HO".into(),
        groups: vec!["format:ho".into()],
        opens: crate::domain::setup::OpenableKinds::All,
    }
}

/// The example's bundle as bank-wide cells: the main product's role, and for each product only
/// the terms that differ from its standalone ones, its usage alone and in the bundle.
pub(crate) fn example_matrix() -> MatrixContent {
    let doc = worked_example();
    let mut content = MatrixContent::default();
    for (position, (index, sale)) in doc.bundle.iter().enumerate() {
        let spec = &doc.products[*index];
        let alone = &doc.standalone[*index];
        let economics = spec.economics;
        let figures = |group, terms, usage| -> BTreeMap<Figure, rust_decimal::Decimal> {
            Figure::of(group)
                .map(|f| (f, f.get(&economics, terms, usage)))
                .collect()
        };
        let standalone_terms = figures(FigureGroup::Terms, &alone.terms, &alone.usage);
        let patch = CellPatch {
            role: Some(if position == doc.bundle_main {
                Role::MainOrAddOn
            } else {
                Role::AddOn
            }),
            terms: figures(FigureGroup::Terms, &sale.terms, &sale.usage)
                .into_iter()
                .filter(|(f, v)| standalone_terms[f] != *v)
                .collect(),
            usage_alone: figures(FigureGroup::Usage, &alone.terms, &alone.usage),
            usage_in_bundle: figures(FigureGroup::Usage, &sale.terms, &sale.usage),
            order: Some(u16::try_from(position).unwrap()),
            ..CellPatch::default()
        };
        assert!(patch.check().is_ok());
        content.set_cell(&spec.code, Scope::AllPoints, patch);
    }
    content
}

/// The worked example's products as the catalog a matrix builds on.
fn catalog_of(doc: &crate::domain::evaluation::Document) -> Vec<CatalogEntry<'_>> {
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

#[test]
fn the_example_matrix_offers_the_worked_example_bundle_to_the_kopeck() {
    let doc = worked_example();
    let catalog = catalog_of(&doc);
    let main = &doc.products[doc.bundle[doc.bundle_main].0].code;

    let offered = combined_product(&example_matrix(), &catalog, &head_office(), main)
        .unwrap()
        .expect("the main product is offered");

    assert_eq!(offered[0].code, *main, "the main product comes first");
    assert_eq!(offered.len(), doc.bundle.len());
    let positions: Vec<_> = offered.iter().map(OfferedProduct::position).collect();
    let rates = ExchangeRates::new(Currency::RUB);
    let valuation = Valuation {
        rates: &rates,
        on: NaiveDate::default(),
    };
    let bundle =
        evaluate_bundle(&positions, &doc.bank.bundle, &doc.bank.point, &valuation).unwrap();
    assert_eq!(bundle.revenue.round_dp(2), dec!(18968.00));
    assert_eq!(bundle.profit.round_dp(2), dec!(11148.00));
    assert_eq!(bundle.margin.map(|m| m.round_dp(4)), Some(dec!(0.5877)));
}

#[test]
fn only_a_main_product_candidate_gets_a_combined_product() {
    let doc = worked_example();
    let catalog = catalog_of(&doc);
    let add_on_only = doc
        .products
        .iter()
        .enumerate()
        .find(|(i, _)| doc.bundle.iter().position(|(b, _)| b == i) != Some(doc.bundle_main))
        .map(|(_, p)| p.code.clone())
        .unwrap();
    let offered = combined_product(&example_matrix(), &catalog, &head_office(), &add_on_only);
    assert!(offered.unwrap().is_none());
    let unknown = combined_product(&example_matrix(), &catalog, &head_office(), "NOPE");
    assert!(unknown.unwrap().is_none());
}

#[test]
fn a_point_that_cannot_open_a_kind_is_never_offered_it() {
    use crate::domain::product::ProductKind;
    use crate::domain::setup::OpenableKinds;
    let doc = worked_example();
    let catalog = catalog_of(&doc);
    let main = &doc.products[doc.bundle[doc.bundle_main].0].code;
    let main_kind = doc.products[doc.bundle[doc.bundle_main].0].kind;
    let everywhere = combined_product(&example_matrix(), &catalog, &head_office(), main)
        .unwrap()
        .unwrap();
    let dropped_kind = everywhere
        .iter()
        .map(|p| p.kind)
        .find(|k| *k != main_kind)
        .expect("the example has add-ons");
    let small_office = PointPlace {
        opens: OpenableKinds::from_kinds(
            ProductKind::ALL.into_iter().filter(|k| *k != dropped_kind),
        ),
        ..head_office()
    };

    let there = combined_product(&example_matrix(), &catalog, &small_office, main)
        .unwrap()
        .expect("the main product is still offered");

    assert!(there.iter().all(|p| p.kind != dropped_kind));
    assert_eq!(
        there.len(),
        everywhere.iter().filter(|p| p.kind != dropped_kind).count()
    );
    let no_main = PointPlace {
        opens: OpenableKinds::from_kinds(ProductKind::ALL.into_iter().filter(|k| *k != main_kind)),
        ..head_office()
    };
    assert!(
        combined_product(&example_matrix(), &catalog, &no_main, main)
            .unwrap()
            .is_none(),
        "a main product the point cannot open is no bundle there"
    );
}
