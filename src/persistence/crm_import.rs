//! Running a CRM import into the database: the CSV is parsed on a thread of its own and handed
//! over in batches through a bounded channel, so memory stays bounded whatever the file's size;
//! each batch is upserted in its own transaction, so an interrupted import leaves only whole
//! batches behind and can simply be run again (unchanged rows are not rewritten).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{DatabaseConnection, TransactionTrait};

use super::{StoreError, clients};
use crate::domain::client::Client;
use crate::import::{ImportError, ImportReader, ImportReport, Mapping, RowError, RowErrors};

/// Rows per transaction.
pub const BATCH_ROWS: usize = 1_000;
/// Batches parsed ahead of the database.
const BATCHES_IN_FLIGHT: usize = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
    /// Rows inserted or changed (unchanged rows are not written).
    pub written: u64,
    pub skipped: u64,
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

type Batch = Vec<(u64, Result<Client, RowErrors>)>;

/// Imports the CSV file at `path` with `mapping`, calling `on_progress` after every batch.
///
/// # Errors
/// A file that cannot be imported at all (unreadable, empty, a mapped column missing), or a
/// database failure; rows already committed in earlier batches stay.
pub async fn import_file(
    db: &DatabaseConnection,
    path: &Path,
    mapping: &Mapping,
    mut on_progress: impl FnMut(&Progress),
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
    let reader = ImportReader::new(counting, mapping)?;

    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Batch>(BATCHES_IN_FLIGHT);
    let parser = std::thread::spawn(move || {
        let mut reader = reader;
        let mut batch = Vec::with_capacity(BATCH_ROWS);
        while let Some(row) = reader.next() {
            batch.push((reader.last_line(), row));
            if batch.len() == BATCH_ROWS
                && sender.blocking_send(std::mem::take(&mut batch)).is_err()
            {
                return; // the importer stopped (database error): stop reading too
            }
        }
        if !batch.is_empty() {
            let _ = sender.blocking_send(batch);
        }
    });

    let points = clients::sales_point_ids(db).await?;
    let mut report = ImportReport::new();
    let mut progress = Progress {
        bytes_total,
        ..Progress::default()
    };
    while let Some(batch) = receiver.recv().await {
        let mut good = Vec::with_capacity(batch.len());
        for (line, row) in batch {
            match row {
                Ok(client) => match client.home_sales_point.as_deref() {
                    Some(code) if !points.contains_key(code) => report.record_skipped([RowError {
                        line,
                        column: Some("home_sales_point".into()),
                        reason: format!("unknown sales point {code}"),
                    }]),
                    _ => good.push(client),
                },
                Err(errors) => report.record(&Err::<(), _>(errors)),
            }
        }
        let txn = db.begin().await.map_err(StoreError::from)?;
        progress.written += clients::upsert(&txn, &good, &points).await?;
        txn.commit().await.map_err(StoreError::from)?;
        for _ in &good {
            report.record_imported();
        }
        progress.rows = report.rows;
        progress.skipped = report.skipped;
        progress.bytes_read = bytes_read.load(Ordering::Relaxed).min(bytes_total);
        on_progress(&progress);
    }
    let _ = parser.join();
    progress.bytes_read = bytes_total;
    Ok((report, progress))
}
