use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::user::Role;
use kombi::persistence::products;
use reqwest::StatusCode;

use crate::helpers::{TestApp, location, spawn_app};

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 0 })
        .await
        .unwrap();
    app
}

fn new_deposit<'a>(csrf: &'a str, code: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("code", code),
        ("name", "Savings 2027"),
        ("kind", "deposit"),
        ("currency", "RUB"),
        ("company", "BANK"),
        ("status", "active"),
        ("price_parameter", "client_rate"),
        ("market_price", "0,13"),
        ("ftp_rate", "0.15"),
        ("reserve_ratio", "0.04"),
        ("servicing_cost", "400"),
        ("acquisition_cost", "1 500"),
        ("lifetime_years", "3"),
        ("opening_minutes", "10"),
        ("overhead_rate", "0.20"),
        ("client_rate", "0.13"),
        ("avg_balance", "300000"),
    ]
}

#[tokio::test]
async fn a_product_manager_creates_a_product_and_sees_its_standalone_pnl() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/new").await;

    let response = app
        .post_form("/catalog", &new_deposit(&csrf, "SAVE_27"))
        .await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/catalog/SAVE_27?saved=1");
    let page = app.get("/catalog/SAVE_27").await.text().await.unwrap();
    // The worked example's DEP_PLUS figures: 2 870.00 a year alone, 0.138784 for a 15 % margin.
    assert!(page.contains("2,870.00"), "standalone profit shown");
    assert!(page.contains("13.8784\u{a0}%"), "recommended rate shown");
}

#[tokio::test]
async fn the_worked_example_loss_maker_shows_its_loss_and_fails_break_even() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;

    let response = app.get("/catalog/ONLINE").await;

    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("-154.00"));
    assert!(page.contains(r#"<li class="fail">"#), "break-even fails");
    assert!(
        !page.contains("/catalog/ONLINE/edit"),
        "finance reads, does not edit"
    );
}

#[tokio::test]
async fn a_euro_product_is_costed_with_the_exchange_rate() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;

    let page = app.get("/catalog/CA_EUR").await.text().await.unwrap();

    assert!(!page.contains("cannot be computed"), "{page}");
    assert!(
        page.contains("Standalone P&#38;L, per client per year (EUR)"),
        "{page}"
    );
}

#[tokio::test]
async fn invalid_fields_are_named_and_nothing_is_stored() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/new").await;
    let mut form = new_deposit(&csrf, "BAD_1");
    form.retain(|(name, _)| !matches!(*name, "lifetime_years" | "reserve_ratio" | "kind"));
    form.extend([
        ("lifetime_years", "0"),
        ("reserve_ratio", "1.5"),
        ("kind", "mortgage"),
    ]);

    let response = app.post_form("/catalog", &form).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("must be greater than zero"));
    assert!(html.contains("must be a fraction between 0 and 1"));
    assert!(html.contains("unknown product kind"));
    assert!(products::find(&app.db, "BAD_1").await.unwrap().is_none());
}

#[tokio::test]
async fn a_duplicate_code_is_refused_next_to_the_code() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/new").await;

    let response = app
        .post_form("/catalog", &new_deposit(&csrf, "DEP_PLUS"))
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("a product DEP_PLUS already exists")
    );
}

#[tokio::test]
async fn an_edit_saved_over_someone_else_s_is_refused() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/DEP_PLUS/edit").await;
    let mut form = new_deposit(&csrf, "DEP_PLUS");
    form.push(("version", "1"));
    let first = app.post_form("/catalog/DEP_PLUS", &form).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);

    let second = app.post_form("/catalog/DEP_PLUS", &form).await;

    assert_eq!(second.status(), StatusCode::CONFLICT);
    let stored = products::find(&app.db, "DEP_PLUS").await.unwrap().unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(stored.product.name, "Savings 2027");
}

#[tokio::test]
async fn finance_cannot_change_the_catalog() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;
    let csrf = app.session_csrf("/catalog").await;

    let response = app
        .post_form("/catalog", &new_deposit(&csrf, "SNEAKY"))
        .await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/catalog/new").await.status(),
        StatusCode::FORBIDDEN
    );
    assert!(products::find(&app.db, "SNEAKY").await.unwrap().is_none());
}

