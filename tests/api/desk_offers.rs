//! The desk's proposal, recorded offers, printout and results, as each role uses them: the
//! demo's "Working urban male 35+" client offered the deposit at the head office reproduces the
//! worked example; dropping the current account drops the virtual card; no consent means no
//! offer; stale data is confirmed first; a double-click records one offer; an offer cannot be
//! changed even by SQL; advisors see their own offers only.

use chrono::Utc;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::client::ClientDraft;
use kombi::domain::user::Role;
use kombi::persistence::entities::offer;
use kombi::persistence::{clients, offers, users};

use crate::helpers::{TestApp, csrf_from, location, spawn_app};

pub(crate) const CLIENT: &str = "CRM-7000001";

pub(crate) fn client(
    crm_id: &str,
    edit: impl FnOnce(&mut ClientDraft),
) -> kombi::domain::client::Client {
    let today = Utc::now().date_naive();
    let mut draft = ClientDraft {
        crm_id: crm_id.into(),
        full_name: "Sokolov Dmitry Ivanovich".into(),
        birth_date: "1980-03-14".into(),
        gender: "male".into(),
        employment: "employed".into(),
        city: "Moscow".into(),
        city_population: "13100000".into(),
        consent_to_offers: "true".into(),
        data_verified_on: (today - chrono::Duration::days(30)).to_string(),
        home_sales_point: "MSK-HO".into(),
        ..ClientDraft::default()
    };
    edit(&mut draft);
    draft.parse(today).expect("a valid client")
}

pub(crate) async fn add_client(app: &TestApp, client: kombi::domain::client::Client) {
    let points = clients::sales_point_ids(&app.db).await.unwrap();
    clients::upsert(&app.db, &[client], &points).await.unwrap();
}

/// The demo bank (no generated clients) with one client of "Working urban male 35+", and an
/// advisor of the head office signed in.
pub(crate) async fn desk() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 0 })
        .await
        .unwrap();
    add_client(&app, client(CLIENT, |_| {})).await;
    let username = app.signed_in_as(Role::Advisor).await;
    let user = users::find_by_username(&app.db, &username)
        .await
        .unwrap()
        .unwrap();
    users::set_role_and_point(&app.db, user.id, Role::Advisor, Some("MSK-HO"))
        .await
        .unwrap();
    app
}

fn proposal_path(query: &str) -> String {
    format!("/desk/clients/{CLIENT}/proposal?{query}")
}

/// Records the outcome from the proposal page at `query`, as its form would.
async fn record(app: &TestApp, query: &str, outcome: &[(&str, &str)]) -> reqwest::Response {
    let html = app.get(&proposal_path(query)).await.text().await.unwrap();
    record_from(app, &html, outcome).await
}

