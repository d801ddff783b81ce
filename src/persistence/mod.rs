//! Persistence: sea-orm entities, and repositories that convert between rows and domain types.
//!
//! Repository functions take `&impl ConnectionTrait`, so the same function works on the pool
//! and inside a transaction.

pub mod audit;
pub mod catalog;
pub mod client_rows;
pub mod clients;
pub mod clients_bulk;
pub mod clients_copy;
pub mod copy_binary;
pub mod crm_import;
pub mod db;
pub mod entities;
pub mod generation;
pub mod import_runs;
pub mod matrices;
pub mod offers;
pub mod paging;
pub mod populations;
pub mod product_changes;
pub mod products;
pub mod scaled;
pub mod scenarios;
pub mod segment_sql;
pub mod segments;
pub mod sessions;
pub mod settings_changes;
pub mod setup;
pub mod tokens;
pub mod users;

use sea_orm::DbErr;

use crate::domain::message::Message;

/// What can go wrong below the web layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (named by `field`) is already taken.
    #[error("{field} '{value}' is already taken")]
    Conflict { field: &'static str, value: String },
    /// A referenced record does not exist.
    #[error("{what} not found")]
    NotFound { what: String },
    /// A value cannot be stored exactly (too many decimal places, out of range …).
    #[error("{0}")]
    Invalid(String),
    /// Like `Invalid`, for one field of a form.
    #[error("{field}: {message}")]
    InvalidField { field: String, message: Message },
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Whether a database error is a unique-constraint violation, on either backend.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// The signed-in user who takes a review step (submits, approves, rejects a change).
#[derive(Clone, Copy, Debug)]
pub struct Reviewer<'a> {
    pub user_id: i32,
    pub username: &'a str,
}

/// Runs `work` in a transaction of its own: committed when it succeeds, rolled back at once
/// when it fails (so no connection holds the transaction's locks until the pool reuses it).
///
/// # Errors
/// `work`'s error, or the database's on commit or rollback.
pub async fn in_transaction<T, E: From<StoreError>>(
    db: &impl sea_orm::TransactionTrait<Transaction = sea_orm::DatabaseTransaction>,
    work: impl AsyncFnOnce(&sea_orm::DatabaseTransaction) -> Result<T, E>,
) -> Result<T, E> {
    let txn = db.begin().await.map_err(StoreError::from)?;
    match work(&txn).await {
        Ok(value) => {
            txn.commit().await.map_err(StoreError::from)?;
            Ok(value)
        }
        Err(err) => {
            txn.rollback().await.map_err(StoreError::from)?;
            Err(err)
        }
    }
}
