use sea_orm::entity::prelude::*;

/// An offer recorded at the desk; never updated or deleted (triggers refuse it). Money at
/// scale 4, `margin` at scale 8, `visit_minutes` at scale 4.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub request_key: String,
    pub client_id: i64,
    pub crm_id: String,
    pub client_name: String,
    pub advisor_id: i32,
    pub advisor_name: String,
    pub sales_point: String,
    pub segment: String,
    pub matrix_version: i32,
    pub main_product: String,
    pub outcome: String,
    pub decline_reason: Option<String>,
    pub decline_note: Option<String>,
    pub badge: String,
    pub flagged_for_finance: bool,
    pub currency: String,
    pub revenue: i64,
    pub profit: i64,
    pub margin: Option<i64>,
    pub fees_per_year: i64,
    pub separate_fees_per_year: i64,
    pub one_off_fees: i64,
    pub interest_earned_per_year: i64,
    pub visit_minutes: i64,
    pub valid_until: Date,
    pub offered_on: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
