//! The PostgreSQL `COPY` paths of client upserts (the rest of the suite covers them through
//! imports; here each path is driven on its own). Nothing to run on SQLite.

use chrono::NaiveDate;
use kombi::demo::crm_generator::generate_clients;
use kombi::persistence::client_rows::StoredClient;
use kombi::persistence::clients_copy::CopyBatch;
use kombi::persistence::{clients, clients_copy};

use crate::clients_store::sales_points;
use crate::helpers::fresh_postgres_database;

#[tokio::test]
#[ignore = "PostgreSQL only: scripts/test runs it when TEST_DATABASE_URL is set"]
async fn every_copy_path_inserts_new_updates_changed_and_leaves_unchanged_rows_alone() {
    let (db, _url, _guard) = fresh_postgres_database().await;
    let points = sales_points(&db).await;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut clients_in_file: Vec<_> = generate_clients(6, 11, as_of).collect();
    let stored = |batch: &[kombi::domain::client::Client]| -> CopyBatch {
        let rows = batch
            .iter()
            .map(|c| StoredClient::new(c, &points).unwrap())
            .collect();
        CopyBatch::new(rows, chrono::Utc::now())
    };
    let mut conn = db.get_postgres_connection_pool().acquire().await.unwrap();

    assert_eq!(clients::count(&db).await.unwrap(), 0);
    let first = clients_copy::upsert_rows(&mut conn, &stored(&clients_in_file[..4]), true)
        .await
        .unwrap();
    clients_in_file[0].full_name = "Changed By Copy".into();
    let fast = clients_copy::upsert_rows(&mut conn, &stored(&clients_in_file[..5]), false)
        .await
        .unwrap();
    clients_in_file[1].full_name = "Changed By Merge".into();
    let merged = clients_copy::merge_rows(&mut conn, &stored(&clients_in_file))
        .await
        .unwrap();

    // A batch said to be all new although one of its clients is stored (as when another writer
    // stored it meanwhile) collides on the CRM id and is merged instead.
    clients_in_file[2].full_name = "Changed Meanwhile".into();
    let collided = clients_copy::upsert_rows(&mut conn, &stored(&clients_in_file[2..3]), true)
        .await
        .unwrap();

    assert_eq!((first.new, first.updated), (4, 0));
    assert_eq!((fast.new, fast.updated), (1, 1), "one new, one changed");
    assert_eq!(merged, 2, "new + changed");
    assert_eq!(collided.total(), 1);
    assert_eq!(clients::count(&db).await.unwrap(), 6);
    for (index, name) in [
        (0, "Changed By Copy"),
        (1, "Changed By Merge"),
        (2, "Changed Meanwhile"),
    ] {
        let crm_id = clients_in_file[index].crm_id.as_str();
        let row = clients::find_by_crm_id(&db, crm_id).await.unwrap().unwrap();
        assert_eq!(row.full_name, name);
        assert_eq!(row.search_name, name.to_lowercase());
    }
    let untouched = clients::load(&db, clients_in_file[3].crm_id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched, clients_in_file[3], "stored as generated");
}
