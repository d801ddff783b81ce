//! The web side of extracts as banks have them: a mapping suggested from an uploaded extract,
//! saved after a person's edit, an import through it, and the run's page saying the encoding
//! and how each custom attribute's values came out.

use kombi::domain::user::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{TestApp, location, spawn_app};

/// No ids, no names, ages, a numeric column with one text value, Windows-1251.
const EXTRACT: &str = "Пол;Возраст;Debt;Branch;Account;Город\n\
                       М;41;1234,5;MSK;001;Москва\n\
                       Ж;29;n/a;MSK;002;Новосибирск\n\
                       Ж;35;0;NSK;001;Екатеринбург\n";

fn extract() -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(EXTRACT).0.into_owned()
}

/// The form's text as a browser would submit it (the page escapes it).
fn textarea(page: &str) -> String {
    let start = page
        .find("<textarea name=\"toml\"")
        .expect("the mapping form");
    let body = &page[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</textarea>").unwrap()];
    body.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn suggest(app: &TestApp, csrf: Option<&str>) -> reqwest::Response {
    let form = Form::new().part("file", Part::bytes(extract()).file_name("bank-survey.csv"));
    let url = match csrf {
        Some(token) => format!("/clients/mappings/suggest?csrf_token={token}"),
        None => "/clients/mappings/suggest".to_owned(),
    };
    app.client
        .post(app.url(&url))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_suggested_mapping_is_edited_saved_and_imports_the_extract_with_its_report() {
    let app = spawn_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/clients/mappings").await;

    let response = suggest(&app, Some(&csrf)).await;

    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("value=\"bank-survey\""),
        "named after the file"
    );
    assert!(
        page.contains("crm_id: no column looks like a client id"),
        "{page}"
    );
    let suggested = textarea(&page);
    for line in [
        "\"Пол\" = \"gender\"",
        "\"Возраст\" = \"age\"",
        "\"Город\" = \"city\"",
        "encoding = \"windows-1251\"",
    ] {
        assert!(suggested.contains(line), "{line:?} missing:\n{suggested}");
    }
    assert!(
        kombi::persistence::import_runs::mappings(&app.db)
            .await
            .unwrap()
            .is_empty(),
        "a suggestion saves nothing"
    );

    // The person decides: the id of branch and account, the extract's date.
    let edited = suggested
        .replace(
            "# template = \"{branch}-{account_no}\"",
            "template = \"{Branch}-{Account}\"",
        )
        .replace("age_as_of = \"", "age_as_of = \"2026-06-30\" # was \"");
    let saved = app
        .post_form(
            "/clients/mappings",
            &[("csrf_token", &csrf), ("name", "Survey"), ("toml", &edited)],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "{edited}");
    let mapping = kombi::persistence::import_runs::mappings(&app.db)
        .await
        .unwrap()[0]
        .id;
    let form = Form::new()
        .text("mapping", mapping.to_string())
        .part("file", Part::bytes(extract()).file_name("bank-survey.csv"));
    let started = app
        .client
        .post(app.url(&format!("/clients/import?csrf_token={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let run: i32 = location(&started)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let finished = crate::clients_ui::wait_until_finished(&app, run).await;
    assert_eq!(
        (finished.rows, finished.skipped),
        (3, 0),
        "{}",
        finished.message
    );

    let report = app
        .get(&format!("/clients/imports/{run}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(report.contains("Read as windows-1251."), "{report}");
    let debt = report
        .find("<code>debt</code>")
        .expect("the debt attribute listed");
    let row = &report[debt..debt + report[debt..].find("</tr>").unwrap()];
    assert!(
        row.contains("numbers and text"),
        "one text among numbers: {row}"
    );
    assert!(row.contains(">2<") && row.contains(">1<"), "{row}");
    assert!(
        row.contains("<td>Debt</td>"),
        "the column it came from: {row}"
    );
    let client = kombi::persistence::clients::load(&app.db, "MSK-002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(client.stated_age.map(|a| a.years()), Some(29));
    assert_eq!(client.gender.map(|g| g.as_str()), Some("female"));
}

#[tokio::test]
async fn a_suggestion_needs_the_csrf_token_and_a_product_manager() {
    let app = spawn_app().await;
    app.signed_in_as(Role::ProductManager).await;
    assert_eq!(suggest(&app, None).await.status(), StatusCode::FORBIDDEN);
    let advisor = spawn_app().await;
    advisor.signed_in_as(Role::Advisor).await;
    let csrf = advisor.session_csrf("/desk").await;
    assert_eq!(
        suggest(&advisor, Some(&csrf)).await.status(),
        StatusCode::FORBIDDEN
    );
}
