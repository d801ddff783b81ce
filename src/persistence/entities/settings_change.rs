use sea_orm::entity::prelude::*;

/// A proposed change to the economics settings: `kind` (bank, point, rate) and `target` say
/// what; `figures` holds `name=value` lines of exact decimals (`none` for no value).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "settings_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub target: String,
    pub figures: String,
    pub status: String,
    pub submitted_by_id: i32,
    pub submitted_by: String,
    pub submitted_at: DateTimeUtc,
    pub note: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub review_comment: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
