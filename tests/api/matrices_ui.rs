//! The matrix pages and API for each role: product managers edit, finance reads, advisors are
//! refused; the demo's seed matrix reproduces the worked example through the panel's API; a
//! stale save keeps what was typed; a submitted draft is frozen; finance sees which bundle
//! fails and why, cannot approve it, and rejects it with a reason.

use reqwest::StatusCode;
use serde_json::Value;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::profitability::Reason;
use kombi::domain::user::Role;
use kombi::persistence::matrices;

use crate::helpers::{TestApp, location, spawn_app};

const MATRIX: &str = "/matrices/URBAN_MALE_35";

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 0 })
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn managers_edit_finance_reads_and_advisors_are_refused() {
    let app = demo_app().await;
    app.signed_in_as(Role::Advisor).await;
    assert_eq!(app.get(MATRIX).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/matrices").await.status(), StatusCode::FORBIDDEN);

    let finance = demo_app().await;
    finance.signed_in_as(Role::Finance).await;
    let page = finance.get(MATRIX).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("18,968.00"),
        "the panel shows the example's revenue"
    );
    assert!(!html.contains("/draft\""), "finance gets no editing forms");
    let csrf = finance.session_csrf(MATRIX).await;
    let refused = finance
        .post_form(&format!("{MATRIX}/draft"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(
        matrices::versions(&finance.db, "URBAN_MALE_35")
            .await
            .unwrap()
            .len()
            == 1
    );

    let manager = demo_app().await;
    manager.signed_in_as(Role::ProductManager).await;
    let csrf = manager.session_csrf(MATRIX).await;
    let started = manager
        .post_form(&format!("{MATRIX}/draft"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&started), format!("{MATRIX}?version=2&done=draft"));
    let draft = manager.get(&location(&started)).await.text().await.unwrap();
    assert!(draft.contains("The draft is ready to edit."));
    assert!(
        draft.contains("/versions/2/submit"),
        "the draft can be submitted for approval"
    );
    assert!(
        !draft.contains("/versions/2/approve"),
        "not approved by its maker"
    );
    let again = manager
        .post_form(&format!("{MATRIX}/draft"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(
        location(&again),
        format!("{MATRIX}?version=2&done=existing"),
        "the draft in the making, not a second one"
    );
    let created = kombi::persistence::audit::page(
        &manager.db,
        &kombi::domain::audit::Filter {
            action: Some(kombi::domain::audit::Action::Created),
            subject: Some(kombi::domain::audit::Subject::Matrix),
            ..Default::default()
        },
        None,
        10,
    )
    .await
    .unwrap();
    assert_eq!(created.len(), 1, "created once");
}

#[tokio::test]
async fn the_seed_matrix_reproduces_the_worked_example_through_the_api() {
    let app = demo_app().await;
    let username = app.add_user(Role::Finance).await;
    let token = app.api_token_for(&username).await;

    let response = app
        .api_get("/api/v1/matrices/URBAN_MALE_35/evaluation", &token)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["passes"], true);
    let head_office = (body["points"].as_array().unwrap().iter())
        .find(|p| p["point"] == "MSK-HO")
        .unwrap();
    let deposit = (head_office["bundles"].as_array().unwrap().iter())
        .find(|b| b["main"] == "DEP_PLUS")
        .unwrap();
    assert_eq!(deposit["revenue"], "18968.00");
    assert_eq!(deposit["profit"], "11148.00");
    assert!(deposit["margin"].as_str().unwrap().starts_with("0.5877"));
    assert_eq!(deposit["products"].as_array().unwrap().len(), 7);
    assert_eq!(deposit["blocking"].as_array().unwrap().len(), 0);
    let online_alone = (deposit["verdicts"].as_array().unwrap().iter())
        .find(|v| v["product"] == "ONLINE" && v["reason"] == "loss_alone");
    assert!(
        online_alone.is_some(),
        "online banking fails alone, yet publishes"
    );

    let matrix: Value = app
        .api_get("/api/v1/matrices/URBAN_MALE_35", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (matrix["version"].as_i64(), matrix["status"].as_str()),
        (Some(1), Some("published"))
    );
    assert_eq!(matrix["frozen_terms"]["CA_RUB"]["monthly_fee"], "99");
    let card = (matrix["cells"].as_array().unwrap().iter())
        .find(|c| c["product"] == "CC_GRACE" && c["scope"] == "all")
        .unwrap();
    assert_eq!(card["terms"]["annual_fee"], "490");
    assert_eq!(matrix["links"][0]["kind"], "limit_within_share");

    let missing = app
        .api_get("/api/v1/matrices/NOPE/evaluation", &token)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let advisor = app.add_user(Role::Advisor).await;
    let advisor_token = app.api_token_for(&advisor).await;
    let refused = app
        .api_get("/api/v1/matrices/URBAN_MALE_35", &advisor_token)
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_stale_save_keeps_what_was_typed_and_finance_refuses_a_losing_submission() {
    let app = demo_app().await;
    let username = app.signed_in_as(Role::ProductManager).await;
    let info = matrices::start_draft(&app.db, "URBAN_MALE_35", &username)
        .await
        .unwrap();
    let cell_page = format!("{MATRIX}/versions/2/cell");
    let csrf = app
        .session_csrf(&format!("{cell_page}?product=DEP_PLUS&scope=all"))
        .await;
    let stale = (info.lock - 1).to_string();
    let lock = info.lock.to_string();
    let save = |lock: String, rate: &'static str| {
        vec![
            ("csrf_token".to_owned(), csrf.clone()),
            ("product".into(), "DEP_PLUS".into()),
            ("scope".into(), "all".into()),
            ("lock".into(), lock),
            ("role".into(), "main_or_add_on".into()),
            ("terms.client_rate".into(), rate.into()),
            ("intent".into(), "save".into()),
        ]
    };
    let post = |form: Vec<(String, String)>| {
        let pairs: Vec<(String, String)> = form;
        let app = &app;
        let url = cell_page.clone();
        async move {
            let borrowed: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.post_form(&url, &borrowed).await
        }
    };

    let conflict = post(save(stale, "0.1377")).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let html = conflict.text().await.unwrap();
    assert!(html.contains("Someone else saved this draft"), "{html}");
    assert!(html.contains("value=\"0.1377\""), "what was typed is kept");

    let bad = post(save(lock.clone(), "abc")).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("Bundle terms: Client rate")
    );

    // A deposit rate of 30 % makes every deposit bundle lose money: saved, and submitted.
    let saved = post(save(lock, "0.30")).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let lock = (info.lock + 1).to_string();
    let submitted = app
        .post_form(
            &format!("{MATRIX}/versions/2/submit"),
            &[
                ("csrf_token", &csrf),
                ("lock", &lock),
                ("effective_from", "2026-12-01"),
                ("comment", "dearer deposit"),
            ],
        )
        .await;
    assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&submitted),
        format!("{MATRIX}?version=2&done=submitted")
    );
    let frozen = app.get(&location(&submitted)).await.text().await.unwrap();
    assert!(frozen.contains("Awaiting approval"), "{frozen}");
    assert!(
        !frozen.contains("/versions/2/submit"),
        "no second submission"
    );
    let lock = (info.lock + 2).to_string();
    let edit = post(save(lock.clone(), "0.14")).await;
    assert_eq!(edit.status(), StatusCode::CONFLICT);
    assert!(
        edit.text()
            .await
            .unwrap()
            .contains("submitted for approval")
    );
    app.post_form("/signout", &[("csrf_token", &csrf)]).await;

    // Finance sees which bundles fail and why; approval is refused; a rejection needs a reason.
    app.signed_in_as(Role::Finance).await;
    let overview = app.get("/finance").await.text().await.unwrap();
    assert!(
        overview.contains("/matrices/URBAN_MALE_35/versions/2/review"),
        "{overview}"
    );
    let review = format!("{MATRIX}/versions/2/review");
    let html = app.get(&review).await.text().await.unwrap();
    assert!(
        html.contains("Approval is refused while these fail"),
        "{html}"
    );
    assert!(
        html.contains("at MSK-HO, with DEP_PLUS as the main product: the bundle loses"),
        "{html}"
    );
    assert!(html.contains("Changes against version 1"), "{html}");
    assert!(
        html.contains("Bundle terms · Client rate"),
        "the changed cell: {html}"
    );
    let csrf = app.session_csrf(&review).await;
    let approve = app
        .post_form(
            &format!("{MATRIX}/versions/2/approve"),
            &[("csrf_token", &csrf), ("lock", &lock), ("comment", "")],
        )
        .await;
    assert_eq!(approve.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = approve.text().await.unwrap();
    assert!(html.contains("fail a blocking check"), "{html}");
    let reject = |comment: &'static str| {
        let (app, csrf, lock) = (&app, csrf.clone(), lock.clone());
        async move {
            app.post_form(
                &format!("{MATRIX}/versions/2/reject"),
                &[("csrf_token", &csrf), ("lock", &lock), ("comment", comment)],
            )
            .await
        }
    };
    let blank = reject(" ").await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank
            .text()
            .await
            .unwrap()
            .contains("Say why the version is rejected")
    );
    let rejected = reject("Deposit bundles lose money").await;
    assert_eq!(rejected.status(), StatusCode::SEE_OTHER);
    let versions = matrices::versions(&app.db, "URBAN_MALE_35").await.unwrap();
    assert_eq!(
        versions[0].status,
        matrices::VersionStatus::Draft,
        "a draft again"
    );
    let html = app.get(&location(&rejected)).await.text().await.unwrap();
    assert!(
        html.contains("Deposit bundles lose money"),
        "in the history: {html}"
    );
}

