//! Client segments.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sea_orm::sea_query::{Alias, Asterisk, Condition, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::StoreError;
use super::entities::{client, sales_point, segment};
use super::segment_sql::rule_condition;
use crate::domain::segment::{RankedSegment, SegmentRule};

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

/// Segment sizes and pairwise overlaps, from one scan of the clients table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes {
    pub total: u64,
    /// `sizes[i]`: clients matching `rules[i]`.
    pub sizes: Vec<u64>,
    /// `overlaps[i][j]` (i < j): clients matching both; the lower triangle is left at 0.
    pub overlaps: Vec<Vec<u64>>,
}

/// Sizes and overlaps of `rules`, as sums of `CASE WHEN … THEN 1 ELSE 0 END` in one query.
///
/// # Errors
/// Database errors only.
pub async fn sizes(
    db: &impl ConnectionTrait,
    rules: &[SegmentRule],
    today: NaiveDate,
) -> Result<Sizes, StoreError> {
    let backend = db.get_database_backend();
    let conditions: Vec<_> = rules
        .iter()
        .map(|r| rule_condition(r, backend, today))
        .collect();
    let mut query = Query::select();
    query
        .from(client::Entity)
        .expr_as(Expr::col(Asterisk).count(), Alias::new("total"));
    let hits = |condition: Condition| -> SimpleExpr {
        Expr::expr(Expr::case(condition, Expr::val(1_i64)).finally(Expr::val(0_i64))).sum()
    };
    for (i, condition) in conditions.iter().enumerate() {
        query.expr_as(hits(condition.clone()), Alias::new(format!("s{i}")));
        for (j, other) in conditions.iter().enumerate().skip(i + 1) {
            let both = Condition::all().add(condition.clone()).add(other.clone());
            query.expr_as(hits(both), Alias::new(format!("o{i}_{j}")));
        }
    }
    let row = db.query_one(&query).await?;
    let read = |name: &str| -> Result<u64, StoreError> {
        let Some(row) = &row else { return Ok(0) };
        // SUM is NULL over an empty table, and a NUMERIC on PostgreSQL.
        let value: Option<Decimal> = row.try_get("", name).or_else(|_| {
            row.try_get::<Option<i64>>("", name)
                .map(|v| v.map(Decimal::from))
        })?;
        Ok(value.and_then(|v| v.to_u64()).unwrap_or(0))
    };
    let n = rules.len();
    let mut overlaps = vec![vec![0; n]; n];
    let mut sizes = Vec::with_capacity(n);
    for i in 0..n {
        sizes.push(read(&format!("s{i}"))?);
        for j in i + 1..n {
            overlaps[i][j] = read(&format!("o{i}_{j}"))?;
        }
    }
    Ok(Sizes {
        total: read("total")?,
        sizes,
        overlaps,
    })
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
