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
use crate::domain::segment::{RankedSegment, SEGMENTS_PER_MASK, SegmentRule, mask_words};

/// One line of the segment list, with the code of its sales-point scope if any.
#[derive(Clone, Debug)]
pub struct SegmentListItem {
    pub segment: segment::Model,
    pub sales_point_code: Option<String>,
}

/// Segments by priority (1 first), then code.
///
/// # Errors
/// Database errors only.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<SegmentListItem>, StoreError> {
    let points = sales_point::Entity::find().all(db).await?;
    let rows = segment::Entity::find()
        .order_by_asc(segment::Column::Priority)
        .order_by_asc(segment::Column::Code)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|segment| {
            let sales_point_code = segment
                .sales_point_id
                .and_then(|id| points.iter().find(|p| p.id == id).map(|p| p.code.clone()));
            SegmentListItem {
                segment,
                sales_point_code,
            }
        })
        .collect())
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

/// One segment by code.
///
/// # Errors
/// Database errors only.
pub async fn find(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<segment::Model>, StoreError> {
    Ok(segment::Entity::find()
        .filter(segment::Column::Code.eq(code.trim().to_uppercase()))
        .one(db)
        .await?)
}

/// What a product manager edits.
#[derive(Debug, Clone)]
pub struct SegmentDraft {
    pub code: String,
    pub name: String,
    pub description: String,
    pub priority: i32,
    pub sales_point_id: Option<i32>,
    pub rule: SegmentRule,
    pub active: bool,
}

/// Creates the segment, or updates the one with this code.
///
/// # Errors
/// Database errors only.
pub async fn save(db: &impl ConnectionTrait, draft: &SegmentDraft) -> Result<(), StoreError> {
    let now = Utc::now();
    let existing = find(db, &draft.code).await?;
    let mut model = match existing {
        Some(row) => row.into(),
        None => segment::ActiveModel {
            code: Set(draft.code.clone()),
            created_at: Set(now),
            ..Default::default()
        },
    };
    model.name = Set(draft.name.clone());
    model.description = Set(draft.description.clone());
    model.priority = Set(draft.priority);
    model.sales_point_id = Set(draft.sales_point_id);
    model.rule = Set(draft.rule.to_string());
    model.active = Set(draft.active);
    model.updated_at = Set(now);
    model.save(db).await?;
    Ok(())
}

/// Active segments whose rule parses, for matching clients (a few dozen rows at most).
///
/// # Errors
/// Database errors only.
pub async fn active_ranked(db: &impl ConnectionTrait) -> Result<Vec<RankedSegment>, StoreError> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter(|item| item.segment.active)
        .filter_map(|item| {
            let rule = SegmentRule::parse(&item.segment.rule).ok()?;
            Some(RankedSegment {
                code: item.segment.code,
                name: item.segment.name,
                priority: item.segment.priority,
                sales_point: item.sales_point_code,
                rule,
            })
        })
        .collect())
}
