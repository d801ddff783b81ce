//! A client's phone number: in and out of the client API and the import, stored in one form,
//! and found at the desk however the advisor types it.

use kombi::domain::client::ClientDraft;
use kombi::domain::user::Role;
use kombi::import::Mapping;
use kombi::persistence::clients;
use kombi::persistence::crm_import::import_file;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::clients_store::sales_points;
use crate::helpers::{TestApp, fresh_database, spawn_app};

/// Stores `(crm_id, full_name, phone)` clients.
async fn store(app: &TestApp, people: &[(&str, &str, &str)]) {
    let points = sales_points(&app.db).await;
    let today = chrono::Utc::now().date_naive();
    let batch: Vec<_> = people
        .iter()
        .map(|(crm_id, name, phone)| {
            ClientDraft {
                crm_id: (*crm_id).into(),
                full_name: (*name).into(),
                phone: (*phone).into(),
                ..ClientDraft::default()
            }
            .parse(today)
            .unwrap()
        })
        .collect();
    clients::upsert(&app.db, &batch, &points).await.unwrap();
}

/// The CRM ids a desk search for `query` lists, in order.
async fn found(app: &TestApp, query: &str) -> Vec<String> {
    clients::search(&app.db, query, 20)
        .await
        .unwrap()
        .clients
        .into_iter()
        .map(|c| c.crm_id)
        .collect()
}

