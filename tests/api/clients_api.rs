use kombi::domain::user::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

pub(crate) async fn crm_token(app: &TestApp) -> String {
    crate::clients_store::sales_points(&app.db).await;
    let username = app.add_user(Role::Admin).await;
    app.api_token_for(&username).await
}

pub(crate) fn anna() -> Value {
    json!({
        "full_name": "Petrova Anna Sergeevna",
        "birth_date": "1988-03-14",
        "gender": "female",
        "employment": "employed",
        "monthly_income": "14.890999999999998",
        "income_currency": "RUB",
        "city": "Moscow",
        "city_population": 13100000,
        "lifestyle_tags": ["Traveller", "city_lover"],
        "products_held": ["ca_rub"],
        "consent_to_offers": true,
        "home_sales_point": "MSK-HO",
        "custom_attributes": {"loyalty_tier": "gold"}
    })
}

#[tokio::test]
async fn the_crm_puts_a_client_and_reads_it_back() {
    let app = spawn_app().await;
    let token = crm_token(&app).await;

    let put = app.api_put("/api/v1/clients/CRM-42", &token, &anna()).await;
    let get = app.api_get("/api/v1/clients/CRM-42", &token).await;

    assert_eq!(put.status(), StatusCode::OK);
    assert_eq!(get.status(), StatusCode::OK);
    let client: Value = get.json().await.unwrap();
    assert_eq!(client["crm_id"], "CRM-42");
    assert_eq!(
        client["monthly_income"], "14.890999999999998",
        "kept exactly as sent"
    );
    assert_eq!(client["lifestyle_tags"], json!(["city_lover", "traveller"]));
    assert_eq!(client["products_held"], json!(["CA_RUB"]));
    assert_eq!(client["home_sales_point"], "MSK-HO");
    assert_eq!(client["custom_attributes"]["loyalty_tier"], "gold");
}

#[tokio::test]
async fn a_second_put_updates_the_client() {
    let app = spawn_app().await;
    let token = crm_token(&app).await;
    let mut changed = anna();
    changed["city"] = json!("Novosibirsk");
    changed["monthly_income"] = json!("15.5");

    for body in [anna(), changed] {
        let r = app.api_put("/api/v1/clients/CRM-42", &token, &body).await;
        assert_eq!(r.status(), StatusCode::OK);
    }

    let client: Value = app
        .api_get("/api/v1/clients/CRM-42", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(client["city"], "Novosibirsk");
    assert_eq!(
        client["monthly_income"], "15.5",
        "the exact income follows the change"
    );
    assert_eq!(
        kombi::persistence::clients::count(&app.db).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn invalid_client_fields_are_named() {
    let app = spawn_app().await;
    let token = crm_token(&app).await;
    let mut bad = anna();
    bad["gender"] = json!("unknown-value");
    bad["birth_date"] = json!("14/03/1988-x");

    let r = app.api_put("/api/v1/clients/CRM-42", &token, &bad).await;

    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"gender") && fields.contains(&"birth_date"),
        "{body}"
    );
}

#[tokio::test]
async fn values_the_bank_cannot_store_are_named_not_a_server_error() {
    let app = spawn_app().await;
    let token = crm_token(&app).await;
    let mut unknown_point = anna();
    unknown_point["home_sales_point"] = json!("SPB-01");
    let mut huge_income = anna();
    huge_income["monthly_income"] = json!("99999999999999999999");

    for (body, field) in [
        (unknown_point, "home_sales_point"),
        (huge_income, "monthly_income"),
    ] {
        let r = app.api_put("/api/v1/clients/CRM-42", &token, &body).await;

        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["field"], field, "{body}");
    }
    assert_eq!(
        kombi::persistence::clients::count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_body_crm_id_that_differs_from_the_path_is_refused() {
    let app = spawn_app().await;
    let token = crm_token(&app).await;
    let mut body = anna();
    body["crm_id"] = json!("CRM-43");

    let r = app.api_put("/api/v1/clients/CRM-42", &token, &body).await;

    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_unknown_client_is_a_json_404() {
    let app = spawn_app().await;
    let token = crm_token(&app).await;

    let r = app.api_get("/api/v1/clients/NOPE", &token).await;

    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "not_found"
    );
}

#[tokio::test]
async fn a_finance_token_cannot_write_clients() {
    let app = spawn_app().await;
    let username = app.add_user(Role::Finance).await;
    let token = app.api_token_for(&username).await;

    let r = app.api_put("/api/v1/clients/CRM-42", &token, &anna()).await;

    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_advisor_sees_why_a_client_is_in_the_seed_segment() {
    let app = spawn_app().await;
    kombi::demo::seed::seed_demo(&app.db, &kombi::demo::seed::DemoOptions { clients: 0 })
        .await
        .unwrap();
    let mut body = anna();
    body["gender"] = json!("male");
    body["full_name"] = json!("Petrov Ivan");
    body["birth_date"] = json!("1980-01-01");
    let token = app.api_token_for("manager").await;
    let put = app.api_put("/api/v1/clients/CRM-7", &token, &body).await;
    assert_eq!(put.status(), StatusCode::OK);
    app.signed_in_as(Role::Advisor).await;

    let card = app.get("/desk/clients/CRM-7").await.text().await.unwrap();
    let api: Value = app
        .client
        .get(app.url("/api/v1/clients/CRM-7/segments"))
        .bearer_auth(app.api_token_for("advisor").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert!(
        card.contains("Working urban male 35+"),
        "the seed segment is on the card"
    );
    assert!(
        card.contains("aged 35 or over") && card.contains("gender: Male"),
        "with the conditions that held, in words: {card}"
    );
    assert_eq!(api["segments"][0]["code"], "URBAN_MALE_35", "{api}");
    assert!(
        api["segments"][0]["held"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == "gender = male")
    );
}
