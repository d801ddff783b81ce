use std::collections::HashMap;

use chrono::NaiveDate;
use kombi::demo::crm_generator::generate_clients;
use kombi::persistence::clients;
use kombi::persistence::entities::sales_point;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use crate::helpers::fresh_database;

pub async fn sales_points(db: &impl ConnectionTrait) -> HashMap<String, i32> {
    let mut ids = HashMap::new();
    for code in ["MSK-HO", "NSK-KKO"] {
        let row = sales_point::ActiveModel {
            code: Set(code.into()),
            name: Set(code.into()),
            city: Set(String::new()),
            region: Set(String::new()),
            format: Set("head_office".into()),
            branch_cost_per_minute: Set(250_000),
            visit_overhead_minutes: Set(150_000),
            visit_limit_minutes: Set(None),
            active: Set(true),
            product_kinds: Set("*".into()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        ids.insert(code.to_string(), row.id);
    }
    ids
}

#[tokio::test]
async fn upserting_the_same_clients_again_writes_nothing_and_a_change_updates_one() {
    let (db, _url, _guard) = fresh_database().await;
    let points = sales_points(&db).await;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut batch: Vec<_> = generate_clients(50, 7, as_of).collect();

    let first = clients::upsert(&db, &batch, &points).await.unwrap();
    let again = clients::upsert(&db, &batch, &points).await.unwrap();
    batch[3].full_name = "Changed Name Here".to_string();
    let changed = clients::upsert(&db, &batch, &points).await.unwrap();

    assert_eq!((first, again, changed), (50, 0, 1));
    let stored = clients::find_by_crm_id(&db, batch[3].crm_id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.full_name, "Changed Name Here");
    assert_eq!(clients::count(&db).await.unwrap(), 50);
}
