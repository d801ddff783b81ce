//! Bulk client upserts on PostgreSQL through `COPY`, many times faster than multi-row
//! `INSERT`s with bound parameters, with the same result: new rows inserted, changed rows
//! updated, unchanged rows (same content hash) not written at all.
//!
//! Per batch: one indexed probe reads the stored content hashes of the batch's CRM ids; new
//! clients are streamed straight into `clients` with a binary `COPY`; changed ones go through a
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
use super::clients::Written;
use super::copy_binary;

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
        "COPY clients ({}, created_at, updated_at) FROM STDIN (FORMAT binary)",
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
        "COPY client_staging ({}, created_at, updated_at) FROM STDIN (FORMAT binary)",
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

/// Strings kept one after another in one allocation: a batch's keys are freed at once.
#[derive(Default)]
struct Packed {
    text: String,
    ends: Vec<usize>,
}

impl Packed {
    fn push(&mut self, value: &str) {
        self.text.push_str(value);
        self.ends.push(self.text.len());
    }

    fn get(&self, index: usize) -> &str {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[index]]
    }
}

/// A batch of clients already in binary `COPY` form (with both timestamps), made by the thread
/// that parses the file, not the one waiting on the database. Of each client only what the
/// writer still needs is kept beside its row: the CRM id and the content hash.
pub struct CopyBatch {
    /// The `COPY` header, the rows, the trailer.
    data: Vec<u8>,
    /// Where each row ends in `data`.
    row_ends: Vec<usize>,
    crm_ids: Packed,
    hashes: Packed,
}

impl CopyBatch {
    /// `stamped_at` becomes the rows' `created_at` (for new clients) and `updated_at`.
    pub fn new(rows: Vec<StoredClient>, stamped_at: DateTime<Utc>) -> Self {
        let mut data = Vec::with_capacity(rows.len() * 400);
        data.extend_from_slice(copy_binary::HEADER);
        let mut batch = Self {
            data,
            row_ends: Vec::with_capacity(rows.len()),
            crm_ids: Packed::default(),
            hashes: Packed::default(),
        };
        for row in &rows {
            row.write_copy_row(&mut batch.data, stamped_at);
            batch.row_ends.push(batch.data.len());
            batch.crm_ids.push(&row.crm_id);
            batch.hashes.push(&row.content_hash);
        }
        batch.data.extend_from_slice(copy_binary::TRAILER);
        batch
    }

    pub fn len(&self) -> usize {
        self.row_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.row_ends.is_empty()
    }

    /// The `COPY` data of the rows at `picked` (ascending).
    fn data_of(&self, picked: &[usize]) -> Cow<'_, [u8]> {
        if picked.len() == self.len() {
            return Cow::Borrowed(&self.data);
        }
        let mut data = copy_binary::HEADER.to_vec();
        for &i in picked {
            let start = i
                .checked_sub(1)
                .map_or(copy_binary::HEADER.len(), |before| self.row_ends[before]);
            data.extend_from_slice(&self.data[start..self.row_ends[i]]);
        }
        data.extend_from_slice(copy_binary::TRAILER);
        Cow::Owned(data)
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
) -> Result<Written, StoreError> {
    if batch.is_empty() {
        return Ok(Written::default());
    }
    let stored = if none_stored {
        HashMap::new()
    } else {
        stored_hashes(conn, batch).await?
    };
    let mut new = Vec::new();
    let mut changed = Vec::new();
    for i in 0..batch.len() {
        match stored.get(batch.crm_ids.get(i)) {
            None => new.push(i),
            Some(hash) if hash != batch.hashes.get(i) => changed.push(i),
            Some(_) => {}
        }
    }
    let mut txn = conn.begin().await.map_err(db_error)?;
    match write_new_and_changed(&mut txn, batch, &new, &changed).await {
        Ok(updated) => {
            txn.commit().await.map_err(db_error)?;
            Ok(Written {
                new: new.len() as u64,
                updated,
            })
        }
        Err(err) if is_unique_violation(&err) => {
            txn.rollback().await.map_err(db_error)?;
            // Another writer stored some of the new clients meanwhile: merged as updates.
            let written = merge_rows(conn, batch).await?;
            let new = (new.len() as u64).min(written);
            Ok(Written {
                new,
                updated: written - new,
            })
        }
        Err(err) => Err(db_error(err)),
    }
}

/// CRM id → stored content hash, for the batch's clients that are stored already.
async fn stored_hashes(
    conn: &mut PgConnection,
    batch: &CopyBatch,
) -> Result<HashMap<String, String>, StoreError> {
    let ids: Vec<&str> = (0..batch.len()).map(|i| batch.crm_ids.get(i)).collect();
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
        copy_in(txn, &COPY_INTO_CLIENTS, &batch.data_of(new)).await?;
    }
    let mut updated = 0;
    if !changed.is_empty() {
        txn.execute(CREATE_STAGING.as_str()).await?;
        copy_in(txn, &COPY_INTO_STAGING, &batch.data_of(changed)).await?;
        updated = txn
            .execute(UPDATE_FROM_STAGING.as_str())
            .await?
            .rows_affected();
    }
    Ok(updated)
}

/// Streams `data` through `statement` (a binary `COPY … FROM STDIN`).
async fn copy_in(conn: &mut PgConnection, statement: &str, data: &[u8]) -> Result<(), sqlx::Error> {
    let mut copy = conn.copy_in_raw(statement).await?;
    copy.send(data).await?;
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
    copy_in(&mut txn, &COPY_INTO_STAGING, &batch.data)
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