async fn three_clients(app: &TestApp) {
    store(
        app,
        &[
            ("CRM-0000001", "Ivanova Anna", "+7 916 123-45-67"),
            ("CRM-0000002", "Petrov Ivan", "8 916 765 43 21"),
            ("CRM-0000003", "Sidorov Oleg", ""),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_crm_puts_a_phone_in_any_usual_form_and_reads_it_back_stored_as_e164() {
    let app = spawn_app().await;
    sales_points(&app.db).await;
    let username = app.add_user(Role::Admin).await;
    let token = app.api_token_for(&username).await;
    let with_phone = json!({"full_name": "Petrova Anna", "phone": "8 (916) 123-45-67"});

    let put = app
        .api_put("/api/v1/clients/CRM-42", &token, &with_phone)
        .await;
    assert_eq!(put.status(), StatusCode::OK);
    let stored: Value = put.json().await.unwrap();
    let read: Value = app
        .api_get("/api/v1/clients/CRM-42", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["phone"], "+79161234567");
    assert_eq!(read["phone"], "+79161234567");

    // A PUT replaces the client: without a phone, the number is gone.
    let without = json!({"full_name": "Petrova Anna"});
    let replaced = app
        .api_put("/api/v1/clients/CRM-42", &token, &without)
        .await;
    let replaced: Value = replaced.json().await.unwrap();
    assert_eq!(replaced["phone"], Value::Null);

    let bad = json!({"full_name": "Petrova Anna", "phone": "123-45-67"});
    let refused = app.api_put("/api/v1/clients/CRM-42", &token, &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    let fields = body["error"]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{body}");
    assert_eq!(fields[0]["field"], "phone");
    assert!(
        fields[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"123-45-67\" is not a phone number"),
        "{body}"
    );
}

#[tokio::test]
async fn imported_phones_are_stored_normalized_and_an_unchanged_file_writes_nothing() {
    let (db, _url, _guard) = fresh_database().await;
    sales_points(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.csv");
    std::fs::write(
        &path,
        "crm_id,full_name,phone\n\
         A-1,Ivanova Anna,+7 (916) 123-45-67\n\
         A-2,Petrov Ivan,\n\
         A-3,Orlov Ilya,12-34\n",
    )
    .unwrap();
    let mapping = Mapping::from_toml(
        "[columns]\ncrm_id = \"crm_id\"\nfull_name = \"full_name\"\nphone = \"phone\"\n",
    )
    .unwrap();

    let (first, first_progress) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();
    let (_, second_progress) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();

    assert_eq!((first.imported, first.skipped), (2, 1));
    assert_eq!(first_progress.written, 2);
    assert_eq!(
        second_progress.written, 0,
        "unchanged rows are not rewritten"
    );
    let anna = clients::find_by_crm_id(&db, "A-1").await.unwrap().unwrap();
    let ivan = clients::find_by_crm_id(&db, "A-2").await.unwrap().unwrap();
    assert_eq!(anna.phone.as_deref(), Some("+79161234567"));
    assert_eq!(ivan.phone, None);
    let loaded = clients::load(&db, "A-1").await.unwrap().unwrap();
    assert_eq!(loaded.phone.as_deref(), Some("+79161234567"));
}

#[tokio::test]
async fn a_phone_typed_in_any_of_three_ways_finds_its_client() {
    let app = spawn_app().await;
    three_clients(&app).await;

    for typed in [
        "+7 (916) 123-45-67",
        "8 916 123 45 67",
        "916-123-45-67",
        "89161234567",
        "+79161234567",
    ] {
        assert_eq!(found(&app, typed).await, ["CRM-0000001"], "{typed}");
    }
    // Fewer than five digits typed: not yet taken for a number.
    for typed in ["+7 916", "8 916", "9161"] {
        assert_eq!(
            found(&app, typed).await,
            Vec::<String>::new(),
            "{typed}: too short"
        );
    }
    // The start of a number finds the clients whose numbers start so.
    for typed in ["+7 9161", "8 (916) 1", "916 12"] {
        assert_eq!(found(&app, typed).await, ["CRM-0000001"], "{typed}");
    }
    for typed in ["+7 916 7", "8-916-7", "916 76"] {
        assert_eq!(found(&app, typed).await, ["CRM-0000002"], "{typed}");
    }
    assert_eq!(
        found(&app, "8 495 123 45 67").await,
        Vec::<String>::new(),
        "nobody has this number"
    );
}

#[tokio::test]
async fn many_numbers_with_one_start_are_listed_by_number_and_counted() {
    let app = spawn_app().await;
    let people: Vec<(String, String, String)> = (0..24)
        .map(|i| {
            (
                format!("P-{i:02}"),
                format!("Client {i:02}"),
                format!("+7916555{:04}", 23 - i),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str, &str)> = people
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    store(&app, &borrowed).await;

    let results = clients::search(&app.db, "8 916 555", 20).await.unwrap();

    assert_eq!(results.total, 24);
    assert_eq!(results.clients.len(), 20);
    let phones: Vec<&str> = results
        .clients
        .iter()
        .map(|c| c.phone.as_deref().unwrap())
        .collect();
    assert_eq!(phones[..2], ["+79165550000", "+79165550001"]);
    assert!(phones.is_sorted(), "{phones:?}");
}

#[tokio::test]
async fn a_crm_id_of_digits_is_found_before_a_phone() {
    let app = spawn_app().await;
    store(
        &app,
        &[
            ("CRM-0012345", "Ivanova Anna", ""),
            ("CRM-0000002", "Petrov Ivan", "+123456789"),
        ],
    )
    .await;

    assert_eq!(found(&app, "12345").await, ["CRM-0012345"]);
    assert_eq!(found(&app, "+12345").await, ["CRM-0000002"]);
    assert_eq!(found(&app, "123456").await, ["CRM-0000002"]);
}

#[tokio::test]
async fn the_desk_lists_a_client_found_by_phone_typed_three_ways_with_the_number() {
    let app = spawn_app().await;
    three_clients(&app).await;
    app.signed_in_as(Role::Advisor).await;

    // As the desk's script sends them: `+` is %2B in a query string.
    for query in [
        "%2B7%20(916)%20123-45-67",
        "8%20916%20123%2045%2067",
        "916-123-45-67",
    ] {
        let page = app
            .get(&format!("/desk?q={query}"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(
            page.matches("<tr><td><a href=\"/desk/clients/").count(),
            1,
            "{query}: {page}"
        );
        assert!(page.contains("Ivanova Anna"), "{query}");
        assert!(page.contains(">+79161234567</a>"), "{query}: {page}");
        assert!(page.contains("<th>Phone</th>"), "{query}");
    }
    let by_name = app.get("/desk?q=sidorov").await.text().await.unwrap();
    assert!(by_name.contains("Sidorov Oleg"), "{by_name}");
    assert!(by_name.contains("CRM id, surname or phone"), "{by_name}");
}

#[tokio::test]
async fn as_the_advisor_types_the_desk_answers_with_the_result_list_alone() {
    let app = spawn_app().await;
    three_clients(&app).await;
    app.signed_in_as(Role::Advisor).await;

    let page = app.get("/desk?q=sidorov").await.text().await.unwrap();
    let list = app
        .get("/desk?q=sidorov&part=results")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Sidorov Oleg"), "{list}");
    assert!(!list.contains("<nav") && !list.contains("<form"), "{list}");
    // The same list the page shows, byte for byte.
    assert!(page.contains(list.trim()), "{list}\n---\n{page}");
    let none = app
        .get("/desk?q=nobody&part=results")
        .await
        .text()
        .await
        .unwrap();
    assert!(none.contains("nobody"), "{none}");
    assert!(!none.contains("<tr>"), "{none}");
}
