use sea_orm::entity::prelude::*;

/// A branch or office. Scaled columns: money and minutes at scale 4.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sales_points")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub city: String,
    pub region: String,
    pub format: String,
    pub branch_cost_per_minute: i64,
    pub visit_overhead_minutes: i64,
    pub visit_limit_minutes: Option<i64>,
    /// Deactivated points stay for the records that name them; nothing new is offered there.
    pub active: bool,
    /// `*` for every kind, else kind names separated by commas.
    pub product_kinds: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
