//! `segments.version`: edits are optimistic, like products'. The editor's form carries the
//! version it was loaded at; a save over a newer version is refused, so two product managers
//! never silently overwrite each other's rule.

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
                    .table(Segments::Table)
                    .add_column(
                        ColumnDef::new(Segments::Version)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Segments::Table)
                    .drop_column(Segments::Version)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Segments {
    Table,
    Version,
}
