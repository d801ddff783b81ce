//! CRM import runs (progress and report) and saved column mappings.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect,
};

use super::StoreError;
use super::crm_import::Progress;
use super::entities::{import_mapping, import_run};
use crate::import::ImportReport;

pub const RUNNING: &str = "running";
pub const FINISHED: &str = "finished";
pub const FAILED: &str = "failed";

/// Silence after which a running import is taken for stopped. Progress comes after every batch
/// (well under a second); the longest pause is building the indexes after a PostgreSQL initial
/// load, seconds for a million clients.
pub const STALLED_AFTER: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

/// Whether `run` says it is running but has reported nothing for [`STALLED_AFTER`]: Kombi was
/// stopped while it ran, and it will not finish.
pub fn stalled(run: &import_run::Model, now: chrono::DateTime<Utc>) -> bool {
    let last_sign = run.progressed_at.unwrap_or(run.started_at);
    run.status == RUNNING && now - last_sign > STALLED_AFTER
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
        status: Set(RUNNING.into()),
        started_by: Set(Some(started_by)),
        bytes_total: Set(i64::try_from(bytes_total).unwrap_or(i64::MAX)),
        message: Set(String::new()),
        errors_csv: Set(String::new()),
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
    model.status = Set(FINISHED.into());
    model.message = Set(report.to_string());
    model.errors_csv = Set(report.to_csv());
    model.finished_at = Set(Some(Utc::now()));
    model.update(db).await?;
    Ok(())
}

/// # Errors
/// Database errors only.
pub async fn fail(db: &impl ConnectionTrait, id: i32, message: &str) -> Result<(), StoreError> {
    let model = import_run::ActiveModel {
        id: Set(id),
        status: Set(FAILED.into()),
        message: Set(message.to_string()),
        finished_at: Set(Some(Utc::now())),
        ..Default::default()
    };
    model.update(db).await?;
    Ok(())
}

/// # Errors
/// Database errors only.
pub async fn find(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<import_run::Model>, StoreError> {
    Ok(import_run::Entity::find_by_id(id).one(db).await?)
}

/// The latest runs, newest first.
///
/// # Errors
/// Database errors only.
pub async fn recent(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<import_run::Model>, StoreError> {
    Ok(import_run::Entity::find()
        .order_by_desc(import_run::Column::StartedAt)
        .limit(limit)
        .all(db)
        .await?)
}

/// Saved mappings by name.
///
/// # Errors
/// Database errors only.
pub async fn mappings(db: &impl ConnectionTrait) -> Result<Vec<import_mapping::Model>, StoreError> {
    Ok(import_mapping::Entity::find()
        .order_by_asc(import_mapping::Column::Name)
        .all(db)
        .await?)
}

/// # Errors
/// Database errors only.
pub async fn mapping(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<import_mapping::Model>, StoreError> {
    Ok(import_mapping::Entity::find_by_id(id).one(db).await?)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(status: &str, minutes_since_start: i64, progressed: Option<i64>) -> import_run::Model {
        let now = Utc::now();
        import_run::Model {
            id: 1,
            file_name: "crm.csv".into(),
            status: status.into(),
            started_by: None,
            bytes_total: 0,
            bytes_read: 0,
            rows: 0,
            written: 0,
            skipped: 0,
            message: String::new(),
            errors_csv: String::new(),
            started_at: now - chrono::TimeDelta::minutes(minutes_since_start),
            finished_at: None,
            progressed_at: progressed.map(|m| now - chrono::TimeDelta::minutes(m)),
        }
    }

    #[test]
    fn a_running_import_silent_for_long_is_stalled() {
        let now = Utc::now();
        assert!(
            !stalled(&run(RUNNING, 60, Some(1)), now),
            "progress a minute ago"
        );
        assert!(stalled(&run(RUNNING, 60, Some(16)), now));
        assert!(!stalled(&run(RUNNING, 5, None), now), "just started");
        assert!(stalled(&run(RUNNING, 16, None), now), "never reported");
        assert!(
            !stalled(&run(FINISHED, 600, Some(590)), now),
            "ended runs are not"
        );
    }
}
