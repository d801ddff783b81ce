//! The audit trail as finance and administrators use it: each kind of change leaves an entry
//! with who, from where and each field before and after, written with the change; the desk's
//! views of client data are recorded once per visit; the page filters and exports; nobody can
//! change or delete an entry, not even through the application's own database connection.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::audit::{Action, Filter, Subject, changes};
use kombi::domain::user::Role;
use kombi::persistence::audit::{self, StoredEntry};
use kombi::persistence::products;
use rust_decimal_macros::dec;

use crate::helpers::{PASSWORD, TestApp, spawn_app, spawn_app_client};

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 0 })
        .await
        .unwrap();
    app
}

async fn entries(app: &TestApp, action: Action, subject: Subject) -> Vec<StoredEntry> {
    let filter = Filter {
        action: Some(action),
        subject: Some(subject),
        ..Filter::default()
    };
    audit::page(&app.db, &filter, None, 100).await.unwrap()
}

#[tokio::test]
async fn a_product_edit_applies_at_once_and_its_economics_once_finance_approves() {
    let app = demo_app().await;
    let manager = app.signed_in_as(Role::ProductManager).await;
    let edit = app
        .get("/catalog/DEP_PLUS/edit")
        .await
        .text()
        .await
        .unwrap();
    let document = scraper::Html::parse_document(&edit);
    let fields =
        scraper::Selector::parse("form.product-form input, form.product-form select").unwrap();
    let mut form: Vec<(String, String)> = document
        .select(&fields)
        .filter(|e| {
            e.value().attr("type") != Some("checkbox") || e.value().attr("checked").is_some()
        })
        .filter_map(|e| {
            let name = e.value().attr("name")?.to_owned();
            let value = if e.value().name() == "select" {
                let selected = scraper::Selector::parse("option[selected]").unwrap();
                e.select(&selected)
                    .next()
                    .and_then(|o| o.value().attr("value"))
                    .unwrap_or_default()
                    .to_owned()
            } else {
                e.value().attr("value").unwrap_or_default().to_owned()
            };
            Some((name, value))
        })
        .collect();
    for (name, value) in &mut form {
        match name.as_str() {
            "client_rate" => *value = "0.0875".into(),
            "ftp_rate" => *value = "0.155".into(),
            "name" => *value = "Deposit Plus, renewed".into(),
            "note" => *value = "Cheaper deposit for the spring campaign".into(),
            _ => {}
        }
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = app.post_form("/catalog/DEP_PLUS", &pairs).await;
    assert_eq!(
        saved.status(),
        StatusCode::SEE_OTHER,
        "{}",
        saved.text().await.unwrap()
    );
    assert_eq!(
        crate::helpers::location(&saved),
        "/catalog/DEP_PLUS?proposed=1"
    );

    // The name applies at once; the client rate and the funds' rate wait for finance.
    let found = entries(&app, Action::Changed, Subject::Product).await;
    assert_eq!(found.len(), 1);
    let entry = &found[0].entry;
    assert_eq!(entry.actor.name(), manager);
    assert_eq!(entry.object, "DEP_PLUS");
    assert_eq!(entry.origin, "127.0.0.1");
    let changed = changes(entry.before.as_ref(), entry.after.as_ref());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].field, "name");
    let live = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let product = products::find(&db, "DEP_PLUS")
                .await
                .unwrap()
                .unwrap()
                .product;
            (product.name, product.terms.client_rate)
        }
    };
    assert_eq!(
        live(&app).await,
        ("Deposit Plus, renewed".into(), dec!(0.13))
    );
    let proposed = entries(&app, Action::Submitted, Subject::Product).await;
    let proposal = changes(
        proposed[0].entry.before.as_ref(),
        proposed[0].entry.after.as_ref(),
    );
    let rate = proposal.iter().find(|c| c.field == "client_rate").unwrap();
    assert_eq!(
        (rate.before.as_deref(), rate.after.as_deref()),
        (Some("0.13"), Some("0.0875"))
    );
    let page = app
        .get("/catalog/DEP_PLUS?proposed=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Change awaiting approval"), "{page}");
    assert!(
        page.contains("id=\"change-effect\""),
        "the funds' rate moves the published bundles (their client terms are frozen): {page}"
    );
    assert!(
        !page.contains("/change/approve"),
        "not approved by its maker"
    );
    let csrf = app.session_csrf("/catalog/DEP_PLUS").await;
    let refused = app
        .post_form("/catalog/DEP_PLUS/change/approve", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // While it waits, another change to the economics saves nothing.
    let version = products::find(&app.db, "DEP_PLUS")
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string();
    let mut second = form.clone();
    for (name, value) in &mut second {
        match name.as_str() {
            "client_rate" => *value = "0.09".into(),
            "name" => *value = "Deposit Plus, again".into(),
            "version" => value.clone_from(&version),
            _ => {}
        }
    }
    let pairs: Vec<(&str, &str)> = second
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let busy = app.post_form("/catalog/DEP_PLUS", &pairs).await;
    assert_eq!(busy.status(), StatusCode::CONFLICT);
    assert!(
        busy.text()
            .await
            .unwrap()
            .contains("already awaiting approval")
    );
    assert_eq!(
        live(&app).await,
        ("Deposit Plus, renewed".into(), dec!(0.13)),
        "nothing saved"
    );

    // Finance approves it: the catalog takes the new rate.
    app.post_form("/signout", &[("csrf_token", &csrf)]).await;
    let finance = app.signed_in_as(Role::Finance).await;
    let overview = app.get("/finance").await.text().await.unwrap();
    assert!(
        overview.contains("/catalog/DEP_PLUS#pending-change"),
        "{overview}"
    );
    let csrf = app.session_csrf("/catalog/DEP_PLUS").await;
    let approved = app
        .post_form(
            "/catalog/DEP_PLUS/change/approve",
            &[("csrf_token", &csrf), ("comment", "")],
        )
        .await;
    assert_eq!(
        crate::helpers::location(&approved),
        "/catalog/DEP_PLUS?approved=1"
    );
    assert_eq!(
        live(&app).await,
        ("Deposit Plus, renewed".into(), dec!(0.0875))
    );
    let approval = entries(&app, Action::Approved, Subject::Product).await;
    assert_eq!(approval[0].entry.actor.name(), finance);
    let again = app
        .post_form("/catalog/DEP_PLUS/change/approve", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(
        again.status(),
        StatusCode::CONFLICT,
        "nothing waits any more"
    );
    app.post_form("/signout", &[("csrf_token", &csrf)]).await;
    app.sign_in(&manager, PASSWORD).await;

    // Saving the same values again changes nothing, and adds no entry.
    let csrf_form = app
        .get("/catalog/DEP_PLUS/edit")
        .await
        .text()
        .await
        .unwrap();
    let version = scraper::Html::parse_document(&csrf_form)
        .select(&scraper::Selector::parse("input[name=version]").unwrap())
        .next()
        .and_then(|e| e.value().attr("value").map(str::to_owned))
        .unwrap();
    let token = crate::helpers::csrf_from(&csrf_form).unwrap();
    for (name, value) in &mut form {
        match name.as_str() {
            "version" => value.clone_from(&version),
            "csrf_token" => value.clone_from(&token),
            _ => {}
        }
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let again = app.post_form("/catalog/DEP_PLUS", &pairs).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        entries(&app, Action::Changed, Subject::Product).await.len(),
        1
    );
}

#[tokio::test]
async fn sign_ins_are_recorded_whether_they_succeed_or_not() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Finance).await;
    let refused = app.sign_in(&username, "not the password").await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let unknown = app.sign_in("mallory", "guess").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let signed_in = app.sign_in(&username, PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);

    let refusals = entries(&app, Action::SignInRefused, Subject::Session).await;
    let names: Vec<&str> = refusals.iter().map(|e| e.entry.actor.name()).collect();
    assert_eq!(names, ["mallory", username.as_str()], "newest first");
    assert!(refusals.iter().all(|e| e.entry.actor.kind() == "claimed"));
    let successes = entries(&app, Action::SignedIn, Subject::Session).await;
    assert_eq!(successes.len(), 1);
    assert_eq!(successes[0].entry.actor.kind(), "user");
    assert_eq!(successes[0].entry.actor.name(), username);
}

