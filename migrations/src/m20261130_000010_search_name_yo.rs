//! Name searches treat `ё` as `е`, as people type them: stored search keys are rewritten so.
//! (`replace` is the same function on SQLite and PostgreSQL.)

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE clients SET search_name = replace(search_name, 'ё', 'е') \
                 WHERE search_name LIKE '%ё%'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The old keys differed only by `ё`; searches work with either.
        Ok(())
    }
}
