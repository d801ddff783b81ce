//! The finance dashboard's client counts: how many clients each segment reaches at each home
//! sales point, each client counted once (in the best segment with a matrix in force). Counted
//! in one scan of `clients` and kept, stamped with what they were counted from (the bank's
//! generation, the finished imports, the day), so a page view reads them instead of scanning.

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
                    .table(PopulationCounts::Table)
                    .col(pk_auto(PopulationCounts::Id))
                    .col(string_len(PopulationCounts::SegmentCode, 32))
                    .col(string_len_null(PopulationCounts::SalesPointCode, 32))
                    .col(big_integer(PopulationCounts::Clients))
                    .col(string_len(PopulationCounts::Stamp, 96))
                    .col(timestamp_with_time_zone(PopulationCounts::CountedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PopulationCounts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PopulationCounts {
    Table,
    Id,
    SegmentCode,
    SalesPointCode,
    Clients,
    Stamp,
    CountedAt,
}