async fn record_from(app: &TestApp, html: &str, outcome: &[(&str, &str)]) -> reqwest::Response {
    let document = scraper::Html::parse_document(html);
    let inputs = scraper::Selector::parse("#outcome form input[type=hidden]").unwrap();
    let mut form: Vec<(String, String)> = document
        .select(&inputs)
        .map(|i| {
            let attr = |n| i.value().attr(n).unwrap_or_default().to_owned();
            (attr("name"), attr("value"))
        })
        .collect();
    form.extend(
        outcome
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(&format!("/desk/clients/{CLIENT}/offers"), &pairs)
        .await
}

#[tokio::test]
async fn the_deposit_for_an_urban_male_at_the_head_office_reproduces_the_worked_example() {
    let app = desk().await;
    let card = app
        .get(&format!("/desk/clients/{CLIENT}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        card.contains(r#"<option value="DEP_PLUS">"#),
        "the deposit is a main product here"
    );

    let page = app.get(&proposal_path("main=DEP_PLUS")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for figure in ["18,968.00", "11,148.00", "58.77"] {
        assert!(html.contains(figure), "the example's {figure}");
    }
    assert!(
        html.contains("subject to approval"),
        "the credit card awaits a decision"
    );
    assert!(
        html.contains("Credit decision"),
        "the decision is a step of the visit"
    );
    assert!(html.contains("badge-green"));
}

#[tokio::test]
async fn an_accepted_offer_is_recorded_once_printed_and_counted() {
    let app = desk().await;
    let html = app
        .get(&proposal_path("main=DEP_PLUS&drop=ONLINE"))
        .await
        .text()
        .await
        .unwrap();
    let first = record_from(&app, &html, &[("outcome", "accepted_all")]).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let offer_page = location(&first);
    assert!(offer_page.starts_with("/offers/"), "{offer_page}");
    // The same form sent again (a double-click): the same offer, not a second one.
    let again = record_from(&app, &html, &[("outcome", "accepted_all")]).await;
    assert_eq!(location(&again), offer_page);
    assert_eq!(offer::Entity::find().count(&app.db).await.unwrap(), 1);

    let id: i32 = offer_page["/offers/".len()..]
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = offers::find(&app.db, id).await.unwrap().unwrap();
    assert_eq!(stored.record.matrix_version, 1);
    assert_eq!(stored.record.segment, "URBAN_MALE_35");
    assert_eq!(stored.record.sales_point, "MSK-HO");
    let online = stored
        .record
        .positions
        .iter()
        .find(|p| p.product == "ONLINE")
        .unwrap();
    assert!(!online.accepted, "a dropped add-on counts as declined");

    let view = app.get(&offer_page).await.text().await.unwrap();
    assert!(view.contains("Accepted everything"));
    let print = app
        .get(&format!("/offers/{id}/print"))
        .await
        .text()
        .await
        .unwrap();
    assert!(print.contains("Sokolov Dmitry Ivanovich"));
    assert!(print.contains("Valid until") || print.contains("valid until"));
    assert!(
        !print.contains("Profit") && !print.contains("badge"),
        "no bank figures on paper"
    );
    assert!(!print.contains("topbar"), "no navigation on paper");

    let results = app.get("/results").await.text().await.unwrap();
    assert!(
        results.contains(r#"<dd id="total-offers">1</dd>"#),
        "the results count it"
    );
}

#[tokio::test]
async fn dropping_the_current_account_drops_the_virtual_card_and_says_so() {
    let app = desk().await;
    let html = app
        .get(&proposal_path("main=DEP_PLUS&drop=CA_RUB"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("leaves with"), "the cascade is explained");
    assert!(
        !html.contains(r#"id="p-VCARD""#),
        "the virtual card is gone"
    );
    let recorded = record_from(&app, &html, &[("outcome", "accepted_all")]).await;
    let id: i32 = location(&recorded)["/offers/".len()..]
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = offers::find(&app.db, id).await.unwrap().unwrap();
    let vcard = stored
        .record
        .positions
        .iter()
        .find(|p| p.product == "VCARD")
        .unwrap();
    assert_eq!(vcard.status.as_str(), "dropped_with");
}

#[tokio::test]
async fn the_client_chooses_the_deposit_amount_within_its_minimum() {
    let app = desk().await;
    let larger = app
        .get(&proposal_path("main=DEP_PLUS&amounts.DEP_PLUS=400000"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        larger.contains(r#"value="400000""#),
        "the amount is kept in the form"
    );
    assert!(
        !larger.contains("18,968.00"),
        "a larger deposit changes the bank's revenue"
    );
    let too_small = app
        .get(&proposal_path("main=DEP_PLUS&amounts.DEP_PLUS=1000"))
        .await;
    assert_eq!(too_small.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_small.text().await.unwrap().contains("must be at least"));
}

#[tokio::test]
async fn no_consent_means_no_offer_and_stale_data_is_confirmed_first() {
    let app = desk().await;
    add_client(
        &app,
        client("CRM-7000002", |d| d.consent_to_offers = "false".into()),
    )
    .await;
    let card = app
        .get("/desk/clients/CRM-7000002")
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains(r#"id="no-consent""#));
    assert!(!card.contains(r#"name="main""#), "nothing to propose");
    let refused = app
        .get("/desk/clients/CRM-7000002/proposal?main=DEP_PLUS")
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("not consented"));

    add_client(
        &app,
        client("CRM-7000003", |d| d.data_verified_on = "2020-01-01".into()),
    )
    .await;
    let unconfirmed = app
        .get("/desk/clients/CRM-7000003/proposal?main=DEP_PLUS")
        .await;
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let confirmed = app
        .get("/desk/clients/CRM-7000003/proposal?main=DEP_PLUS&confirmed=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(confirmed.contains("Verify the client&#39;s data"));
}

#[tokio::test]
async fn an_outcome_with_problems_comes_back_with_them_and_stores_nothing() {
    let app = desk().await;
    let response = record(&app, "main=DEP_PLUS", &[("outcome", "declined")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("choose why the client declined")
    );
    assert_eq!(offer::Entity::find().count(&app.db).await.unwrap(), 0);
    let declined = record(
        &app,
        "main=DEP_PLUS",
        &[("outcome", "declined"), ("reason", "wants_to_think")],
    )
    .await;
    assert_eq!(declined.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_offer_cannot_be_changed_or_deleted_even_with_sql() {
    let app = desk().await;
    record(&app, "main=DEP_PLUS", &[("outcome", "accepted_all")]).await;
    for sql in [
        "UPDATE offers SET outcome = 'declined'",
        "DELETE FROM offers",
        "UPDATE offer_positions SET accepted = FALSE",
        "DELETE FROM offer_positions",
    ] {
        assert!(
            app.db.execute_unprepared(sql).await.is_err(),
            "{sql} is refused"
        );
    }
    let stored = offer::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.outcome, "accepted_all");
}

#[tokio::test]
async fn advisors_see_their_own_offers_and_managers_and_finance_see_all() {
    let app = desk().await;
    let recorded = record(&app, "main=DEP_PLUS", &[("outcome", "accepted_all")]).await;
    let offer_page = location(&recorded);
    let offer_path = offer_page.split('?').next().unwrap().to_owned();

    let other = crate::helpers::spawn_app_client(&app);
    let hash = kombi::security::hash_password(crate::helpers::PASSWORD).unwrap();
    let name = kombi::domain::user::Username::parse("t-other-advisor").unwrap();
    users::create(&app.db, &name, "Other", Role::Advisor, hash)
        .await
        .unwrap();
    other
        .sign_in("t-other-advisor", crate::helpers::PASSWORD)
        .await;
    assert_eq!(other.get(&offer_path).await.status(), StatusCode::NOT_FOUND);
    let own = other.get("/results").await.text().await.unwrap();
    assert!(own.contains(r#"<dd id="total-offers">0</dd>"#));

    let admin = crate::helpers::spawn_app_client(&app);
    admin.signed_in_as(Role::Admin).await;
    for path in [offer_path.as_str(), "/results", "/desk"] {
        assert_eq!(
            admin.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }

    for role in [Role::ProductManager, Role::Finance] {
        let reader = crate::helpers::spawn_app_client(&app);
        reader.signed_in_as(role).await;
        assert_eq!(
            reader.get(&offer_path).await.status(),
            StatusCode::OK,
            "{role:?}"
        );
        let all = reader.get("/results").await.text().await.unwrap();
        assert!(all.contains(r#"<dd id="total-offers">1</dd>"#), "{role:?}");
        assert_eq!(
            reader.get(&proposal_path("main=DEP_PLUS")).await.status(),
            StatusCode::FORBIDDEN,
            "only advisors propose"
        );
    }
}

#[tokio::test]
async fn an_advisor_without_a_point_is_told_and_may_cover_one_for_the_day() {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 0 })
        .await
        .unwrap();
    add_client(&app, client(CLIENT, |_| {})).await;
    app.signed_in_as(Role::Advisor).await;
    let card = app
        .get(&format!("/desk/clients/{CLIENT}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("You have no sales point"));

    let desk = app.get("/desk").await.text().await.unwrap();
    let token = csrf_from(&desk).unwrap();
    let switched = app
        .post_form(
            "/desk/point",
            &[("point", "MSK-HO"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&proposal_path("main=DEP_PLUS")).await.status(),
        StatusCode::OK
    );
    let unknown = app
        .post_form(
            "/desk/point",
            &[("point", "NOWHERE"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_change_to_the_bank_reaches_the_desk_at_once() {
    let app = desk().await;
    let before = app
        .get(&proposal_path("main=DEP_PLUS"))
        .await
        .text()
        .await
        .unwrap();
    assert!(before.contains(r#"id="p-ONLINE""#));
    // Even a change made outside Kombi: the trigger raises the bank's generation.
    app.db
        .execute_unprepared("UPDATE products SET status = 'suspended' WHERE code = 'ONLINE'")
        .await
        .unwrap();
    let after = app
        .get(&proposal_path("main=DEP_PLUS"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !after.contains(r#"id="p-ONLINE""#),
        "a suspended product leaves the offer"
    );
}

#[tokio::test]
async fn an_outcome_for_a_combined_product_the_page_no_longer_shows_is_refused() {
    let app = desk().await;
    let html = app
        .get(&proposal_path("main=DEP_PLUS"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"value="URBAN_MALE_35:1""#),
        "the form names the version shown"
    );
    // As if version 2 had been published while the page was open.
    let stale = html.replace(r#"value="URBAN_MALE_35:1""#, r#"value="URBAN_MALE_35:0""#);
    let refused = record_from(&app, &stale, &[("outcome", "accepted_all")]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("changed since this page was shown")
    );
    assert_eq!(offer::Entity::find().count(&app.db).await.unwrap(), 0);
}
