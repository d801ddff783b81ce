use sea_orm::entity::prelude::*;

/// Clients a segment reaches at a home sales point (`None`: clients without one), as last
/// counted; `stamp` says what the count was made from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "population_counts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub segment_code: String,
    pub sales_point_code: Option<String>,
    pub clients: i64,
    pub stamp: String,
    pub counted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