#[tokio::test]
async fn a_product_in_a_published_bundle_is_kept_not_suspended() {
    let app = demo_app().await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let review = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let reviewed =
                kombi::service::catalog::review_product(&db, "ONLINE", Some("MSK-HO"), today)
                    .await
                    .unwrap()
                    .unwrap();
            let review = reviewed.review.unwrap();
            review.verdicts.iter().map(|v| v.reason).collect::<Vec<_>>()
        }
    };
    assert!(review(&app).await.contains(&Reason::KeepInBundle));
    for segment in ["URBAN_MALE_35", "DIGITAL_HESITANT_45", "AFFLUENT_DIGITAL"] {
        let v = matrices::find_version(&app.db, segment, 1)
            .await
            .unwrap()
            .unwrap();
        matrices::withdraw(&app.db, v.info.id, today).await.unwrap();
    }
    // In no published bundle any more, losing money, its costs cannot be cut: suspend it.
    assert!(review(&app).await.contains(&Reason::SuspensionRecommended));
}

#[tokio::test]
async fn links_are_added_and_removed_on_a_draft_and_a_broken_one_blocks() {
    let app = demo_app().await;
    let username = app.signed_in_as(Role::ProductManager).await;
    let info = matrices::start_draft(&app.db, "URBAN_MALE_35", &username)
        .await
        .unwrap();
    let csrf = app.session_csrf(&format!("{MATRIX}?version=2")).await;
    let links = format!("{MATRIX}/versions/2/links");
    let lock = info.lock.to_string();
    let added = app
        .post_form(
            &links,
            &[
                ("csrf_token", &csrf),
                ("lock", &lock),
                ("action", "add"),
                ("kind", "excludes"),
                ("product", "CC_GRACE"),
                ("other", "VCARD"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let html = app.get(&location(&added)).await.text().await.unwrap();
    assert!(html.contains("The links were saved."));
    assert!(
        html.contains("CC_GRACE and VCARD are never offered together"),
        "{html}"
    );
    assert!(
        html.contains("Blocked"),
        "both are add-ons at the head office: the link breaks"
    );

    let unknown = app
        .post_form(
            &links,
            &[
                ("csrf_token", &csrf),
                ("lock", &(info.lock + 1).to_string()),
                ("action", "add"),
                ("kind", "requires"),
                ("product", "NOPE"),
                ("other", "VCARD"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("no product has the code NOPE")
    );

    let stored = matrices::find_version(&app.db, "URBAN_MALE_35", 2)
        .await
        .unwrap()
        .unwrap();
    let index = (stored.content.links.len() - 1).to_string();
    let removed = app
        .post_form(
            &links,
            &[
                ("csrf_token", &csrf),
                ("lock", &stored.info.lock.to_string()),
                ("action", "remove"),
                ("index", &index),
            ],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let after = matrices::find_version(&app.db, "URBAN_MALE_35", 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.content.links,
        info_links(&app).await,
        "back to the published links"
    );
}

async fn info_links(app: &TestApp) -> Vec<kombi::domain::matrix::Link> {
    matrices::find_version(&app.db, "URBAN_MALE_35", 1)
        .await
        .unwrap()
        .unwrap()
        .content
        .links
}

#[tokio::test]
async fn the_product_page_names_the_published_bundles_a_catalog_change_would_not_reach() {
    use sea_orm::ConnectionTrait;
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let page = app.get("/catalog/CA_RUB").await.text().await.unwrap();
    assert!(page.contains("/matrices/URBAN_MALE_35?version=1"), "{page}");
    assert!(!page.contains("differ from those it froze"));

    app.db
        .execute_unprepared("UPDATE products SET monthly_fee = 1290000 WHERE code = 'CA_RUB'")
        .await
        .unwrap();
    let page = app.get("/catalog/CA_RUB").await.text().await.unwrap();
    assert!(
        page.contains("the terms here differ from those it froze"),
        "{page}"
    );
    // The published bundle still compares against the frozen 99 a month.
    let frozen = matrices::find_version(&app.db, "URBAN_MALE_35", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        frozen.frozen_terms["CA_RUB"].monthly_fee,
        rust_decimal_macros::dec!(99)
    );
}

#[tokio::test]
async fn withdrawing_a_version_needs_a_confirmation_and_then_nothing_is_in_force() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf(MATRIX).await;
    let withdraw = format!("{MATRIX}/versions/1/withdraw");
    let unconfirmed = app.post_form(&withdraw, &[("csrf_token", &csrf)]).await;
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed
            .text()
            .await
            .unwrap()
            .contains("Tick the confirmation")
    );
    let versions = matrices::versions(&app.db, "URBAN_MALE_35").await.unwrap();
    assert_eq!(versions[0].withdrawn_on, None, "nothing withdrawn");

    let confirmed = app
        .post_form(&withdraw, &[("csrf_token", &csrf), ("confirm", "on")])
        .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let page = app.get(&location(&confirmed)).await.text().await.unwrap();
    assert!(page.contains("The version was withdrawn"));
    assert!(
        page.contains("advisors get no proposal for this segment"),
        "{page}"
    );
}
