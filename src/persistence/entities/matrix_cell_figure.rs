use sea_orm::entity::prelude::*;

/// One figure a cell sets: `part` is `terms`, `usage_alone` or `usage_in_bundle`; the value is
/// at the scale of the figure's unit (fractions 8, everything else 4).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matrix_cell_figures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub cell_id: i32,
    pub part: String,
    pub figure: String,
    pub value: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
