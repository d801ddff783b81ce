use crate::helpers::spawn_app;
use kombi::domain::user::Role;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn the_api_refuses_a_request_without_a_token_in_json() {
    let app = spawn_app().await;

    let response = app.get("/api/v1/me").await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn the_api_refuses_an_unknown_token() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth("kombi_forged")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_token_acts_for_its_user() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Finance).await;
    let token = app.api_token_for(&username).await;

    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["username"], username);
    assert_eq!(body["role"], "finance");
}

#[tokio::test]
async fn a_session_cookie_does_not_open_the_api() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Finance).await;

    let response = app.get("/api/v1/me").await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_api_routes_answer_json_404() {
    let app = spawn_app().await;

    let response = app.get("/api/v1/nothing-here").await;

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}