#[tokio::test]
async fn the_desk_records_who_looked_at_a_client_once_per_visit() {
    let app = crate::desk_offers::desk().await;
    let card = format!("/desk/clients/{}", crate::desk_offers::CLIENT);
    for _ in 0..3 {
        assert_eq!(app.get(&card).await.status(), StatusCode::OK);
    }
    let proposal = format!("{card}/proposal?main=DEP_PLUS");
    assert_eq!(app.get(&proposal).await.status(), StatusCode::OK);
    assert_eq!(
        app.get("/desk?q=sokolov&part=results").await.status(),
        StatusCode::OK
    );

    let views = entries(&app, Action::Viewed, Subject::Client).await;
    let seen: Vec<(String, Option<&str>)> = views
        .iter()
        .map(|v| {
            let page = v.entry.after.as_ref().and_then(|f| f.get("page"));
            (v.entry.object.clone(), page)
        })
        .collect();
    let client = crate::desk_offers::CLIENT.to_owned();
    assert_eq!(
        seen,
        [
            ("sokolov".to_owned(), Some("search")),
            (client.clone(), Some("proposal")),
            (client, Some("card")),
        ],
        "three loads of the card are one view"
    );
}

#[tokio::test]
async fn finance_filters_the_trail_and_exports_it_and_advisors_cannot_see_it() {
    let app = demo_app().await;
    let advisor = spawn_app_client(&app);
    advisor.signed_in_as(Role::Advisor).await;
    assert_eq!(advisor.get("/audit").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        advisor.get("/audit.csv").await.status(),
        StatusCode::FORBIDDEN
    );

    let finance = app.signed_in_as(Role::Finance).await;
    let page = app.get("/audit").await.text().await.unwrap();
    assert!(page.contains("signed in"), "{page}");
    assert!(page.contains(&finance));

    let mine = app
        .get(&format!("/audit?actor={finance}&action=signed-in"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(mine.matches("<tr id=\"entry-").count(), 1, "{mine}");
    let nobody = app.get("/audit?actor=nobody").await.text().await.unwrap();
    assert!(nobody.contains("id=\"audit-empty\""), "{nobody}");

    let bad = app
        .get("/audit?action=erased&from=30.11.2026")
        .await
        .text()
        .await
        .unwrap();
    assert!(bad.contains("id=\"problems\""), "{bad}");
    assert!(bad.contains("erased is not one of the choices"), "{bad}");
    assert!(bad.contains("30.11.2026 is not a date"), "{bad}");

    let csv = app.get("/audit.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 11);
    assert_eq!(&header[5], "Action");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[3] == finance.as_str() && &r[5] == "signed in"),
        "{text}"
    );
}

#[tokio::test]
async fn the_export_streams_every_entry_past_one_chunk() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Admin).await;
    let author = kombi::cli::os_author();
    for i in 0..1_005 {
        let entry = author.entry(Action::Viewed, Subject::Client, format!("CRM-{i:05}"));
        audit::record(&app.db, &entry).await.unwrap();
    }
    let text = app
        .get("/audit.csv?subject=client")
        .await
        .text()
        .await
        .unwrap();
    let objects: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap()[7].to_owned())
        .collect();
    assert_eq!(objects.len(), 1_005);
    assert_eq!(objects.first().map(String::as_str), Some("CRM-01004"));
    assert_eq!(objects.last().map(String::as_str), Some("CRM-00000"));
}

