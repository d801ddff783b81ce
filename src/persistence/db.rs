//! Connecting to SQLite or PostgreSQL, and applying the migrations.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
};

/// Opens a pool for `url` (`sqlite://FILE`, `postgres://…`). A SQLite file is created if
/// missing and runs in WAL mode, so readers do not wait for the writer.
///
/// # Errors
/// When the URL is malformed or the database cannot be reached.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(max_connections)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10));
    if is_sqlite_url(url) {
        options.map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    }
    Database::connect(options).await
}

pub fn is_sqlite_url(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Applies every pending migration, and rebuilds what a killed initial CRM load left unbuilt.
///
/// # Errors
/// When a migration fails; it is rolled back as a whole.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    super::clients_bulk::restore(db).await
}

/// A real round trip to the database, for health checks.
///
/// # Errors
/// When the database does not answer.
pub async fn check(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend: DbBackend = db.get_database_backend();
    db.query_one_raw(Statement::from_string(backend, "SELECT 1"))
        .await?
        .ok_or_else(|| DbErr::Custom("SELECT 1 returned no row".into()))?;
    Ok(())
}
