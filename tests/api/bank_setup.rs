//! A bank set up from an empty database, on SQLite and PostgreSQL: every page of an empty bank
//! says what is missing instead of failing; the administrator's first-run form, sales points
//! (added, imported, closed), staff imported with one-time passwords, exchange rates imported;
//! every change audited; a product manager then prices a product at both points.

use reqwest::StatusCode;

use kombi::domain::audit::{Filter, Subject};
use kombi::domain::user::Role;
use kombi::persistence::audit;
use kombi::persistence::catalog::{bank_settings, exchange_rates, sales_points};
use kombi::web::routes::specs;

use crate::helpers::{TestApp, csrf_from, location, spawn_app, spawn_app_client};

/// A multipart form with `text` as the pasted file, posted with the session's token.
async fn post_file(app: &TestApp, path: &str, csrf: &str, text: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().text("text", text.to_owned());
    app.client
        .post(app.url(&format!("{path}?csrf_token={csrf}")))
        .multipart(form)
        .send()
        .await
        .expect("POST")
}

const SETUP: &[(&str, &str)] = &[
    ("name", "Volga Savings Bank"),
    ("reporting_currency", "rub"),
    ("legal_name", "Volga Savings Bank (JSC)"),
    ("point_code", "sam-ho"),
    ("point_name", "Head office, Samara"),
    ("point_city", "Samara"),
    ("point_region", "Volga"),
    ("point_format", "head_office"),
    ("point_branch_cost_per_minute", "22,50"),
    ("point_visit_overhead_minutes", "15"),
    ("point_visit_limit_minutes", "90"),
];

