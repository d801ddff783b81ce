//! The initial load of the CRM on PostgreSQL: when an import begins on an empty `clients`
//! table, the secondary indexes and the foreign key to `sales_points` are dropped and built
//! once at the end, as PostgreSQL's manual advises for populating a database ("Populating a
//! Database": remove indexes and foreign keys). Building them once from the loaded rows costs
//! a fraction of maintaining them row by row (figures in docs/PERFORMANCE.md).
//!
//! The importer checks every client's home sales point itself, so no row that the foreign
//! key would refuse gets in meanwhile. [`restore`] is idempotent; it runs at the end of every
//! PostgreSQL import, whatever its outcome, and whenever Kombi opens the database, so an
//! initial load that was killed leaves nothing missing once Kombi starts again.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, TransactionTrait};

/// What `restore` builds, exactly as migrations `m20261130_000017` and `m20261130_000014`
/// declare it (a test compares the catalog's definitions before and after an initial load).
const CREATE_INDEXES: [&str; 3] = [
    "CREATE INDEX IF NOT EXISTS idx_clients_search_name ON clients (search_name) \
     INCLUDE (crm_id, full_name, birth_date, city, phone)",
    "CREATE INDEX IF NOT EXISTS idx_clients_home_sales_point ON clients (home_sales_point_id)",
    "CREATE INDEX IF NOT EXISTS idx_clients_phone ON clients (phone)",
];
const DROP_DEFERRED: [&str; 4] = [
    "DROP INDEX IF EXISTS idx_clients_search_name",
    "DROP INDEX IF EXISTS idx_clients_home_sales_point",
    "DROP INDEX IF EXISTS idx_clients_phone",
    "ALTER TABLE clients DROP CONSTRAINT IF EXISTS fk_clients_home_sales_point",
];
const FOREIGN_KEY: &str = "fk_clients_home_sales_point";
/// Memory for each index build's sort, so that 1,000,000 names sort in memory (the default
/// 64 MB spills to disk); for this transaction only.
const BUILD_MEMORY: &str = "SET LOCAL maintenance_work_mem = '128MB'";

/// On PostgreSQL, when `clients` is empty, drops what [`restore`] builds again and returns
/// true: the caller is doing an initial load. Elsewhere, or when clients are stored, changes
/// nothing and returns false.
///
/// # Errors
/// Database errors only; nothing is dropped then.
pub async fn begin_initial_load(db: &DatabaseConnection) -> Result<bool, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(false);
    }
    let txn = db.begin().await?;
    // Held to the commit: no other writer can add a client between the check and the drops.
    txn.execute_unprepared("LOCK TABLE clients IN SHARE ROW EXCLUSIVE MODE")
        .await?;
    let empty = txn
        .query_one_raw(sea_orm::Statement::from_string(
            DbBackend::Postgres,
            "SELECT 1 FROM clients LIMIT 1",
        ))
        .await?
        .is_none();
    if empty {
        for statement in DROP_DEFERRED {
            txn.execute_unprepared(statement).await?;
        }
    }
    txn.commit().await?;
    Ok(empty)
}

/// Builds whatever an initial load dropped; does nothing when all is in place (and on SQLite).
///
/// # Errors
/// Database errors only.
pub async fn restore(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    // Each build is mostly one sort on one core, and builds share their lock (SHARE): all at
    // once, each on a connection of the pool (one after the other if it has only one).
    let [first, second, third] = CREATE_INDEXES;
    tokio::try_join!(
        build_index(db, first),
        build_index(db, second),
        build_index(db, third)
    )?;
    let txn = db.begin().await?;
    let has_foreign_key = txn
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 FROM pg_constraint \
             WHERE conname = $1 AND conrelid = 'clients'::regclass",
            [FOREIGN_KEY.into()],
        ))
        .await?
        .is_some();
    if !has_foreign_key {
        // What ON DELETE SET NULL would have done to clients of a sales point deleted meanwhile.
        txn.execute_unprepared(
            "UPDATE clients SET home_sales_point_id = NULL \
             WHERE home_sales_point_id IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM sales_points p WHERE p.id = clients.home_sales_point_id)",
        )
        .await?;
        txn.execute_unprepared(
            "ALTER TABLE clients ADD CONSTRAINT fk_clients_home_sales_point \
             FOREIGN KEY (home_sales_point_id) REFERENCES sales_points (id) ON DELETE SET NULL",
        )
        .await?;
    }
    txn.commit().await
}

/// Runs one `CREATE INDEX IF NOT EXISTS` in a transaction of its own.
async fn build_index(db: &DatabaseConnection, statement: &str) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    txn.execute_unprepared(BUILD_MEMORY).await?;
    txn.execute_unprepared(statement).await?;
    txn.commit().await
}

/// After an import that wrote clients, on PostgreSQL: `VACUUM (ANALYZE) clients`, so the
/// planner knows the new rows and the visibility map lets the desk's searches count matches
/// from the index alone (without it, every counted match reads its table row: 1 ms of the
/// search's 1.4 ms on 1,000,000 clients). Autovacuum would do the same later, if it is on.
///
/// # Errors
/// Database errors only; the imported rows stay.
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    db.execute_unprepared("VACUUM (ANALYZE) clients").await?;
    Ok(())
}
