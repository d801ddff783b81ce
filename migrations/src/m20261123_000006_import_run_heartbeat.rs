//! `import_runs.progressed_at`: when a running import last reported progress. An import
//! reports after every batch, so a run that has been silent for long was stopped with Kombi
//! (a restart, a crash) and will never finish; its page can then say so instead of showing
//! "running" for ever.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ImportRuns::Table)
                    .add_column(
                        ColumnDef::new(ImportRuns::ProgressedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ImportRuns::Table)
                    .drop_column(ImportRuns::ProgressedAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ImportRuns {
    Table,
    ProgressedAt,
}
