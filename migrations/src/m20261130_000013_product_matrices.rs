//! Product matrices (issue #12): a segment's matrix is a list of versions; a version holds
//! cells (a product × a scope of sales points), the figures each cell sets, the links between
//! products, and, once published, the catalog terms it froze. Products get a credit limit and
//! a minimum amount, which the card-against-deposit link compares.
//!
//! Scaled integer columns carry `// e4` or `// e8` as in the catalog migration; a cell figure
//! or a link value is at the scale of its figure's unit (fractions e8, everything else e4).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Products::CreditLimit, Products::MinAmount] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Products::Table)
                        .add_column(big_integer(column).default(0)) // e4
                        .to_owned(),
                )
                .await?;
        }
        create_versions(manager).await?;
        create_cells(manager).await?;
        create_links_and_frozen_terms(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MatrixFrozenTerms::Table.into_iden(),
            MatrixLinks::Table.into_iden(),
            MatrixCellFigures::Table.into_iden(),
            MatrixCells::Table.into_iden(),
            MatrixVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [Products::CreditLimit, Products::MinAmount] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Products::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

async fn create_versions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(MatrixVersions::Table)
                .col(pk_auto(MatrixVersions::Id))
                .col(integer(MatrixVersions::SegmentId))
                .col(integer(MatrixVersions::Number))
                .col(string_len(MatrixVersions::Status, 16))
                .col(date_null(MatrixVersions::EffectiveFrom))
                .col(date_null(MatrixVersions::WithdrawnOn))
                .col(big_integer_null(MatrixVersions::PackageFee)) // e4
                .col(integer(MatrixVersions::LockVersion).default(1))
                .col(string_len(MatrixVersions::CreatedBy, 64))
                .col(timestamp_with_time_zone(MatrixVersions::CreatedAt))
                .col(string_len_null(MatrixVersions::PublishedBy, 64))
                .col(timestamp_with_time_zone_null(MatrixVersions::PublishedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_matrix_versions_segment")
                        .from(MatrixVersions::Table, MatrixVersions::SegmentId)
                        .to(Segments::Table, Segments::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_matrix_versions_segment_number")
                .table(MatrixVersions::Table)
                .col(MatrixVersions::SegmentId)
                .col(MatrixVersions::Number)
                .unique()
                .to_owned(),
        )
        .await?;
    // One draft per segment at a time; the same partial-index syntax on SQLite and PostgreSQL.
    manager
        .get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX idx_matrix_versions_one_draft \
             ON matrix_versions (segment_id) WHERE status = 'draft'",
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_matrix_versions_status")
                .table(MatrixVersions::Table)
                .col(MatrixVersions::Status)
                .to_owned(),
        )
        .await?;
    Ok(())
}

async fn create_cells(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(MatrixCells::Table)
                .col(pk_auto(MatrixCells::Id))
                .col(integer(MatrixCells::VersionId))
                .col(string_len(MatrixCells::ProductCode, 32))
                .col(string_len(MatrixCells::ScopeKind, 8))
                .col(string_len(MatrixCells::ScopeKey, 100))
                .col(string_len_null(MatrixCells::Role, 16))
                .col(big_integer_null(MatrixCells::TakeUp)) // e8
                .col(big_integer_null(MatrixCells::VisitShare)) // e8
                .col(integer_null(MatrixCells::OfferOrder))
                .col(text_null(MatrixCells::TalkingPoints))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_matrix_cells_version")
                        .from(MatrixCells::Table, MatrixCells::VersionId)
                        .to(MatrixVersions::Table, MatrixVersions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_matrix_cells_unique")
                .table(MatrixCells::Table)
                .col(MatrixCells::VersionId)
                .col(MatrixCells::ProductCode)
                .col(MatrixCells::ScopeKind)
                .col(MatrixCells::ScopeKey)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(MatrixCellFigures::Table)
                .col(pk_auto(MatrixCellFigures::Id))
                .col(integer(MatrixCellFigures::CellId))
                .col(string_len(MatrixCellFigures::Part, 16))
                .col(string_len(MatrixCellFigures::Figure, 32))
                .col(big_integer(MatrixCellFigures::Value)) // e4 or e8 by figure
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_matrix_cell_figures_cell")
                        .from(MatrixCellFigures::Table, MatrixCellFigures::CellId)
                        .to(MatrixCells::Table, MatrixCells::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_matrix_cell_figures_unique")
                .table(MatrixCellFigures::Table)
                .col(MatrixCellFigures::CellId)
                .col(MatrixCellFigures::Part)
                .col(MatrixCellFigures::Figure)
                .unique()
                .to_owned(),
        )
        .await?;
    Ok(())
}

async fn create_links_and_frozen_terms(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(MatrixLinks::Table)
                .col(pk_auto(MatrixLinks::Id))
                .col(integer(MatrixLinks::VersionId))
                .col(integer(MatrixLinks::Position))
                .col(string_len(MatrixLinks::Kind, 24))
                .col(string_len(MatrixLinks::Product, 32))
                .col(string_len(MatrixLinks::Other, 32))
                .col(big_integer_null(MatrixLinks::Share)) // e8
                .col(string_len_null(MatrixLinks::Figure, 32))
                .col(big_integer_null(MatrixLinks::Value)) // e4 or e8 by figure
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_matrix_links_version")
                        .from(MatrixLinks::Table, MatrixLinks::VersionId)
                        .to(MatrixVersions::Table, MatrixVersions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_matrix_links_version")
                .table(MatrixLinks::Table)
                .col(MatrixLinks::VersionId)
                .col(MatrixLinks::Position)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(MatrixFrozenTerms::Table)
                .col(pk_auto(MatrixFrozenTerms::Id))
                .col(integer(MatrixFrozenTerms::VersionId))
                .col(string_len(MatrixFrozenTerms::ProductCode, 32))
                .col(string_len(MatrixFrozenTerms::Figure, 32))
                .col(big_integer(MatrixFrozenTerms::Value)) // e4 or e8 by figure
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_matrix_frozen_terms_version")
                        .from(MatrixFrozenTerms::Table, MatrixFrozenTerms::VersionId)
                        .to(MatrixVersions::Table, MatrixVersions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_matrix_frozen_terms_unique")
                .table(MatrixFrozenTerms::Table)
                .col(MatrixFrozenTerms::VersionId)
                .col(MatrixFrozenTerms::ProductCode)
                .col(MatrixFrozenTerms::Figure)
                .unique()
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum Products {
    Table,
    CreditLimit,
    MinAmount,
}

#[derive(DeriveIden)]
enum Segments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MatrixVersions {
    Table,
    Id,
    SegmentId,
    Number,
    Status,
    EffectiveFrom,
    WithdrawnOn,
    PackageFee,
    LockVersion,
    CreatedBy,
    CreatedAt,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum MatrixCells {
    Table,
    Id,
    VersionId,
    ProductCode,
    ScopeKind,
    ScopeKey,
    Role,
    TakeUp,
    VisitShare,
    OfferOrder,
    TalkingPoints,
}

#[derive(DeriveIden)]
enum MatrixCellFigures {
    Table,
    Id,
    CellId,
    Part,
    Figure,
    Value,
}

#[derive(DeriveIden)]
enum MatrixLinks {
    Table,
    Id,
    VersionId,
    Position,
    Kind,
    Product,
    Other,
    Share,
    Figure,
    Value,
}

#[derive(DeriveIden)]
enum MatrixFrozenTerms {
    Table,
    Id,
    VersionId,
    ProductCode,
    Figure,
    Value,
}
