//! Ages as extracts state them: `clients.stated_age` with its date `clients.age_as_of`, for
//! anonymised extracts that carry ages instead of birth dates (never turned into an invented
//! birth date), and `clients.age_basis`, the date `age` rules count from: the birth date, or
//! the stated age's date that many years back. One column lets SQL count ages the way the
//! domain does (`Client::age_basis`); it is derived, so it is filled here from the birth dates
//! already stored. Like the birth date before migration 4, it has no index: age rules count by
//! scanning, which measured faster at a million clients.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            ColumnDef::new(Clients::StatedAge)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Clients::AgeAsOf).date().null().to_owned(),
            ColumnDef::new(Clients::AgeBasis).date().null().to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Clients::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .exec_stmt(
                Query::update()
                    .table(Clients::Table)
                    .value(Clients::AgeBasis, Expr::col(Clients::BirthDate))
                    .and_where(Expr::col(Clients::BirthDate).is_not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Clients::AgeBasis, Clients::AgeAsOf, Clients::StatedAge] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Clients::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    BirthDate,
    StatedAge,
    AgeAsOf,
    AgeBasis,
}
