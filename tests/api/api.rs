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

    let response = app.api_get("/api/v1/me", &token).await;

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

fn worked_example() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/worked-example.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test]
async fn finance_evaluates_the_worked_example_through_the_api() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Finance).await;
    let token = app.api_token_for(&username).await;
    let document = worked_example();

    let response = app.api_post("/api/v1/evaluate", &token, &document).await;

    assert_eq!(response.status(), StatusCode::OK);
    let report: Value = response.json().await.unwrap();
    let expected = &document["expected"];
    for (code, profit) in expected["standalone_profit"].as_object().unwrap() {
        assert_eq!(
            &report["products"][code]["standalone"]["profit"], profit,
            "{code}"
        );
    }
    assert_eq!(report["bundle"]["profit"], expected["bundle"]["profit"]);
    assert_eq!(report["bundle"]["revenue"], expected["bundle"]["revenue"]);
    assert_eq!(
        report["bundle"]["visit_total"],
        expected["bundle"]["visit_total"]
    );
}

#[tokio::test]
async fn a_malformed_document_gets_422_naming_each_field() {
    let app = spawn_app().await;
    let username = app.add_user(Role::ProductManager).await;
    let token = app.api_token_for(&username).await;
    let mut document = worked_example();
    document["products"]["DEP_PLUS"]["reserve_ratio"] = serde_json::json!("1.5");
    document["bank"]["currency"] = serde_json::json!("roubles");

    let response = app.api_post("/api/v1/evaluate", &token, &document).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"products.DEP_PLUS.reserve_ratio"),
        "{fields:?}"
    );
    assert!(fields.contains(&"bank.currency"), "{fields:?}");
}

#[tokio::test]
async fn a_body_that_is_not_json_gets_400_in_json() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Finance).await;
    let token = app.api_token_for(&username).await;

    let response = app
        .client
        .post(app.url("/api/v1/evaluate"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"bank\": ")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
}

#[tokio::test]
async fn an_advisor_token_cannot_evaluate() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Advisor).await;
    let token = app.api_token_for(&username).await;

    let response = app
        .api_post("/api/v1/evaluate", &token, &worked_example())
        .await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// A token read lately is trusted for at most a second on this server; a user disabled by an
/// administrator's form here loses the API at once, one disabled behind the server's back (the
/// command line, another server) once that second is over.
#[tokio::test]
async fn a_disabled_user_s_token_stops_working_at_once_here_and_within_a_second_elsewhere() {
    use kombi::persistence::users;
    let app = spawn_app().await;
    let first = app.add_user(Role::Finance).await;
    let second = app.add_user(Role::ProductManager).await;
    let (first_token, second_token) = (
        app.api_token_for(&first).await,
        app.api_token_for(&second).await,
    );
    for token in [&first_token, &second_token] {
        assert_eq!(
            app.api_get("/api/v1/me", token).await.status(),
            StatusCode::OK
        );
    }
    let id = |name: String| {
        let db = app.db.clone();
        async move {
            users::find_by_username(&db, &name)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };

    users::set_active(&app.db, id(first.clone()).await, false)
        .await
        .unwrap();
    tokio::time::sleep(kombi::web::credentials::RECHECK).await;
    assert_eq!(
        app.api_get("/api/v1/me", &first_token).await.status(),
        StatusCode::UNAUTHORIZED
    );

    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;
    let disabled = app
        .post_form(
            &format!("/admin/users/{}/active", id(second.clone()).await),
            &[
                ("csrf_token", &csrf),
                ("active", "false"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.api_get("/api/v1/me", &second_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
