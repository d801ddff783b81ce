use sea_orm::entity::prelude::*;

/// One figure of a proposed product change, live and proposed, at the figure's scale.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_change_figures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub change_id: i32,
    pub figure: String,
    pub before: i64,
    pub after: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