#[tokio::test]
async fn the_catalog_list_names_each_product_kind_in_words() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;

    let page = app.get("/catalog").await.text().await.unwrap();

    let online_row = page
        .lines()
        .find(|line| line.contains(r#"href="/catalog/ONLINE""#))
        .expect("the online banking product is listed");
    assert!(
        online_row.contains("<td>Online banking</td>"),
        "{online_row}"
    );
    assert!(
        !online_row.contains("<td>online_banking</td>"),
        "{online_row}"
    );
}

#[tokio::test]
async fn a_long_catalog_is_paged_with_the_total_and_the_filters_kept() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/new").await;
    for i in 0..50 {
        let code = format!("SAVE_{i:02}");
        let response = app.post_form("/catalog", &new_deposit(&csrf, &code)).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{code}");
    }

    let first = app.get("/catalog?kind=deposit").await.text().await.unwrap();
    let second = app
        .get("/catalog?kind=deposit&status=&currency=&page=2")
        .await
        .text()
        .await
        .unwrap();

    assert!(first.contains("Products 1–50 of 51."), "{first}");
    assert!(
        first.contains(r#"href="/catalog?kind=deposit&#38;status=&#38;currency=&#38;page=2""#),
        "the next page keeps the filter: {first}"
    );
    assert!(second.contains("Products 51–51 of 51."), "{second}");
    assert_eq!(second.matches(r#"<a href="/catalog/"#).count(), 1);
    assert!(second.contains("rel=\"prev\""));
}

#[tokio::test]
async fn figures_are_written_as_the_reader_s_language_writes_them() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;

    let english = app.get("/catalog/DEP_PLUS").await.text().await.unwrap();
    let russian = app
        .get_in("ru-RU,ru;q=0.9,en;q=0.5", "/catalog/DEP_PLUS")
        .await
        .text()
        .await
        .unwrap();

    assert!(
        english.contains("RUB\u{a0}400.00"),
        "servicing cost in English"
    );
    assert!(
        russian.contains("400,00\u{a0}₽"),
        "servicing cost in Russian"
    );
    assert!(russian.contains("15\u{a0}%") && russian.contains(r#"<html lang="ru">"#));
}

#[tokio::test]
async fn a_form_left_blank_says_what_to_choose_and_lists_the_problems_at_the_top() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/new").await;

    let response = app
        .post_form(
            "/catalog",
            &[
                ("csrf_token", csrf.as_str()),
                ("code", "NEW_ONE"),
                ("name", "New one"),
                ("company", "BANK"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("choose the kind of product"), "{page}");
    assert!(
        !page.contains("expected one of"),
        "no codes for people: {page}"
    );
    assert!(
        page.contains(r##"<a href="#f-kind">"##),
        "the summary links to the field"
    );
    assert!(page.contains(r#"id="f-kind""#));
}

#[tokio::test]
async fn a_saved_product_says_so() {
    let app = demo_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/catalog/new").await;

    let response = app
        .post_form("/catalog", &new_deposit(&csrf, "SAVE_28"))
        .await;

    assert_eq!(location(&response), "/catalog/SAVE_28?saved=1");
    let page = app.get(&location(&response)).await.text().await.unwrap();
    assert!(page.contains("Product saved."));
}

#[tokio::test]
async fn verdicts_and_the_price_advice_read_in_russian() {
    let app = demo_app().await;
    app.signed_in_as(Role::Finance).await;

    let page = app
        .get_in("ru", "/catalog/ONLINE")
        .await
        .text()
        .await
        .unwrap();

    assert!(
        page.contains("ONLINE при отдельной продаже теряет 154,00\u{a0}₽ в год"),
        "{page}"
    );
    assert!(page.contains("для целевой маржи 15,00"), "{page}");
    assert!(
        page.contains("оставить рыночную цену (цель не достигнута)"),
        "{page}"
    );
}
