//! Running a CRM import into the database: the CSV is parsed on a thread of its own and handed
//! over in batches through a bounded channel, so memory stays bounded whatever the file's size;
//! each batch is upserted in its own transaction (through `COPY` on PostgreSQL), so an interrupted import leaves only whole
//! batches behind and can simply be run again (unchanged rows are not rewritten).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::sqlx::Postgres;
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::{DatabaseConnection, DbBackend, TransactionTrait};

use super::client_rows::StoredClient;
use super::clients_copy::CopyBatch;
use super::{StoreError, clients, clients_bulk, clients_copy};
use crate::import::{ImportError, ImportReader, ImportReport, Mapping, RowError};

/// Rows per transaction with INSERT statements.
pub const BATCH_ROWS: usize = 1_000;
/// Rows per transaction with `COPY` (PostgreSQL).
pub const COPY_BATCH_ROWS: usize = 10_000;
/// Batches parsed ahead of the database.
const BATCHES_IN_FLIGHT: usize = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
    /// Rows inserted or changed (unchanged rows are not written).
    pub written: u64,
    /// Of `written`, the clients that were new.
    pub new: u64,
    pub skipped: u64,
}

impl Progress {
    /// An import's end as the audit trail shows it.
    pub fn audit_fields(&self) -> crate::domain::audit::Fields {
        crate::domain::audit::Fields::new()
            .with("rows", self.rows)
            .with("skipped", self.skipped)
            .with("written", self.written)
            .with("new", self.new)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("cannot read {path}: {source}")]
    Open {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the database already holds clients numbered from rows ({prefix}-1 …): an extract \
         without ids can be imported once only, since a reordered file would write one \
         person's data onto another's record (and offers point to those records); import it \
         with a crm_id column or a [crm_id] template of stable columns, or give this file \
         another crm_id.prefix if it holds other people"
    )]
    RowNumbersTaken { prefix: String },
}

/// Counts the bytes the parser has consumed, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A batch as the parser thread hands it over: rows ready to write, and the rows it refused.
struct Batch {
    rows: Rows,
    refused: Vec<Vec<RowError>>,
    /// The custom attributes of the batch's rows, by how rules read them.
    custom: BTreeMap<String, crate::import::CustomCount>,
}

/// Rows in the form the writer takes them.
enum Rows {
    Stored(Vec<StoredClient>),
    /// Already in binary `COPY` form, written on the parser thread.
    Copy(CopyBatch),
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Stored(rows) => rows.len(),
            Rows::Copy(batch) => batch.len(),
        }
    }
}

/// How batches reach the database: `COPY` through one connection held for the whole import on
/// PostgreSQL, multi-row `INSERT` statements elsewhere.
enum Writer<'a> {
    Statements(&'a DatabaseConnection),
    Copy {
        conn: PoolConnection<Postgres>,
        /// The import began on an empty table, so no row of the file is stored yet.
        into_empty_table: bool,
    },
}

impl Writer<'_> {
    /// Rows per batch (and transaction): `COPY` gains from larger batches, SQLite does not.
    fn batch_rows(&self) -> usize {
        match self {
            Writer::Statements(_) => BATCH_ROWS,
            Writer::Copy { .. } => COPY_BATCH_ROWS,
        }
    }

    /// The time stamped on `COPY` rows, or `None` for statements.
    fn copy_stamp(&self) -> Option<DateTime<Utc>> {
        match self {
            Writer::Statements(_) => None,
            Writer::Copy { .. } => Some(Utc::now()),
        }
    }

    async fn write(&mut self, rows: Rows) -> Result<clients::Written, StoreError> {
        match (self, rows) {
            (Writer::Statements(db), Rows::Stored(rows)) => {
                let txn = db.begin().await?;
                let written = clients::upsert_rows(&txn, rows).await?;
                txn.commit().await?;
                Ok(written)
            }
            (
                Writer::Copy {
                    conn,
                    into_empty_table,
                },
                Rows::Copy(batch),
            ) => clients_copy::upsert_rows(conn, &batch, *into_empty_table).await,
            _ => unreachable!("the parser prepares rows for the writer it was started for"),
        }
    }
}

