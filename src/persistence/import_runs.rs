//! CRM import runs (progress and report) and saved column mappings.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect,
};

use super::StoreError;
use super::crm_import::Progress;
use super::entities::{import_mapping, import_run};
use crate::domain::import_run::{ImportRun, RecordedStatus};
use crate::import::ImportReport;

/// The run as the domain sees it; `Invalid` for a status Kombi never writes.
/// One custom attribute's counts as `import_runs.custom_counts` keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredCount {
    numbers: u64,
    texts: u64,
    #[serde(default)]
    column: Option<String>,
}

/// The stored per-attribute counts; none for a run recorded before they were (or unreadable).
fn custom_counts(stored: &str) -> Vec<crate::domain::import_run::AttributeCount> {
    serde_json::from_str::<std::collections::BTreeMap<String, StoredCount>>(stored)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, c)| crate::domain::import_run::AttributeCount {
            name,
            column: c.column,
            numbers: c.numbers,
            texts: c.texts,
        })
        .collect()
}

fn to_domain(row: import_run::Model) -> Result<ImportRun, StoreError> {
    let status = RecordedStatus::parse(&row.status).ok_or_else(|| {
        StoreError::Invalid(format!(
            "import {}: unknown status {:?}",
            row.id, row.status
        ))
    })?;
    let count = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(ImportRun {
        id: row.id,
        file_name: row.file_name,
        status,
        started_at: row.started_at,
        progressed_at: row.progressed_at,
        finished_at: row.finished_at,
        bytes_total: count(row.bytes_total),
        bytes_read: count(row.bytes_read),
        rows: count(row.rows),
        written: count(row.written),
        inserted: count(row.inserted),
        skipped: count(row.skipped),
        message: row.message,
        errors_csv: row.errors_csv,
        encoding: row.encoding,
        custom_attributes: custom_counts(&row.custom_counts),
    })
}

/// # Errors
/// Database errors only.
pub async fn start(
    db: &impl ConnectionTrait,
    file_name: &str,
    started_by: i32,
    bytes_total: u64,
) -> Result<i32, StoreError> {
    let row = import_run::ActiveModel {
        file_name: Set(file_name.chars().take(255).collect()),
        status: Set(RecordedStatus::Running.as_str().into()),
        started_by: Set(Some(started_by)),
        bytes_total: Set(i64::try_from(bytes_total).unwrap_or(i64::MAX)),
        message: Set(String::new()),
        errors_csv: Set(String::new()),
        encoding: Set(None),
        custom_counts: Set(String::new()),
        started_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

fn counts(model: &mut import_run::ActiveModel, p: &Progress) {
    let int = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    model.bytes_read = Set(int(p.bytes_read));
    model.rows = Set(int(p.rows));
    model.written = Set(int(p.written));
    model.inserted = Set(int(p.new));
    model.skipped = Set(int(p.skipped));
}

/// # Errors
/// Database errors only.
pub async fn record_progress(
    db: &impl ConnectionTrait,
    id: i32,
    p: &Progress,
) -> Result<(), StoreError> {
    let mut model = import_run::ActiveModel {
        id: Set(id),
        ..Default::default()
    };
    counts(&mut model, p);
    model.progressed_at = Set(Some(Utc::now()));
    model.update(db).await?;
    Ok(())
}

/// # Errors
/// Database errors only.
pub async fn finish(
    db: &impl ConnectionTrait,
    id: i32,
    report: &ImportReport,
    p: &Progress,
) -> Result<(), StoreError> {
    let mut model = import_run::ActiveModel {
        id: Set(id),
        ..Default::default()
    };
    counts(&mut model, p);
    model.status = Set(RecordedStatus::Finished.as_str().into());
    model.message = Set(report.to_string());
    model.errors_csv = Set(report.to_stored_csv());
    model.encoding = Set(report.encoding.map(str::to_owned));
    let counts: std::collections::BTreeMap<&str, StoredCount> = report
        .custom_attributes
        .iter()
        .map(|(name, count)| {
            let stored = StoredCount {
                numbers: count.numbers,
                texts: count.texts,
                column: report.custom_columns.get(name).cloned(),
            };
            (name.as_str(), stored)
        })
        .collect();
    // Serializing a map of strings to numbers cannot fail.
    model.custom_counts = Set(serde_json::to_string(&counts).unwrap_or_default());
    model.finished_at = Set(Some(Utc::now()));
    model.update(db).await?;
    Ok(())
}

/// # Errors
/// Database errors only.
pub async fn fail(db: &impl ConnectionTrait, id: i32, message: &str) -> Result<(), StoreError> {
    let model = import_run::ActiveModel {
        id: Set(id),
        status: Set(RecordedStatus::Failed.as_str().into()),
        message: Set(message.to_string()),
        finished_at: Set(Some(Utc::now())),
        ..Default::default()
    };
    model.update(db).await?;
    Ok(())
}

/// # Errors
/// Database errors only.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<ImportRun>, StoreError> {
    import_run::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_domain)
        .transpose()
}

/// The latest runs, newest first.
///
/// # Errors
/// Database errors only.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<ImportRun>, StoreError> {
    import_run::Entity::find()
        .order_by_desc(import_run::Column::StartedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// A column mapping saved under a name (its TOML was checked when saved).
#[derive(Clone, Debug)]
pub struct SavedMapping {
    pub id: i32,
    pub name: String,
    pub toml: String,
}

impl From<import_mapping::Model> for SavedMapping {
    fn from(row: import_mapping::Model) -> Self {
        Self {
            id: row.id,
            name: row.name,
            toml: row.toml,
        }
    }
}

/// Saved mappings by name.
///
/// # Errors
/// Database errors only.
pub async fn mappings(db: &impl ConnectionTrait) -> Result<Vec<SavedMapping>, StoreError> {
    Ok(import_mapping::Entity::find()
        .order_by_asc(import_mapping::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(SavedMapping::from)
        .collect())
}

/// # Errors
/// Database errors only.
pub async fn mapping(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<SavedMapping>, StoreError> {
    Ok(import_mapping::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(SavedMapping::from))
}

/// Saves a mapping under `name`, replacing one of the same name. The TOML must have been
/// checked by `Mapping::from_toml` first.
///
/// # Errors
/// Database errors only.
pub async fn save_mapping(
    db: &impl ConnectionTrait,
    name: &str,
    toml: &str,
) -> Result<(), StoreError> {
    let model = import_mapping::ActiveModel {
        name: Set(name.trim().to_string()),
        toml: Set(toml.to_string()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    import_mapping::Entity::insert(model)
        .on_conflict(
            OnConflict::column(import_mapping::Column::Name)
                .update_columns([
                    import_mapping::Column::Toml,
                    import_mapping::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
