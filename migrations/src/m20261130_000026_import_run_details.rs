//! What an import's report says beyond its counts, kept for the run's page: the text encoding
//! the file was read in (`import_runs.encoding`), and per custom attribute how many stored
//! values rules read as numbers and how many as text, and the column it came from
//! (`import_runs.custom_counts`, JSON `{"name": {"numbers": n, "texts": n, "column": "…"}}`;
//! empty for runs before this migration).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(ImportRuns::Encoding)
                .string_len(40)
                .null()
                .to_owned(),
            ColumnDef::new(ImportRuns::CustomCounts)
                .text()
                .not_null()
                .default("")
                .to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(ImportRuns::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [ImportRuns::CustomCounts, ImportRuns::Encoding] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ImportRuns::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ImportRuns {
    Table,
    Encoding,
    CustomCounts,
}
