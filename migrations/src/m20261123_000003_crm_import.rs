//! CRM imports: a content hash on clients (so re-importing an unchanged row writes nothing),
//! saved column mappings, and import runs with their progress and report.

use sea_orm_migration::{prelude::*, schema::*};

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
                    .table(Clients::Table)
                    .add_column(string_len(Clients::ContentHash, 64).default(""))
                    .to_owned(),
            )
            .await?;
        // The income exactly as the CRM sent it (any number of decimals); `monthly_income`
        // keeps it floored to 1/10,000 for SQL comparisons and sums.
        manager
            .alter_table(
                Table::alter()
                    .table(Clients::Table)
                    .add_column(string_len_null(Clients::MonthlyIncomeExact, 64))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ImportMappings::Table)
                    .col(pk_auto(ImportMappings::Id))
                    .col(string_len_uniq(ImportMappings::Name, 100))
                    .col(text(ImportMappings::Toml))
                    .col(timestamp_with_time_zone(ImportMappings::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ImportRuns::Table)
                    .col(pk_auto(ImportRuns::Id))
                    .col(string_len(ImportRuns::FileName, 255))
                    .col(string_len(ImportRuns::Status, 16))
                    .col(integer_null(ImportRuns::StartedBy))
                    .col(big_integer(ImportRuns::BytesTotal).default(0))
                    .col(big_integer(ImportRuns::BytesRead).default(0))
                    .col(big_integer(ImportRuns::Rows).default(0))
                    .col(big_integer(ImportRuns::Written).default(0))
                    .col(big_integer(ImportRuns::Skipped).default(0))
                    .col(text(ImportRuns::Message))
                    // CSV of (line, column, reason) for the first rejected rows.
                    .col(text(ImportRuns::ErrorsCsv))
                    .col(timestamp_with_time_zone(ImportRuns::StartedAt))
                    .col(timestamp_with_time_zone_null(ImportRuns::FinishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_import_runs_started_at")
                    .table(ImportRuns::Table)
                    .col(ImportRuns::StartedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportRuns::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ImportMappings::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Clients::Table)
                    .drop_column(Clients::ContentHash)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    ContentHash,
    MonthlyIncomeExact,
}

#[derive(DeriveIden)]
enum ImportMappings {
    Table,
    Id,
    Name,
    Toml,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ImportRuns {
    Table,
    Id,
    FileName,
    Status,
    StartedBy,
    BytesTotal,
    BytesRead,
    Rows,
    Written,
    Skipped,
    Message,
    ErrorsCsv,
    StartedAt,
    FinishedAt,
}
