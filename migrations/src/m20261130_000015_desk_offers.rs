//! The advisor's desk (issue #13): offers as recorded at the desk, each position with the
//! terms and figures of that moment, and core banking's later confirmation of what was opened;
//! the minutes of the desk's own visit steps and how long a printed offer is valid; the sales
//! point an advisor covers for the day.
//!
//! An offer is a record of what was said to a client: it is never changed. Triggers on both
//! backends refuse UPDATE and DELETE on `offers` and `offer_positions`, so no code path, SQL
//! console included, can rewrite one; a confirmation of opening is a row of its own.
//!
//! Scaled integer columns carry `// e4` or `// e8` as in the catalog migration.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (column, default) in [
            (BankSettings::VerifyDataMinutes, 50_000), // e4: 5 minutes
            (BankSettings::CreditDecisionMinutes, 100_000), // e4: 10 minutes
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(BankSettings::Table)
                        .add_column(big_integer(column).default(default))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(BankSettings::Table)
                    .add_column(integer(BankSettings::OfferValidDays).default(14))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len_null(Users::DaySalesPoint, 32))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(date_null(Users::DaySalesPointOn))
                    .to_owned(),
            )
            .await?;
        create_offers(manager).await?;
        create_positions(manager).await?;
        create_openings(manager).await?;
        immutable(manager, "offers").await?;
        immutable(manager, "offer_positions").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OfferOpenings::Table.into_iden(),
            OfferPositions::Table.into_iden(),
            Offers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [Users::DaySalesPoint, Users::DaySalesPointOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            BankSettings::VerifyDataMinutes,
            BankSettings::CreditDecisionMinutes,
            BankSettings::OfferValidDays,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(BankSettings::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

async fn create_offers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Offers::Table)
                .col(pk_auto(Offers::Id))
                // The form's one-time key: a double-click stores one offer.
                .col(string_len_uniq(Offers::RequestKey, 64))
                .col(big_integer(Offers::ClientId))
                .col(string_len(Offers::CrmId, 64))
                .col(string_len(Offers::ClientName, 200))
                .col(integer(Offers::AdvisorId))
                .col(string_len(Offers::AdvisorName, 200))
                .col(string_len(Offers::SalesPoint, 32))
                .col(string_len(Offers::Segment, 64))
                .col(integer(Offers::MatrixVersion))
                .col(string_len(Offers::MainProduct, 32))
                .col(string_len(Offers::Outcome, 16))
                .col(string_len_null(Offers::DeclineReason, 32))
                .col(text_null(Offers::DeclineNote))
                .col(string_len(Offers::Badge, 8))
                .col(boolean(Offers::FlaggedForFinance))
                .col(string_len(Offers::Currency, 3))
                .col(big_integer(Offers::Revenue)) // e4
                .col(big_integer(Offers::Profit)) // e4
                .col(big_integer_null(Offers::Margin)) // e8
                .col(big_integer(Offers::FeesPerYear)) // e4
                .col(big_integer(Offers::SeparateFeesPerYear)) // e4
                .col(big_integer(Offers::OneOffFees)) // e4
                .col(big_integer(Offers::InterestEarnedPerYear)) // e4
                .col(big_integer(Offers::VisitMinutes)) // e4
                .col(date(Offers::ValidUntil))
                .col(date(Offers::OfferedOn))
                .col(timestamp_with_time_zone(Offers::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_offers_client")
                        .from(Offers::Table, Offers::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_offers_advisor")
                        .from(Offers::Table, Offers::AdvisorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
    // The results page filters by period and by one of these, newest first.
    for (name, column) in [
        ("idx_offers_offered_on", Offers::OfferedOn),
        ("idx_offers_advisor", Offers::AdvisorId),
        ("idx_offers_sales_point", Offers::SalesPoint),
        ("idx_offers_segment", Offers::Segment),
        ("idx_offers_client", Offers::ClientId),
    ] {
        let mut index = Index::create();
        index.name(name).table(Offers::Table).col(column);
        if name != "idx_offers_offered_on" {
            index.col(Offers::OfferedOn);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}

async fn create_positions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(OfferPositions::Table)
                .col(pk_auto(OfferPositions::Id))
                .col(integer(OfferPositions::OfferId))
                .col(integer(OfferPositions::Ordinal))
                .col(string_len(OfferPositions::Product, 32))
                .col(string_len(OfferPositions::ProductName, 200))
                .col(string_len(OfferPositions::Role, 8))
                // in_bundle, dropped (by the client), dropped_with (another product it needs)
                .col(string_len(OfferPositions::Status, 16))
                .col(boolean(OfferPositions::Accepted))
                .col(big_integer_null(OfferPositions::ExpectedTakeUp)) // e8
                .col(big_integer_null(OfferPositions::ChosenAmount)) // e4
                .col(boolean(OfferPositions::SubjectToApproval))
                // The terms as offered: a JSON object of decimal strings (never floats).
                .col(text(OfferPositions::Terms))
                .col(big_integer(OfferPositions::Revenue)) // e4
                .col(big_integer(OfferPositions::Profit)) // e4
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_offer_positions_offer")
                        .from(OfferPositions::Table, OfferPositions::OfferId)
                        .to(Offers::Table, Offers::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_offer_positions_offer")
                .table(OfferPositions::Table)
                .col(OfferPositions::OfferId)
                .col(OfferPositions::Ordinal)
                .unique()
                .to_owned(),
        )
        .await?;
    Ok(())
}

async fn create_openings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(OfferOpenings::Table)
                .col(pk_auto(OfferOpenings::Id))
                .col(integer(OfferOpenings::OfferId))
                .col(string_len(OfferOpenings::Product, 32))
                .col(date(OfferOpenings::OpenedOn))
                .col(string_len(OfferOpenings::RecordedBy, 64))
                .col(timestamp_with_time_zone(OfferOpenings::RecordedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_offer_openings_offer")
                        .from(OfferOpenings::Table, OfferOpenings::OfferId)
                        .to(Offers::Table, Offers::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_offer_openings_offer_product")
                .table(OfferOpenings::Table)
                .col(OfferOpenings::OfferId)
                .col(OfferOpenings::Product)
                .unique()
                .to_owned(),
        )
        .await?;
    Ok(())
}

/// Refuses UPDATE and DELETE on `table` for everyone, the table's owner included.
async fn immutable(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            db.execute_unprepared(&format!(
                "CREATE OR REPLACE FUNCTION kombi_refuse_change() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME; END; \
                 $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION kombi_refuse_change();"
            ))
            .await?;
        }
        _ => {
            for event in ["UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_immutable_{} BEFORE {event} ON {table} \
                     BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END;",
                    event.to_lowercase()
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum BankSettings {
    Table,
    VerifyDataMinutes,
    CreditDecisionMinutes,
    OfferValidDays,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DaySalesPoint,
    DaySalesPointOn,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    RequestKey,
    ClientId,
    CrmId,
    ClientName,
    AdvisorId,
    AdvisorName,
    SalesPoint,
    Segment,
    MatrixVersion,
    MainProduct,
    Outcome,
    DeclineReason,
    DeclineNote,
    Badge,
    FlaggedForFinance,
    Currency,
    Revenue,
    Profit,
    Margin,
    FeesPerYear,
    SeparateFeesPerYear,
    OneOffFees,
    InterestEarnedPerYear,
    VisitMinutes,
    ValidUntil,
    OfferedOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfferPositions {
    Table,
    Id,
    OfferId,
    Ordinal,
    Product,
    ProductName,
    Role,
    Status,
    Accepted,
    ExpectedTakeUp,
    ChosenAmount,
    SubjectToApproval,
    Terms,
    Revenue,
    Profit,
}

#[derive(DeriveIden)]
enum OfferOpenings {
    Table,
    Id,
    OfferId,
    Product,
    OpenedOn,
    RecordedBy,
    RecordedAt,
}
