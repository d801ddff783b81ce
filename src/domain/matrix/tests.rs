use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::domain::product::Figure;

fn place(code: &str, groups: &[&str]) -> PointPlace {
    PointPlace {
        code: code.into(),
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        opens: crate::domain::setup::OpenableKinds::All,
    }
}

fn group(name: &str) -> Scope {
    Scope::Group(name.into())
}

fn point(code: &str) -> Scope {
    Scope::Point(code.into())
}

fn fee(value: Decimal) -> CellPatch {
    CellPatch {
        terms: BTreeMap::from([(Figure::MonthlyFee, value)]),
        ..CellPatch::default()
    }
}

#[test]
fn the_most_specific_cell_wins_field_by_field() {
    let cells = [
        (
            Scope::AllPoints,
            CellPatch {
                role: Some(Role::AddOn),
                take_up: Some(dec!(0.25)),
                ..fee(dec!(300))
            },
        ),
        (group("format:kko"), fee(dec!(150))),
        (
            point("NSK-KKO"),
            CellPatch {
                take_up: Some(dec!(0.40)),
                ..CellPatch::default()
            },
        ),
    ];

    let at_kko = resolve(&cells, &place("NSK-KKO", &["format:kko"])).unwrap();

    assert_eq!(at_kko.role, Role::AddOn);
    assert_eq!(at_kko.terms[&Figure::MonthlyFee], dec!(150));
    assert_eq!(at_kko.take_up, Some(dec!(0.40)));
    assert_eq!(at_kko.from["role"], Scope::AllPoints);
    assert_eq!(at_kko.from["terms.monthly_fee"], group("format:kko"));
    assert_eq!(at_kko.from["take_up"], point("NSK-KKO"));

    let at_head_office = resolve(&cells, &place("MSK-HO", &["format:ho"])).unwrap();
    assert_eq!(at_head_office.terms[&Figure::MonthlyFee], dec!(300));
    assert_eq!(at_head_office.take_up, Some(dec!(0.25)));
}

#[test]
fn a_product_no_cell_reaches_is_not_offered_and_inherits_nothing() {
    let cells = [(point("MSK-HO"), fee(dec!(100)))];
    let elsewhere = resolve(&cells, &place("NSK-KKO", &[])).unwrap();
    assert_eq!(elsewhere.role, Role::NotOffered);
    assert!(elsewhere.terms.is_empty() && elsewhere.from.is_empty());
}

#[test]
fn two_groups_of_a_point_that_disagree_must_be_settled_by_the_bank() {
    let cells = [
        (group("format:kko"), fee(dec!(150))),
        (group("region:siberia"), fee(dec!(120))),
    ];
    let point_in_both = place("NSK-KKO", &["format:kko", "region:siberia"]);

    let error = resolve(&cells, &point_in_both).unwrap_err();
    assert_eq!(error.field, "terms.monthly_fee");
    assert_eq!(error.point, "NSK-KKO");

    // Agreeing groups are no conflict; a point's own cell settles a disagreement.
    let agreeing = [
        (group("format:kko"), fee(dec!(150))),
        (group("region:siberia"), fee(dec!(150))),
    ];
    assert!(resolve(&agreeing, &point_in_both).is_ok());
    let settled = [
        (group("format:kko"), fee(dec!(150))),
        (group("region:siberia"), fee(dec!(120))),
        (point("NSK-KKO"), fee(dec!(130))),
    ];
    let cell = resolve(&settled, &point_in_both).unwrap();
    assert_eq!(cell.terms[&Figure::MonthlyFee], dec!(130));
}

#[test]
fn roles_say_what_a_product_may_be() {
    assert!(Role::MainOrAddOn.may_be_main() && Role::MainOrAddOn.may_be_add_on());
    assert!(Role::Main.may_be_main() && !Role::Main.may_be_add_on());
    assert!(!Role::AddOn.may_be_main() && Role::AddOn.may_be_add_on());
    assert!(!Role::NotOffered.may_be_main() && !Role::NotOffered.may_be_add_on());
}

