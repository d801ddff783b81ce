//! `import_runs.inserted`: of the clients an import wrote, how many were new. With the rows
//! read, written and rejected, the report can say new, updated, unchanged and rejected apart.

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
                        ColumnDef::new(ImportRuns::Inserted)
                            .big_integer()
                            .not_null()
                            .default(0),
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
                    .drop_column(ImportRuns::Inserted)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ImportRuns {
    Table,
    Inserted,
}
