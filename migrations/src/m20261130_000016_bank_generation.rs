//! `bank_generation`: one counter that every change to what the desk offers from raises
//! (products, companies, segments, matrices, settings, sales points, exchange rates), by
//! triggers on both backends. A server caches that data and reads only the counter per request
//! (one indexed row), so several servers on one database never offer from stale data, and no
//! code path, SQL console included, can change the data without the counter.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables the desk's cached view of the bank is read from.
const WATCHED: &[&str] = &[
    "products",
    "companies",
    "segments",
    "matrix_versions",
    "matrix_cells",
    "matrix_cell_figures",
    "matrix_links",
    "matrix_frozen_terms",
    "bank_settings",
    "sales_points",
    "exchange_rates",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE bank_generation (id integer PRIMARY KEY, generation bigint NOT NULL)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO bank_generation (id, generation) VALUES (1, 1)")
            .await?;
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION kombi_bump_generation() RETURNS trigger AS $$ \
                     BEGIN UPDATE bank_generation SET generation = generation + 1 WHERE id = 1; \
                     RETURN NULL; END; $$ LANGUAGE plpgsql",
                )
                .await?;
                for table in WATCHED {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE \
                         ON {table} FOR EACH STATEMENT EXECUTE FUNCTION kombi_bump_generation()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in WATCHED {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_generation_{} AFTER {event} ON {table} \
                             BEGIN UPDATE bank_generation SET generation = generation + 1 \
                             WHERE id = 1; END",
                            event.to_lowercase()
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                for table in WATCHED {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {table}_generation ON {table}"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS kombi_bump_generation()")
                    .await?;
            }
            _ => {
                for table in WATCHED {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS {table}_generation_{event}"
                        ))
                        .await?;
                    }
                }
            }
        }
        db.execute_unprepared("DROP TABLE bank_generation").await?;
        Ok(())
    }
}
