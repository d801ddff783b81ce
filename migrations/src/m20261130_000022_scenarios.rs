//! Finance's saved what-if scenarios: a name, the segment it looks at (every segment when
//! empty) and its shifts, each at scale 8 (basis points too). A scenario never touches live
//! data; it is only the question, kept to be asked again.

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
                    .table(Scenarios::Table)
                    .col(pk_auto(Scenarios::Id))
                    .col(string_len(Scenarios::Name, 80).unique_key())
                    .col(string_len_null(Scenarios::Segment, 32))
                    .col(big_integer(Scenarios::FtpBp)) // e8
                    .col(big_integer(Scenarios::Usage)) // e8
                    .col(big_integer(Scenarios::TakeUp)) // e8
                    .col(big_integer(Scenarios::Costs)) // e8
                    .col(big_integer(Scenarios::Fees)) // e8
                    .col(big_integer(Scenarios::BranchCost)) // e8
                    .col(string_len(Scenarios::CreatedBy, 64))
                    .col(timestamp_with_time_zone(Scenarios::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Scenarios::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Scenarios {
    Table,
    Id,
    Name,
    Segment,
    FtpBp,
    Usage,
    TakeUp,
    Costs,
    Fees,
    BranchCost,
    CreatedBy,
    CreatedAt,
}
