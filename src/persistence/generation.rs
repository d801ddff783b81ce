//! The bank's generation: a counter raised by database triggers on every change to what the
//! desk offers from (migration `m20261130_000016`), so a cached copy knows when it is stale.

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
