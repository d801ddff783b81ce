use rust_decimal_macros::dec;

use super::*;
use crate::domain::evaluation::fixtures::worked_example;
use crate::domain::matrix::evaluation_tests::evaluate;
use crate::domain::matrix::offer_tests::example_matrix;
use crate::domain::matrix::{MatrixContent, Role};

/// The worked example's matrix with every add-on's take-up at `take_up`.
fn with_take_up(take_up: Option<rust_decimal::Decimal>) -> MatrixContent {
    let mut content = example_matrix();
    for cell in &mut content.cells {
        if cell.patch.role == Some(Role::AddOn) {
            cell.patch.take_up = take_up;
        }
    }
    content
}

fn bundle(content: &MatrixContent) -> (BundleResult, Vec<MainEvaluation>) {
    let evaluations = evaluate(content, worked_example().bank.point);
    let bundles = evaluations[0].bundles.clone().unwrap();
    (bundles[0].result.clone().unwrap(), bundles)
}

#[test]
fn with_every_add_on_taken_a_client_brings_the_whole_bundle() {
    let (result, _) = bundle(&with_take_up(Some(dec!(1))));
    let (revenue, profit) = expected_per_client(&result).unwrap();
    assert_eq!(revenue.round_dp(2), dec!(18968.00));
    assert_eq!(profit.round_dp(2), dec!(11148.00));
}

#[test]
fn an_add_on_counts_with_its_take_up_and_none_without_one() {
    let (none, _) = bundle(&with_take_up(None));
    let main = &none.breakdown.lines[0].breakdown;
    let (revenue, profit) = expected_per_client(&none).unwrap();
    assert_eq!(revenue, main.revenue);
    assert_eq!(profit, main.profit - none.breakdown.visit_total);

    let (half, _) = bundle(&with_take_up(Some(dec!(0.5))));
    let (revenue, profit) = expected_per_client(&half).unwrap();
    let add_ons: rust_decimal::Decimal = half.breakdown.lines[1..]
        .iter()
        .map(|l| l.breakdown.profit)
        .sum();
    assert_eq!(revenue, (main.revenue + none.breakdown.revenue) / dec!(2));
    assert_eq!(
        profit,
        main.profit + add_ons / dec!(2) - half.breakdown.visit_total
    );
}

#[test]
fn a_projection_spreads_the_segment_over_the_main_products_by_share_of_visits() {
    let (result, bundles) = bundle(&with_take_up(Some(dec!(1))));
    assert_eq!(
        visit_shares(&bundles),
        vec![dec!(1)],
        "one main: all visits"
    );
    let projected = project(&result, dec!(0.5), 1_000).unwrap();
    assert_eq!(projected.clients, dec!(500));
    assert_eq!(projected.revenue, dec!(9484000.00));
    assert_eq!(projected.profit, dec!(5574000.00));
    assert_eq!(
        margin(projected.profit, projected.revenue).map(|m| m.round_dp(4)),
        Some(dec!(0.5877))
    );
    assert_eq!(margin(dec!(5), dec!(0)), None);
}

#[test]
fn mains_without_a_share_split_what_the_others_leave() {
    let (_, bundles) = bundle(&with_take_up(Some(dec!(1))));
    let mut content = with_take_up(Some(dec!(1)));
    // A second main candidate: the deposit's cell says 30 % of visits.
    for cell in &mut content.cells {
        if cell.patch.role == Some(Role::MainOrAddOn) {
            cell.patch.visit_share = Some(dec!(0.3));
        }
    }
    let (_, one) = bundle(&content);
    assert_eq!(visit_shares(&one), vec![dec!(0.3)]);
    let mut two = bundles.clone();
    two.extend(bundles);
    assert_eq!(visit_shares(&two), vec![dec!(0.5), dec!(0.5)]);
}

#[test]
fn the_waterfall_goes_from_sold_separately_to_the_bundle_s_profit_exactly() {
    let (result, _) = bundle(&with_take_up(Some(dec!(1))));
    let fall = waterfall(&result).unwrap();
    // The worked example's standalone profits: 3,270 + 2,870 + 4,045 − 154 + 474 + 628 + 122.40.
    assert_eq!(fall.separately.round_dp(2), dec!(11255.40));
    assert_eq!(fall.bundled.round_dp(2), dec!(11148.00));
    let total: rust_decimal::Decimal = fall.steps.iter().map(|(_, v)| *v).sum();
    assert_eq!(fall.separately + total, fall.bundled, "the steps add up");
    assert_eq!(fall.steps.last().map(|(k, _)| k.as_str()), Some("visit"));
}
