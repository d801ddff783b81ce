use sea_orm::entity::prelude::*;

/// A link between two products of a version, in the order the page lists them. `share` at
/// scale 8; `value` (a conditional term) at the scale of its figure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matrix_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version_id: i32,
    pub position: i32,
    pub kind: String,
    pub product: String,
    pub other: String,
    pub share: Option<i64>,
    pub figure: Option<String>,
    pub value: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
