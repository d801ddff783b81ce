use sea_orm::entity::prelude::*;

/// A catalog term a published version froze for one product (scale by the figure's unit).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matrix_frozen_terms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version_id: i32,
    pub product_code: String,
    pub figure: String,
    pub value: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::matrix_version::Entity",
        from = "Column::VersionId",
        to = "super::matrix_version::Column::Id"
    )]
    Version,
}

impl Related<super::matrix_version::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Version.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
