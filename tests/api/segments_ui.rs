use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::user::Role;
use kombi::persistence::segments;
use reqwest::StatusCode;

use crate::helpers::{TestApp, location, spawn_app};

async fn manager_with_demo() -> (TestApp, String) {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 300 })
        .await
        .unwrap();
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/segments/new").await;
    (app, csrf)
}

#[tokio::test]
async fn a_product_manager_writes_the_seed_segment_and_sees_its_size() {
    let (app, csrf) = manager_with_demo().await;
    let rule =
        "age >= 35 and gender = male and employment = employed and city_population >= 1000000";

    let counted = app
        .post_form(
            "/segments",
            &[
                ("csrf_token", &csrf),
                ("code", "SEED_2"),
                ("name", "Seed again"),
                ("priority", "5"),
                ("rule", rule),
                ("intent", "count"),
            ],
        )
        .await;
    let saved = app
        .post_form(
            "/segments",
            &[
                ("csrf_token", &csrf),
                ("code", "SEED_2"),
                ("name", "Seed again"),
                ("priority", "5"),
                ("rule", rule),
                ("active", "on"),
                ("intent", "save"),
            ],
        )
        .await;

    assert_eq!(counted.status(), StatusCode::OK);
    assert!(
        counted
            .text()
            .await
            .unwrap()
            .contains("clients match this rule today")
    );
    assert!(
        segments::find(&app.db, "SEED_2").await.unwrap().is_some(),
        "saved only on save"
    );
    assert_eq!(location(&saved), "/segments/SEED_2?saved=1");
    let confirmation = app.get(&location(&saved)).await.text().await.unwrap();
    assert!(confirmation.contains("Segment saved."), "{confirmation}");
    let list = app.get("/segments").await.text().await.unwrap();
    assert!(list.contains("Seed again") && list.contains("Overlaps"));
}

