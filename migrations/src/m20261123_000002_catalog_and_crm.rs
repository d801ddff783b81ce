//! The bank, its group companies and sales points, the product catalog, segments and CRM clients.
//!
//! Scaled integer columns (see the crate docs) carry a `// e4` (scale 4) or `// e8` (scale 8) comment.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A BIGINT holding a decimal at a fixed scale (documented per column).
fn scaled<T: IntoIden>(col: T) -> ColumnDef {
    big_integer(col).default(0).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BankSettings::Table)
                    .col(pk_auto(BankSettings::Id))
                    .col(string_len(BankSettings::Name, 200))
                    .col(string_len(BankSettings::ReportingCurrency, 3))
                    .col(scaled(BankSettings::TargetMargin)) // e8
                    .col(scaled(BankSettings::BundleLifetimeYears)) // e4
                    .col(scaled(BankSettings::BundleOverheadRate)) // e8
                    .col(scaled(BankSettings::AddonAnchorThreshold)) // e8
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .col(pk_auto(Companies::Id))
                    .col(string_len_uniq(Companies::Code, 32))
                    .col(string_len(Companies::Name, 200))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SalesPoints::Table)
                    .col(pk_auto(SalesPoints::Id))
                    .col(string_len_uniq(SalesPoints::Code, 32))
                    .col(string_len(SalesPoints::Name, 200))
                    .col(string_len(SalesPoints::City, 100))
                    .col(string_len(SalesPoints::Region, 100))
                    .col(string_len(SalesPoints::Format, 32))
                    .col(scaled(SalesPoints::BranchCostPerMinute)) // e4
                    .col(scaled(SalesPoints::VisitOverheadMinutes)) // e4
                    .col(big_integer_null(SalesPoints::VisitLimitMinutes)) // e4
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .col(pk_auto(Products::Id))
                    .col(string_len_uniq(Products::Code, 32))
                    .col(string_len(Products::Name, 200))
                    .col(string_len(Products::Kind, 32))
                    .col(string_len(Products::Currency, 3))
                    .col(string_len(Products::Status, 16))
                    .col(integer(Products::CompanyId))
                    .col(boolean(Products::CostsCannotBeReduced).default(false))
                    .col(string_len(Products::PriceParameter, 32))
                    .col(scaled(Products::MarketPrice)) // e8: a fee or a rate
                    .col(scaled(Products::FtpRate)) // e8
                    .col(scaled(Products::ReserveRatio)) // e8
                    .col(scaled(Products::InterchangeRate)) // e8
                    .col(scaled(Products::ExpectedLossRate)) // e8
                    .col(scaled(Products::ServicingCost)) // e4
                    .col(scaled(Products::CostPerTransaction)) // e4
                    .col(scaled(Products::PartnerCommission)) // e4
                    .col(scaled(Products::IssuanceCost)) // e4
                    .col(scaled(Products::AcquisitionCost)) // e4
                    .col(scaled(Products::LifetimeYears)) // e4
                    .col(scaled(Products::OpeningMinutes)) // e4
                    .col(scaled(Products::OverheadRate)) // e8
                    // Standalone terms.
                    .col(scaled(Products::MonthlyFee)) // e4
                    .col(scaled(Products::AnnualFee)) // e4
                    .col(scaled(Products::SetupFee)) // e4
                    .col(scaled(Products::TransactionFee)) // e4
                    .col(scaled(Products::ClientRate)) // e8
                    // Reference usage of a typical client, for the standalone P&L.
                    .col(scaled(Products::AvgBalance)) // e4
                    .col(scaled(Products::AnnualSpend)) // e4
                    .col(scaled(Products::Transactions)) // e4
                    .col(integer(Products::Version).default(1))
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .col(timestamp_with_time_zone(Products::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_company")
                            .from(Products::Table, Products::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_products_kind", Products::Kind),
            ("idx_products_status", Products::Status),
            ("idx_products_company", Products::CompanyId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Products::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ExchangeRates::Table)
                    .col(pk_auto(ExchangeRates::Id))
                    .col(date(ExchangeRates::RateDate))
                    .col(string_len(ExchangeRates::Currency, 3))
                    .col(scaled(ExchangeRates::Rate)) // e8: units of reporting currency per 1
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_exchange_rates_currency_date")
                    .table(ExchangeRates::Table)
                    .col(ExchangeRates::Currency)
                    .col(ExchangeRates::RateDate)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Segments::Table)
                    .col(pk_auto(Segments::Id))
                    .col(string_len_uniq(Segments::Code, 32))
                    .col(string_len(Segments::Name, 200))
                    .col(text(Segments::Description))
                    .col(integer(Segments::Priority))
                    .col(integer_null(Segments::SalesPointId))
                    .col(text(Segments::Rule))
                    .col(boolean(Segments::Active).default(true))
                    .col(timestamp_with_time_zone(Segments::CreatedAt))
                    .col(timestamp_with_time_zone(Segments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_segments_sales_point")
                            .from(Segments::Table, Segments::SalesPointId)
                            .to(SalesPoints::Table, SalesPoints::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_segments_priority")
                    .table(Segments::Table)
                    .col(Segments::Priority)
                    .to_owned(),
            )
            .await?;

        create_clients(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Clients::Table.into_iden(),
            Segments::Table.into_iden(),
            ExchangeRates::Table.into_iden(),
            Products::Table.into_iden(),
            SalesPoints::Table.into_iden(),
            Companies::Table.into_iden(),
            BankSettings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn create_clients(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Clients::Table)
                .col(big_pk_auto(Clients::Id))
                .col(string_len_uniq(Clients::CrmId, 64))
                .col(string_len(Clients::FullName, 200))
                // Lower-cased name for prefix search through an index on both backends.
                .col(string_len(Clients::SearchName, 200))
                .col(date_null(Clients::BirthDate))
                .col(string_len_null(Clients::Gender, 16))
                .col(string_len_null(Clients::Employment, 32))
                .col(big_integer_null(Clients::MonthlyIncome)) // e4
                .col(string_len_null(Clients::IncomeCurrency, 3))
                .col(string_len_null(Clients::City, 100))
                .col(big_integer_null(Clients::CityPopulation))
                .col(string_len_null(Clients::Region, 100))
                .col(string_len_null(Clients::MaritalStatus, 16))
                .col(integer_null(Clients::Children))
                // '|'-delimited with leading and trailing '|', so `LIKE '%|tag|%'` is exact.
                .col(text(Clients::LifestyleTags))
                .col(string_len_null(Clients::DigitalAffinity, 16))
                .col(string_len_null(Clients::PreferredLanguage, 8))
                .col(boolean(Clients::IslamicBanking).default(false))
                .col(text(Clients::ProductsHeld)) // same '|' form as lifestyle_tags
                .col(boolean(Clients::ConsentToOffers).default(false))
                .col(date_null(Clients::DataVerifiedOn))
                .col(integer_null(Clients::HomeSalesPointId))
                .col(text(Clients::CustomAttributes)) // JSON object of strings
                .col(timestamp_with_time_zone(Clients::CreatedAt))
                .col(timestamp_with_time_zone(Clients::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_clients_home_sales_point")
                        .from(Clients::Table, Clients::HomeSalesPointId)
                        .to(SalesPoints::Table, SalesPoints::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    for (name, col) in [
        ("idx_clients_search_name", Clients::SearchName),
        ("idx_clients_birth_date", Clients::BirthDate),
        ("idx_clients_city_population", Clients::CityPopulation),
        ("idx_clients_home_sales_point", Clients::HomeSalesPointId),
    ] {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(Clients::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum BankSettings {
    Table,
    Id,
    Name,
    ReportingCurrency,
    TargetMargin,
    BundleLifetimeYears,
    BundleOverheadRate,
    AddonAnchorThreshold,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum SalesPoints {
    Table,
    Id,
    Code,
    Name,
    City,
    Region,
    Format,
    BranchCostPerMinute,
    VisitOverheadMinutes,
    VisitLimitMinutes,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Currency,
    Status,
    CompanyId,
    CostsCannotBeReduced,
    PriceParameter,
    MarketPrice,
    FtpRate,
    ReserveRatio,
    InterchangeRate,
    ExpectedLossRate,
    ServicingCost,
    CostPerTransaction,
    PartnerCommission,
    IssuanceCost,
    AcquisitionCost,
    LifetimeYears,
    OpeningMinutes,
    OverheadRate,
    MonthlyFee,
    AnnualFee,
    SetupFee,
    TransactionFee,
    ClientRate,
    AvgBalance,
    AnnualSpend,
    Transactions,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ExchangeRates {
    Table,
    Id,
    RateDate,
    Currency,
    Rate,
}

#[derive(DeriveIden)]
enum Segments {
    Table,
    Id,
    Code,
    Name,
    Description,
    Priority,
    SalesPointId,
    Rule,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
    CrmId,
    FullName,
    SearchName,
    BirthDate,
    Gender,
    Employment,
    MonthlyIncome,
    IncomeCurrency,
    City,
    CityPopulation,
    Region,
    MaritalStatus,
    Children,
    LifestyleTags,
    DigitalAffinity,
    PreferredLanguage,
    IslamicBanking,
    ProductsHeld,
    ConsentToOffers,
    DataVerifiedOn,
    HomeSalesPointId,
    CustomAttributes,
    CreatedAt,
    UpdatedAt,
}
