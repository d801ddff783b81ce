//! The bank's generation: a counter raised by database triggers on every change to what the
//! desk offers from (migration `m20261130_000016`), so a cached copy knows when it is stale;
//! and beside it how many times stored clients changed (`clients_changed`, migration
//! `m20261201_000027`), raised by the code that writes clients.

use sea_orm::{ConnectionTrait, Statement};

use super::StoreError;

/// The current generation (one indexed row).
///
/// # Errors
/// Database errors; `Invalid` when the row is missing.
pub async fn current(db: &impl ConnectionTrait) -> Result<i64, StoreError> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT generation FROM bank_generation WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| StoreError::Invalid("bank_generation has no row".into()))?;
    Ok(row.try_get::<i64>("", "generation")?)
}

/// How many times stored clients have changed.
///
/// # Errors
/// Database errors; `Invalid` when the row is missing.
pub async fn clients_changed(db: &impl ConnectionTrait) -> Result<i64, StoreError> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT clients_changed FROM bank_generation WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| StoreError::Invalid("bank_generation has no row".into()))?;
    Ok(row.try_get::<i64>("", "clients_changed")?)
}

/// Records that stored clients changed (once per import or API call that wrote any), so that
/// counts kept from them are taken again.
///
/// # Errors
/// Database errors only.
pub async fn clients_did_change(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    db.execute_unprepared(
        "UPDATE bank_generation SET clients_changed = clients_changed + 1 WHERE id = 1",
    )
    .await?;
    Ok(())
}
