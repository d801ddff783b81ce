//! `clients.phone`: the client's phone number as `+` and its digits (`+79161234567`, at most
//! 15 digits), with `idx_clients_phone`, so that the desk finds a client by the start of the
//! number through an index.
//!
//! On PostgreSQL the column compares byte by byte (`COLLATE "C"`), as `crm_id` and
//! `search_name` do (migration `m20261123_000005`): the desk's range
//! `[prefix, prefix || U+10FFFF)` holds exactly the numbers with that prefix only in code-point
//! order, and a language's collation may sort `+` apart from the digits. SQLite's columns
//! compare so already.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_clients_phone";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut phone = ColumnDef::new(Clients::Phone);
        phone.string_len(16).null();
        if manager.get_database_backend() == DbBackend::Postgres {
            phone.extra("COLLATE \"C\"");
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Clients::Table)
                    .add_column(&mut phone)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Clients::Table)
                    .col(Clients::Phone)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Clients::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Clients::Table)
                    .drop_column(Clients::Phone)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Phone,
}
