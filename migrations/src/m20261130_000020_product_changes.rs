//! Four eyes on a product's economics and standalone terms: a proposed change waits in
//! `product_changes` (one pending per product) with its figures, live and proposed, at the
//! scale of the `products` column each replaces, until finance approves or rejects it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

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
                    .table(ProductChanges::Table)
                    .col(pk_auto(ProductChanges::Id))
                    .col(integer(ProductChanges::ProductId))
                    .col(string_len(ProductChanges::Status, 16))
                    .col(integer(ProductChanges::SubmittedById))
                    .col(string_len(ProductChanges::SubmittedBy, 64))
                    .col(timestamp_with_time_zone(ProductChanges::SubmittedAt))
                    .col(text_null(ProductChanges::Note))
                    .col(string_len_null(ProductChanges::ReviewedBy, 64))
                    .col(timestamp_with_time_zone_null(ProductChanges::ReviewedAt))
                    .col(text_null(ProductChanges::ReviewComment))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_changes_product")
                            .from(ProductChanges::Table, ProductChanges::ProductId)
                            .to(Products::Table, Products::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // One change at a time per product; the same partial-index syntax on both backends.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_product_changes_one_pending \
             ON product_changes (product_id) WHERE status = 'pending'",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_changes_status")
                    .table(ProductChanges::Table)
                    .col(ProductChanges::Status)
                    .col(ProductChanges::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductChangeFigures::Table)
                    .col(pk_auto(ProductChangeFigures::Id))
                    .col(integer(ProductChangeFigures::ChangeId))
                    .col(string_len(ProductChangeFigures::Figure, 40))
                    .col(big_integer(ProductChangeFigures::Before)) // scale of the figure
                    .col(big_integer(ProductChangeFigures::After)) // scale of the figure
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_change_figures_change")
                            .from(ProductChangeFigures::Table, ProductChangeFigures::ChangeId)
                            .to(ProductChanges::Table, ProductChanges::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_change_figures_change")
                    .table(ProductChangeFigures::Table)
                    .col(ProductChangeFigures::ChangeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductChangeFigures::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ProductChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProductChanges {
    Table,
    Id,
    ProductId,
    Status,
    SubmittedById,
    SubmittedBy,
    SubmittedAt,
    Note,
    ReviewedBy,
    ReviewedAt,
    ReviewComment,
}

#[derive(DeriveIden)]
enum ProductChangeFigures {
    Table,
    Id,
    ChangeId,
    Figure,
    Before,
    After,
}
