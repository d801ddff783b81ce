use sea_orm::entity::prelude::*;

/// A step of a matrix version's review (`submitted`, `recalled`, `rejected`, `approved`); rows
/// are never changed (triggers refuse it).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matrix_reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version_id: i32,
    pub step: String,
    pub user_id: Option<i32>,
    pub username: String,
    pub at: DateTimeUtc,
    pub effective_from: Option<Date>,
    pub comment: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
