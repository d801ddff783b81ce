//! The engine at its edges: pricing corner cases, errors, currency conversion.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{Owned, flat, free_point, no_visit_params, rub_only};
use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::product::{Economics, PriceParameter, ProductKind, Terms, Usage};
use crate::domain::profitability::{
    EngineError, Failure, PriceReason, Quantity, SalesPointCosts, Valuation, evaluate_bundle,
    solve_price,
};

#[test]
fn a_price_that_does_not_move_revenue_is_unsolvable() {
    let transfers = flat("T", dec!(10), dec!(1)); // no transactions: the transaction fee earns nothing
    let price = solve_price(
        PriceParameter::TransactionFee,
        dec!(0.15),
        &transfers.position(),
        &free_point(),
        true,
    )
    .unwrap();
    assert_eq!(
        (price.solved, price.reason),
        (None, PriceReason::Unsolvable)
    );
    assert_eq!(price.recommended, price.market);
}

#[test]
fn market_price_stands_when_the_target_needs_a_dearer_one() {
    let product = flat("P", dec!(100), dec!(100));
    let price = solve_price(
        PriceParameter::AnnualFee,
        dec!(0.20),
        &product.position(),
        &free_point(),
        true,
    )
    .unwrap();
    assert_eq!(price.solved, Some(dec!(125)));
    assert_eq!(
        (price.recommended, price.reason),
        (dec!(100), PriceReason::MarketIsFriendlier)
    );
}

#[test]
fn a_lower_card_rate_is_friendlier_to_the_client() {
    let economics = Economics {
        ftp_rate: dec!(0.10),
        servicing_cost: dec!(100),
        ..Economics::with_lifetime(dec!(1))
    };
    let usage = Usage {
        avg_balance: dec!(10000),
        ..Usage::default()
    };
    let card = Owned::new(
        "CC",
        ProductKind::CreditCard,
        economics,
        Terms {
            client_rate: dec!(0.30),
            ..Terms::default()
        },
        usage,
    );
    let price = solve_price(
        PriceParameter::ClientRate,
        dec!(0.5),
        &card.position(),
        &free_point(),
        true,
    )
    .unwrap();
    // 10000·(x − 0.10) − 100 = 0.5·10000·(x − 0.10)  ⇒  x = 0.12
    assert_eq!(price.solved, Some(dec!(0.12)));
    assert_eq!(
        (price.recommended, price.reason),
        (dec!(0.12), PriceReason::SolvedIsFriendlier)
    );
}

#[test]
fn a_zero_lifetime_is_a_named_division_by_zero() {
    let mut product = flat("ZERO_LIFE", dec!(1), dec!(1));
    product.economics.lifetime_years = Decimal::ZERO;
    let err = product
        .position()
        .evaluate(&free_point(), true)
        .unwrap_err();
    assert!(
        matches!(
            err,
            EngineError::Arithmetic {
                failure: Failure::DivisionByZero,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().ends_with("for ZERO_LIFE"), "{err}");
}

#[test]
fn overflow_names_the_quantity_and_product() {
    let economics = Economics {
        ftp_rate: dec!(0.16),
        ..Economics::with_lifetime(dec!(3))
    };
    let usage = Usage {
        avg_balance: Decimal::MAX,
        ..Usage::default()
    };
    let card = Owned::new(
        "CC_GRACE",
        ProductKind::CreditCard,
        economics,
        Terms {
            client_rate: dec!(-0.9),
            ..Terms::default()
        },
        usage,
    );
    let rates = rub_only();
    let valuation = Valuation {
        rates: &rates,
        on: NaiveDate::default(),
    };
    let err = evaluate_bundle(
        &[card.position()],
        &no_visit_params(dec!(0)),
        &free_point(),
        &valuation,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "overflow computing interest for CC_GRACE");
    assert!(matches!(
        err,
        EngineError::Arithmetic {
            quantity: Quantity::Interest,
            ..
        }
    ));
}

#[test]
fn a_foreign_position_is_converted_and_the_conversion_recorded() {
    let day = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let mut rates = ExchangeRates::new(Currency::RUB);
    rates.insert(day, Currency::USD, dec!(90)).unwrap();
    let mut usd = flat("USD_INS", dec!(10), dec!(4));
    usd.currency = Currency::USD;
    usd.economics.opening_minutes = dec!(9);
    let point = SalesPointCosts {
        branch_cost_per_minute: dec!(30),
        ..free_point()
    };
    let valuation = Valuation {
        rates: &rates,
        on: day,
    };
    let bundle = evaluate_bundle(
        &[usd.position()],
        &no_visit_params(dec!(0)),
        &point,
        &valuation,
    )
    .unwrap();
    let line = &bundle.lines[0];
    let conversion = line.conversion.clone().unwrap();
    assert_eq!(
        (conversion.from, conversion.rate, conversion.rate_date),
        (Currency::USD, dec!(90), day)
    );
    assert_eq!(conversion.original.revenue, dec!(10));
    // Branch time is a RUB cost: 9 min · 30 RUB = 270 RUB = 3 USD.
    assert_eq!(
        conversion.original.direct.opening_time.round_dp(20),
        dec!(3)
    );
    assert_eq!(bundle.revenue, dec!(900));
    assert_eq!(
        bundle.profit.round_dp(20),
        dec!(900) - dec!(360) - dec!(270)
    );

    let early = Valuation {
        rates: &rates,
        on: day.pred_opt().unwrap(),
    };
    let err =
        evaluate_bundle(&[usd.position()], &no_visit_params(dec!(0)), &point, &early).unwrap_err();
    assert!(
        err.to_string().contains("no exchange rate USD→RUB")
            && err.to_string().ends_with("for USD_INS"),
        "{err}"
    );
}
