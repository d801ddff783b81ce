use chrono::NaiveDate;
use kombi::demo::crm_generator::generate_clients;
use kombi::import::Mapping;
use kombi::import::canonical::write_clients_csv;
use kombi::persistence::clients;
use kombi::persistence::crm_import::import_file;

use crate::clients_store::sales_points;
use crate::helpers::fresh_database;

fn generated_file(dir: &tempfile::TempDir, count: usize) -> std::path::PathBuf {
    let path = dir.path().join("crm.csv");
    let file = std::fs::File::create(&path).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    write_clients_csv(generate_clients(count, 3, as_of), file).unwrap();
    path
}

#[tokio::test]
async fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let (db, _url, _guard) = fresh_database().await;
    sales_points(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = generated_file(&dir, 2_500);

    let (first, first_progress) = import_file(&db, &path, &Mapping::canonical(), |_| {})
        .await
        .unwrap();
    let (second, second_progress) = import_file(&db, &path, &Mapping::canonical(), |_| {})
        .await
        .unwrap();

    assert_eq!(
        (first.rows, first.imported, first.skipped),
        (2_500, 2_500, 0)
    );
    assert_eq!(first_progress.written, 2_500);
    assert_eq!(second.imported, 2_500);
    assert_eq!(
        second_progress.written, 0,
        "unchanged rows are not rewritten"
    );
    assert_eq!(clients::count(&db).await.unwrap(), 2_500);
}

#[tokio::test]
async fn bad_rows_are_skipped_with_line_and_column_and_good_rows_go_in() {
    let (db, _url, _guard) = fresh_database().await;
    sales_points(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.csv");
    std::fs::write(
        &path,
        "\u{feff}Client ID;Name;Born;Income;Branch\n\
         K-1;Ivanov Ivan;01.02.1980;\"120 000,50\";MSK-HO\n\
         K-2;\"Petrova\nAnna\";1985-13-01;1000;MSK-HO\n\
         K-3;Sidorov Petr;1990-05-05;14.890999999999998;SPB-01\n\
         K-1;Ivanov Again;01.02.1980;1;MSK-HO\n",
    )
    .unwrap();
    let mapping = Mapping::from_toml(
        r#"
        [columns]
        "Client ID" = "crm_id"
        "Name" = "full_name"
        "Born" = "birth_date"
        "Income" = "monthly_income"
        "Branch" = "home_sales_point"
        [options]
        default_income_currency = "RUB"
        "#,
    )
    .unwrap();

    let (report, _) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();

    assert_eq!((report.rows, report.imported, report.skipped), (4, 1, 3));
    let lines: Vec<(u64, Option<&str>)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert!(lines.contains(&(3, Some("Born"))), "{lines:?}");
    assert!(lines.contains(&(5, Some("Branch"))), "{lines:?}");
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.line == 6 && e.reason.to_string().contains("duplicate")),
        "{:?}",
        report.errors
    );
    let ivanov = clients::load(&db, "K-1").await.unwrap().unwrap();
    assert_eq!(ivanov.monthly_income.unwrap().to_string(), "120000.50");
    assert_eq!(ivanov.birth_date, NaiveDate::from_ymd_opt(1980, 2, 1));
}

#[tokio::test]
async fn a_file_missing_a_mapped_column_is_refused_before_any_row() {
    let (db, _url, _guard) = fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.csv");
    std::fs::write(&path, "id,name\n1,Ivanov\n").unwrap();

    let result = import_file(&db, &path, &Mapping::canonical(), |_| {}).await;

    let message = result.unwrap_err().to_string();
    assert!(message.contains("crm_id"), "{message}");
    assert_eq!(clients::count(&db).await.unwrap(), 0);
}