#[tokio::test]
async fn no_entry_can_be_changed_or_deleted_through_the_application_s_connection() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Admin).await;
    let before = audit::count(&app.db).await.unwrap();
    assert!(before > 0, "the sign-in is recorded");
    let mut refused = vec![
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
    ];
    if app.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        refused.push("TRUNCATE audit_log");
    }
    for sql in refused {
        assert!(
            app.db.execute_unprepared(sql).await.is_err(),
            "{sql} is refused"
        );
    }
    assert_eq!(audit::count(&app.db).await.unwrap(), before);
    let entries = audit::page(&app.db, &Filter::default(), None, 10)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e.entry.actor.name() != "someone else")
    );
}

#[tokio::test]
async fn a_user_change_by_an_administrator_is_recorded_before_and_after() {
    let app = demo_app().await;
    let admin = app.signed_in_as(Role::Admin).await;
    let advisor = kombi::persistence::users::find_by_username(&app.db, "advisor")
        .await
        .unwrap()
        .unwrap();
    let csrf = app.session_csrf("/admin/users").await;
    let response = app
        .post_form(
            &format!("/admin/users/{}/active", advisor.id),
            &[
                ("csrf_token", &csrf),
                ("active", "false"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let found = entries(&app, Action::Deactivated, Subject::User).await;
    assert_eq!(found.len(), 1);
    let entry = &found[0].entry;
    assert_eq!(
        (entry.actor.name(), entry.object.as_str()),
        (admin.as_str(), "advisor")
    );
    let changed = changes(entry.before.as_ref(), entry.after.as_ref());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        (
            changed[0].field.as_str(),
            changed[0].before.as_deref(),
            changed[0].after.as_deref()
        ),
        ("active", Some("true"), Some("false"))
    );
}

#[tokio::test]
async fn the_workbook_export_holds_exactly_the_csv_export_s_cells() {
    use calamine::{Data, Reader, Xlsx};
    let app = demo_app().await;
    let finance = app.signed_in_as(Role::Finance).await;
    let author = kombi::cli::os_author();
    let entry = author
        .entry(Action::Changed, Subject::Product, "DEP_PLUS")
        .before(kombi::domain::audit::Fields::new().with("client_rate", "0.13"))
        .after(kombi::domain::audit::Fields::new().with("client_rate", "=1+1"));
    audit::record(&app.db, &entry).await.unwrap();

    let csv_text = app.get("/audit.csv").await.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut csv_rows: Vec<Vec<String>> = vec![
        reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect(),
    ];
    csv_rows.extend(
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect()),
    );

    let response = app.get("/audit.xlsx").await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("Audit").unwrap();
    let xlsx_rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    // The entry's number is a number; it reads back as the same integer.
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(xlsx_rows, csv_rows);
    assert!(
        xlsx_rows.iter().any(|r| r[9] == "0.13" && r[10] == "'=1+1"),
        "a formula-like value is defused in both"
    );
    assert!(xlsx_rows.iter().any(|r| r[3] == finance));
}

#[tokio::test]
async fn a_client_sent_by_the_crm_is_recorded_created_then_changed_field_by_field() {
    let app = spawn_app().await;
    let token = crate::clients_api::crm_token(&app).await;
    let mut anna = crate::clients_api::anna();
    let first = app.api_put("/api/v1/clients/CRM-42", &token, &anna).await;
    assert_eq!(first.status(), StatusCode::OK);
    anna["city"] = "Kazan".into();
    let second = app.api_put("/api/v1/clients/CRM-42", &token, &anna).await;
    assert_eq!(second.status(), StatusCode::OK);

    let created = entries(&app, Action::Created, Subject::Client).await;
    assert_eq!(created.len(), 1);
    let after = created[0].entry.after.as_ref().unwrap();
    assert_eq!(after.get("monthly_income"), Some("14.890999999999998"));
    assert_eq!(after.get("city"), Some("Moscow"));
    let changed = entries(&app, Action::Changed, Subject::Client).await;
    assert_eq!(changed.len(), 1);
    let fields = changes(
        changed[0].entry.before.as_ref(),
        changed[0].entry.after.as_ref(),
    );
    let names: Vec<&str> = fields.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(names, ["city"], "{fields:?}");
}
