//! The desk's API for other channels: the same combined product as the page, outcomes recorded
//! once per key, errors that name the field, openings confirmed by an integration.

use reqwest::StatusCode;
use serde_json::{Value, json};

use kombi::domain::user::Role;
use kombi::persistence::users;

use crate::desk_offers::{CLIENT, desk};
use crate::helpers::TestApp;

/// The desk's advisor (the last user created) and a token for them.
async fn advisor_token(app: &TestApp) -> String {
    let user = users::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "t-advisor")
        .unwrap();
    app.api_token_for(&user.username).await
}

fn propose_body(extra: Value) -> Value {
    let mut body = json!({
        "crm_id": CLIENT,
        "main_product": "DEP_PLUS",
        "sales_point": "MSK-HO",
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    body
}

async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn error_field(body: &Value) -> &str {
    body["error"]["fields"][0]["field"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn the_api_proposes_the_same_combined_product_as_the_page() {
    let app = desk().await;
    let token = advisor_token(&app).await;
    let (status, body) = json_of(
        app.api_post("/api/v1/offers/propose", &token, &propose_body(json!({})))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["bank"]["revenue"], "18968.00");
    assert_eq!(body["bank"]["profit"], "11148.00");
    assert_eq!(body["products"][0]["code"], "DEP_PLUS");
    assert_eq!(body["matrix_version"], 1);
    assert_eq!(body["segment"]["code"], "URBAN_MALE_35");
    assert_eq!(body["client"]["fees_per_year"], "1210.00");

    let page = app
        .get(&format!("/desk/clients/{CLIENT}/proposal?main=DEP_PLUS"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("1,210.00"),
        "the page shows the API's yearly fees"
    );

    let (_, dropped) = json_of(
        app.api_post(
            "/api/v1/offers/propose",
            &token,
            &propose_body(json!({"drop": ["CA_RUB"]})),
        )
        .await,
    )
    .await;
    let left: Vec<&str> = dropped["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        left,
        ["dropped", "dropped_with"],
        "the card leaves with the account"
    );
}

#[tokio::test]
async fn errors_name_the_field() {
    let app = desk().await;
    let token = advisor_token(&app).await;
    for (extra, field) in [
        (json!({"sales_point": "NSK-KKO"}), "sales_point"),
        (json!({"crm_id": "CRM-NOBODY"}), "crm_id"),
        (json!({"main_product": "VCARD"}), "main_product"),
        (json!({"drop": ["GOLD"]}), "drop"),
        (json!({"amounts": {"DEP_PLUS": "lots"}}), "amounts.DEP_PLUS"),
        (json!({"amounts": {"DEP_PLUS": "1000"}}), "amounts.DEP_PLUS"),
    ] {
        let (status, body) = json_of(
            app.api_post("/api/v1/offers/propose", &token, &propose_body(extra))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_field(&body), field, "{body}");
    }
    let (status, _) = json_of(
        app.api_post(
            "/api/v1/offers/propose",
            &token,
            &propose_body(json!({"colour": "red"})),
        )
        .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an unknown field is refused"
    );
}

#[tokio::test]
async fn an_outcome_is_recorded_once_per_key_read_back_and_confirmed_opened() {
    let app = desk().await;
    let token = advisor_token(&app).await;
    let record = propose_body(json!({
        "request_key": "channel-42",
        "outcome": {"outcome": "accepted_some", "accepted": ["DEP_PLUS", "CA_RUB"]},
    }));
    let (status, first) = json_of(app.api_post("/api/v1/offers", &token, &record).await).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, again) = json_of(app.api_post("/api/v1/offers", &token, &record).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["id"], again["id"], "one offer per key");
    assert_eq!(first["outcome"], "accepted_some");
    assert_eq!(first["matrix_version"], 1);
    let id = first["id"].as_i64().unwrap();

    let (status, read) = json_of(app.api_get(&format!("/api/v1/offers/{id}"), &token).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["positions"][0]["product"], "DEP_PLUS");
    assert_eq!(read["positions"][0]["terms"]["client_rate"], "0.135");

    let bad = propose_body(json!({"request_key": "k2", "outcome": {"outcome": "declined"}}));
    let (status, body) = json_of(app.api_post("/api/v1/offers", &token, &bad).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_field(&body), "outcome.reason");

    // An advisor cannot confirm openings; an integration account (CRM writer) can.
    let opened = json!({"products": ["CA_RUB"], "opened_on": "2026-12-01"});
    let path = format!("/api/v1/offers/{id}/opened");
    assert_eq!(
        app.api_post(&path, &token, &opened).await.status(),
        StatusCode::FORBIDDEN
    );
    let integration = app.add_user(Role::Admin).await;
    let core_banking = app.api_token_for(&integration).await;
    let (status, confirmed) = json_of(app.api_post(&path, &core_banking, &opened).await).await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    let account = confirmed["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["product"] == "CA_RUB")
        .unwrap();
    assert_eq!(account["opened_on"], "2026-12-01");
    let (status, body) = json_of(
        app.api_post(&path, &core_banking, &json!({"products": ["GOLD"]}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_field(&body), "products");
}
