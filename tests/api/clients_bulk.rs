//! The initial CRM load on PostgreSQL drops the secondary indexes and the sales-point foreign
//! key of `clients` and builds them again at the end. Nothing to run on SQLite.

use kombi::import::Mapping;
use kombi::persistence::{clients, clients_bulk, crm_import::import_file, db};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::clients_store::sales_points;
use crate::helpers::fresh_postgres_database;

fn mapping() -> Mapping {
    Mapping::from_toml(
        r#"
        [columns]
        "crm_id" = "crm_id"
        "full_name" = "full_name"
        "home_sales_point" = "home_sales_point"
        "#,
    )
    .unwrap()
}

/// Every index and constraint of `clients`, as PostgreSQL prints their definitions.
async fn clients_structure(db: &DatabaseConnection) -> Vec<String> {
    let sql = "SELECT indexdef AS def FROM pg_indexes \
               WHERE tablename = 'clients' AND schemaname = current_schema() \
               UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint \
               WHERE conrelid = 'clients'::regclass ORDER BY 1";
    db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "def").unwrap())
        .collect()
}

#[tokio::test]
#[ignore = "PostgreSQL only: scripts/test runs it when TEST_DATABASE_URL is set"]
async fn an_initial_load_leaves_every_index_and_constraint_as_the_migrations_made_them() {
    let (db, _url, _guard) = fresh_postgres_database().await;
    sales_points(&db).await;
    let before = clients_structure(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.csv");
    std::fs::write(
        &path,
        "crm_id,full_name,home_sales_point\nA-1,Ivanov Ivan,MSK-HO\nA-2,Petrova Anna,NSK-KKO\n",
    )
    .unwrap();

    let (report, progress) = import_file(&db, &path, &mapping(), |_| {}).await.unwrap();

    assert_eq!((report.imported, progress.written), (2, 2));
    assert!(
        before.iter().any(|d| d.contains("search_name")),
        "{before:?}"
    );
    assert!(
        before.iter().any(|d| d.contains("idx_clients_phone")),
        "{before:?}"
    );
    assert!(
        before
            .iter()
            .any(|d| d.starts_with("fk_clients_home_sales_point")),
        "{before:?}"
    );
    assert_eq!(clients_structure(&db).await, before);
    let found = clients::search(&db, "petrova", 10).await.unwrap();
    assert_eq!(found.clients.len(), 1);
}

#[tokio::test]
#[ignore = "PostgreSQL only: scripts/test runs it when TEST_DATABASE_URL is set"]
async fn a_load_killed_midway_is_repaired_when_kombi_next_opens_the_database() {
    let (db, _url, _guard) = fresh_postgres_database().await;
    let before = clients_structure(&db).await;

    let began = clients_bulk::begin_initial_load(&db).await.unwrap();
    let during = clients_structure(&db).await;
    db::migrate(&db).await.unwrap(); // what every start of Kombi runs

    assert!(began, "the table was empty");
    assert!(during.len() < before.len(), "{during:?}");
    assert_eq!(clients_structure(&db).await, before);
}

#[tokio::test]
#[ignore = "PostgreSQL only: scripts/test runs it when TEST_DATABASE_URL is set"]
async fn an_import_into_stored_clients_drops_nothing() {
    let (db, _url, _guard) = fresh_postgres_database().await;
    sales_points(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.csv");
    std::fs::write(
        &path,
        "crm_id,full_name,home_sales_point\nA-1,Ivanov Ivan,\n",
    )
    .unwrap();
    import_file(&db, &path, &mapping(), |_| {}).await.unwrap();
    let before = clients_structure(&db).await;

    let began = clients_bulk::begin_initial_load(&db).await.unwrap();

    assert!(!began);
    assert_eq!(clients_structure(&db).await, before);
}

#[tokio::test]
#[ignore = "PostgreSQL only: scripts/test runs it when TEST_DATABASE_URL is set"]
async fn crm_ids_phones_and_search_names_compare_byte_by_byte() {
    let (db, _url, _guard) = fresh_postgres_database().await;
    let sql = "SELECT column_name::text AS name, coalesce(collation_name::text, '') AS collation \
               FROM information_schema.columns WHERE table_schema = current_schema() \
               AND table_name = 'clients' AND column_name IN ('crm_id', 'phone', 'search_name') \
               ORDER BY 1";
    let columns: Vec<(String, String)> = db
        .query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            (
                row.try_get("", "name").unwrap(),
                row.try_get("", "collation").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        columns,
        [
            ("crm_id".to_owned(), "C".to_owned()),
            ("phone".to_owned(), "C".to_owned()),
            ("search_name".to_owned(), "C".to_owned())
        ]
    );
}
