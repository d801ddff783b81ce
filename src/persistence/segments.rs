//! Client segments.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::StoreError;
use super::entities::{client, sales_point, segment};
use super::segment_sql::rule_condition;
use crate::domain::message::Message;
use crate::domain::segment::{
    RankedSegment, SEGMENTS_PER_MASK, SegmentDraft, SegmentRule, mask_words,
};

/// A stored segment. Its rule is the text as stored: a rule written under an older version of
/// the language may no longer parse, and the overview says so instead of hiding the segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSegment {
    pub code: String,
    pub name: String,
    pub description: String,
    pub priority: i32,
    /// The code of the sales point it is limited to; `None` for every sales point.
    pub sales_point: Option<String>,
    pub rule: String,
    pub active: bool,
    pub version: i32,
}

fn stored(row: segment::Model, points: &[sales_point::Model]) -> StoredSegment {
    let sales_point = row
        .sales_point_id
        .and_then(|id| points.iter().find(|p| p.id == id).map(|p| p.code.clone()));
    StoredSegment {
        code: row.code,
        name: row.name,
        description: row.description,
        priority: row.priority,
        sales_point,
        rule: row.rule,
        active: row.active,
        version: row.version,
    }
}

/// Segments by priority (1 first), then code.
///
/// # Errors
/// Database errors only.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<StoredSegment>, StoreError> {
    let points = sales_point::Entity::find().all(db).await?;
    let rows = segment::Entity::find()
        .order_by_asc(segment::Column::Priority)
        .order_by_asc(segment::Column::Code)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| stored(row, &points)).collect())
}

/// How many clients match `rule` today, counted by the database (never by loading clients).
///
/// # Errors
/// Database errors only.
pub async fn count_matching(
    db: &impl ConnectionTrait,
    rule: &SegmentRule,
    today: NaiveDate,
) -> Result<u64, StoreError> {
    let condition = rule_condition(rule, db.get_database_backend(), today);
    Ok(client::Entity::find().filter(condition).count(db).await?)
}

/// Segment sizes and pairwise overlaps.
pub use crate::domain::segment::SegmentSizes as Sizes;

/// Sizes and overlaps of `rules` from one scan of the clients table: the database evaluates
/// each rule once per client and counts clients per combination of matched rules
/// (`GROUP BY` a bit mask of `CASE WHEN … THEN 2^i ELSE 0 END`); sizes and overlaps are added
/// up from those counts.
///
/// # Errors
/// Database errors only.
pub async fn sizes(
    db: &impl ConnectionTrait,
    rules: &[SegmentRule],
    today: NaiveDate,
) -> Result<Sizes, StoreError> {
    let backend = db.get_database_backend();
    let words = mask_words(rules.len());
    let mut query = Query::select();
    query
        .from(client::Entity)
        .expr_as(Expr::col(Asterisk).count(), Alias::new("clients"));
    for word in 0..words {
        let mask = rules
            .iter()
            .enumerate()
            .skip(word * SEGMENTS_PER_MASK)
            .take(SEGMENTS_PER_MASK)
            .map(|(i, rule)| {
                let bit = 1_i64 << (i % SEGMENTS_PER_MASK);
                Expr::case(rule_condition(rule, backend, today), Expr::val(bit))
                    .finally(Expr::val(0_i64))
                    .into()
            })
            .reduce(|sum: SimpleExpr, bit| sum.add(bit))
            .unwrap_or_else(|| Expr::val(0_i64));
        let name = Alias::new(format!("mask{word}"));
        query
            .expr_as(mask, name.clone())
            .add_group_by([Expr::col(name)]);
    }
    let rows = db.query_all(&query).await?;
    let mut groups = Vec::with_capacity(rows.len());
    for row in rows {
        let clients: i64 = row.try_get("", "clients")?;
        let mut masks = Vec::with_capacity(words);
        for word in 0..words {
            let mask: i64 = row.try_get("", &format!("mask{word}"))?;
            masks.push(u64::try_from(mask).unwrap_or(0));
        }
        groups.push((masks, u64::try_from(clients).unwrap_or(0)));
    }
    Ok(Sizes::from_membership_groups(rules.len(), groups))
}

