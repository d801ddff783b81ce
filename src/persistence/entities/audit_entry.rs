use sea_orm::entity::prelude::*;

/// One entry of the audit trail; never updated or deleted (triggers refuse).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_kind: String,
    pub actor: String,
    pub user_id: Option<i32>,
    pub origin: String,
    pub action: String,
    pub subject: String,
    pub object: String,
    /// A JSON object of texts.
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
