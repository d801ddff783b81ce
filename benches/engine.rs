//! Criterion benchmarks of the profitability engine, on the worked example
//! (`examples/worked-example.json`, docs/DOMAIN.md).
//!
//! What is measured, and why:
//! - `position/evaluate`: one product sold alone (`Position::evaluate`), the unit of work behind
//!   every figure; the credit card, which has the most lines.
//! - `bundle/evaluate_7`: `evaluate_bundle` over the example's 7 positions. Throughput is 7
//!   elements, so criterion prints positions per second: the figure held against the target of
//!   over 1,000,000 positions per second on one core.
//! - `pricing/solve_price`: the deposit's client rate for the 15 % target margin (two probes and
//!   a solve), which the report runs once per product.
//! - `document/evaluate_worked_example`: the whole `evaluate_document` (parse, 7 products with
//!   verdicts and prices, the bundle with its review, JSON report) from an already parsed
//!   `serde_json::Value`: what one request to the Finance page costs.
//!
//! Inputs are built once, outside the timed loops; each result is checked against the worked
//! example before timing. Run with `cargo bench --bench engine`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kombi::domain::evaluation::evaluate_document;
use kombi::domain::money::{Currency, ExchangeRates};
use kombi::domain::product::PriceParameter::ClientRate;
use kombi::domain::product::{Economics, ProductKind, Terms, Usage};
use kombi::domain::profitability::{
    BundleParams, Position, SalesPointCosts, Valuation, evaluate_bundle, solve_price,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const POINT: SalesPointCosts = SalesPointCosts {
    branch_cost_per_minute: dec!(25.00),
    visit_overhead_minutes: dec!(15),
    visit_limit_minutes: None,
};
const BUNDLE: BundleParams = BundleParams {
    lifetime_years: dec!(5),
    overhead_rate: dec!(0.20),
    target_margin: dec!(0.15),
};

/// Catalog economics with the example's 20 % overhead; struct update fills in the rest.
fn base(lifetime_years: Decimal, opening_minutes: Decimal) -> Economics {
    Economics {
        opening_minutes,
        overhead_rate: dec!(0.20),
        ..Economics::with_lifetime(lifetime_years)
    }
}

/// One product of the worked example, with its terms and usage sold alone and in the bundle.
struct Product {
    code: &'static str,
    kind: ProductKind,
    economics: Economics,
    standalone: (Terms, Usage),
    bundle: (Terms, Usage),
}

impl Product {
    fn position<'a>(&'a self, (terms, usage): &'a (Terms, Usage)) -> Position<'a> {
        Position {
            code: self.code,
            kind: self.kind,
            currency: Currency::RUB,
            economics: &self.economics,
            terms,
            usage,
        }
    }
}

/// `examples/worked-example.json`, as domain structs.
#[rustfmt::skip]
fn worked_example() -> [Product; 7] {
    use ProductKind::{CreditCard, CurrentAccount, Deposit, OnlineBanking, Transfers};
    use ProductKind::{VendorPayments, VirtualCard};
    let (t, u) = (Terms::default(), Usage::default());
    [
        Product { code: "CA_RUB", kind: CurrentAccount,
            economics: Economics { ftp_rate: dec!(0.08), reserve_ratio: dec!(0.04), servicing_cost: dec!(600),
                acquisition_cost: dec!(500), ..base(dec!(5), dec!(10)) },
            standalone: (Terms { monthly_fee: dec!(99), ..t }, Usage { avg_balance: dec!(40000), ..u }),
            bundle: (Terms { monthly_fee: dec!(0), ..t }, Usage { avg_balance: dec!(60000), ..u }) },
        Product { code: "DEP_PLUS", kind: Deposit,
            economics: Economics { ftp_rate: dec!(0.15), reserve_ratio: dec!(0.04), servicing_cost: dec!(400),
                acquisition_cost: dec!(1500), ..base(dec!(3), dec!(10)) },
            standalone: (Terms { client_rate: dec!(0.13), ..t }, Usage { avg_balance: dec!(300000), ..u }),
            bundle: (Terms { client_rate: dec!(0.135), ..t }, Usage { avg_balance: dec!(300000), ..u }) },
        Product { code: "CC_GRACE", kind: CreditCard,
            economics: Economics { ftp_rate: dec!(0.16), interchange_rate: dec!(0.015), expected_loss_rate: dec!(0.06),
                servicing_cost: dec!(900), issuance_cost: dec!(350), acquisition_cost: dec!(3000), ..base(dec!(3), dec!(15)) },
            standalone: (Terms { annual_fee: dec!(1490), client_rate: dec!(0.299), ..t },
                Usage { avg_balance: dec!(25000), annual_spend: dec!(240000), ..u }),
            bundle: (Terms { annual_fee: dec!(490), client_rate: dec!(0.299), ..t },
                Usage { avg_balance: dec!(30000), annual_spend: dec!(312000), ..u }) },
        Product { code: "ONLINE", kind: OnlineBanking,
            economics: Economics { servicing_cost: dec!(120), ..base(dec!(5), dec!(20)) },
            standalone: (Terms { setup_fee: dec!(1000), ..t }, u),
            bundle: (Terms { setup_fee: dec!(500), ..t }, u) },
        Product { code: "TRANSFERS", kind: Transfers,
            economics: Economics { cost_per_transaction: dec!(5), ..base(dec!(5), dec!(2)) },
            standalone: (Terms { transaction_fee: dec!(30), ..t }, Usage { transactions: dec!(24), ..u }),
            bundle: (Terms { transaction_fee: dec!(15), ..t }, Usage { transactions: dec!(48), ..u }) },
        Product { code: "VCARD", kind: VirtualCard,
            economics: Economics { interchange_rate: dec!(0.01), servicing_cost: dec!(60), ..base(dec!(3), dec!(5)) },
            standalone: (Terms { annual_fee: dec!(300), ..t }, Usage { annual_spend: dec!(60000), ..u }),
            bundle: (Terms { annual_fee: dec!(0), ..t }, Usage { annual_spend: dec!(90000), ..u }) },
        Product { code: "VENDOR_PAY", kind: VendorPayments,
            economics: Economics { cost_per_transaction: dec!(3), partner_commission: dec!(10), ..base(dec!(5), dec!(3)) },
            standalone: (t, Usage { transactions: dec!(36), ..u }),
            bundle: (t, Usage { transactions: dec!(60), ..u }) },
    ]
}

fn engine(c: &mut Criterion) {
    let products = worked_example();
    let rates = ExchangeRates::new(Currency::RUB);
    let on = NaiveDate::default();
    let valuation = Valuation { rates: &rates, on };

    // (a) CC_GRACE sold alone: profit 4045.00.
    let card = products[2].position(&products[2].standalone);
    let profit = card.evaluate(&POINT, true).unwrap().profit;
    assert_eq!(profit.round_dp(2), dec!(4045.00));
    c.bench_function("position/evaluate", |b| {
        b.iter(|| black_box(&card).evaluate(black_box(&POINT), true));
    });

    // (b) The bundle of 7: profit 11148.00.
    let bundle: Vec<Position<'_>> = products.iter().map(|p| p.position(&p.bundle)).collect();
    let bundled = evaluate_bundle(&bundle, &BUNDLE, &POINT, &valuation).unwrap();
    assert_eq!(bundled.profit.round_dp(2), dec!(11148.00));
    let mut group = c.benchmark_group("bundle");
    group.throughput(Throughput::Elements(bundle.len() as u64));
    group.bench_function("evaluate_7", |b| {
        b.iter(|| evaluate_bundle(black_box(&bundle), &BUNDLE, black_box(&POINT), &valuation));
    });
    group.finish();

    // (c) DEP_PLUS sold alone, its client rate for the 15 % target margin: 0.138784.
    let deposit = products[1].position(&products[1].standalone);
    let solve = |p| solve_price(ClientRate, BUNDLE.target_margin, p, &POINT, true);
    let solved = solve(&deposit).unwrap().solved.unwrap();
    assert_eq!(solved.round_dp(6), dec!(0.138784));
    c.bench_function("pricing/solve_price", |b| {
        b.iter(|| solve(black_box(&deposit)));
    });

    // (d) The whole document, from a `Value` parsed once.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/worked-example.json");
    let text = std::fs::read_to_string(path).expect(path);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let report = evaluate_document(&doc).unwrap();
    assert_eq!(report["bundle"]["profit"], "11148.00");
    c.bench_function("document/evaluate_worked_example", |b| {
        b.iter(|| evaluate_document(black_box(&doc)));
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
