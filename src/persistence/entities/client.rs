use sea_orm::entity::prelude::*;

/// A CRM client. `monthly_income` at scale 4; tags and held products are '|'-delimited
/// with a leading and trailing '|'; custom attributes are a JSON object of strings.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub crm_id: String,
    pub full_name: String,
    pub search_name: String,
    pub birth_date: Option<Date>,
    pub gender: Option<String>,
    pub employment: Option<String>,
    /// Scale 4, floored: for SQL comparisons and sums.
    pub monthly_income: Option<i64>,
    pub income_currency: Option<String>,
    pub city: Option<String>,
    pub city_population: Option<i64>,
    pub region: Option<String>,
    pub marital_status: Option<String>,
    pub children: Option<i32>,
    pub lifestyle_tags: String,
    pub digital_affinity: Option<String>,
    pub preferred_language: Option<String>,
    pub islamic_banking: bool,
    pub products_held: String,
    pub consent_to_offers: bool,
    pub data_verified_on: Option<Date>,
    pub home_sales_point_id: Option<i32>,
    pub custom_attributes: String,
    /// SHA-256 of the client's data: an upsert of unchanged data writes nothing.
    pub content_hash: String,
    /// The income exactly as received.
    pub monthly_income_exact: Option<String>,
    /// `+` and the digits (`+79161234567`); indexed for the desk's search by number.
    pub phone: Option<String>,
    /// An age as an extract stated it, on `age_as_of` (never an invented birth date).
    pub stated_age: Option<i32>,
    pub age_as_of: Option<Date>,
    /// The date `age` rules count from: `Client::age_basis`, derived, never shown.
    pub age_basis: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