#[tokio::test]
async fn backslashes_and_quotes_are_stored_as_written_and_a_changed_row_updates() {
    let (db, _url, _guard) = fresh_database().await;
    sales_points(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.csv");
    let mapping = Mapping::from_toml(
        r#"
        [columns]
        "id" = "crm_id"
        "name" = "full_name"
        "city" = "city"
        "note" = "custom:note"
        "#,
    )
    .unwrap();
    let write = |second_city: &str| {
        std::fs::write(
            &path,
            format!(
                "id,name,city,note\n\
                 A-1,O\\Brien \"Jr\",C:\\Temp,\"say \"\"hi\"\" \\N\"\n\
                 A-2,Plain Name,{second_city},\n"
            ),
        )
        .unwrap();
    };

    write("Omsk");
    let (first, first_progress) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();
    write("Tomsk");
    let (_, second_progress) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();

    assert_eq!(
        (first.imported, first.skipped),
        (2, 0),
        "{:?}",
        first.errors
    );
    assert_eq!(first_progress.written, 2);
    assert_eq!(
        second_progress.written, 1,
        "only the changed row is written"
    );
    let odd = clients::load(&db, "A-1").await.unwrap().unwrap();
    assert_eq!(odd.full_name, "O\\Brien \"Jr\"");
    assert_eq!(odd.city.as_deref(), Some("C:\\Temp"));
    assert_eq!(
        odd.custom_attributes.get("note").map(String::as_str),
        Some("say \"hi\" \\N")
    );
    let changed = clients::load(&db, "A-2").await.unwrap().unwrap();
    assert_eq!(changed.city.as_deref(), Some("Tomsk"));
}

#[tokio::test]
async fn a_name_that_lengthens_when_lower_cased_is_stored_and_found() {
    let (db, _url, _guard) = fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.csv");
    let mapping =
        Mapping::from_toml("[columns]\n\"id\" = \"crm_id\"\n\"name\" = \"full_name\"\n").unwrap();
    // 200 characters, the most a name may have; lower-cased, 400.
    let name = "İ".repeat(200);
    std::fs::write(
        &path,
        format!("id,name\nLONG-1,{name}\nNEXT-2,Plain Name\n"),
    )
    .unwrap();

    let (report, _) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();

    assert_eq!(
        (report.imported, report.skipped),
        (2, 0),
        "{:?}",
        report.errors
    );
    let stored = clients::load(&db, "LONG-1").await.unwrap().unwrap();
    assert_eq!(stored.full_name, name);
    let found = clients::search(&db, "i\u{307}i\u{307}", 5).await.unwrap();
    assert_eq!(found.clients.len(), 1);
    assert_eq!(found.clients[0].crm_id, "LONG-1");
}

/// A `;` file with decimal commas: a custom numeric column counts as numbers (it was stored as
/// the text `106,025`, which no numeric rule ever matched), on both databases.
#[tokio::test]
async fn a_decimal_comma_custom_column_is_counted_as_numbers() {
    let (db, _url, _guard) = fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.csv");
    let scores = ["106,025", "105,9", "106", "1 200,5", "n/a", ""];
    let mut text = String::from("\u{feff}client;name;score\n");
    for (i, score) in scores.iter().enumerate() {
        text.push_str(&format!("C-{i};Client {i};{score}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let mapping =
        Mapping::from_toml("[columns]\nclient = \"crm_id\"\nname = \"full_name\"\n").unwrap();
    let (report, _) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();
    assert_eq!(report.imported, 6);
    let score = report.custom_attributes["score"];
    assert_eq!(
        (score.numbers, score.texts),
        (4, 1),
        "the report says how the column's values were read (a blank is none)"
    );

    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let count = |rule: &str| {
        let rule = kombi::domain::segment::SegmentRule::parse(rule).unwrap();
        let db = db.clone();
        async move {
            kombi::persistence::segments::count_matching(&db, &rule, today)
                .await
                .unwrap()
        }
    };
    // Counted independently from the file: 106.025, 106, 1200.5 are above 105.95.
    assert_eq!(count("score > 105.95").await, 3);
    assert_eq!(count("score = 106.025").await, 1);
    assert_eq!(count("score < 106").await, 1);
}