/// Imports the CSV file at `path` with `mapping`, calling `on_progress` after every batch.
///
/// # Errors
/// A file that cannot be imported at all (unreadable, empty, a mapped column missing), or a
/// database failure; rows already committed in earlier batches stay.
pub async fn import_file(
    db: &DatabaseConnection,
    path: &Path,
    mapping: &Mapping,
    on_progress: impl FnMut(&Progress),
) -> Result<(ImportReport, Progress), ImportFailure> {
    import_file_keeping(db, path, mapping, false, on_progress).await
}

/// [`import_file`], keeping every row error in the report when `keep_all_errors` (not only
/// the first [`ImportReport::MAX_ERRORS`]).
///
/// # Errors
/// As [`import_file`].
pub async fn import_file_keeping(
    db: &DatabaseConnection,
    path: &Path,
    mapping: &Mapping,
    keep_all_errors: bool,
    on_progress: impl FnMut(&Progress),
) -> Result<(ImportReport, Progress), ImportFailure> {
    let open_error = |source| ImportFailure::Open {
        path: path.display().to_string(),
        source,
    };
    let file = File::open(path).map_err(open_error)?;
    let bytes_total = file.metadata().map_err(open_error)?.len();
    let bytes_read = Arc::new(AtomicU64::new(0));
    let counting = Counting {
        inner: BufReader::with_capacity(1 << 16, file),
        read: bytes_read.clone(),
    };
    // Reading the header is file work: off the async worker, which must keep answering.
    let header_mapping = mapping.clone();
    let reader = tokio::task::spawn_blocking(move || ImportReader::new(counting, &header_mapping))
        .await
        .map_err(|e| open_error(std::io::Error::other(e)))??;
    if let Some(prefix) = mapping.row_number_prefix()
        && clients::any_id_starting_with(db, &format!("{prefix}-")).await?
    {
        return Err(ImportFailure::RowNumbersTaken {
            prefix: prefix.to_owned(),
        });
    }
    let points = clients::sales_point_ids(db).await?;
    let initial_load = if db.get_database_backend() == DbBackend::Postgres {
        clients_bulk::restore(db).await.map_err(StoreError::from)?; // after a killed load
        clients_bulk::begin_initial_load(db)
            .await
            .map_err(StoreError::from)?
    } else {
        false
    };
    let input = Input {
        encoding: reader.encoding(),
        custom_columns: reader.custom_columns(),
        reader,
        bytes_read,
        bytes_total,
        keep_all_errors,
    };
    let outcome = write_all(db, input, points, mapping, initial_load, on_progress).await;
    if initial_load {
        let started = Instant::now();
        let restored = clients_bulk::restore(db).await;
        tracing::debug!(took = ?started.elapsed(), "indexes built after the initial load");
        if let Err(err) = restored {
            // The import's own error, if any, says more; this one is logged.
            tracing::error!(%err, "building the clients indexes after the initial load");
            if outcome.is_ok() {
                return Err(StoreError::from(err).into());
            }
        }
    }
    // Counts kept from the clients are stale once any row was written (a failed import may
    // have committed batches before it stopped: counted again too).
    let wrote = outcome
        .as_ref()
        .map_or(true, |(_, progress)| progress.written > 0);
    if wrote && let Err(err) = super::generation::clients_did_change(db).await {
        tracing::error!(%err, "recording that the clients changed");
    }
    if let Ok((_, progress)) = &outcome
        && progress.written > 0
    {
        let started = Instant::now();
        // The import has succeeded; stale statistics only slow pages down, so this is logged.
        if let Err(err) = clients_bulk::refresh_statistics(db).await {
            tracing::error!(%err, "refreshing the clients statistics after an import");
        }
        tracing::debug!(took = ?started.elapsed(), "clients statistics refreshed");
    }
    outcome
}

/// The file being read, and how far.
struct Input<R: std::io::Read> {
    reader: ImportReader<R>,
    bytes_read: Arc<AtomicU64>,
    bytes_total: u64,
    keep_all_errors: bool,
    encoding: &'static str,
    custom_columns: Vec<(String, String)>,
}

