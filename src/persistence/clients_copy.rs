//! Bulk client upserts on PostgreSQL through `COPY`, many times faster than multi-row
//! `INSERT`s with bound parameters, with the same result: new rows inserted, changed rows
//! updated, unchanged rows (same content hash) not written at all.
//!
//! Per batch: one indexed probe reads the stored content hashes of the batch's CRM ids; new
//! clients are streamed straight into `clients` with `COPY`; changed ones go through a
//! temporary staging table and one `UPDATE … FROM`. Should another writer insert one of the
//! new CRM ids between the probe and the `COPY`, the batch is redone with one
//! `INSERT … SELECT … ON CONFLICT` from the staging table, which cannot collide.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::postgres::{PgConnection, Postgres};
use sea_orm::sqlx::{self, Connection as _, Executor as _, Transaction};
use sea_orm::{DatabaseConnection, DbErr, RuntimeErr};

use super::StoreError;
use super::client_rows::{StoredClient, WRITTEN_COLUMNS};

fn db_error(err: sqlx::Error) -> StoreError {
    StoreError::Db(DbErr::Exec(RuntimeErr::SqlxError(Arc::new(err))))
}

/// A connection of its own for a whole import, from the pool behind `db`.
///
/// # Errors
/// When no connection can be had.
pub async fn connection(db: &DatabaseConnection) -> Result<PoolConnection<Postgres>, StoreError> {
    db.get_postgres_connection_pool()
        .acquire()
        .await
        .map_err(|e| StoreError::Db(DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e)))))
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

static COPY_INTO_CLIENTS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "COPY clients ({}, created_at, updated_at) FROM STDIN",
        WRITTEN_COLUMNS.join(", ")
    )
});

// Created per batch and dropped at commit: nothing is left on the pooled connection, and the
// staging columns always have the types `clients` has now.
static CREATE_STAGING: LazyLock<String> = LazyLock::new(|| {
    format!(
        "CREATE TEMPORARY TABLE client_staging ON COMMIT DROP AS \
         SELECT {}, created_at, updated_at FROM clients WITH NO DATA",
        WRITTEN_COLUMNS.join(", ")
    )
});

static COPY_INTO_STAGING: LazyLock<String> = LazyLock::new(|| {
    format!(
        "COPY client_staging ({}, created_at, updated_at) FROM STDIN",
        WRITTEN_COLUMNS.join(", ")
    )
});

/// `col = source.col, …` for every written column but the CRM id.
fn assignments(source: &str) -> String {
    WRITTEN_COLUMNS
        .iter()
        .filter(|c| **c != "crm_id")
        .map(|c| format!("{c} = {source}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

static UPDATE_FROM_STAGING: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE clients SET {}, updated_at = s.updated_at FROM client_staging AS s \
         WHERE clients.crm_id = s.crm_id",
        assignments("s")
    )
});

/// The merge used when the fast path collides with another writer.
static MERGE_FROM_STAGING: LazyLock<String> = LazyLock::new(|| {
    let columns = WRITTEN_COLUMNS.join(", ");
    format!(
        "INSERT INTO clients ({columns}, created_at, updated_at) \
         SELECT {columns}, created_at, updated_at FROM client_staging \
         ON CONFLICT (crm_id) DO UPDATE SET {}, updated_at = excluded.updated_at \
         WHERE clients.content_hash <> excluded.content_hash",
        assignments("excluded")
    )
});

/// A batch of clients with their rows already written in `COPY` text format (with both
/// timestamps), so that the thread that parses the file does that work, not the one waiting
/// on the database.
pub struct CopyBatch {
    rows: Vec<StoredClient>,
    text: String,
    /// Where each row's line ends in `text`.
    ends: Vec<usize>,
}

impl CopyBatch {
    /// `stamped_at` becomes the rows' `created_at` (for new clients) and `updated_at`.
    pub fn new(rows: Vec<StoredClient>, stamped_at: DateTime<Utc>) -> Self {
        let stamp = stamped_at.format("%Y-%m-%d %H:%M:%S%.6f+00");
        let trailing = format!("\t{stamp}\t{stamp}");
        let mut text = String::with_capacity(rows.len() * 400);
        let mut ends = Vec::with_capacity(rows.len());
        for row in &rows {
            row.write_copy_line(&mut text, &trailing);
            ends.push(text.len());
        }
        Self { rows, text, ends }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The lines of the rows at `picked` (ascending).
    fn lines(&self, picked: &[usize]) -> Cow<'_, str> {
        if picked.len() == self.rows.len() {
            return Cow::Borrowed(&self.text);
        }
        let mut text = String::new();
        for &i in picked {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            text.push_str(&self.text[start..self.ends[i]]);
        }
        Cow::Owned(text)
    }
}

