//! Finance's economics settings, on SQLite and PostgreSQL: once the bank is live a change
//! waits for a second finance user, the live values stay meanwhile, nobody approves their own,
//! a rejection needs a reason, and each step is audited with the values before and after.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use rust_decimal_macros::dec;
use sea_orm::DatabaseConnection;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::audit::{Action, Actor, Author, Filter, Subject, changes};
use kombi::domain::matrix::ReviewRefusal;
use kombi::domain::settings_change::{SettingsChange, Target};
use kombi::domain::user::Role;
use kombi::persistence::catalog::{bank_settings, sales_points};
use kombi::persistence::{audit, settings_changes, users};
use kombi::service::review::ReviewFailure;
use kombi::service::settings::{self, Done};

use crate::helpers::{TestApp, location, spawn_app};

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 0 })
        .await
        .unwrap();
    app
}

/// The demo's finance user (`first`), or a second one added for the test.
async fn finance_user(app: &TestApp, which: &str) -> Author {
    let name = if which == "first" {
        "finance".to_owned()
    } else {
        app.add_user(Role::Finance).await
    };
    let user = users::find_by_username(&app.db, &name)
        .await
        .unwrap()
        .unwrap();
    Author {
        actor: Actor::User {
            id: user.id,
            username: name,
        },
        origin: "127.0.0.1".into(),
    }
}

fn change(target: Target, pairs: &[(&str, &str)]) -> SettingsChange {
    let form: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    SettingsChange::parse(target, &form).unwrap()
}

async fn margin(db: &DatabaseConnection) -> rust_decimal::Decimal {
    bank_settings(db)
        .await
        .unwrap()
        .unwrap()
        .bundle
        .target_margin
}

#[tokio::test]
async fn a_live_bank_s_target_margin_changes_when_a_second_finance_user_approves() {
    let app = demo_app().await;
    assert!(settings_changes::bank_is_live(&app.db).await.unwrap());
    let first = finance_user(&app, "first").await;
    let second = finance_user(&app, "second").await;
    let proposal = change(
        Target::Bank,
        &[
            ("target_margin", "0.18"),
            ("addon_anchor_threshold", "0.25"),
            ("bundle_lifetime_years", "5"),
            ("bundle_overhead_rate", "0.20"),
        ],
    );
    assert_eq!(
        settings::submit(&app.db, &proposal, "", &first)
            .await
            .unwrap(),
        Done::Proposed
    );
    assert_eq!(margin(&app.db).await, dec!(0.15), "the live value stays");
    let id = settings_changes::pending(&app.db).await.unwrap()[0].id;
    match settings::approve(&app.db, id, "", &first).await {
        Err(ReviewFailure::Refused(ReviewRefusal::OwnSubmission)) => {}
        other => panic!("nobody approves their own: {other:?}"),
    }
    settings::approve(&app.db, id, "agreed at the committee", &second)
        .await
        .unwrap();
    assert_eq!(margin(&app.db).await, dec!(0.18));

    let filter = Filter {
        subject: Some(Subject::Settings),
        ..Filter::default()
    };
    let entries = audit::page(&app.db, &filter, None, 10).await.unwrap();
    let approved = entries
        .iter()
        .find(|e| e.entry.action == Action::Approved)
        .unwrap();
    let margin_change = changes(
        approved.entry.before.as_ref(),
        approved.entry.after.as_ref(),
    )
    .into_iter()
    .find(|c| c.field == "target_margin")
    .unwrap();
    assert_eq!(
        (
            margin_change.before.as_deref(),
            margin_change.after.as_deref()
        ),
        (Some("0.15"), Some("0.18"))
    );
    assert!(entries.iter().any(|e| e.entry.action == Action::Submitted));
}

#[tokio::test]
async fn a_rejected_rate_never_applies_and_a_rejection_needs_a_reason() {
    let app = demo_app().await;
    let first = finance_user(&app, "first").await;
    let second = finance_user(&app, "second").await;
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let eur = kombi::domain::money::Currency::parse("EUR").unwrap();
    let proposal = change(Target::Rate { currency: eur, on }, &[("rate", "101.25")]);
    settings::submit(&app.db, &proposal, "", &first)
        .await
        .unwrap();
    let again = settings::submit(&app.db, &proposal, "", &second).await;
    assert!(
        matches!(
            again,
            Err(ReviewFailure::Store(
                kombi::persistence::StoreError::Conflict {
                    field: "pending",
                    ..
                }
            ))
        ),
        "one pending change per target: {again:?}"
    );
    let id = settings_changes::pending(&app.db).await.unwrap()[0].id;
    assert!(matches!(
        settings::reject(&app.db, id, " ", &second).await,
        Err(ReviewFailure::Refused(ReviewRefusal::CommentRequired))
    ));
    settings::reject(&app.db, id, "The central bank's rate is 99.80", &second)
        .await
        .unwrap();
    let rates = kombi::persistence::catalog::exchange_rates(
        &app.db,
        kombi::domain::money::Currency::RUB,
        on,
    )
    .await
    .unwrap();
    assert_ne!(
        rates.rate_to_reporting(eur, on).unwrap().rate,
        dec!(101.25),
        "not applied"
    );
    assert!(settings_changes::pending(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn applying_a_point_s_costs_writes_them_exactly_and_an_empty_limit_is_none() {
    let app = demo_app().await;
    let costs = change(
        Target::Point("MSK-HO".into()),
        &[
            ("branch_cost_per_minute", "26.5"),
            ("visit_overhead_minutes", "14"),
            ("visit_limit_minutes", ""),
        ],
    );
    settings_changes::apply(&app.db, &costs).await.unwrap();
    let point = sales_points(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.code == "MSK-HO")
        .unwrap();
    assert_eq!(point.costs.branch_cost_per_minute, dec!(26.5));
    assert_eq!(point.costs.visit_overhead_minutes, dec!(14));
    assert_eq!(point.costs.visit_limit_minutes, None);
    let unknown = change(
        Target::Point("NOPE".into()),
        &[
            ("branch_cost_per_minute", "1"),
            ("visit_overhead_minutes", "1"),
        ],
    );
    assert!(settings_changes::apply(&app.db, &unknown).await.is_err());
}

#[tokio::test]
async fn finance_proposes_on_the_page_and_bad_input_is_named() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;
    let page = app.get("/finance/settings").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("a second finance user approves it")
    );
    let csrf = app.session_csrf("/finance/settings").await;
    let bad = app
        .post_form(
            "/finance/settings",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "bank"),
                ("target_margin", "1.5"),
                ("addon_anchor_threshold", "0.25"),
                ("bundle_lifetime_years", "5"),
                ("bundle_overhead_rate", "0.2"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("Target bundle margin"));
    let proposed = app
        .post_form(
            "/finance/settings",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "point"),
                ("point", "MSK-HO"),
                ("branch_cost_per_minute", "26"),
                ("visit_overhead_minutes", "15"),
                ("visit_limit_minutes", "60"),
            ],
        )
        .await;
    assert_eq!(location(&proposed), "/finance/settings?done=proposed");
    let html = app.get("/finance/settings").await.text().await.unwrap();
    assert!(html.contains("branch_cost_per_minute = 26"), "{html}");
    assert!(html.contains("id=\"pending-settings\""));

    let manager = spawn_app().await;
    manager.signed_in_as(Role::ProductManager).await;
    assert_eq!(
        manager.get("/finance/settings").await.status(),
        StatusCode::FORBIDDEN
    );
}
