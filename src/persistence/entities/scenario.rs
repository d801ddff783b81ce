use sea_orm::entity::prelude::*;

/// A saved what-if scenario; every shift at scale 8.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scenarios")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub segment: Option<String>,
    pub ftp_bp: i64,
    pub usage: i64,
    pub take_up: i64,
    pub costs: i64,
    pub fees: i64,
    pub branch_cost: i64,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
