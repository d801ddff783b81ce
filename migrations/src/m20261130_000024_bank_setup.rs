//! A bank set up from an empty database: the bank's legal details for the printed offer, the
//! kind of each group company, and for each sales point whether it is active (a point used by
//! clients, matrices or offers is deactivated, never deleted) and which product kinds it can
//! open (`*` for every kind, else kind names separated by commas).
//!
//! SQLite alters one column per statement, so each column is its own `ALTER TABLE`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len(BankSettings::LegalName, 300).default("").take(),
            string_len(BankSettings::LegalAddress, 500)
                .default("")
                .take(),
            string_len(BankSettings::TaxId, 32).default("").take(),
            string_len(BankSettings::Licence, 200).default("").take(),
            string_len(BankSettings::Phone, 32).default("").take(),
        ] {
            add(manager, BankSettings::Table, column).await?;
        }
        add(
            manager,
            Companies::Table,
            string_len(Companies::Kind, 16).default("bank").take(),
        )
        .await?;
        add(
            manager,
            SalesPoints::Table,
            boolean(SalesPoints::Active).default(true).take(),
        )
        .await?;
        add(
            manager,
            SalesPoints::Table,
            string_len(SalesPoints::ProductKinds, 400)
                .default("*")
                .take(),
        )
        .await?;
        // The desk and the pages list active points only.
        manager
            .create_index(
                Index::create()
                    .name("idx_sales_points_active")
                    .table(SalesPoints::Table)
                    .col(SalesPoints::Active)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_sales_points_active")
                    .table(SalesPoints::Table)
                    .to_owned(),
            )
            .await?;
        drop(manager, SalesPoints::Table, SalesPoints::ProductKinds).await?;
        drop(manager, SalesPoints::Table, SalesPoints::Active).await?;
        drop(manager, Companies::Table, Companies::Kind).await?;
        for column in [
            BankSettings::Phone,
            BankSettings::Licence,
            BankSettings::TaxId,
            BankSettings::LegalAddress,
            BankSettings::LegalName,
        ] {
            drop(manager, BankSettings::Table, column).await?;
        }
        Ok(())
    }
}

async fn add<T: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    mut column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(&mut column)
                .to_owned(),
        )
        .await
}

async fn drop<T: IntoIden + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    column: C,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

#[derive(DeriveIden)]
enum BankSettings {
    Table,
    LegalName,
    LegalAddress,
    TaxId,
    Licence,
    Phone,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Kind,
}

#[derive(DeriveIden)]
enum SalesPoints {
    Table,
    Active,
    ProductKinds,
}
