use sea_orm::entity::prelude::*;

/// A catalog product. Money, minutes, years and counts at scale 4; rates (and the market
/// price, which may be a rate) at scale 8. See `persistence::scaled`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub status: String,
    pub company_id: i32,
    pub costs_cannot_be_reduced: bool,
    pub price_parameter: String,
    pub market_price: i64,
    pub ftp_rate: i64,
    pub reserve_ratio: i64,
    pub interchange_rate: i64,
    pub expected_loss_rate: i64,
    pub servicing_cost: i64,
    pub cost_per_transaction: i64,
    pub partner_commission: i64,
    pub issuance_cost: i64,
    pub acquisition_cost: i64,
    pub lifetime_years: i64,
    pub opening_minutes: i64,
    pub overhead_rate: i64,
    pub monthly_fee: i64,
    pub credit_limit: i64,
    pub min_amount: i64,
    pub annual_fee: i64,
    pub setup_fee: i64,
    pub transaction_fee: i64,
    pub client_rate: i64,
    pub avg_balance: i64,
    pub annual_spend: i64,
    pub transactions: i64,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::company::Entity",
        from = "Column::CompanyId",
        to = "super::company::Column::Id"
    )]
    Company,
}

impl Related<super::company::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Company.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
