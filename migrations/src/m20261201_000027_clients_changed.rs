//! `bank_generation.clients_changed`: a counter raised whenever stored clients change (an
//! import that wrote rows, from the web or the command line; a client put through the API), so
//! that counts kept per segment and sales point know they are stale. Not a trigger on
//! `clients`: an import writes a million rows, and the counter needs raising once.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BankGeneration::Table)
                    .add_column(
                        ColumnDef::new(BankGeneration::ClientsChanged)
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
                    .table(BankGeneration::Table)
                    .drop_column(BankGeneration::ClientsChanged)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum BankGeneration {
    Table,
    ClientsChanged,
}
