use sea_orm::entity::prelude::*;

/// Units of the reporting currency for one unit of `currency` on `rate_date` (scale 8).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exchange_rates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rate_date: Date,
    pub currency: String,
    pub rate: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
