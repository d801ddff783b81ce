//! Invariants of the engine, checked on generated inputs.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::Owned;
use crate::domain::money::{Currency, ExchangeRates, Money};
use crate::domain::product::{Economics, PriceParameter, ProductKind, Terms, Usage};
use crate::domain::profitability::verdicts::{addon_anchor, single_visit};
use crate::domain::profitability::{
    BundleParams, BundleReview, SalesPointCosts, Valuation, client_cost, evaluate_bundle,
    review_bundle, solve_price,
};

/// A decimal with `places` digits after the point, between 0 and `max`.
fn amount(max: i64, places: u32) -> impl Strategy<Value = Decimal> {
    (0..=max * 10_i64.pow(places)).prop_map(move |units| Decimal::new(units, places))
}

fn rate() -> impl Strategy<Value = Decimal> {
    amount(1, 4)
}

/// Any decimal at all: tiny, huge, negative, extreme.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0..=28_u32
        )
            .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(
                lo, mid, hi, negative, scale
            )),
        (-1000_i64..1000, 0..=4_u32).prop_map(|(n, scale)| Decimal::new(n, scale)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 28)),
    ]
}

fn kind() -> impl Strategy<Value = ProductKind> {
    proptest::sample::select(ProductKind::ALL.to_vec())
}

fn parameter() -> impl Strategy<Value = PriceParameter> {
    proptest::sample::select(PriceParameter::ALL.to_vec())
}

prop_compose! {
    fn realistic()(kind in kind(), f in rate(), rho in rate(), ic in rate(), el in rate(), svc in amount(5000, 2),
                   cpt in amount(50, 2), pc in amount(50, 2), iss in amount(5000, 2), acq in amount(5000, 2),
                   life in (1..=10_i64).prop_map(Decimal::from), mins in amount(60, 0), h in rate(),
                   fees in (amount(500, 2), amount(5000, 2), amount(5000, 2), amount(100, 2), rate()),
                   usage in (amount(1_000_000, 2), amount(1_000_000, 2), amount(500, 0))) -> Owned {
        let economics = Economics {
            ftp_rate: f, reserve_ratio: rho, interchange_rate: ic, expected_loss_rate: el, servicing_cost: svc,
            cost_per_transaction: cpt, partner_commission: pc, issuance_cost: iss, acquisition_cost: acq,
            lifetime_years: life, opening_minutes: mins, overhead_rate: h,
        };
        let terms = Terms { monthly_fee: fees.0, annual_fee: fees.1, setup_fee: fees.2, transaction_fee: fees.3, client_rate: fees.4, ..Terms::default() };
        let usage = Usage { avg_balance: usage.0, annual_spend: usage.1, transactions: usage.2 };
        Owned::new("P", kind, economics, terms, usage)
    }
}

prop_compose! {
    fn arbitrary()(kind in kind(), d in proptest::collection::vec(any_decimal(), 20)) -> Owned {
        let economics = Economics {
            ftp_rate: d[0], reserve_ratio: d[1], interchange_rate: d[2], expected_loss_rate: d[3], servicing_cost: d[4],
            cost_per_transaction: d[5], partner_commission: d[6], issuance_cost: d[7], acquisition_cost: d[8],
            lifetime_years: d[9], opening_minutes: d[10], overhead_rate: d[11],
        };
        let terms = Terms { monthly_fee: d[12], annual_fee: d[13], setup_fee: d[14], transaction_fee: d[15], client_rate: d[16], ..Terms::default() };
        let usage = Usage { avg_balance: d[17], annual_spend: d[18], transactions: d[19] };
        Owned::new("P", kind, economics, terms, usage)
    }
}

fn point() -> impl Strategy<Value = SalesPointCosts> {
    (amount(100, 2), amount(60, 0)).prop_map(|(cost, minutes)| SalesPointCosts {
        branch_cost_per_minute: cost,
        visit_overhead_minutes: minutes,
        visit_limit_minutes: None,
    })
}

fn rub_valuation(rates: &ExchangeRates) -> Valuation<'_> {
    Valuation {
        rates,
        on: NaiveDate::default(),
    }
}

