//! On PostgreSQL, `clients.crm_id` and `clients.search_name` compare byte by byte
//! (`COLLATE "C"`), as SQLite's columns already do.
//!
//! A CRM id is an identifier, not a word: a language's collation only makes every comparison
//! in its unique index slower (PostgreSQL calls the C library's `strcoll` for each unless the
//! collation is exactly `C`). The name search finds the names that start with what was typed
//! as a range `[prefix, prefix || U+10FFFF)`; that range holds exactly the names with that
//! prefix only in code-point order, which is byte order for UTF-8.
//! Changing a column's collation rebuilds its indexes, not the table.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, u32); 2] = [("crm_id", 64), ("search_name", 200)];

async fn set_collation(manager: &SchemaManager<'_>, collation: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let columns: Vec<String> = COLUMNS
        .iter()
        .map(|(name, length)| {
            format!("ALTER COLUMN {name} TYPE varchar({length}) COLLATE {collation}")
        })
        .collect();
    manager
        .get_connection()
        .execute_unprepared(&format!("ALTER TABLE clients {}", columns.join(", ")))
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_collation(manager, "\"C\"").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_collation(manager, "\"default\"").await
    }
}
