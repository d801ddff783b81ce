use crate::helpers::spawn_app;
use kombi::domain::user::Role;
use reqwest::StatusCode;

/// Representative pages and whether each role may open them.
const MATRIX: &[(&str, &[Role])] = &[
    ("/desk", &[Role::Advisor]),
    ("/desk/clients/NO-SUCH-CLIENT", &[Role::Advisor]),
    ("/catalog", &[Role::ProductManager, Role::Finance]),
    ("/segments", &[Role::ProductManager]),
    ("/matrices", &[Role::ProductManager, Role::Finance]),
    ("/finance", &[Role::Finance]),
    ("/admin/users", &[Role::Admin]),
];

#[tokio::test]
async fn each_role_opens_its_pages_and_gets_403_elsewhere() {
    for role in Role::ALL {
        let app = spawn_app().await;
        app.signed_in_as(role).await;
        for (path, allowed) in MATRIX {
            let status = app.get(path).await.status();
            if allowed.contains(&role) {
                assert!(
                    status == StatusCode::OK || status == StatusCode::NOT_FOUND,
                    "{role} should open {path}, got {status}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role} must not open {path}");
            }
        }
    }
}

#[tokio::test]
async fn an_advisor_opening_a_finance_page_gets_a_403_page_in_the_layout() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Advisor).await;

    let response = app.get("/finance").await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.unwrap();
    assert!(html.contains("Access denied"));
    assert!(
        html.contains(r#"href="/desk""#),
        "the 403 page keeps the advisor's navigation"
    );
}

#[tokio::test]
async fn a_form_posted_without_its_csrf_token_gets_403_and_changes_nothing() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Admin).await;

    let response = app
        .post_form(
            "/admin/users",
            &[
                ("username", "mallory"),
                ("display_name", "M"),
                ("role", "admin"),
                ("password", "long-enough-pass"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let stored = kombi::persistence::users::find_by_username(&app.db, "mallory")
        .await
        .unwrap();
    assert!(stored.is_none());
}

#[tokio::test]
async fn a_form_with_a_wrong_csrf_token_gets_403() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Advisor).await;

    let response = app.post_form("/signout", &[("csrf_token", "forged")]).await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/desk").await.status(),
        StatusCode::OK,
        "still signed in"
    );
}

#[tokio::test]
async fn the_start_page_sends_each_role_home() {
    for (role, home) in [
        (Role::Advisor, "/desk"),
        (Role::ProductManager, "/catalog"),
        (Role::Finance, "/finance"),
        (Role::Admin, "/admin/users"),
    ] {
        let app = spawn_app().await;
        app.signed_in_as(role).await;
        let response = app.get("/").await;
        assert_eq!(crate::helpers::location(&response), home, "{role}");
    }
}

#[tokio::test]
async fn unknown_pages_get_a_404_page() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Finance).await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page not found"));
    assert!(html.contains(r#"href="/finance""#));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    let response = app.get("/signin").await;

    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    let csp = header("content-security-policy");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
}

#[tokio::test]
async fn the_stylesheet_is_served_to_anyone() {
    let app = spawn_app().await;

    let response = app.get("/static/kombi.css").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains(":root"));
}

#[tokio::test]
async fn pages_link_assets_by_content_hash_cached_for_a_year() {
    let app = spawn_app().await;
    let page = app.get("/signin").await.text().await.unwrap();
    let href = page
        .split(r#"<link rel="stylesheet" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page links its stylesheet")
        .to_string();
    assert!(
        href.starts_with("/static/kombi.") && href.ends_with(".css"),
        "{href}"
    );

    let response = app.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK);
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(header(&response, "cache-control").contains("immutable"));
    assert!(header(&response, "content-type").starts_with("text/css"));
    let etag = header(&response, "etag");
    assert!(response.text().await.unwrap().contains(":root"));

    let revalidated = app
        .client
        .get(app.url("/static/kombi.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    for missing in [
        "/static/nothing.css",
        "/static/..%2FCargo.toml",
        "/static/kombi.0000000000000000.css",
    ] {
        assert_eq!(
            app.get(missing).await.status(),
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test]
async fn error_pages_speak_the_reader_s_language() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Advisor).await;
    let russian = |path: &'static str| app.get_in("ru", path);

    let missing = russian("/desk/clients/NOPE-1").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let page = missing.text().await.unwrap();
    assert!(page.contains("Нет клиента с CRM id NOPE-1."), "{page}");
    assert!(
        page.contains("Рабочее место"),
        "the advisor's navigation, in Russian"
    );

    let refused = russian("/finance").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(refused.text().await.unwrap().contains("Доступ запрещён"));

    let nowhere = russian("/no/such/page").await;
    assert!(
        nowhere
            .text()
            .await
            .unwrap()
            .contains("По этому адресу страницы нет")
    );
}
