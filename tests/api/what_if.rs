//! What-if, on SQLite and PostgreSQL: a scenario's figures are the engine's on the shifted
//! inputs, nothing live changes, and finance asks, reads and saves scenarios on the page.

use std::collections::BTreeMap;

use chrono::Utc;
use reqwest::StatusCode;
use rust_decimal_macros::dec;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::user::Role;
use kombi::domain::what_if::Shifts;
use kombi::persistence::{matrices, products};
use kombi::service::matrices::BankView;
use kombi::service::portfolio::inputs;
use kombi::service::what_if::run;

use crate::helpers::{TestApp, location, spawn_app};

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 200 })
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn a_scenario_is_the_engine_run_on_the_shifted_inputs_and_changes_nothing_live() {
    let app = demo_app().await;
    let today = Utc::now().date_naive();
    let catalog = |db| async move {
        let all = products::all(db).await.unwrap();
        all.into_iter()
            .map(|p| (p.version, p.product))
            .collect::<Vec<_>>()
    };
    let catalog_before = catalog(&app.db).await;
    let shifts = Shifts {
        ftp_bp: dec!(25),
        costs: dec!(0.10),
        ..Shifts::default()
    };
    let outcome = run(
        inputs(&app.db, today).await.unwrap(),
        &shifts,
        Some("URBAN_MALE_35"),
    )
    .unwrap();
    assert!(
        outcome
            .bundles
            .iter()
            .all(|c| c.baseline.segment == "URBAN_MALE_35")
    );
    let bundle = outcome
        .bundles
        .iter()
        .find(|c| c.baseline.point == "MSK-HO" && c.baseline.main == "DEP_PLUS")
        .unwrap();
    assert_eq!(
        bundle.baseline.profit,
        Some(dec!(11148.00)),
        "the worked example"
    );

    // The same inputs shifted by hand, through the engine.
    let mut bank = BankView::load(&app.db, today).await.unwrap();
    for p in &mut bank.products {
        let e = &mut p.economics;
        e.ftp_rate += dec!(0.0025);
        e.servicing_cost *= dec!(1.10);
        e.cost_per_transaction *= dec!(1.10);
        e.issuance_cost *= dec!(1.10);
        e.acquisition_cost *= dec!(1.10);
    }
    let version = matrices::find_version(&app.db, "URBAN_MALE_35", 1)
        .await
        .unwrap()
        .unwrap();
    let by_hand: BTreeMap<(String, String), rust_decimal::Decimal> = bank
        .evaluate_version(&version)
        .into_iter()
        .flat_map(|point| {
            let code = point.point.clone();
            point.bundles.unwrap().into_iter().map(move |b| {
                let profit = b.result.unwrap().breakdown.profit.round_dp(2);
                ((code.clone(), b.main), profit)
            })
        })
        .collect();
    for compared in &outcome.bundles {
        let key = (
            compared.scenario.point.clone(),
            compared.scenario.main.clone(),
        );
        assert_eq!(compared.scenario.profit, Some(by_hand[&key]), "{key:?}");
    }
    assert_ne!(
        bundle.scenario.profit, bundle.baseline.profit,
        "the shift moves it"
    );
    assert_eq!(
        catalog(&app.db).await,
        catalog_before,
        "nothing live changed"
    );
}

#[tokio::test]
async fn finance_asks_reads_and_saves_a_scenario() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;
    // Funds 5 % cheaper: the deposit bundles lose money, and the page says which.
    let asked = "/finance/what-if?segment=URBAN_MALE_35&ftp_bp=-500";
    let page = app.get(asked).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("id=\"what-if-bundles\""), "{html}");
    assert!(
        html.contains("the bundle loses"),
        "a verdict that changes: {html}"
    );

    let bad = app.get("/finance/what-if?costs=abc").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let below = app.get("/finance/what-if?fees=-2").await;
    assert_eq!(below.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        below
            .text()
            .await
            .unwrap()
            .contains("cannot fall by more than 100 %")
    );

    let csrf = app.session_csrf(asked).await;
    let form = [
        ("csrf_token", csrf.as_str()),
        ("segment", "URBAN_MALE_35"),
        ("ftp_bp", "-500"),
        ("name", "Cheap funds"),
    ];
    let saved = app.post_form("/finance/what-if/scenarios", &form).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let again = app.get(&location(&saved)).await.text().await.unwrap();
    assert!(
        again.contains("value=\"-500\""),
        "the saved question: {again}"
    );
    assert!(again.contains("the bundle loses"));
    let taken = app.post_form("/finance/what-if/scenarios", &form).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);

    let advisor = spawn_app().await;
    advisor.signed_in_as(Role::ProductManager).await;
    assert_eq!(
        advisor.get("/finance/what-if").await.status(),
        StatusCode::FORBIDDEN
    );
}
