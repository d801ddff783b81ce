use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// `en` or `ru`, when the user chose one.
    pub language: Option<String>,
    /// The code of the sales point the user works at.
    pub home_sales_point: Option<String>,
    /// The point the user covers on `day_sales_point_on` only (an advisor standing in elsewhere).
    pub day_sales_point: Option<String>,
    pub day_sales_point_on: Option<Date>,
    pub last_sign_in_at: Option<DateTimeUtc>,
    /// Set when an administrator reset the password: the user must choose a new one.
    pub must_change_password: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
