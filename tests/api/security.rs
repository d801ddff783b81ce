//! The probes of a security review, each answered safely: parallel sign-ins, redirects after
//! sign-in, unknown methods, a CSV with a quote left open, a birth date in the future, and an
//! administrator ending another user's sessions.

use futures_util::StreamExt;
use kombi::domain::user::Role;
use kombi::web::throttle::FREE_FAILURES;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::clients_ui::wait_until_finished;
use crate::helpers::{PASSWORD, TestApp, csrf_from, location, spawn_app, spawn_app_client};

/// The sign-in form's token (its cookie stays in the app's client).
async fn sign_in_token(app: &TestApp) -> String {
    let form = app.get("/signin").await.text().await.unwrap();
    csrf_from(&form).unwrap()
}

#[tokio::test]
async fn parallel_wrong_sign_ins_check_no_more_passwords_than_the_throttle_allows() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;
    let token = sign_in_token(&app).await;

    let statuses: Vec<u16> = futures_util::stream::iter(0..200)
        .map(|i| {
            let (app, username, token) = (&app, &username, &token);
            async move {
                let password = format!("wrong-password-{i}");
                app.post_form(
                    "/signin",
                    &[
                        ("username", username.as_str()),
                        ("password", &password),
                        ("csrf_token", token),
                    ],
                )
                .await
                .status()
                .as_u16()
            }
        })
        .buffer_unordered(200)
        .collect()
        .await;

    let checked = statuses.iter().filter(|&&s| s == 401).count();
    let refused = statuses.iter().filter(|&&s| s == 429 || s == 503).count();
    assert!(
        checked <= FREE_FAILURES as usize,
        "{checked} passwords were checked; the throttle allows {FREE_FAILURES}"
    );
    assert_eq!(checked + refused, 200, "{statuses:?}");
    // The right password is refused too while the account waits.
    let response = app.sign_in(&username, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn many_advisors_signing_in_from_one_branch_address_are_not_slowed_down() {
    let app = spawn_app().await;
    for i in 0..(FREE_FAILURES + 3) {
        let username = format!("advisor-{i}");
        let hash = kombi::security::hash_password(PASSWORD).unwrap();
        kombi::persistence::users::create(
            &app.db,
            &kombi::domain::user::Username::parse(&username).unwrap(),
            "Advisor",
            Role::Advisor,
            hash,
        )
        .await
        .unwrap();
        let browser = spawn_app_client(&app);
        let response = browser.sign_in(&username, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{username}");
    }
}

#[tokio::test]
async fn sign_in_never_sends_the_user_to_another_site() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;
    for next in [
        "/\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "/ /evil.example",
        "/desk\r\nSet-Cookie: stolen=1",
        "/desk\n",
        "/desk\0",
    ] {
        let browser = spawn_app_client(&app);
        let token = sign_in_token(&browser).await;
        let response = browser
            .post_form(
                "/signin",
                &[
                    ("username", username.as_str()),
                    ("password", PASSWORD),
                    ("csrf_token", &token),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(location(&response), "/desk", "{next:?}");
    }
}

#[tokio::test]
async fn the_sign_in_page_drops_a_next_that_leads_elsewhere() {
    let app = spawn_app().await;
    let page = app
        .get("/signin?next=/%09/evil.example")
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("evil.example"), "{page}");
}

#[tokio::test]
async fn methods_a_path_does_not_take_answer_405() {
    let app = spawn_app().await;
    for method in ["OPTIONS", "DELETE", "PATCH"] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        for path in ["/desk", "/admin/users", "/api/v1/clients/CRM-1"] {
            let response = app
                .client
                .request(method.clone(), app.url(path))
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
        }
    }
}

#[tokio::test]
async fn head_answers_as_get_would_under_the_same_rule_without_a_body() {
    let app = spawn_app().await;
    for path in ["/healthz", "/desk", "/admin/users"] {
        let get = app.client.get(app.url(path)).send().await.unwrap();
        let head = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), get.status(), "HEAD {path}");
        assert!(head.bytes().await.unwrap().is_empty(), "HEAD {path}");
    }
    let post_only = app.client.head(app.url("/signout")).send().await.unwrap();
    assert_eq!(post_only.status(), StatusCode::METHOD_NOT_ALLOWED);

    app.signed_in_as(Role::Advisor).await;
    let desk = app.client.head(app.url("/desk")).send().await.unwrap();
    assert_eq!(desk.status(), StatusCode::OK);
    let admin = app
        .client
        .head(app.url("/admin/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_birth_date_in_the_future_is_refused() {
    let app = spawn_app().await;
    let username = app.add_user(Role::ProductManager).await;
    let token = app.api_token_for(&username).await;

    let response = app
        .api_put(
            "/api/v1/clients/CRM-FUTURE",
            &token,
            &json!({"full_name": "Ivanov Ivan", "birth_date": "2999-01-01"}),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("birth_date") && body.contains("in the future"),
        "{body}"
    );
    let stored = kombi::persistence::clients::load(&app.db, "CRM-FUTURE").await;
    assert!(stored.unwrap().is_none(), "nothing was stored");
}

#[tokio::test]
async fn a_csv_whose_header_never_closes_its_quote_is_refused_and_the_server_keeps_answering() {
    let app = spawn_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/clients/import").await;
    let mut file = b"\"".to_vec();
    file.resize(300_000, b'\n');
    let form = Form::new()
        .text("mapping", "canonical")
        .part("file", Part::bytes(file).file_name("open-quote.csv"));
    let upload = app
        .client
        .post(app.url(&format!("/clients/import?csrf_token={csrf}")))
        .multipart(form)
        .send();
    let health = app.get("/healthz");

    let (upload, health) = tokio::join!(upload, health);

    assert_eq!(health.status(), StatusCode::OK);
    let upload = upload.unwrap();
    assert_eq!(upload.status(), StatusCode::SEE_OTHER);
    let run_id: i32 = location(&upload)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let run = wait_until_finished(&app, run_id).await;
    assert_eq!(
        run.status,
        kombi::domain::import_run::RecordedStatus::Failed
    );
    let page = app
        .get(&format!("/clients/imports/{run_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("is this a CSV file, with a quote left open?"),
        "{page}"
    );
}

#[tokio::test]
async fn an_administrator_sees_a_users_sessions_and_ends_them() {
    let app = spawn_app().await;
    let advisor = spawn_app_client(&app);
    advisor.signed_in_as(Role::Advisor).await;
    let second_device = spawn_app_client(&app);
    second_device.sign_in("t-advisor", PASSWORD).await;
    app.signed_in_as(Role::Admin).await;

    let page = app.get("/admin/users").await.text().await.unwrap();
    let document = scraper::Html::parse_document(&page);
    let rows = scraper::Selector::parse("section table tbody tr").unwrap();
    let advisor_sessions: Vec<String> = document
        .select(&rows)
        .map(|row| row.text().collect::<String>())
        .filter(|text| text.contains("t-advisor"))
        .collect();
    assert_eq!(advisor_sessions.len(), 2, "{page}");
    assert!(
        advisor_sessions[0].contains("127.0.0.1"),
        "{advisor_sessions:?}"
    );
    // Sign-ins and sessions read alike on one page: "30 Nov 2026 08:36 UTC".
    let today = chrono::Utc::now().date_naive();
    let written = format!("{} ", today.format("%-d %b %Y"));
    assert!(
        advisor_sessions[0].contains(&written),
        "{advisor_sessions:?}"
    );
    assert!(
        !page.contains(&today.format("%Y-%m-%d").to_string()),
        "{page}"
    );
    assert!(
        !page.contains(&today.format("%d.%m.%Y").to_string()),
        "{page}"
    );

    let csrf = app.session_csrf("/admin/users").await;
    let user = kombi::persistence::users::find_by_username(&app.db, "t-advisor")
        .await
        .unwrap()
        .unwrap();
    let response = app
        .post_form(
            &format!("/admin/users/{}/sessions/end", user.id),
            &[("csrf_token", &csrf), ("session", "all")],
        )
        .await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let notice = app.get(&location(&response)).await.text().await.unwrap();
    assert!(notice.contains("2 sessions ended."), "{notice}");
    for device in [&advisor, &second_device] {
        assert_eq!(device.get("/desk").await.status(), StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn ending_one_session_leaves_the_others() {
    let app = spawn_app().await;
    let advisor = spawn_app_client(&app);
    advisor.signed_in_as(Role::Advisor).await;
    let second_device = spawn_app_client(&app);
    second_device.sign_in("t-advisor", PASSWORD).await;
    app.signed_in_as(Role::Admin).await;
    let user = kombi::persistence::users::find_by_username(&app.db, "t-advisor")
        .await
        .unwrap()
        .unwrap();
    let live = kombi::persistence::sessions::live(&app.db, chrono::Utc::now())
        .await
        .unwrap();
    let newest = live.iter().find(|s| s.user_id == user.id).unwrap();
    let csrf = app.session_csrf("/admin/users").await;

    app.post_form(
        &format!("/admin/users/{}/sessions/end", user.id),
        &[("csrf_token", &csrf), ("session", &newest.id.to_string())],
    )
    .await;

    let statuses = [
        advisor.get("/desk").await.status(),
        second_device.get("/desk").await.status(),
    ];
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
}