/// Upserts the batch in one transaction and returns how many rows were inserted or changed.
///
/// The batch must not repeat a CRM id (the importer refuses duplicates within a file).
/// `none_stored` says the caller knows that none of them is stored yet (an import that began
/// on an empty table): the lookup of stored clients is skipped; a client another writer
/// stored meanwhile is still merged correctly.
///
/// # Errors
/// Database errors; nothing of the batch is kept then.
pub async fn upsert_rows(
    conn: &mut PgConnection,
    batch: &CopyBatch,
    none_stored: bool,
) -> Result<u64, StoreError> {
    if batch.is_empty() {
        return Ok(0);
    }
    let stored = if none_stored {
        HashMap::new()
    } else {
        stored_hashes(conn, &batch.rows).await?
    };
    let mut new = Vec::new();
    let mut changed = Vec::new();
    for (i, row) in batch.rows.iter().enumerate() {
        match stored.get(&row.crm_id) {
            None => new.push(i),
            Some(hash) if *hash != row.content_hash => changed.push(i),
            Some(_) => {}
        }
    }
    let mut txn = conn.begin().await.map_err(db_error)?;
    match write_new_and_changed(&mut txn, batch, &new, &changed).await {
        Ok(written) => {
            txn.commit().await.map_err(db_error)?;
            Ok(written)
        }
        Err(err) if is_unique_violation(&err) => {
            txn.rollback().await.map_err(db_error)?;
            merge_rows(conn, batch).await
        }
        Err(err) => Err(db_error(err)),
    }
}

/// CRM id → stored content hash, for the batch's clients that are stored already.
async fn stored_hashes(
    conn: &mut PgConnection,
    rows: &[StoredClient],
) -> Result<HashMap<String, String>, StoreError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.crm_id.as_str()).collect();
    let found: Vec<(String, String)> =
        sqlx::query_as("SELECT crm_id, content_hash FROM clients WHERE crm_id = ANY($1)")
            .bind(ids)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_error)?;
    Ok(found.into_iter().collect())
}

async fn write_new_and_changed(
    txn: &mut Transaction<'_, Postgres>,
    batch: &CopyBatch,
    new: &[usize],
    changed: &[usize],
) -> Result<u64, sqlx::Error> {
    if !new.is_empty() {
        copy_in(txn, &COPY_INTO_CLIENTS, &batch.lines(new)).await?;
    }
    let mut updated = 0;
    if !changed.is_empty() {
        txn.execute(CREATE_STAGING.as_str()).await?;
        copy_in(txn, &COPY_INTO_STAGING, &batch.lines(changed)).await?;
        updated = txn
            .execute(UPDATE_FROM_STAGING.as_str())
            .await?
            .rows_affected();
    }
    Ok(new.len() as u64 + updated)
}

/// Streams `lines` through `statement` (a `COPY … FROM STDIN`).
async fn copy_in(conn: &mut PgConnection, statement: &str, lines: &str) -> Result<(), sqlx::Error> {
    let mut copy = conn.copy_in_raw(statement).await?;
    copy.send(lines.as_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

/// Inserts new rows and updates changed ones through the staging table, whatever other writers
/// did meanwhile; returns how many were inserted or changed.
///
/// # Errors
/// Database errors; nothing of the batch is kept then.
pub async fn merge_rows(conn: &mut PgConnection, batch: &CopyBatch) -> Result<u64, StoreError> {
    let mut txn = conn.begin().await.map_err(db_error)?;
    txn.execute(CREATE_STAGING.as_str())
        .await
        .map_err(db_error)?;
    copy_in(&mut txn, &COPY_INTO_STAGING, &batch.text)
        .await
        .map_err(db_error)?;
    let written = txn
        .execute(MERGE_FROM_STAGING.as_str())
        .await
        .map_err(db_error)?
        .rows_affected();
    txn.commit().await.map_err(db_error)?;
    Ok(written)
}