#[tokio::test]
async fn a_bad_rule_is_refused_with_its_position() {
    let (app, csrf) = manager_with_demo().await;

    let response = app
        .post_form(
            "/segments",
            &[
                ("csrf_token", &csrf),
                ("code", "BAD"),
                ("name", "Bad"),
                ("priority", "5"),
                ("rule", "age >= and gender = male"),
                ("intent", "save"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("column 8"));
    assert!(segments::find(&app.db, "BAD").await.unwrap().is_none());
}

#[tokio::test]
async fn a_rule_built_from_condition_rows_is_saved_as_text() {
    let (app, csrf) = manager_with_demo().await;

    let response = app
        .post_form(
            "/segments/MOTORCYCLIST",
            &[
                ("csrf_token", &csrf),
                ("name", "Bikers"),
                ("priority", "30"),
                ("version", "1"),
                ("rule", "ignored"),
                ("joiner", "and"),
                ("attribute", "lifestyle_tags"),
                ("operator", "has"),
                ("value", "motorcyclist"),
                ("attribute", "age"),
                ("operator", ">="),
                ("value", "25"),
                ("attribute", ""),
                ("operator", "="),
                ("value", ""),
                ("active", "on"),
                ("intent", "save-form"),
            ],
        )
        .await;

    let stored = segments::find(&app.db, "MOTORCYCLIST")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{}", stored.rule);
    assert!(stored.rule.contains("age >= 25"), "{}", stored.rule);
    assert_eq!(stored.name, "Bikers");
}

#[tokio::test]
async fn the_live_count_answers_json() {
    let (app, _csrf) = manager_with_demo().await;

    let ok: serde_json::Value = app
        .get("/segments/count?rule=gender%20%3D%20female")
        .await
        .json()
        .await
        .unwrap();
    let bad: serde_json::Value = app
        .get("/segments/count?rule=gender%20%3E%3D%203")
        .await
        .json()
        .await
        .unwrap();

    assert!(ok["count"].as_u64().unwrap() > 0);
    assert!(bad["error"].as_str().unwrap().contains("gender"));
}

#[tokio::test]
async fn a_segment_scoped_to_a_sales_point_counts_only_that_points_clients() {
    let (app, csrf) = manager_with_demo().await;
    let saved = app
        .post_form(
            "/segments",
            &[
                ("csrf_token", &csrf),
                ("code", "MALE_NSK"),
                ("name", "Men of Novosibirsk"),
                ("priority", "7"),
                ("sales_point", "NSK-KKO"),
                ("rule", "gender = male"),
                ("active", "on"),
                ("intent", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);

    let page = app.get("/segments").await.text().await.unwrap();

    let row = page
        .split("<tr>")
        .find(|row| row.contains("MALE_NSK"))
        .expect("the segment is listed");
    let numbers: Vec<&str> = row
        .split(r#"<td class="num">"#)
        .skip(1)
        .map(|cell| cell.split('<').next().unwrap().trim())
        .collect();
    let count = |text: &str| {
        let rule = kombi::domain::segment::SegmentRule::parse(text).unwrap();
        let today = chrono::Utc::now().date_naive();
        let db = app.db.clone();
        async move { segments::count_matching(&db, &rule, today).await.unwrap() }
    };
    let in_scope = count("gender = male and home_sales_point = \"NSK-KKO\"").await;
    let everywhere = count("gender = male").await;
    assert!(
        in_scope > 0 && in_scope < everywhere,
        "{in_scope} of {everywhere}"
    );
    assert_eq!(numbers[1], in_scope.to_string(), "size column of {row}");
}

fn segment_form<'a>(csrf: &'a str, name: &'a str, version: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("code", "TWICE"),
        ("name", name),
        ("priority", "7"),
        ("rule", "age >= 18"),
        ("active", "on"),
        ("version", version),
        ("intent", "save"),
    ]
}

#[tokio::test]
async fn a_new_segment_with_a_taken_code_is_refused_not_overwritten() {
    let (app, csrf) = manager_with_demo().await;
    let first = app
        .post_form("/segments", &segment_form(&csrf, "First", ""))
        .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);

    let second = app
        .post_form("/segments", &segment_form(&csrf, "Second", ""))
        .await;

    assert_eq!(second.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        second
            .text()
            .await
            .unwrap()
            .contains("a segment TWICE already exists")
    );
    let stored = segments::find(&app.db, "TWICE").await.unwrap().unwrap();
    assert_eq!(stored.name, "First");
}

#[tokio::test]
async fn an_edit_saved_over_someone_elses_is_refused() {
    let (app, csrf) = manager_with_demo().await;
    app.post_form("/segments", &segment_form(&csrf, "Original", ""))
        .await;
    let mine = app
        .post_form("/segments/TWICE", &segment_form(&csrf, "Mine", "1"))
        .await;
    assert_eq!(mine.status(), StatusCode::SEE_OTHER);

    let theirs = app
        .post_form("/segments/TWICE", &segment_form(&csrf, "Theirs", "1"))
        .await;

    assert_eq!(theirs.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        theirs
            .text()
            .await
            .unwrap()
            .contains("Someone else saved this segment")
    );
    let stored = segments::find(&app.db, "TWICE").await.unwrap().unwrap();
    assert_eq!((stored.name.as_str(), stored.version), ("Mine", 2));
}

#[tokio::test]
async fn a_segment_name_longer_than_the_limit_is_refused() {
    let (app, csrf) = manager_with_demo().await;
    let long = "N".repeat(10_000);

    let response = app
        .post_form("/segments", &segment_form(&csrf, &long, ""))
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("at most 120 are allowed")
    );
    assert!(segments::find(&app.db, "TWICE").await.unwrap().is_none());
}

#[tokio::test]
async fn a_misspelt_attribute_is_questioned_before_the_segment_is_saved() {
    let (app, csrf) = manager_with_demo().await;
    let form = |confirm: bool| {
        let mut fields = vec![
            ("csrf_token", csrf.as_str()),
            ("code", "TYPO"),
            ("name", "Typo"),
            ("priority", "9"),
            ("rule", "agee >= 35"),
            ("intent", "save"),
        ];
        if confirm {
            fields.push(("custom_ok", "on"));
        }
        fields
    };

    let questioned = app.post_form("/segments", &form(false)).await;

    assert_eq!(questioned.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = questioned.text().await.unwrap();
    assert!(page.contains("did you mean “age”?"), "{page}");
    assert!(segments::find(&app.db, "TYPO").await.unwrap().is_none());
    let confirmed = app.post_form("/segments", &form(true)).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_problems_are_listed_above_the_form_each_linked_to_its_field() {
    let (app, csrf) = manager_with_demo().await;

    let response = app
        .post_form(
            "/segments",
            &[
                ("csrf_token", &csrf),
                ("code", "LINKED"),
                ("name", ""),
                ("priority", "0"),
                ("rule", "age >= and gender = male"),
                ("intent", "save"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    let problems = &html[html.find(r#"id="problems""#).expect("a problem summary")..];
    let problems = &problems[..problems.find("</div>").unwrap()];
    assert!(
        problems.contains(r##"<a href="#f-name">Name: give the segment a name</a>"##),
        "{problems}"
    );
    assert!(
        problems.contains(r##"<a href="#f-priority">"##),
        "{problems}"
    );
    assert!(
        problems.contains(r##"<a href="#rule">Rule: "##) && problems.contains("column 8"),
        "{problems}"
    );
    assert!(html.contains(r#"id="f-name""#) && html.contains(r#"id="f-priority""#));
    assert!(segments::find(&app.db, "LINKED").await.unwrap().is_none());
}

#[tokio::test]
async fn the_live_count_explains_a_bad_rule_in_the_reader_s_language() {
    let (app, _) = manager_with_demo().await;

    let answer: serde_json::Value = app
        .get_in("ru", "/segments/count?rule=age%20%3E%3D%20%D0%B8")
        .await
        .json()
        .await
        .unwrap();

    let error = answer["error"].as_str().expect("an error");
    assert!(
        error.starts_with("для age ожидалось целое число"),
        "{error}"
    );
    assert!(error.contains("(столбец 8)"), "{error}");
    assert_eq!(answer["column"], 8);
}

#[tokio::test]
async fn every_share_of_the_crm_reads_to_two_decimals() {
    let (app, _) = manager_with_demo().await;
    let page = app.get("/segments").await.text().await.unwrap();
    let document = scraper::Html::parse_document(&page);
    let cells = scraper::Selector::parse("td.num").unwrap();
    let shares: Vec<String> = document
        .select(&cells)
        .map(|c| c.text().collect::<String>())
        .filter(|t| t.ends_with('%'))
        .collect();

    assert!(shares.len() >= 5, "{page}");
    for share in &shares {
        let number = share.trim_end_matches("\u{a0}%");
        let decimals = number.split_once('.').map(|(_, d)| d.len());
        assert_eq!(decimals, Some(2), "{share} in {shares:?}");
    }
}
