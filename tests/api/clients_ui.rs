use kombi::domain::user::Role;
use kombi::persistence::{clients, import_runs};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::clients_store::sales_points;
use crate::helpers::{TestApp, location, spawn_app};

const EXTRACT: &str =
    "Client ID;Name;Sex\nS-1;Ivanov Ivan; Male\nS-2;Petrova Anna;F\nS-3;Bad\u{7}Name;M\n";
const MAPPING: &str = r#"
[columns]
"Client ID" = "crm_id"
"Name" = "full_name"
"Sex" = "gender"
[values.gender]
"male" = "male"
"f" = "female"
"m" = "male"
"#;

async fn upload(app: &TestApp, csrf: &str, mapping: &str) -> reqwest::Response {
    let form = Form::new().text("mapping", mapping.to_string()).part(
        "file",
        Part::bytes(EXTRACT.as_bytes().to_vec()).file_name("siebel.csv"),
    );
    app.client
        .post(app.url(&format!("/clients/import?csrf_token={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn wait_until_finished(
    app: &TestApp,
    run: i32,
) -> kombi::domain::import_run::ImportRun {
    for _ in 0..200 {
        let found = import_runs::find(&app.db, run).await.unwrap().unwrap();
        if found.status != kombi::domain::import_run::RecordedStatus::Running {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("import {run} did not finish");
}

#[tokio::test]
async fn a_product_manager_imports_an_extract_through_a_saved_mapping() {
    let app = spawn_app().await;
    sales_points(&app.db).await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/clients/mappings").await;
    let saved = app
        .post_form(
            "/clients/mappings",
            &[("csrf_token", &csrf), ("name", "Siebel"), ("toml", MAPPING)],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let mapping_id = import_runs::mappings(&app.db).await.unwrap()[0]
        .id
        .to_string();

    let response = upload(&app, &csrf, &mapping_id).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let run_id: i32 = location(&response)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let run = wait_until_finished(&app, run_id).await;
    assert_eq!(
        (run.status.as_str(), run.rows, run.written, run.skipped),
        ("finished", 3, 2, 1)
    );
    let page = app
        .get(&format!("/clients/imports/{run_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Rejected rows") && page.contains("Name"),
        "the report names the bad row's column"
    );
    assert_eq!(
        clients::load(&app.db, "S-2")
            .await
            .unwrap()
            .unwrap()
            .gender
            .unwrap()
            .as_str(),
        "female"
    );
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    app.signed_in_as(Role::ProductManager).await;

    let response = upload(&app, "forged", "canonical").await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(import_runs::recent(&app.db, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_broken_mapping_is_refused_with_its_line() {
    let app = spawn_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let csrf = app.session_csrf("/clients/mappings").await;
    let broken = "[columns]\n\"Client ID\" = \"crm_id\"\n\"Born\" = \"birthday\"\n";

    let response = app
        .post_form(
            "/clients/mappings",
            &[("csrf_token", &csrf), ("name", "Broken"), ("toml", broken)],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("line 3") && html.contains("birthday"),
        "{html}"
    );
    assert!(import_runs::mappings(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_import_stopped_with_kombi_reads_as_interrupted_not_running() {
    use kombi::persistence::entities::import_run;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    let app = spawn_app().await;
    app.signed_in_as(Role::ProductManager).await;
    let id = import_runs::start(&app.db, "crm.csv", 1, 1_000)
        .await
        .unwrap();
    let live = import_runs::start(&app.db, "live.csv", 1, 1_000)
        .await
        .unwrap();
    // Started an hour ago, last progress 40 minutes ago: Kombi stopped meanwhile.
    let hour_ago = chrono::Utc::now() - chrono::TimeDelta::hours(1);
    import_run::ActiveModel {
        id: Set(id),
        started_at: Set(hour_ago),
        progressed_at: Set(Some(hour_ago + chrono::TimeDelta::minutes(20))),
        rows: Set(4_000),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();

    let stopped = app
        .get(&format!("/clients/imports/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let running = app
        .get(&format!("/clients/imports/{live}"))
        .await
        .text()
        .await
        .unwrap();

    assert!(stopped.contains("interrupted"), "{stopped}");
    assert!(stopped.contains("after 4000 rows"), "{stopped}");
    assert!(
        !stopped.contains("http-equiv=\"refresh\""),
        "no endless refresh"
    );
    assert!(
        running.contains("http-equiv=\"refresh\""),
        "a live run still refreshes"
    );
    assert!(!running.contains("interrupted"));
}

mod desk_search {
    use kombi::domain::client::ClientDraft;
    use kombi::domain::user::Role;
    use kombi::persistence::clients;

    use crate::clients_store::sales_points;
    use crate::helpers::spawn_app;

    async fn store(app: &crate::helpers::TestApp, people: &[(&str, &str)]) {
        let points = sales_points(&app.db).await;
        let today = chrono::Utc::now().date_naive();
        let batch: Vec<_> = people
            .iter()
            .map(|(crm_id, name)| {
                ClientDraft {
                    crm_id: (*crm_id).into(),
                    full_name: (*name).into(),
                    ..ClientDraft::default()
                }
                .parse(today)
                .unwrap()
            })
            .collect();
        clients::upsert(&app.db, &batch, &points).await.unwrap();
    }

    #[tokio::test]
    async fn crm_ids_are_found_in_any_case_and_by_their_digits() {
        let app = spawn_app().await;
        store(
            &app,
            &[
                ("CRM-0000042", "Ivanova Anna"),
                ("CRM-0000043", "Petrov Ivan"),
            ],
        )
        .await;
        for typed in ["CRM-0000042", "crm-0000042", "42", "0000042"] {
            let found = clients::search(&app.db, typed, 20).await.unwrap();
            let ids: Vec<_> = found.clients.iter().map(|c| c.crm_id.as_str()).collect();
            assert_eq!(ids, ["CRM-0000042"], "{typed}");
        }
    }

    #[tokio::test]
    async fn a_name_is_found_in_either_script_with_yo_as_ye() {
        let app = spawn_app().await;
        store(
            &app,
            &[
                ("A-1", "Ivanova Anna"),
                ("A-2", "Фёдоров Пётр"),
                ("A-3", "Ivanov Oleg"),
            ],
        )
        .await;
        let names = |query: &'static str| {
            let db = app.db.clone();
            async move {
                clients::search(&db, query, 20)
                    .await
                    .unwrap()
                    .clients
                    .into_iter()
                    .map(|c| c.crm_id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(names("Иванова").await, ["A-1"]);
        assert_eq!(names("иванов").await, ["A-3", "A-1"]);
        assert_eq!(names("Федоров").await, ["A-2"]);
        assert_eq!(names("fyodorov").await, ["A-2"]);
        assert_eq!(names("Fedorov").await, ["A-2"]);
    }

    #[tokio::test]
    async fn a_cut_list_says_how_many_match_and_keeps_the_search_for_the_way_back() {
        let app = spawn_app().await;
        let people: Vec<(String, String)> = (0..24)
            .map(|i| (format!("P-{i:02}"), format!("Petrova Maria {i:02}")))
            .collect();
        let borrowed: Vec<(&str, &str)> = people
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        store(&app, &borrowed).await;
        app.signed_in_as(Role::Advisor).await;

        let page = app.get("/desk?q=petrova").await.text().await.unwrap();

        assert!(page.contains("Showing 20 of 24 clients"), "{page}");
        assert_eq!(page.matches("<tr><td><a href=\"/desk/clients/").count(), 20);
        let card = app
            .get("/desk/clients/P-00?q=petrova")
            .await
            .text()
            .await
            .unwrap();
        assert!(card.contains(r#"href="/desk?q=petrova""#), "{card}");
    }
}

mod import_report {
    use kombi::domain::user::Role;
    use reqwest::StatusCode;
    use reqwest::multipart::{Form, Part};

    use crate::clients_store::sales_points;
    use crate::helpers::{TestApp, location, spawn_app};

    async fn import(app: &TestApp, csrf: &str, name: &str, bytes: Vec<u8>) -> String {
        let form = Form::new()
            .text("mapping", "canonical")
            .part("file", Part::bytes(bytes).file_name(name.to_string()));
        let response = app
            .client
            .post(app.url(&format!("/clients/import?csrf_token={csrf}")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let run: i32 = location(&response)
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        super::wait_until_finished(app, run).await;
        app.get(&format!("/clients/imports/{run}"))
            .await
            .text()
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn the_report_counts_new_updated_unchanged_and_rejected_rows_apart() {
        let app = spawn_app().await;
        sales_points(&app.db).await;
        app.signed_in_as(Role::ProductManager).await;
        let csrf = app.session_csrf("/clients/import").await;

        let file = |rows: &[&str]| {
            let header = kombi::import::canonical::CANONICAL_COLUMNS.join(",");
            let blanks = ",".repeat(kombi::import::canonical::CANONICAL_COLUMNS.len() - 2);
            let mut text = format!("{header}\n");
            for row in rows {
                text.push_str(&format!("{row}{blanks}\n"));
            }
            text.into_bytes()
        };
        let first = import(
            &app,
            &csrf,
            "a.csv",
            file(&["A-1,Ivanova Anna", "A-2,Petrov Ivan"]),
        )
        .await;
        assert!(
            first.contains("2 rows: 2 new, 0 updated, 0 unchanged, 0 rejected."),
            "{first}"
        );
        assert!(first.contains(r#"class="notice""#));

        let second = import(
            &app,
            &csrf,
            "b.csv",
            file(&["A-1,Ivanova Anna", "A-2,Petrov Ivan Olegovich", "A 3,"]),
        )
        .await;
        assert!(
            second.contains("3 rows: 0 new, 1 updated, 1 unchanged, 1 rejected."),
            "{second}"
        );
        assert!(
            second.contains(r#"class="alert""#),
            "amber when rows were rejected"
        );
        assert!(second.contains("some rows were rejected"));
    }

    #[tokio::test]
    async fn rejected_rows_are_explained_in_the_reader_s_language_on_the_page_and_in_the_csv() {
        let app = spawn_app().await;
        sales_points(&app.db).await;
        app.signed_in_as(Role::ProductManager).await;
        let csrf = app.session_csrf("/clients/import").await;
        let header = kombi::import::canonical::CANONICAL_COLUMNS.join(",");
        let blanks = ",".repeat(kombi::import::canonical::CANONICAL_COLUMNS.len() - 2);
        let file = format!("{header}\nB-1,Ivanova Anna{blanks}\nB-1,Ivanova Anna{blanks}\n");

        let english = import(&app, &csrf, "c.csv", file.clone().into_bytes()).await;
        assert!(
            english.contains("duplicate CRM id B-1, first seen on line 2"),
            "{english}"
        );

        app.choose_language(&csrf, "ru").await;
        let russian = import(&app, &csrf, "c.csv", file.into_bytes()).await;
        assert!(
            russian.contains("повторный CRM id B-1, впервые встречен в строке 2"),
            "{russian}"
        );
        let run = russian
            .split("/clients/imports/")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .expect("a link to the errors CSV");
        let csv = app
            .get(&format!("/clients/imports/{run}/errors.csv"))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("Строка,Столбец,Причина\n"), "{csv}");
        assert!(
            csv.contains("3,crm_id,\"повторный CRM id B-1, впервые встречен в строке 2\""),
            "{csv}"
        );
    }

    #[tokio::test]
    async fn a_file_that_is_not_csv_is_answered_in_one_sentence() {
        let app = spawn_app().await;
        app.signed_in_as(Role::ProductManager).await;
        let csrf = app.session_csrf("/clients/import").await;
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01".to_vec();

        let page = import(&app, &csrf, "photo.png", png).await;

        assert!(page.contains("this is not a CSV file"), "{page}");
    }
}
