//! Finance's portfolio dashboard, on SQLite and PostgreSQL: client counts made by the database
//! agree with the desk's own ranking of each client, are counted again only when what they
//! depend on changes, and the page, its CSV and its workbook show the same figures.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::Utc;
use reqwest::StatusCode;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use sea_orm::EntityTrait;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::segment::rank;
use kombi::domain::user::Role;
use kombi::persistence::entities::client;
use kombi::persistence::{clients, populations, segments};
use kombi::service::portfolio::{dashboard, populations as counted};

use crate::helpers::{TestApp, spawn_app};

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 400 })
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn each_client_is_counted_once_in_the_segment_the_desk_would_rank_first() {
    let app = demo_app().await;
    let today = Utc::now().date_naive();
    let (counts, _) = counted(&app.db, today).await.unwrap();
    let by_database: BTreeMap<(String, Option<String>), u64> = counts
        .iter()
        .map(|p| ((p.segment.clone(), p.point.clone()), p.clients))
        .collect();

    // The same clients, one by one, as the desk ranks them (segments with a matrix in force).
    let live = kombi::persistence::matrices::in_force_for(
        &app.db,
        &segments::list(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.code)
            .collect::<Vec<_>>(),
        today,
    )
    .await
    .unwrap();
    let ranked: Vec<_> = segments::active_ranked(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| live.iter().any(|v| v.info.segment == s.code))
        .collect();
    let mut one_by_one: BTreeMap<(String, Option<String>), u64> = BTreeMap::new();
    for row in client::Entity::find().all(&app.db).await.unwrap() {
        let client = clients::load(&app.db, &row.crm_id).await.unwrap().unwrap();
        let (matches, _) = rank(&ranked, &client, today);
        if let Some(best) = matches.first() {
            *one_by_one
                .entry((best.segment.code.clone(), client.home_sales_point.clone()))
                .or_default() += 1;
        }
    }
    assert!(
        !one_by_one.is_empty(),
        "the demo's clients fall in segments"
    );
    assert_eq!(by_database, one_by_one);
}

#[tokio::test]
async fn counts_are_kept_until_a_segment_changes() {
    let app = demo_app().await;
    let today = Utc::now().date_naive();
    let (_, first) = counted(&app.db, today).await.unwrap();
    let (_, again) = counted(&app.db, today).await.unwrap();
    assert_eq!(first, again, "not counted again while nothing changed");
    let (_, stamp) = populations::kept(&app.db).await.unwrap();
    let before = stamp.unwrap().0;

    // Any change to the bank (here a segment's priority) makes the kept counts stale.
    let segment = segments::find(&app.db, "SINGLE_PENSIONER")
        .await
        .unwrap()
        .unwrap();
    let draft =
        kombi::domain::segment::SegmentDraft::parse(&kombi::domain::segment::SegmentInput {
            code: segment.code.clone(),
            name: segment.name.clone(),
            description: segment.description.clone(),
            priority: (segment.priority + 1).to_string(),
            sales_point: segment.sales_point.clone().unwrap_or_default(),
            rule: segment.rule.clone(),
            active: segment.active,
        })
        .unwrap();
    segments::update(&app.db, &draft, segment.version)
        .await
        .unwrap();
    counted(&app.db, today).await.unwrap();
    let (_, stamp) = populations::kept(&app.db).await.unwrap();
    assert_ne!(stamp.unwrap().0, before, "counted again");
}

/// Clients changed by an import (from the web or the command line: no run is recorded for the
/// latter) or through the API make the kept counts stale; an import that wrote nothing does not.
#[tokio::test]
async fn counts_are_taken_again_once_clients_change_from_any_source() {
    let app = demo_app().await;
    let today = Utc::now().date_naive();
    let stamp = async || populations::kept(&app.db).await.unwrap().1.unwrap().0;
    counted(&app.db, today).await.unwrap();
    let first = stamp().await;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.csv");
    std::fs::write(&path, "crm_id,full_name\nNEW-1,Novikov Ivan\n").unwrap();
    let mapping = kombi::import::Mapping::canonical();
    kombi::persistence::crm_import::import_file(&app.db, &path, &mapping, |_| {})
        .await
        .unwrap();
    counted(&app.db, today).await.unwrap();
    let after_import = stamp().await;
    assert_ne!(
        after_import, first,
        "an import that wrote a client: counted again"
    );

    kombi::persistence::crm_import::import_file(&app.db, &path, &mapping, |_| {})
        .await
        .unwrap();
    counted(&app.db, today).await.unwrap();
    assert_eq!(
        stamp().await,
        after_import,
        "the same file again wrote nothing"
    );

    let client = clients::load(&app.db, "NEW-1").await.unwrap().unwrap();
    let moved = kombi::domain::client::Client {
        city: Some("Omsk".into()),
        ..client
    };
    clients::upsert(&app.db, &[moved], &std::collections::HashMap::new())
        .await
        .unwrap();
    counted(&app.db, today).await.unwrap();
    assert_ne!(
        stamp().await,
        after_import,
        "a client put through the API: counted again"
    );
}

fn decimal(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("{text:?} is a decimal"))
}