async fn set_up(app: &TestApp) -> String {
    let csrf = app.session_csrf("/admin/setup").await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(SETUP);
    let response = app.post_form("/admin/setup", &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/admin/sales-points?done=set-up");
    csrf
}

#[tokio::test]
async fn every_page_of_an_empty_bank_says_what_is_missing_and_none_fails() {
    let app = spawn_app().await;
    let mut failed = Vec::new();
    for role in Role::ALL {
        let client = spawn_app_client(&app);
        client.signed_in_as(role).await;
        for spec in specs() {
            if spec.method != "GET" || spec.is_api() || !spec.access.allows(Some(role)) {
                continue;
            }
            let path = spec.path.replace("{code}", "X").replace("{id}", "1");
            let path = path
                .split('/')
                .map(|s| if s.starts_with('{') { "1" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let response = client.get(&path).await;
            if response.status().is_server_error() {
                failed.push(format!("{role}: GET {path} answered {}", response.status()));
            }
        }
        let home = client.get("/").await;
        let landing = location(&home);
        let page = client.get(&landing).await.text().await.unwrap();
        assert!(
            page.contains("The bank is not fully set up yet")
                && page.contains("an administrator sets them up"),
            "{role} is told what is missing and who adds it on {landing}"
        );
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[tokio::test]
async fn an_administrator_is_led_through_the_set_up_and_a_manager_prices_at_both_points() {
    let app = spawn_app().await;
    let admin = app.add_user(Role::Admin).await;
    let signed_in = app.sign_in(&admin, crate::helpers::PASSWORD).await;
    assert_eq!(location(&signed_in), "/admin/setup", "led to the set-up");

    // Bad input: each field named, nothing stored.
    let csrf = app.session_csrf("/admin/setup").await;
    let refused = app
        .post_form(
            "/admin/setup",
            &[
                ("csrf_token", csrf.as_str()),
                ("name", ""),
                ("reporting_currency", "roubles"),
                ("point_code", "a b"),
                ("point_format", "head_office"),
                ("point_branch_cost_per_minute", "-1"),
                ("point_visit_overhead_minutes", "15"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    for id in [
        "e-name",
        "e-reporting_currency",
        "e-point_code",
        "e-point_name",
        "e-point_branch_cost_per_minute",
    ] {
        assert!(page.contains(id), "{id} is explained");
    }
    assert!(bank_settings(&app.db).await.unwrap().is_none());

    set_up(&app).await;
    let bank = bank_settings(&app.db)
        .await
        .unwrap()
        .expect("the bank is set up");
    assert_eq!(bank.name, "Volga Savings Bank");
    assert_eq!(bank.reporting_currency.as_str(), "RUB");

    // The second point through the form, kinds ticked.
    let csrf = app.session_csrf("/admin/sales-points/new").await;
    let added = app
        .post_form(
            "/admin/sales-points/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("code", "TLT-KKO"),
                ("name", "Tolyatti, Lenina 12"),
                ("city", "Tolyatti"),
                ("format", "credit_cash_office"),
                ("branch_cost_per_minute", "14"),
                ("visit_overhead_minutes", "10"),
                ("visit_limit_minutes", "45"),
                ("kinds", "deposit"),
                ("kinds", "current_account"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let points = sales_points(&app.db).await.unwrap();
    assert_eq!(points.len(), 2);
    let tlt = points.iter().find(|p| p.code == "TLT-KKO").unwrap();
    assert!(
        tlt.opens
            .allows(kombi::domain::product::ProductKind::Deposit)
    );
    assert!(
        !tlt.opens
            .allows(kombi::domain::product::ProductKind::CreditCard)
    );
    let entries = audit::page(&app.db, &Filter::default(), None, 100)
        .await
        .unwrap();
    for (subject, object) in [
        (Subject::Bank, "Volga Savings Bank"),
        (Subject::SalesPoint, "SAM-HO"),
        (Subject::SalesPoint, "TLT-KKO"),
        (Subject::Company, "BANK"),
    ] {
        let audited = entries
            .iter()
            .any(|e| e.entry.subject == subject && e.entry.object == object);
        assert!(audited, "{subject:?} {object} audited");
    }

    // A product manager creates a product and sees its P&L at both points.
    let manager = spawn_app_client(&app);
    manager.signed_in_as(Role::ProductManager).await;
    let csrf = manager.session_csrf("/catalog/new").await;
    let created = manager
        .post_form(
            "/catalog",
            &[
                ("csrf_token", csrf.as_str()),
                ("code", "VOLGA_DEP"),
                ("name", "Volga Deposit"),
                ("kind", "deposit"),
                ("currency", "RUB"),
                ("company", "BANK"),
                ("status", "active"),
                ("price_parameter", "client_rate"),
                ("market_price", "0.13"),
                ("ftp_rate", "0.15"),
                ("reserve_ratio", "0.04"),
                ("servicing_cost", "400"),
                ("acquisition_cost", "1500"),
                ("lifetime_years", "3"),
                ("opening_minutes", "10"),
                ("overhead_rate", "0.20"),
                ("client_rate", "0.13"),
                ("avg_balance", "300000"),
            ],
        )
        .await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "created on a fresh bank"
    );
    let at_head_office = manager
        .get("/catalog/VOLGA_DEP?point=SAM-HO")
        .await
        .text()
        .await
        .unwrap();
    let at_tolyatti = manager
        .get("/catalog/VOLGA_DEP?point=TLT-KKO")
        .await
        .text()
        .await
        .unwrap();
    assert!(at_head_office.contains("Head office, Samara"));
    assert!(at_tolyatti.contains("Tolyatti, Lenina 12"));
    assert_ne!(
        at_head_office, at_tolyatti,
        "each point's costs give its own P&L"
    );
}

#[tokio::test]
async fn a_list_of_points_is_imported_whole_or_not_at_all_and_a_used_point_is_only_closed() {
    let app = spawn_app().await;
    app.add_user(Role::Admin).await;
    app.sign_in("t-admin", crate::helpers::PASSWORD).await;
    let csrf = set_up(&app).await;

    let bad = "code;name;city;format;branch_cost_per_minute;visit_overhead_minutes\n\
               SAM-01;Samara 1;Samara;branch;20;10\n\
               SAM-01;Samara again;Samara;branch;20;10\n\
               SAM-02;;Samara;kiosk;-5;10\n";
    let refused = post_file(&app, "/admin/sales-points/import", &csrf, bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Line 3, column “code”"),
        "the duplicate is named"
    );
    assert!(page.contains("Line 4, column “format”"));
    assert_eq!(
        sales_points(&app.db).await.unwrap().len(),
        1,
        "nothing stored"
    );

    let good = "code,name,city,region,format,branch_cost_per_minute,visit_overhead_minutes,product_kinds\n\
                SAM-01,Samara 1,Samara,Volga,branch,20,10,*\n\
                SAM-HO,Head office (renamed),Samara,Volga,head_office,22.5,15,*\n";
    let imported = post_file(&app, "/admin/sales-points/import", &csrf, good).await;
    assert_eq!(imported.status(), StatusCode::SEE_OTHER);
    assert!(location(&imported).contains("added=1&updated=1"));
    let points = sales_points(&app.db).await.unwrap();
    assert_eq!(points.len(), 2);
    assert!(points.iter().any(|p| p.name == "Head office (renamed)"));

    // An unused point is deleted; one a user works at is only deactivated.
    let closed = app
        .post_form(
            "/admin/sales-points/SAM-01/close",
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert!(location(&closed).contains("done=deleted"));
    let staff = post_file(
        &app,
        "/admin/users/import",
        &csrf,
        "username,display_name,role,sales_point\ni.petrova,Irina Petrova,advisor,SAM-HO\n",
    )
    .await;
    assert_eq!(staff.status(), StatusCode::OK);
    let closed = app
        .post_form(
            "/admin/sales-points/SAM-HO/close",
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert!(location(&closed).contains("done=deactivated"));
    let points = sales_points(&app.db).await.unwrap();
    assert_eq!(points.len(), 1);
    assert!(!points[0].active, "kept for the records, closed");
}

#[tokio::test]
async fn imported_staff_sign_in_once_with_a_one_time_password_and_must_choose_their_own() {
    let app = spawn_app().await;
    app.add_user(Role::Admin).await;
    app.sign_in("t-admin", crate::helpers::PASSWORD).await;
    let csrf = set_up(&app).await;

    let refused = post_file(
        &app,
        "/admin/users/import",
        &csrf,
        "username,role,sales_point\nanna.k,advisor,NOPE\nt-admin,finance,\n",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Line 2, column “sales_point”"));
    assert!(page.contains("Line 3, column “username”"));
    assert!(
        kombi::persistence::users::find_by_username(&app.db, "anna.k")
            .await
            .unwrap()
            .is_none()
    );

    let done = post_file(
        &app,
        "/admin/users/import",
        &csrf,
        "username,display_name,role,sales_point\nanna.k,Anna K,advisor,SAM-HO\nboris.f,Boris F,finance,\n",
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK);
    let page = done.text().await.unwrap();
    let document = scraper::Html::parse_document(&page);
    let selector = scraper::Selector::parse("table.one-time tbody tr").unwrap();
    let rows: Vec<Vec<String>> = document
        .select(&selector)
        .map(|tr| {
            tr.text()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2);
    let anna_password = rows[0].last().unwrap().clone();

    let anna = spawn_app_client(&app);
    let signed_in = anna.sign_in("anna.k", &anna_password).await;
    assert_eq!(
        location(&signed_in),
        "/account/password",
        "must choose a password first"
    );
    let entries = audit::page(&app.db, &Filter::default(), None, 100)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.entry.subject == Subject::User && e.entry.object == "anna.k")
    );
    assert!(
        !page.contains(&format!("value=\"{anna_password}\"")),
        "never in a form field"
    );
    let _ = csrf_from(&page);
}

#[tokio::test]
async fn rates_are_imported_at_once_before_the_bank_is_live_and_shown_in_force_on_a_date() {
    let app = spawn_app().await;
    app.add_user(Role::Admin).await;
    app.sign_in("t-admin", crate::helpers::PASSWORD).await;
    set_up(&app).await;
    let finance = spawn_app_client(&app);
    finance.signed_in_as(Role::Finance).await;
    let csrf = finance.session_csrf("/finance/rates").await;

    let refused = post_file(
        &finance,
        "/finance/rates/import",
        &csrf,
        "date;currency;rate\n01.12.2026;USD;78,23\n2026-12-02;RUB;1\n2026-12-02;EUR;abc\n",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Line 3, column “currency”") && page.contains("Line 4, column “rate”"));
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let rates = exchange_rates(&app.db, kombi::domain::money::Currency::RUB, on)
        .await
        .unwrap();
    assert!(rates.in_force(on).is_empty(), "nothing stored");

    let imported = post_file(
        &finance,
        "/finance/rates/import",
        &csrf,
        "date;currency;rate;nominal\n01.12.2026;USD;78,23;\n03.12.2026;USD;79,10;\n01.12.2026;JPY;52,1432;100\n",
    )
    .await;
    assert_eq!(location(&imported), "/finance/rates?done=applied&count=3");
    let page = finance
        .get("/finance/rates?on=2026-12-02")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("78.23") && page.contains("0.521432"),
        "in force on the 2nd"
    );
    let page = finance
        .get("/finance/rates?on=2026-12-04")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("79.10") || page.contains("79.1"),
        "the later rate from the 3rd"
    );
    let entries = audit::page(&app.db, &Filter::default(), None, 100)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.entry.subject == Subject::Rate && e.entry.object == "USD@2026-12-03")
    );
}

#[tokio::test]
async fn once_the_bank_is_live_an_administrator_edits_a_point_but_its_costs_stay_finance_s() {
    let app = spawn_app().await;
    kombi::demo::seed::seed_demo(&app.db, &kombi::demo::seed::DemoOptions { clients: 0 })
        .await
        .unwrap();
    assert!(
        kombi::persistence::settings_changes::bank_is_live(&app.db)
            .await
            .unwrap(),
        "the demo bank has published matrices"
    );
    app.signed_in_as(Role::Admin).await;
    let page = app
        .get("/admin/sales-points/MSK-HO")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("name=\"branch_cost_per_minute\""),
        "costs are read-only"
    );
    let before = sales_points(&app.db).await.unwrap();
    let head_office = before.iter().find(|p| p.code == "MSK-HO").unwrap();
    let csrf = csrf_from(&page).unwrap();

    let saved = app
        .post_form(
            "/admin/sales-points/MSK-HO",
            &[
                ("csrf_token", csrf.as_str()),
                ("name", "Head office, Moscow (Tverskaya)"),
                ("city", "Moscow"),
                ("region", "Moscow"),
                ("format", "head_office"),
                ("branch_cost_per_minute", "1"),
                ("visit_overhead_minutes", "1"),
                ("kinds", "deposit"),
                ("kinds", "current_account"),
            ],
        )
        .await;

    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let after = sales_points(&app.db).await.unwrap();
    let changed = after.iter().find(|p| p.code == "MSK-HO").unwrap();
    assert_eq!(changed.name, "Head office, Moscow (Tverskaya)");
    assert_eq!(changed.costs, head_office.costs, "the live costs stay");
    assert!(
        !changed
            .opens
            .allows(kombi::domain::product::ProductKind::CreditCard)
    );
    // A point with clients and offers is closed, never deleted.
    let closed = app
        .post_form(
            "/admin/sales-points/MSK-HO/close",
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert!(location(&closed).contains("done=deactivated"));
    assert!(
        sales_points(&app.db)
            .await
            .unwrap()
            .iter()
            .any(|p| p.code == "MSK-HO" && !p.active)
    );
}
