//! Each verdict at its boundary.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{Owned, bundle_of, flat, free_point};
use crate::domain::money::Currency;
use crate::domain::product::{Economics, ProductKind, Terms, Usage};
use crate::domain::profitability::verdicts::{
    addon_anchor, break_even, bundle_margin, bundle_profit, client_saving, single_visit,
    subsidized, suspension,
};
use crate::domain::profitability::{Outcome, Reason, SalesPointCosts};

#[test]
fn exactly_zero_profit_breaks_even() {
    let b = flat("P", dec!(100), dec!(100))
        .position()
        .evaluate(&free_point(), true)
        .unwrap();
    assert_eq!(b.profit, Decimal::ZERO);
    assert_eq!(
        break_even("P", &b, Currency::RUB).reason,
        Reason::BreaksEven
    );
    let b = flat("P", dec!(100), dec!(100.01))
        .position()
        .evaluate(&free_point(), true)
        .unwrap();
    assert_eq!(break_even("P", &b, Currency::RUB).outcome, Outcome::Fail);
}

#[test]
fn zero_or_negative_revenue_leaves_the_margin_undefined() {
    let b = flat("P", Decimal::ZERO, dec!(10))
        .position()
        .evaluate(&free_point(), true)
        .unwrap();
    assert_eq!(b.revenue, Decimal::ZERO);
    assert_eq!(b.margin, None);
    // A deposit paying more than it earns has negative revenue: still no margin, not a positive one.
    let economics = Economics {
        ftp_rate: dec!(0.05),
        servicing_cost: dec!(1),
        ..Economics::with_lifetime(dec!(1))
    };
    let deposit = Owned::new(
        "D",
        ProductKind::Deposit,
        economics,
        Terms {
            client_rate: dec!(0.10),
            ..Terms::default()
        },
        Usage {
            avg_balance: dec!(1000),
            ..Usage::default()
        },
    );
    let b = deposit.position().evaluate(&free_point(), true).unwrap();
    assert!(b.revenue < Decimal::ZERO && b.profit < Decimal::ZERO);
    assert_eq!(b.margin, None);
}

#[test]
fn a_bundle_without_revenue_fails_the_margin_check() {
    let bundle = bundle_of(&[flat("P", Decimal::ZERO, Decimal::ZERO)], dec!(0.15));
    let verdict = bundle_margin(&bundle, dec!(0.15));
    assert_eq!(
        (verdict.reason, verdict.outcome),
        (Reason::MarginUndefined, Outcome::Fail)
    );
}

#[test]
fn a_margin_exactly_at_the_target_passes() {
    let bundle = bundle_of(&[flat("P", dec!(100), dec!(85))], dec!(0.15));
    assert_eq!(bundle.margin, Some(dec!(0.15)));
    assert_eq!(bundle_margin(&bundle, dec!(0.15)).reason, Reason::MarginMet);
    assert_eq!(
        bundle_margin(&bundle, dec!(0.1500001)).reason,
        Reason::MarginBelowTarget
    );
}

#[test]
fn exactly_zero_bundle_profit_passes_and_a_loss_fails() {
    assert_eq!(
        bundle_profit(&bundle_of(&[flat("P", dec!(10), dec!(10))], dec!(0))).reason,
        Reason::BundleProfitable
    );
    assert_eq!(
        bundle_profit(&bundle_of(&[flat("P", dec!(10), dec!(11))], dec!(0))).reason,
        Reason::BundleLoss
    );
}

#[test]
fn losses_are_subsidized_only_inside_a_profitable_bundle() {
    let products = [
        flat("WIN", dec!(100), dec!(10)),
        flat("LOSE", dec!(10), dec!(20)),
    ];
    let found = subsidized(&bundle_of(&products, dec!(0)), &["WIN", "LOSE"]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].reason, found[0].product.as_deref()),
        (Reason::Subsidized, Some("LOSE"))
    );
    let losing = [
        flat("WIN", dec!(10), dec!(9)),
        flat("LOSE", dec!(10), dec!(20)),
    ];
    assert!(subsidized(&bundle_of(&losing, dec!(0)), &["WIN", "LOSE"]).is_empty());
}

#[test]
fn equal_client_cost_is_no_worse_and_a_dearer_bundle_fails() {
    assert_eq!(
        client_saving(dec!(100), dec!(100), Currency::RUB)
            .unwrap()
            .reason,
        Reason::ClientSaves
    );
    let dearer = client_saving(dec!(100), dec!(100.01), Currency::RUB).unwrap();
    assert_eq!(
        (dearer.reason, dearer.outcome),
        (Reason::ClientPaysMore, Outcome::Fail)
    );
}

#[test]
fn addon_anchor_boundaries() {
    let check = |main, addons: &[Decimal]| {
        addon_anchor("MAIN", main, addons, dec!(0.25), Currency::RUB).unwrap()
    };
    assert_eq!(
        check(dec!(1000), &[dec!(100), dec!(150)]).reason,
        Reason::AnchorWithin
    );
    let over = check(dec!(1000), &[dec!(100), dec!(150.01)]);
    assert_eq!(
        (over.reason, over.outcome),
        (Reason::AnchorExceeded, Outcome::Warning)
    );
    // A deposit's earnings are not a price: they neither count nor offset.
    assert_eq!(
        check(dec!(1000), &[dec!(-5000), dec!(250)]).reason,
        Reason::AnchorWithin
    );
    assert_eq!(check(dec!(0), &[dec!(10)]).reason, Reason::AnchorUndefined);
    assert_eq!(
        check(dec!(0), &[dec!(-10), dec!(0)]).reason,
        Reason::NoPaidAddons
    );
}

#[test]
fn single_visit_boundaries() {
    let point = |limit| SalesPointCosts {
        visit_limit_minutes: limit,
        visit_overhead_minutes: dec!(15),
        ..free_point()
    };
    let minutes = [dec!(10), dec!(5)];
    assert_eq!(
        single_visit(&point(Some(dec!(30))), &minutes, Currency::RUB)
            .unwrap()
            .reason,
        Reason::VisitFits
    );
    let long = single_visit(&point(Some(dec!(29.5))), &minutes, Currency::RUB).unwrap();
    assert_eq!(
        (long.reason, long.outcome),
        (Reason::VisitTooLong, Outcome::Fail)
    );
    assert_eq!(
        single_visit(&point(None), &minutes, Currency::RUB)
            .unwrap()
            .reason,
        Reason::NoVisitLimit
    );
}

#[test]
fn suspension_needs_all_three_facts() {
    let losing = flat("P", dec!(10), dec!(20))
        .position()
        .evaluate(&free_point(), true)
        .unwrap();
    let profitable = flat("P", dec!(20), dec!(10))
        .position()
        .evaluate(&free_point(), true)
        .unwrap();
    let rub = Currency::RUB;
    assert_eq!(
        suspension("P", &losing, false, false, rub).reason,
        Reason::SuspensionRecommended
    );
    assert_eq!(
        suspension("P", &losing, true, false, rub).reason,
        Reason::KeepInBundle
    );
    assert_eq!(
        suspension("P", &losing, false, true, rub).reason,
        Reason::KeepCostsReducible
    );
    assert_eq!(
        suspension("P", &profitable, false, false, rub).reason,
        Reason::KeepProfitable
    );
}
