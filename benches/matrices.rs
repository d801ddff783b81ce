//! Whole-bank re-pricing (issue #12): a generated bank of 100 segments × 50 sales points × 20
//! products, each segment with a published matrix (bank-wide cells, a group cell, point cells),
//! re-priced the way `kombi matrices evaluate` does it.
//!
//! - `repricing/from_database`: load the bank (settings, points, catalog, rates) and every
//!   published version from SQLite, then evaluate every matrix × point × main product. The
//!   figure held against the target of under 1 s on one core.
//! - `repricing/engine_only`: the same evaluation on data already in memory.
//!
//! - `portfolio/page`, `portfolio/engine_only` (issue #14): finance's dashboard over the same
//!   bank, as a page view computes it (kept client counts, the bank, every bundle in force and
//!   in the making with its projection), and the computation alone. `KOMBI_BENCH_CLIENTS`
//!   generates clients for the one-off count, timed once and printed.
//!
//! Throughput is in positions (products inside the evaluated bundles), so criterion prints
//! positions per second for both, and the ratio shows what loading costs. The async work runs
//! on a current-thread runtime: one core. Run with `cargo bench --bench matrices`.

use std::hint::black_box;

use chrono::{NaiveDate, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::matrix::{CellPatch, Draft, MatrixContent, Role, Scope};
use kombi::domain::product::{Figure, FigureGroup};
use kombi::persistence::entities::{sales_point, segment};
use kombi::persistence::{db, matrices, products};
use kombi::service::matrices::BankView;
use kombi::service::portfolio;
use kombi::service::repricing::reprice;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};

const SEGMENTS: usize = 100;
const POINTS: usize = 50;
const PRODUCTS: usize = 20;
const FORMATS: usize = 5;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date")
}

