use sea_orm::entity::prelude::*;

/// One product of a recorded offer. `terms` is a JSON object of decimal strings; money at
/// scale 4, `expected_take_up` at scale 8.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_positions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub offer_id: i32,
    pub ordinal: i32,
    pub product: String,
    pub product_name: String,
    pub role: String,
    pub status: String,
    pub accepted: bool,
    pub expected_take_up: Option<i64>,
    pub chosen_amount: Option<i64>,
    pub subject_to_approval: bool,
    pub terms: String,
    pub revenue: i64,
    pub profit: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::offer::Entity",
        from = "Column::OfferId",
        to = "super::offer::Column::Id"
    )]
    Offer,
}

impl Related<super::offer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Offer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
