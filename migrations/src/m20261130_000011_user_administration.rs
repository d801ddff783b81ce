//! Users get a home sales point (the code of the branch they work at: the desk proposes there),
//! the time of their last sign-in, and a flag that makes them choose a new password at their
//! next sign-in (after an administrator reset it). Sales point codes never change and sales
//! points are deactivated, not deleted, so the code is kept as is.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in [
            ColumnDef::new(Users::HomeSalesPoint)
                .string_len(32)
                .null()
                .to_owned(),
            ColumnDef::new(Users::LastSignInAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Users::MustChangePassword)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Users::HomeSalesPoint,
            Users::LastSignInAt,
            Users::MustChangePassword,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    HomeSalesPoint,
    LastSignInAt,
    MustChangePassword,
}