/// Clients to generate (`KOMBI_BENCH_CLIENTS`, none by default): the portfolio's one-off
/// client count scans them; re-pricing and the dashboard's page do not read them.
fn clients() -> usize {
    std::env::var("KOMBI_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The demo bank grown to the benchmark's size.
async fn generated_bank(db: &DatabaseConnection) {
    seed_demo(db, &DemoOptions { clients: clients() })
        .await
        .expect("demo bank");
    let points = (0..POINTS - 2).map(|i| sales_point::ActiveModel {
        code: Set(format!("P{i:03}")),
        name: Set(format!("Office {i}")),
        city: Set(format!("City {}", i % 20)),
        region: Set(format!("Region {}", i % 10)),
        format: Set(format!("format{}", i % FORMATS)),
        branch_cost_per_minute: Set(180_000 + i64::try_from(i).unwrap_or(0) * 1_000),
        visit_overhead_minutes: Set(150_000),
        visit_limit_minutes: Set(None),
        active: Set(true),
        product_kinds: Set("*".into()),
        ..Default::default()
    });
    sales_point::Entity::insert_many(points)
        .exec(db)
        .await
        .expect("points");
    let catalog = products::all(db).await.expect("catalog");
    let rub: Vec<_> = catalog
        .iter()
        .filter(|p| p.product.currency.as_str() == "RUB")
        .collect();
    for i in 0..PRODUCTS.saturating_sub(catalog.len()) {
        let mut product = rub[i % rub.len()].product.clone();
        product.code = format!("{}_{i}", product.code);
        product.name = format!("{} {i}", product.name);
        products::create(db, &product).await.expect("product");
    }
    let now = Utc::now();
    let segments = (0..SEGMENTS).map(|i| segment::ActiveModel {
        code: Set(format!("GEN_{i:03}")),
        name: Set(format!("Generated segment {i}")),
        description: Set(String::new()),
        priority: Set(1_000 + i32::try_from(i).unwrap_or(0)),
        sales_point_id: Set(None),
        rule: Set("age >= 18".into()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    });
    segment::Entity::insert_many(segments)
        .exec(db)
        .await
        .expect("segments");

    let bank = BankView::load(db, day()).await.expect("bank");
    for s in 0..SEGMENTS {
        let content = matrix(&bank, s);
        let frozen = bank.terms_to_freeze(&content);
        let published = Draft { content }
            .publish(1, day(), None, Vec::new(), frozen)
            .expect("publishable");
        matrices::insert_published(db, &format!("GEN_{s:03}"), &published, "bench")
            .await
            .expect("stored");
    }
}

/// Segment `s`'s matrix: every product bank-wide (two main-product candidates, the rest
/// add-ons, with a cheaper price and 20 % more usage in the bundle), one product not offered
/// at one office format, and a point's own price for another.
fn matrix(bank: &BankView, s: usize) -> MatrixContent {
    let mut content = MatrixContent::default();
    for (i, product) in bank.products.iter().enumerate() {
        let mut patch = CellPatch {
            role: Some(if i % 10 == s % 10 || i % 10 == (s + 3) % 10 {
                Role::MainOrAddOn
            } else {
                Role::AddOn
            }),
            order: u16::try_from(i).ok(),
            take_up: Some(dec!(0.4)),
            ..CellPatch::default()
        };
        let price = product.price_parameter;
        let standalone = product.terms.get(price);
        let term = Figure::from_name(price.as_str()).expect("a term figure");
        patch
            .terms
            .insert(term, (standalone * dec!(0.8)).round_dp(4));
        for figure in Figure::of(FigureGroup::Usage) {
            let alone = figure.get(&product.economics, &product.terms, &product.usage);
            if !alone.is_zero() {
                patch.usage_alone.insert(figure, alone);
                patch
                    .usage_in_bundle
                    .insert(figure, (alone * dec!(1.2)).round_dp(4));
            }
        }
        content.set_cell(&product.code, Scope::AllPoints, patch);
    }
    let not_here = &bank.products[s % bank.products.len()].code;
    let format = format!("format:format{}", s % FORMATS);
    let off = CellPatch {
        role: Some(Role::NotOffered),
        ..CellPatch::default()
    };
    content.set_cell(not_here, Scope::Group(format), off);
    let local = &bank.products[(s + 1) % bank.products.len()];
    let mut own = CellPatch::default();
    own.usage_in_bundle
        .insert(Figure::Transactions, Decimal::from(50 + s));
    content.set_cell(
        &local.code,
        Scope::Point(format!("P{:03}", s % (POINTS - 2))),
        own,
    );
    content
}

fn repricing(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let db = runtime.block_on(async {
        let db = db::connect(&url, 1).await.expect("database");
        db::migrate(&db).await.expect("migrations");
        generated_bank(&db).await;
        db
    });
    let load = || async {
        let bank = BankView::load(&db, day()).await.expect("bank");
        let versions = matrices::published_everywhere(&db, false)
            .await
            .expect("versions");
        (bank, versions)
    };
    let started = std::time::Instant::now();
    let (bank, versions) = runtime.block_on(load());
    let loaded = started.elapsed();
    let demo = kombi::demo::matrices::MATRICES.len();
    assert_eq!(
        versions.len(),
        SEGMENTS + demo,
        "the generated matrices and the demo's"
    );
    assert_eq!((bank.points.len(), bank.products.len()), (POINTS, PRODUCTS));
    let started = std::time::Instant::now();
    let rows = reprice(&bank, &versions);
    let repriced = started.elapsed();
    let positions: usize = rows.iter().map(|r| r.products.len()).sum();
    let evaluated = rows.iter().filter(|r| r.revenue.is_some()).count();
    assert_eq!(evaluated, rows.len(), "every bundle evaluates");
    eprintln!(
        "whole bank: {} bundles, {positions} positions, {} passing; first run: loading {loaded:?}, \
         re-pricing {repriced:?}",
        rows.len(),
        rows.iter().filter(|r| r.passes()).count()
    );

    let mut group = c.benchmark_group("repricing");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::try_from(positions).unwrap_or(0)));
    group.bench_function("from_database", |b| {
        b.iter(|| {
            let (bank, versions) = runtime.block_on(load());
            black_box(reprice(&bank, &versions).len())
        });
    });
    group.bench_function("engine_only", |b| {
        b.iter(|| black_box(reprice(&bank, black_box(&versions)).len()));
    });
    group.finish();

    // Finance's dashboard over the same bank: the client counts once (kept afterwards), then
    // what a page view does (load the kept counts and the bank, compute every bundle in force
    // and in the making with its projection), and the computation alone.
    let started = std::time::Instant::now();
    let (counts, _) = runtime
        .block_on(portfolio::populations(&db, day()))
        .expect("counts");
    eprintln!(
        "client counts: {} clients in {} (segment, point) cells, counted in {:?}",
        counts.iter().map(|p| p.clients).sum::<u64>(),
        counts.len(),
        started.elapsed()
    );
    let inputs = runtime
        .block_on(portfolio::inputs(&db, day()))
        .expect("inputs");
    let board = portfolio::compute(&inputs, None);
    eprintln!("dashboard: {} bundles", board.rows.len());
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    group.bench_function("page", |b| {
        b.iter(|| {
            let inputs = runtime
                .block_on(portfolio::inputs(&db, day()))
                .expect("inputs");
            black_box(portfolio::compute(&inputs, None).rows.len())
        });
    });
    group.bench_function("engine_only", |b| {
        b.iter(|| black_box(portfolio::compute(black_box(&inputs), None).rows.len()));
    });
    group.finish();
}

criterion_group!(benches, repricing);
criterion_main!(benches);