proptest! {
    #[test]
    fn bundle_profit_is_position_profits_less_one_visit(
        products in proptest::collection::vec(realistic(), 0..8), point in point(),
        life in (1..=10_i64).prop_map(Decimal::from), h in rate(),
    ) {
        let positions: Vec<_> = products.iter().map(Owned::position).collect();
        let params = BundleParams { lifetime_years: life, overhead_rate: h, target_margin: dec!(0.15) };
        let rates = ExchangeRates::new(Currency::RUB);
        let bundle = evaluate_bundle(&positions, &params, &point, &rub_valuation(&rates)).unwrap();
        let visit = point.visit_overhead_minutes * point.branch_cost_per_minute / life * (Decimal::ONE + h);
        prop_assert_eq!(bundle.visit_total, visit);
        prop_assert!(bundle.lines.iter().all(|l| l.breakdown.visit.is_zero()));
        let profits: Decimal = bundle.lines.iter().map(|l| l.breakdown.profit).sum();
        prop_assert_eq!(bundle.profit, profits - visit);
        let revenue: Decimal = bundle.lines.iter().map(|l| l.breakdown.revenue).sum();
        prop_assert_eq!(bundle.revenue, revenue);
        for (line, position) in bundle.lines.iter().zip(&positions) {
            prop_assert_eq!(line.breakdown, position.evaluate(&point, false).unwrap());
        }
    }

    #[test]
    fn the_solved_price_hits_the_target_margin(
        product in realistic(), parameter in parameter(), target in rate(),
        point in point(), alone in any::<bool>(),
    ) {
        prop_assume!(target < dec!(0.95));
        let position = product.position();
        let price = solve_price(parameter, target, &position, &point, alone).unwrap();
        if let Some(x) = price.solved {
            let terms = product.terms.with(parameter, x);
            let at_x = crate::domain::profitability::Position { terms: &terms, ..position }.evaluate(&point, alone).unwrap();
            let miss = (at_x.profit - target * at_x.revenue).abs();
            let scale = Decimal::ONE + at_x.revenue.abs() + at_x.profit.abs();
            prop_assert!(miss <= scale * Decimal::new(1, 18), "miss {} at x = {}", miss, x);
            if let Some(margin) = at_x.margin {
                prop_assert_eq!(margin.round_dp(9), target.round_dp(9));
            }
            prop_assert!(price.recommended >= Decimal::ZERO);
        }
    }

    #[test]
    fn converting_then_adding_is_within_a_minor_unit_per_line_of_adding_then_converting(
        lines in proptest::collection::vec((0..100_000_000_i64, 0..=6_u32), 1..20),
        rate in (1..10_000_000_i64, 0..=6_u32),
    ) {
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let mut rates = ExchangeRates::new(Currency::RUB);
        rates.insert(day, Currency::USD, Decimal::new(rate.0, rate.1)).unwrap();
        let usd: Vec<Money> = lines.iter().map(|(n, s)| Money::new(Decimal::new(*n, *s), Currency::USD)).collect();
        let mut converted_sum = Money::zero(Currency::RUB);
        for m in &usd {
            let rub = rates.convert(*m, Currency::RUB, day).unwrap().round_for_display();
            converted_sum = converted_sum.checked_add(rub).unwrap();
        }
        let mut sum = Money::zero(Currency::USD);
        for m in &usd {
            sum = sum.checked_add(*m).unwrap();
        }
        let sum_converted = rates.convert(sum, Currency::RUB, day).unwrap().round_for_display();
        let gap = (converted_sum.amount - sum_converted.amount).abs();
        prop_assert!(gap <= Decimal::new(lines.len() as i64, 2), "gap {}", gap);
    }

    #[test]
    fn no_input_panics_the_engine(
        products in proptest::collection::vec(arbitrary(), 0..4), extra in proptest::collection::vec(any_decimal(), 8),
        parameter in parameter(), alone in any::<bool>(),
    ) {
        let point = SalesPointCosts { branch_cost_per_minute: extra[0], visit_overhead_minutes: extra[1], visit_limit_minutes: Some(extra[2]) };
        let params = BundleParams { lifetime_years: extra[3], overhead_rate: extra[4], target_margin: extra[5] };
        let positions: Vec<_> = products.iter().map(Owned::position).collect();
        let rates = ExchangeRates::new(Currency::RUB);
        let valuation = rub_valuation(&rates);
        for p in &positions {
            let _ = p.evaluate(&point, alone);
            let _ = solve_price(parameter, extra[5], p, &point, alone);
            let _ = client_cost(p.kind, p.terms, p.usage, p.economics.lifetime_years);
        }
        if let Ok(bundle) = evaluate_bundle(&positions, &params, &point, &valuation) {
            let terms: Vec<Terms> = products.iter().map(|p| p.terms).collect();
            let review = BundleReview {
                positions: &positions, standalone_terms: &terms, main: 0, params: &params, point: &point,
                addon_anchor_threshold: extra[6], valuation, package_fee: Decimal::ZERO, client_pairs: None,
            };
            let _ = review_bundle(&review, &bundle);
        }
        let _ = addon_anchor("M", extra[6], &extra, extra[7], Currency::RUB);
        let _ = single_visit(&point, &extra, Currency::RUB);
        let _ = Money::new(extra[0], Currency::RUB).to_string_minor();
    }
}
