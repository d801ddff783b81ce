//! `audit_log`: who changed or looked at what, when, from where, with the values before and
//! after (as JSON objects of texts). Append-only: triggers refuse UPDATE and DELETE on both
//! backends, for every role (the table's owner included), and TRUNCATE on PostgreSQL; the
//! application has no path that edits an entry.
//!
//! The audit page filters by period alone or with a user, an object or an action, newest
//! first: each filter has an index that ends with the entry's number (its order).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    // `user`, `os` (a CLI command) or `claimed` (a failed sign-in).
                    .col(string_len(AuditLog::ActorKind, 8))
                    .col(string_len(AuditLog::Actor, 200))
                    // No foreign key: an entry outlives anything it names.
                    .col(integer_null(AuditLog::UserId))
                    .col(string_len(AuditLog::Origin, 200))
                    .col(string_len(AuditLog::Action, 32))
                    .col(string_len(AuditLog::Subject, 32))
                    .col(string_len(AuditLog::Object, 200))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_audit_log_at", vec![AuditLog::At]),
            ("idx_audit_log_actor", vec![AuditLog::Actor, AuditLog::Id]),
            (
                "idx_audit_log_object",
                vec![AuditLog::Subject, AuditLog::Object, AuditLog::Id],
            ),
            ("idx_audit_log_action", vec![AuditLog::Action, AuditLog::Id]),
        ] {
            let mut index = Index::create();
            index.name(name).table(AuditLog::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        append_only(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}

async fn append_only(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if manager.get_database_backend() == DbBackend::Postgres {
        // `kombi_refuse_change()` comes from migration m20261130_000015.
        db.execute_unprepared(
            "CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION kombi_refuse_change(); \
             CREATE TRIGGER audit_log_not_truncated BEFORE TRUNCATE ON audit_log \
             FOR EACH STATEMENT EXECUTE FUNCTION kombi_refuse_change();",
        )
        .await?;
    } else {
        for event in ["UPDATE", "DELETE"] {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER audit_log_immutable_{} BEFORE {event} ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log rows are immutable'); END;",
                event.to_lowercase()
            ))
            .await?;
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorKind,
    Actor,
    UserId,
    Origin,
    Action,
    Subject,
    Object,
    Before,
    After,
}
