//! Four eyes on matrices: a version can be **submitted** (frozen, awaiting finance) between
//! draft and published; who submitted it is kept on the version (the one person who may not
//! approve it), and each step of the review (submitted, recalled, rejected with its comment,
//! approved) is a row of `matrix_reviews`, which is never changed.

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
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            ColumnDef::new(MatrixVersions::SubmittedById)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(MatrixVersions::SubmittedBy)
                .string_len(64)
                .null()
                .to_owned(),
            ColumnDef::new(MatrixVersions::SubmittedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MatrixVersions::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // A submitted version is still the segment's one version in the making.
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_matrix_versions_one_draft")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_matrix_versions_one_draft \
             ON matrix_versions (segment_id) WHERE status IN ('draft', 'submitted')",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(MatrixReviews::Table)
                    .col(pk_auto(MatrixReviews::Id))
                    .col(integer(MatrixReviews::VersionId))
                    .col(string_len(MatrixReviews::Step, 16))
                    .col(integer_null(MatrixReviews::UserId))
                    .col(string_len(MatrixReviews::Username, 64))
                    .col(timestamp_with_time_zone(MatrixReviews::At))
                    .col(date_null(MatrixReviews::EffectiveFrom))
                    .col(text_null(MatrixReviews::Comment))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_matrix_reviews_version")
                            .from(MatrixReviews::Table, MatrixReviews::VersionId)
                            .to(MatrixVersions::Table, MatrixVersions::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_matrix_reviews_version")
                    .table(MatrixReviews::Table)
                    .col(MatrixReviews::VersionId)
                    .col(MatrixReviews::Id)
                    .to_owned(),
            )
            .await?;
        append_only(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MatrixReviews::Table).to_owned())
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_matrix_versions_one_draft")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_matrix_versions_one_draft \
             ON matrix_versions (segment_id) WHERE status = 'draft'",
        )
        .await?;
        for column in [
            MatrixVersions::SubmittedById,
            MatrixVersions::SubmittedBy,
            MatrixVersions::SubmittedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MatrixVersions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// A review step, once written, is history: refused UPDATE and DELETE on both backends.
async fn append_only(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if manager.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(
            "CREATE TRIGGER matrix_reviews_immutable BEFORE UPDATE OR DELETE ON matrix_reviews \
             FOR EACH ROW EXECUTE FUNCTION kombi_refuse_change();",
        )
        .await?;
    } else {
        for event in ["UPDATE", "DELETE"] {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER matrix_reviews_immutable_{} BEFORE {event} ON matrix_reviews \
                 BEGIN SELECT RAISE(ABORT, 'matrix_reviews rows are immutable'); END;",
                event.to_lowercase()
            ))
            .await?;
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum MatrixVersions {
    Table,
    Id,
    SubmittedById,
    SubmittedBy,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum MatrixReviews {
    Table,
    Id,
    VersionId,
    Step,
    UserId,
    Username,
    At,
    EffectiveFrom,
    Comment,
}
