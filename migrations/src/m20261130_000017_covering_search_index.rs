//! On PostgreSQL, `idx_clients_search_name` also carries the columns the desk's search lists
//! (`INCLUDE`), so a page of results is read from the index alone. With that, the search's
//! prepared statement gets PostgreSQL's generic plan after its first calls: without it, the
//! generic plan of a name range looked dearer than planning anew, and every search paid
//! 0.7 ms of planning for 0.3 ms of work (docs/PERFORMANCE.md). SQLite keeps the plain index:
//! it plans in microseconds.
//!
//! `clients_bulk` builds the same index after an initial load (a test compares definitions).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS idx_clients_search_name")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_clients_search_name ON clients (search_name) \
             INCLUDE (crm_id, full_name, birth_date, city, phone)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS idx_clients_search_name")
            .await?;
        db.execute_unprepared("CREATE INDEX idx_clients_search_name ON clients (search_name)")
            .await?;
        Ok(())
    }
}