async fn write_all<R: std::io::Read + Send + 'static>(
    db: &DatabaseConnection,
    input: Input<R>,
    points: HashMap<String, i32>,
    mapping: &Mapping,
    initial_load: bool,
    mut on_progress: impl FnMut(&Progress),
) -> Result<(ImportReport, Progress), ImportFailure> {
    let Input {
        reader,
        bytes_read,
        bytes_total,
        keep_all_errors,
        encoding,
        custom_columns,
    } = input;
    let mut writer = match db.get_database_backend() {
        DbBackend::Postgres => Writer::Copy {
            conn: clients_copy::connection(db).await?,
            into_empty_table: initial_load,
        },
        _ => Writer::Statements(db),
    };
    let (mut receiver, parser) = spawn_parser(
        reader,
        points,
        mapping.clone(),
        writer.batch_rows(),
        writer.copy_stamp(),
    );

    let mut report = ImportReport {
        keep_all: keep_all_errors,
        encoding: Some(encoding),
        custom_columns: custom_columns.into_iter().collect(),
        ..ImportReport::new()
    };
    let mut progress = Progress {
        bytes_total,
        ..Progress::default()
    };
    // Where the time goes (waiting for the parser, or for the database), for tuning.
    let mut waiting_for_rows = Duration::ZERO;
    let mut writing = Duration::ZERO;
    loop {
        let started = Instant::now();
        let Some(batch) = receiver.recv().await else {
            break;
        };
        waiting_for_rows += started.elapsed();
        for errors in batch.refused {
            report.record_skipped(errors);
        }
        for (key, count) in batch.custom {
            let total = report.custom_attributes.entry(key).or_default();
            total.numbers += count.numbers;
            total.texts += count.texts;
        }
        let imported = batch.rows.len();
        let started = Instant::now();
        let written = writer.write(batch.rows).await?;
        progress.written += written.total();
        progress.new += written.new;
        writing += started.elapsed();
        for _ in 0..imported {
            report.record_imported();
        }
        progress.rows = report.rows;
        progress.skipped = report.skipped;
        progress.bytes_read = bytes_read.load(Ordering::Relaxed).min(bytes_total);
        on_progress(&progress);
    }
    let _ = parser.join();
    tracing::debug!(
        ?waiting_for_rows,
        ?writing,
        rows = report.rows,
        "CRM import written"
    );
    progress.bytes_read = bytes_total;
    Ok((report, progress))
}

/// Parsing, checking and preparing rows take as long as writing them: a thread of their own,
/// handing over batches of `batch_rows` through a bounded channel. The thread stops when the
/// receiver is dropped.
fn spawn_parser<R: std::io::Read + Send + 'static>(
    mut reader: ImportReader<R>,
    points: HashMap<String, i32>,
    mapping: Mapping,
    batch_rows: usize,
    copy_stamp: Option<DateTime<Utc>>,
) -> (
    tokio::sync::mpsc::Receiver<Batch>,
    std::thread::JoinHandle<()>,
) {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Batch>(BATCHES_IN_FLIGHT);
    let parser = std::thread::spawn(move || {
        let seal = |rows: Vec<StoredClient>, refused, custom| Batch {
            rows: match copy_stamp {
                Some(stamp) => Rows::Copy(CopyBatch::new(rows, stamp)),
                None => Rows::Stored(rows),
            },
            refused,
            custom,
        };
        let mut rows = Vec::with_capacity(batch_rows);
        let mut refused = Vec::new();
        let mut custom: BTreeMap<String, crate::import::CustomCount> = BTreeMap::new();
        while let Some(row) = reader.next() {
            let line = reader.last_line();
            match row {
                Ok(client) => match StoredClient::new(&client, &points) {
                    Ok(stored) => {
                        rows.push(stored);
                        for (key, value) in &client.custom_attributes {
                            match custom.get_mut(key) {
                                Some(count) => count.add(value),
                                None => custom.entry(key.clone()).or_default().add(value),
                            }
                        }
                    }
                    Err(unstorable) => refused.push(vec![RowError {
                        line,
                        column: Some(
                            mapping
                                .source_column(unstorable.field)
                                .unwrap_or(unstorable.field)
                                .to_string(),
                        ),
                        reason: unstorable.reason,
                    }]),
                },
                Err(errors) => refused.push(errors.errors().to_vec()),
            }
            if rows.len() + refused.len() == batch_rows {
                let batch = seal(
                    std::mem::take(&mut rows),
                    std::mem::take(&mut refused),
                    std::mem::take(&mut custom),
                );
                if sender.blocking_send(batch).is_err() {
                    return; // the importer stopped (database error): stop reading too
                }
            }
        }
        if !rows.is_empty() || !refused.is_empty() {
            let _ = sender.blocking_send(seal(rows, refused, custom));
        }
    });
    (receiver, parser)
}
