use sea_orm::entity::prelude::*;

/// One CRM import: its progress while it runs, its report when it ends.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub file_name: String,
    /// running, finished or failed.
    pub status: String,
    pub started_by: Option<i32>,
    pub bytes_total: i64,
    pub bytes_read: i64,
    pub rows: i64,
    pub written: i64,
    /// Of `written`, the clients that were new.
    pub inserted: i64,
    pub skipped: i64,
    pub message: String,
    pub errors_csv: String,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    /// When the run last reported progress (see [`crate::domain::import_run::ImportRun::state`]).
    pub progressed_at: Option<DateTimeUtc>,
    /// The text encoding the file was read in, once known.
    pub encoding: Option<String>,
    /// Per custom attribute, `{"name": {"numbers", "texts", "column"}}`; empty before it was
    /// recorded.
    pub custom_counts: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
