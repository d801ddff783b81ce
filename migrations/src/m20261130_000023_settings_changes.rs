//! Changes to finance's economics settings (the bank's, a sales point's, an exchange rate)
//! waiting for a second finance user once the bank is live: one pending change per target.
//! The proposed values are kept as exact decimal texts by field name (a handful per change,
//! never summed or compared by SQL); they are written to the scaled columns when approved.

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
                    .table(SettingsChanges::Table)
                    .col(pk_auto(SettingsChanges::Id))
                    .col(string_len(SettingsChanges::Kind, 16))
                    .col(string_len(SettingsChanges::Target, 48))
                    .col(text(SettingsChanges::Figures))
                    .col(string_len(SettingsChanges::Status, 16))
                    .col(integer(SettingsChanges::SubmittedById))
                    .col(string_len(SettingsChanges::SubmittedBy, 64))
                    .col(timestamp_with_time_zone(SettingsChanges::SubmittedAt))
                    .col(text_null(SettingsChanges::Note))
                    .col(string_len_null(SettingsChanges::ReviewedBy, 64))
                    .col(timestamp_with_time_zone_null(SettingsChanges::ReviewedAt))
                    .col(text_null(SettingsChanges::ReviewComment))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_settings_changes_one_pending \
                 ON settings_changes (kind, target) WHERE status = 'pending'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SettingsChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SettingsChanges {
    Table,
    Id,
    Kind,
    Target,
    Figures,
    Status,
    SubmittedById,
    SubmittedBy,
    SubmittedAt,
    Note,
    ReviewedBy,
    ReviewedAt,
    ReviewComment,
}
