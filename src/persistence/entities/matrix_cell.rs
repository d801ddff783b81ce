use sea_orm::entity::prelude::*;

/// What one scope (`all`, `group` + key, `point` + key) says about one product in a version.
/// Shares at scale 8; unset fields are NULL (inherited from a broader scope).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matrix_cells")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version_id: i32,
    pub product_code: String,
    pub scope_kind: String,
    pub scope_key: String,
    pub role: Option<String>,
    pub take_up: Option<i64>,
    pub visit_share: Option<i64>,
    pub offer_order: Option<i32>,
    pub talking_points: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
