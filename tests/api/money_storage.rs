//! Money never passes through floating point: amounts round-trip through the database exactly,
//! and SQL adds them up exactly, on SQLite and PostgreSQL alike.

use chrono::Utc;
use kombi::persistence::entities::{company, product};
use kombi::persistence::scaled::{AMOUNT_SCALE, amount, to_units};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, Statement};

use crate::helpers::fresh_database;

async fn store_servicing_cost(
    db: &impl ConnectionTrait,
    company_id: i32,
    code: &str,
    value: Decimal,
) -> i32 {
    let now = Utc::now();
    product::ActiveModel {
        code: Set(code.to_string()),
        name: Set(code.to_string()),
        kind: Set("other".to_string()),
        currency: Set("RUB".to_string()),
        status: Set("active".to_string()),
        company_id: Set(company_id),
        price_parameter: Set("annual_fee".to_string()),
        servicing_cost: Set(to_units(value, AMOUNT_SCALE, "servicing_cost").unwrap()),
        // Columns added by a later migration (`ALTER TABLE … ADD COLUMN … DEFAULT 0`) come
        // back NULL from SQLite's RETURNING when left to their default: set them, as the
        // repository always does.
        credit_limit: Set(0),
        min_amount: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

async fn company(db: &impl ConnectionTrait) -> i32 {
    company::ActiveModel {
        code: Set("BANK".into()),
        name: Set("Bank".into()),
        kind: Set("bank".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn amounts_round_trip_exactly() {
    let (db, _url, _guard) = fresh_database().await;
    let company_id = company(&db).await;
    let sum = dec!(0.1) + dec!(0.2);
    for (code, value) in [
        ("BIG", dec!(12345678901234.5678)),
        ("SUM", sum),
        ("NEG", dec!(-1234.5601)),
    ] {
        let id = store_servicing_cost(&db, company_id, code, value).await;

        let stored = product::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();

        assert_eq!(amount(stored.servicing_cost), value, "{code}");
    }
    assert_eq!(sum, dec!(0.3));
}

#[tokio::test]
async fn the_database_adds_amounts_exactly() {
    let (db, _url, _guard) = fresh_database().await;
    let company_id = company(&db).await;
    store_servicing_cost(&db, company_id, "A", dec!(0.1)).await;
    store_servicing_cost(&db, company_id, "B", dec!(0.2)).await;

    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT CAST(SUM(servicing_cost) AS BIGINT) AS total FROM products",
        ))
        .await
        .unwrap()
        .unwrap();
    let total: i64 = row.try_get("", "total").unwrap();

    assert_eq!(amount(total), dec!(0.3));
}