#[test]
fn the_uplift_is_derived_exactly_and_absent_without_usage_alone() {
    assert_eq!(uplift(dec!(20000), dec!(26000)), Some(dec!(0.3)));
    assert_eq!(
        uplift(dec!(3), dec!(4)).map(|u| u.round_dp(4)),
        Some(dec!(0.3333))
    );
    assert_eq!(uplift(dec!(100), dec!(80)), Some(dec!(-0.2)));
    assert_eq!(uplift(Decimal::ZERO, dec!(5)), None);
    assert_eq!(
        uplift(Decimal::MIN, Decimal::MAX),
        None,
        "overflow is no ratio, not a panic"
    );
}

#[test]
fn a_patch_names_each_problem_by_its_field() {
    let patch = CellPatch {
        terms: BTreeMap::from([(Figure::AvgBalance, dec!(1))]),
        usage_in_bundle: BTreeMap::from([(Figure::Transactions, dec!(-1))]),
        take_up: Some(dec!(1.2)),
        talking_points: Some("x".repeat(CellPatch::MAX_TALKING_POINTS_CHARS + 1)),
        ..CellPatch::default()
    };
    let fields: Vec<String> = patch
        .check()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "terms.avg_balance",
            "usage_in_bundle.transactions",
            "take_up",
            "talking_points"
        ]
    );
    assert!(fee(dec!(0)).check().is_ok());
}

fn scope() -> impl Strategy<Value = Scope> {
    prop_oneof![
        Just(Scope::AllPoints),
        Just(group("format:kko")),
        Just(point("NSK-KKO")),
        Just(point("MSK-HO")),
    ]
}

fn patch() -> impl Strategy<Value = CellPatch> {
    (
        proptest::option::of(0u32..1000),
        proptest::option::of(0u32..100),
    )
        .prop_map(|(fee, take_up)| CellPatch {
            terms: fee
                .map(|f| BTreeMap::from([(Figure::MonthlyFee, Decimal::from(f))]))
                .unwrap_or_default(),
            take_up: take_up.map(|t| Decimal::new(i64::from(t), 2)),
            ..CellPatch::default()
        })
}

proptest! {
    /// With at most one cell per scope, each field comes from the most specific cell that sets
    /// it and reaches the point, whatever the order of the cells.
    #[test]
    fn each_field_comes_from_the_most_specific_cell_that_sets_it(
        cells in proptest::collection::btree_map(scope(), patch(), 0..4),
    ) {
        let cells: Vec<(Scope, CellPatch)> = cells.into_iter().collect();
        let at = place("NSK-KKO", &["format:kko"]);
        let resolved = resolve(&cells, &at).unwrap();
        let mut reversed = cells.clone();
        reversed.reverse();
        prop_assert_eq!(&resolve(&reversed, &at).unwrap(), &resolved);

        let expected_fee = cells
            .iter()
            .filter(|(s, p)| s.applies_to(&at) && p.terms.contains_key(&Figure::MonthlyFee))
            .max_by_key(|(s, _)| s.specificity())
            .map(|(_, p)| p.terms[&Figure::MonthlyFee]);
        prop_assert_eq!(resolved.terms.get(&Figure::MonthlyFee).copied(), expected_fee);
        let expected_take_up = cells
            .iter()
            .filter(|(s, p)| s.applies_to(&at) && p.take_up.is_some())
            .max_by_key(|(s, _)| s.specificity())
            .and_then(|(_, p)| p.take_up);
        prop_assert_eq!(resolved.take_up, expected_take_up);
    }
}

#[test]
fn a_scope_reads_back_from_its_key_and_nothing_else_does() {
    for scope in [Scope::AllPoints, group("format:kko"), point("MSK-HO")] {
        assert_eq!(Scope::from_key(&scope.key()), Some(scope));
    }
    assert_eq!(point("MSK-HO").key(), "point:MSK-HO");
    for bad in ["", "all:x", "point:", "region:Moscow", "everything"] {
        assert_eq!(Scope::from_key(bad), None, "{bad}");
    }
}
