use sea_orm::entity::prelude::*;

/// A version of a segment's matrix: a `draft` (the only editable one), `submitted` (frozen,
/// awaiting finance; `submitted_by_id` may not approve it) or `published`.
/// `package_fee` at scale 4; `lock_version` is raised by every edit of a draft.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matrix_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub segment_id: i32,
    pub number: i32,
    pub status: String,
    pub effective_from: Option<Date>,
    pub withdrawn_on: Option<Date>,
    pub package_fee: Option<i64>,
    pub lock_version: i32,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub published_by: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub submitted_by_id: Option<i32>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