#[tokio::test]
async fn the_page_its_csv_and_its_workbook_agree_to_the_kopeck() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;
    let board = dashboard(&app.db, Utc::now().date_naive()).await.unwrap();
    assert!(
        board.profit > Decimal::ZERO,
        "the demo portfolio earns money"
    );
    let row = board
        .rows
        .iter()
        .find(|r| r.segment == "URBAN_MALE_35" && r.point == "MSK-HO" && r.main == "DEP_PLUS")
        .expect("the worked example's bundle");
    assert_eq!(row.revenue, Some(decimal("18968.00")));
    assert_eq!(row.profit, Some(decimal("11148.00")));

    let (active, _) = kombi::persistence::catalog::product_counts(&app.db)
        .await
        .unwrap();
    assert_eq!(
        board.products.len() as u64,
        active,
        "every active product reviewed alone"
    );
    let online = board.products.iter().find(|p| p.code == "ONLINE").unwrap();
    assert!(!online.suspend, "losing alone, yet kept: it is in a bundle");
    assert_eq!(online.verdict.key, "verdict-keep-in-bundle");

    let (_, fall) = board
        .waterfall
        .as_ref()
        .expect("a waterfall for the first bundle in force");
    let steps: Decimal = fall.steps.iter().map(|(_, d)| *d).sum();
    assert_eq!(fall.separately + steps, fall.bundled);
    let focused = app
        .get("/finance/dashboard?segment=URBAN_MALE_35&point=MSK-HO&main=DEP_PLUS")
        .await
        .text()
        .await
        .unwrap();
    assert!(focused.contains("id=\"waterfall\""));
    assert!(
        focused.contains("URBAN_MALE_35 · MSK-HO · DEP_PLUS"),
        "the bundle in focus"
    );

    let one_segment = app
        .get("/finance/dashboard?segment=SINGLE_PENSIONER")
        .await
        .text()
        .await
        .unwrap();
    assert!(one_segment.contains("data-segment=\"SINGLE_PENSIONER\""));
    assert!(
        !one_segment.contains("data-segment=\"URBAN_MALE_35\""),
        "one segment's bundles"
    );

    let page = app.get("/finance/dashboard").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg"), "charts drawn on the server");
    assert!(html.contains("18,968.00"));
    let shown = |value: Decimal| format!("{value:.2}").replace(',', "");
    let thousands = |value: Decimal| {
        let text = shown(value);
        let (whole, cents) = text.split_once('.').unwrap();
        let digits: Vec<char> = whole.trim_start_matches('-').chars().collect();
        let mut grouped = String::new();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(*d);
        }
        format!(
            "{}{grouped}.{cents}",
            if value < Decimal::ZERO { "-" } else { "" }
        )
    };
    assert!(
        html.contains(&thousands(board.profit)),
        "total profit on the page"
    );
    assert!(html.contains(&thousands(row.projected_profit)), "{html}");

    let csv_text = app
        .get("/finance/dashboard.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut csv_rows = csv::Reader::from_reader(csv_text.as_bytes());
    let csv_rows: Vec<csv::StringRecord> = csv_rows.records().map(Result::unwrap).collect();
    assert_eq!(csv_rows.len(), board.rows.len());

    let bytes = app
        .get("/finance/dashboard.xlsx")
        .await
        .bytes()
        .await
        .unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&name).unwrap();
    let cells: Vec<Vec<Data>> = sheet.rows().skip(1).map(<[Data]>::to_vec).collect();
    assert_eq!(cells.len(), board.rows.len());

    let number = |cell: &Data| match cell {
        Data::Float(f) => Decimal::from_f64(*f).unwrap().round_dp(2),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("a number, not {other:?}"),
    };
    for ((expected, csv_row), xlsx_row) in board.rows.iter().zip(&csv_rows).zip(&cells) {
        assert_eq!(&csv_row[0], expected.segment.as_str());
        assert_eq!(&csv_row[4], expected.main.as_str());
        for (column, value) in [
            (5, expected.revenue.unwrap_or_default()),
            (6, expected.profit.unwrap_or_default()),
            (9, expected.clients),
            (10, expected.projected_revenue),
            (11, expected.projected_profit),
        ] {
            assert_eq!(decimal(&csv_row[column]), value, "CSV column {column}");
            assert_eq!(number(&xlsx_row[column]), value, "XLSX column {column}");
        }
    }
}

#[tokio::test]
async fn realised_take_up_by_segment_and_point_adds_up_to_the_desk_s_results() {
    use kombi::persistence::offers::{self, ResultsFilter};
    let app = demo_app().await;
    let all = ResultsFilter::default();
    let by_place = offers::take_up_by_place(&app.db, &all).await.unwrap();
    let by_product = offers::take_up_by_product(&app.db, &all).await.unwrap();
    assert!(!by_place.is_empty(), "the demo records offers");
    for product in &by_product {
        let places = by_place
            .iter()
            .filter(|(_, _, t)| t.product == product.product);
        let (offered, taken) = places.fold((0, 0), |(o, t), (_, _, p)| {
            (o + p.tally.add_ons_offered, t + p.tally.add_ons_taken)
        });
        assert_eq!(
            (offered, taken),
            (product.tally.add_ons_offered, product.tally.add_ons_taken),
            "{}",
            product.product
        );
    }
    app.signed_in_as(Role::Finance).await;
    let html = app.get("/finance/dashboard").await.text().await.unwrap();
    assert!(html.contains("id=\"realised\""), "{html}");
}

#[tokio::test]
async fn only_finance_sees_the_portfolio() {
    for role in [Role::Advisor, Role::ProductManager, Role::Admin] {
        let app = spawn_app().await;
        app.signed_in_as(role).await;
        for path in [
            "/finance/dashboard",
            "/finance/dashboard.csv",
            "/finance/dashboard.xlsx",
        ] {
            assert_eq!(
                app.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{role:?} {path}"
            );
        }
    }
}
