//! The worked example of docs/DOMAIN.md, reproduced figure by figure through the engine API.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::domain::evaluation::fixtures::{worked_example, worked_example_json};
use crate::domain::money::{Currency, ExchangeRates, Money, format_fixed};
use crate::domain::product::PriceParameter;
use crate::domain::profitability::{
    BundleBreakdown, BundleReview, Outcome, PriceReason, Reason, Valuation, evaluate_bundle,
    review_bundle, review_product, solve_price,
};

fn shown(amount: Decimal) -> String {
    Money::new(amount, Currency::RUB).to_string_minor()
}

fn evaluated_bundle() -> BundleBreakdown {
    let doc = worked_example();
    let rates = ExchangeRates::new(Currency::RUB);
    let valuation = Valuation {
        rates: &rates,
        on: NaiveDate::default(),
    };
    evaluate_bundle(
        &doc.bundle_positions(),
        &doc.bank.bundle,
        &doc.bank.point,
        &valuation,
    )
    .unwrap()
}

#[test]
fn standalone_profits_match_the_worked_example() {
    let doc = worked_example();
    let expected = [
        ("CA_RUB", "3270.00"),
        ("DEP_PLUS", "2870.00"),
        ("CC_GRACE", "4045.00"),
        ("ONLINE", "-154.00"),
        ("TRANSFERS", "474.00"),
        ("VCARD", "628.00"),
        ("VENDOR_PAY", "122.40"),
    ];
    for (code, profit) in expected {
        let breakdown = doc
            .standalone_position(code)
            .evaluate(&doc.bank.point, true)
            .unwrap();
        assert_eq!(shown(breakdown.profit), profit, "{code}");
    }
}

#[test]
fn every_expected_standalone_figure_in_the_file_is_reproduced() {
    let doc = worked_example();
    let json = worked_example_json();
    let expected = json["expected"]["standalone_profit"].as_object().unwrap();
    assert_eq!(expected.len(), doc.products.len());
    for (code, profit) in expected {
        let breakdown = doc
            .standalone_position(code)
            .evaluate(&doc.bank.point, true)
            .unwrap();
        assert_eq!(shown(breakdown.profit), profit.as_str().unwrap(), "{code}");
    }
}

#[test]
fn current_account_lines_follow_the_formulas() {
    let doc = worked_example();
    let b = doc
        .standalone_position("CA_RUB")
        .evaluate(&doc.bank.point, true)
        .unwrap();
    assert_eq!(b.fees.monthly, dec!(1188));
    assert_eq!(b.interest, dec!(3072)); // 40000 · (0.96 · 0.08 − 0)
    assert_eq!(b.revenue, dec!(4260));
    assert_eq!(b.direct.one_off, dec!(100));
    assert_eq!(b.direct.opening_time, dec!(50));
    assert_eq!(b.direct.total, dec!(750));
    assert_eq!(b.visit, dec!(75));
    assert_eq!(b.indirect, dec!(165));
    assert_eq!(b.profit, dec!(3270));
}

#[test]
fn the_bundle_matches_the_worked_example() {
    let bundle = evaluated_bundle();
    assert_eq!(shown(bundle.visit_total), "90.00");
    assert_eq!(shown(bundle.revenue), "18968.00");
    assert_eq!(shown(bundle.profit), "11148.00");
    let margin = bundle.margin.unwrap();
    assert_eq!(format_fixed(margin * dec!(100), 2), "58.77");
    assert_eq!(format_fixed(margin, 6), "0.587727");
    assert!(
        bundle
            .lines
            .iter()
            .all(|line| line.breakdown.visit.is_zero() && line.conversion.is_none())
    );
}

#[test]
fn online_banking_runs_a_subsidized_loss_inside_the_bundle() {
    let doc = worked_example();
    let bundle = evaluated_bundle();
    let online = doc
        .bundle
        .iter()
        .position(|(i, _)| doc.products[*i].code == "ONLINE")
        .unwrap();
    assert_eq!(shown(bundle.lines[online].breakdown.profit), "-164.00");

    let positions = doc.bundle_positions();
    let standalone_terms: Vec<_> = doc
        .bundle
        .iter()
        .map(|(i, _)| doc.standalone[*i].terms)
        .collect();
    let rates = ExchangeRates::new(Currency::RUB);
    let review = BundleReview {
        positions: &positions,
        standalone_terms: &standalone_terms,
        main: 0,
        params: &doc.bank.bundle,
        point: &doc.bank.point,
        addon_anchor_threshold: dec!(0.25),
        valuation: Valuation {
            rates: &rates,
            on: NaiveDate::default(),
        },
        package_fee: Decimal::ZERO,
        client_pairs: None,
    };
    let checks = review_bundle(&review, &bundle).unwrap();
    let reasons: Vec<Reason> = checks.verdicts.iter().map(|v| v.reason).collect();
    assert!(reasons.contains(&Reason::BundleProfitable));
    assert!(reasons.contains(&Reason::MarginMet));
    assert!(reasons.contains(&Reason::ClientSaves));
    let subsidies: Vec<_> = checks
        .verdicts
        .iter()
        .filter(|v| v.reason == Reason::Subsidized)
        .collect();
    assert_eq!(subsidies.len(), 1);
    assert_eq!(subsidies[0].product.as_deref(), Some("ONLINE"));
    assert_eq!(subsidies[0].outcome, Outcome::Info);
}

#[test]
fn online_banking_fails_break_even_alone_but_is_kept_for_its_bundle() {
    let doc = worked_example();
    let online = doc.standalone_position("ONLINE");
    let b = online.evaluate(&doc.bank.point, true).unwrap();
    let verdicts = review_product("ONLINE", &b, true, false, Currency::RUB);
    assert_eq!(verdicts[0].reason, Reason::LossAlone);
    assert_eq!(
        verdicts[0].message.to_string(),
        "ONLINE loses RUB\u{a0}154.00 a year when sold alone"
    );
    assert_eq!(verdicts[1].reason, Reason::KeepInBundle);
}

#[test]
fn card_fee_for_a_15_percent_margin_is_negative_so_zero_is_recommended() {
    let doc = worked_example();
    let card = doc.standalone_position("CC_GRACE");
    let price = solve_price(
        PriceParameter::AnnualFee,
        dec!(0.15),
        &card,
        &doc.bank.point,
        true,
    )
    .unwrap();
    assert!(price.solved.unwrap() < Decimal::ZERO);
    assert_eq!(price.reason, PriceReason::ClampedToZero);
    assert_eq!(shown(price.recommended), "0.00");
}

#[test]
fn deposit_rate_for_a_15_percent_margin_is_0_138784() {
    let doc = worked_example();
    let deposit = doc.standalone_position("DEP_PLUS");
    let price = solve_price(
        PriceParameter::ClientRate,
        dec!(0.15),
        &deposit,
        &doc.bank.point,
        true,
    )
    .unwrap();
    assert_eq!(format_fixed(price.solved.unwrap(), 6), "0.138784");
    // Higher than the market 0.13 and better for the client: offered, not the market rate.
    assert_eq!(price.reason, PriceReason::SolvedIsFriendlier);
    assert_eq!(format_fixed(price.recommended, 6), "0.138784");
}