async fn find_row(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<segment::Model>, StoreError> {
    Ok(segment::Entity::find()
        .filter(segment::Column::Code.eq(code.trim().to_uppercase()))
        .one(db)
        .await?)
}

/// One segment by code.
///
/// # Errors
/// Database errors only.
pub async fn find(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<StoredSegment>, StoreError> {
    let Some(row) = find_row(db, code).await? else {
        return Ok(None);
    };
    let points = sales_point::Entity::find().all(db).await?;
    Ok(Some(stored(row, &points)))
}

/// The id of the draft's sales point; `InvalidField` for one that does not exist.
async fn sales_point_id(
    db: &impl ConnectionTrait,
    draft: &SegmentDraft,
) -> Result<Option<i32>, StoreError> {
    let Some(code) = &draft.sales_point else {
        return Ok(None);
    };
    let point = sales_point::Entity::find()
        .filter(sales_point::Column::Code.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| StoreError::InvalidField {
            field: "sales_point".into(),
            message: Message::new("sales-point-unknown").with("code", code),
        })?;
    Ok(Some(point.id))
}

/// Stores a new segment.
///
/// # Errors
/// `Conflict { field: "code" }` when a segment of that code exists; `InvalidField` for an
/// unknown sales point; database errors.
pub async fn create(db: &impl ConnectionTrait, draft: &SegmentDraft) -> Result<(), StoreError> {
    let now = Utc::now();
    let model = segment::ActiveModel {
        code: Set(draft.code.to_string()),
        name: Set(draft.name.clone()),
        description: Set(draft.description.clone()),
        priority: Set(draft.priority),
        sales_point_id: Set(sales_point_id(db, draft).await?),
        rule: Set(draft.rule.to_string()),
        active: Set(draft.active),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    match model.insert(db).await {
        Ok(_) => Ok(()),
        Err(err) if super::is_unique_violation(&err) => Err(StoreError::Conflict {
            field: "code",
            value: draft.code.to_string(),
        }),
        Err(err) => Err(err.into()),
    }
}

/// Saves `draft` over the segment of its code if that is still at `expected_version`.
///
/// # Errors
/// `NotFound`; `Conflict { field: "version" }` when someone saved in between (the value is the
/// current version); `InvalidField` for an unknown sales point; database errors.
pub async fn update(
    db: &impl ConnectionTrait,
    draft: &SegmentDraft,
    expected_version: i32,
) -> Result<(), StoreError> {
    let sales_point_id = sales_point_id(db, draft).await?;
    let result = segment::Entity::update_many()
        .col_expr(segment::Column::Name, Expr::value(draft.name.clone()))
        .col_expr(
            segment::Column::Description,
            Expr::value(draft.description.clone()),
        )
        .col_expr(segment::Column::Priority, Expr::value(draft.priority))
        .col_expr(segment::Column::SalesPointId, Expr::value(sales_point_id))
        .col_expr(segment::Column::Rule, Expr::value(draft.rule.to_string()))
        .col_expr(segment::Column::Active, Expr::value(draft.active))
        .col_expr(segment::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(segment::Column::Version, Expr::value(expected_version + 1))
        .filter(segment::Column::Code.eq(draft.code.as_str()))
        .filter(segment::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        return Ok(());
    }
    match find_row(db, draft.code.as_str()).await? {
        None => Err(StoreError::NotFound {
            what: format!("segment {}", draft.code),
        }),
        Some(current) => Err(StoreError::Conflict {
            field: "version",
            value: current.version.to_string(),
        }),
    }
}

/// Active segments whose rule parses, for matching clients (a few dozen rows at most).
///
/// # Errors
/// Database errors only.
pub async fn active_ranked(db: &impl ConnectionTrait) -> Result<Vec<RankedSegment>, StoreError> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter(|segment| segment.active)
        .filter_map(|segment| {
            let rule = SegmentRule::parse(&segment.rule).ok()?;
            Some(RankedSegment {
                code: segment.code,
                name: segment.name,
                priority: segment.priority,
                sales_point: segment.sales_point,
                rule,
            })
        })
        .collect())
}
