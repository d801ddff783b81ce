use sea_orm::entity::prelude::*;

/// The one row of bank-wide settings. Scaled columns: see `persistence::scaled`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_settings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub reporting_currency: String,
    /// Rate, scale 8.
    pub target_margin: i64,
    /// Years, scale 4.
    pub bundle_lifetime_years: i64,
    /// Rate, scale 8.
    pub bundle_overhead_rate: i64,
    /// Rate, scale 8.
    pub addon_anchor_threshold: i64,
    /// Minutes, scale 4.
    pub verify_data_minutes: i64,
    /// Minutes, scale 4.
    pub credit_decision_minutes: i64,
    pub offer_valid_days: i32,
    /// Legal details printed on the offer.
    pub legal_name: String,
    pub legal_address: String,
    pub tax_id: String,
    pub licence: String,
    pub phone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
