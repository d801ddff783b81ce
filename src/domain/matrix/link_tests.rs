use std::collections::{BTreeMap, BTreeSet};

use rust_decimal_macros::dec;

use super::*;
use crate::domain::product::Figure;

fn bundle(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

fn card_within_half_the_deposit() -> Link {
    Link::LimitWithinShare {
        card: "CC_GRACE".into(),
        deposit: "DEP_PLUS".into(),
        share: dec!(0.5),
    }
}

fn with_amounts(limit: rust_decimal::Decimal, amount: rust_decimal::Decimal) -> LinkContext {
    LinkContext {
        in_bundle: bundle(&["CC_GRACE", "DEP_PLUS"]),
        held: BTreeSet::new(),
        amounts: BTreeMap::from([("CC_GRACE".into(), limit), ("DEP_PLUS".into(), amount)]),
    }
}

#[test]
fn a_card_limit_holds_up_to_exactly_its_share_of_the_deposit() {
    let link = card_within_half_the_deposit();
    assert!(
        link.check(&with_amounts(dec!(50000), dec!(100000)))
            .unwrap()
            .holds
    );
    assert!(
        link.check(&with_amounts(dec!(49999.99), dec!(100000)))
            .unwrap()
            .holds
    );
    let over = link
        .check(&with_amounts(dec!(50000.01), dec!(100000)))
        .unwrap();
    assert!(!over.holds);
    assert_eq!(over.message.key, "link-limit-over");
    assert_eq!(over.message.arg("limit_number"), Some("50000.01"));
    assert_eq!(over.message.arg("share_percent"), Some("0.5"));
}

#[test]
fn a_limit_link_applies_only_to_bundles_with_both_products_and_needs_their_amounts() {
    let link = card_within_half_the_deposit();
    let card_alone = LinkContext {
        in_bundle: bundle(&["CC_GRACE"]),
        ..LinkContext::default()
    };
    assert_eq!(link.check(&card_alone), None);
    let no_amount = LinkContext {
        in_bundle: bundle(&["CC_GRACE", "DEP_PLUS"]),
        ..LinkContext::default()
    };
    let check = link.check(&no_amount).unwrap();
    assert!(!check.holds);
    assert_eq!(check.message.key, "link-amount-missing");
    let huge = link.check(&with_amounts(dec!(1), rust_decimal::Decimal::MAX));
    assert!(huge.is_some(), "overflow is a verdict, not a panic");
}

#[test]
fn a_product_that_needs_another_finds_it_held_or_in_the_bundle() {
    let link = Link::Requires {
        product: "VCARD".into(),
        needs: "CUR_ACC".into(),
    };
    let context = |in_bundle: &[&str], held: &[&str]| LinkContext {
        in_bundle: bundle(in_bundle),
        held: bundle(held),
        ..LinkContext::default()
    };
    assert!(
        link.check(&context(&["VCARD", "CUR_ACC"], &[]))
            .unwrap()
            .holds
    );
    assert!(
        link.check(&context(&["VCARD"], &["CUR_ACC"]))
            .unwrap()
            .holds
    );
    assert!(
        !link
            .check(&context(&["VCARD", "DEP_PLUS"], &[]))
            .unwrap()
            .holds
    );
    assert_eq!(link.check(&context(&["CUR_ACC"], &[])), None);
}

#[test]
fn excluded_products_never_go_together() {
    let link = Link::Excludes {
        first: "DEP_PLUS".into(),
        second: "DEP_FLEX".into(),
    };
    let context = |codes: &[&str]| LinkContext {
        in_bundle: bundle(codes),
        ..LinkContext::default()
    };
    assert!(
        !link
            .check(&context(&["DEP_PLUS", "DEP_FLEX"]))
            .unwrap()
            .holds
    );
    assert!(link.check(&context(&["DEP_PLUS"])).unwrap().holds);
    assert_eq!(link.check(&context(&["CUR_ACC"])), None);
}

#[test]
fn a_conditional_term_applies_only_with_its_partner_product() {
    let links = [
        Link::ConditionalTerm {
            product: "DEP_PLUS".into(),
            with: "FUND_UNITS".into(),
            figure: Figure::ClientRate,
            value: dec!(0.12),
        },
        card_within_half_the_deposit(),
    ];
    assert!(conditional_terms(&links, &bundle(&["DEP_PLUS"])).is_empty());
    let terms = conditional_terms(&links, &bundle(&["DEP_PLUS", "FUND_UNITS"]));
    assert_eq!(
        terms,
        BTreeMap::from([(("DEP_PLUS".to_owned(), Figure::ClientRate), dec!(0.12))])
    );
    assert_eq!(links[0].check(&LinkContext::default()), None);
}
