use crate::helpers::{PASSWORD, csrf_from, location, spawn_app};
use kombi::domain::user::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_sign_in() {
    let app = spawn_app().await;

    let response = app.get("/desk").await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/signin?next=%2Fdesk");
}

#[tokio::test]
async fn an_advisor_signs_in_and_reaches_the_desk() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;

    let response = app.sign_in(&username, PASSWORD).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/desk");
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("kombi_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    let desk = app.get("/desk").await;
    assert_eq!(desk.status(), StatusCode::OK);
    assert!(desk.text().await.unwrap().contains("Find a client"));
}

#[tokio::test]
async fn sign_in_returns_to_the_page_first_asked_for() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Finance).await;
    let form = app
        .get("/signin?next=%2Fcatalog")
        .await
        .text()
        .await
        .unwrap();
    let token = csrf_from(&form).unwrap();

    let response = app
        .post_form(
            "/signin",
            &[
                ("username", &username),
                ("password", PASSWORD),
                ("csrf_token", &token),
                ("next", "/catalog"),
            ],
        )
        .await;

    assert_eq!(location(&response), "/catalog");
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_a_session() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;

    let response = app.sign_in(&username, "not-the-password").await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Wrong username or password")
    );
    assert_eq!(app.get("/desk").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_unknown_user_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;

    let response = app.sign_in("nobody", "whatever-password").await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Wrong username or password")
    );
}

#[tokio::test]
async fn sign_in_without_the_form_token_is_refused() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;

    let response = app
        .post_form(
            "/signin",
            &[("username", username.as_str()), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/desk").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_slowed_down() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in(&username, "wrong-password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }

    let response = app.sign_in(&username, PASSWORD).await;

    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Too many failed sign-ins")
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_for_good() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Advisor).await;
    let csrf = app.session_csrf("/desk").await;

    let response = app.post_form("/signout", &[("csrf_token", &csrf)]).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/signin");
    assert_eq!(app.get("/desk").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_stolen_session_cookie_is_useless_after_sign_out() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;
    let response = app.sign_in(&username, PASSWORD).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    let session = cookie.split(';').next().unwrap().to_string();
    let csrf = app.session_csrf("/desk").await;
    app.post_form("/signout", &[("csrf_token", &csrf)]).await;

    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/desk"))
        .header("cookie", session)
        .send()
        .await
        .unwrap();

    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_user_s_language_choice_outlasts_the_browser_s() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Advisor).await;
    let english = app.get("/desk").await.text().await.unwrap();
    assert!(english.contains("Find a client") && english.contains(r#"<html lang="en">"#));
    let csrf = app.session_csrf("/desk").await;

    let response = app
        .client
        .post(app.url("/settings/language"))
        .header("referer", app.url("/desk?q=iv"))
        .form(&[("csrf_token", csrf.as_str()), ("language", "ru")])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/desk?q=iv");
    let russian = app.get("/desk").await.text().await.unwrap();
    assert!(russian.contains("Найти клиента"), "{russian}");
    assert!(russian.contains(r#"<html lang="ru">"#));
    let bad = app
        .post_form(
            "/settings/language",
            &[("csrf_token", &csrf), ("language", "fr")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}
