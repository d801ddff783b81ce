//! How many clients each segment reaches at each home sales point, each client counted once,
//! in the first of the given segments (best first) that takes them: one scan of `clients`
//! (`GROUP BY` a `CASE` over the segments' rules), kept in `population_counts` with a stamp
//! of what it was counted from, so that pages read the counts instead of scanning.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Asterisk, CaseStatement, Condition, Expr, ExprTrait, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::StoreError;
use super::entities::{client, population_count, sales_point};
use super::segment_sql::rule_condition;
use crate::domain::segment::RankedSegment;

/// Clients of one segment at one home sales point (`None`: clients without one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Population {
    pub segment: String,
    pub point: Option<String>,
    pub clients: u64,
}

/// Counts `segments` (best first) in one scan: each client in the first segment whose rule
/// holds and whose sales-point scope, if any, is the client's home point.
///
/// # Errors
/// Database errors only.
pub async fn count(
    db: &impl ConnectionTrait,
    segments: &[RankedSegment],
    today: NaiveDate,
) -> Result<Vec<Population>, StoreError> {
    if segments.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let points: HashMap<i32, String> = sales_point::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    let id_of = |code: &str| points.iter().find(|(_, c)| *c == code).map(|(id, _)| *id);
    let mut case = CaseStatement::new();
    for (index, segment) in segments.iter().enumerate() {
        let mut condition = Condition::all().add(rule_condition(&segment.rule, backend, today));
        if let Some(point) = &segment.sales_point {
            // A point that no longer exists scopes the segment to nobody.
            let id = id_of(point).unwrap_or(-1);
            condition = condition.add(Expr::col(client::Column::HomeSalesPointId).eq(id));
        }
        case = case.case(
            condition,
            Expr::val(i64::try_from(index).unwrap_or(i64::MAX)),
        );
    }
    let case = case.finally(Expr::val(-1_i64));
    let mut query = Query::select();
    query
        .from(client::Entity)
        .expr_as(case, Alias::new("segment_index"))
        .column(client::Column::HomeSalesPointId)
        .expr_as(Expr::col(Asterisk).count(), Alias::new("clients"))
        .add_group_by([
            Expr::col(Alias::new("segment_index")),
            Expr::col(client::Column::HomeSalesPointId),
        ]);
    let mut out = Vec::new();
    for row in db.query_all(&query).await? {
        let index: i64 = row.try_get("", "segment_index")?;
        let Some(segment) = usize::try_from(index).ok().and_then(|i| segments.get(i)) else {
            continue;
        };
        let point: Option<i32> = row.try_get("", "home_sales_point_id")?;
        let clients: i64 = row.try_get("", "clients")?;
        out.push(Population {
            segment: segment.code.clone(),
            point: point.and_then(|id| points.get(&id).cloned()),
            clients: u64::try_from(clients).unwrap_or(0),
        });
    }
    Ok(out)
}

/// What a count is made from: the bank's generation (segments, matrices, points…), how many
/// times the clients changed (imports from the web or the command line, the API), and the day
/// (ages move). A count with another stamp is stale.
///
/// # Errors
/// Database errors.
pub async fn stamp(db: &impl ConnectionTrait, today: NaiveDate) -> Result<String, StoreError> {
    let generation = super::generation::current(db).await?;
    let clients = super::generation::clients_changed(db).await?;
    Ok(format!("g{generation}:c{clients}:{today}"))
}

/// The counts as kept, with their stamp and time; empty when never counted.
///
/// # Errors
/// Database errors.
pub async fn kept(
    db: &impl ConnectionTrait,
) -> Result<(Vec<Population>, Option<(String, DateTime<Utc>)>), StoreError> {
    let rows = population_count::Entity::find().all(db).await?;
    let stamp = rows.first().map(|r| (r.stamp.clone(), r.counted_at));
    let counts = rows
        .into_iter()
        .map(|r| Population {
            segment: r.segment_code,
            point: r.sales_point_code,
            clients: u64::try_from(r.clients).unwrap_or(0),
        })
        .collect();
    Ok((counts, stamp))
}

/// Replaces the kept counts with `counts`, stamped `stamp`, counted `at` (call inside a
/// transaction).
///
/// # Errors
/// Database errors.
pub async fn keep(
    db: &impl ConnectionTrait,
    counts: &[Population],
    stamp: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    population_count::Entity::delete_many()
        .filter(population_count::Column::Id.gt(0))
        .exec(db)
        .await?;
    let rows: Vec<_> = counts
        .iter()
        .map(|p| population_count::ActiveModel {
            segment_code: Set(p.segment.clone()),
            sales_point_code: Set(p.point.clone()),
            clients: Set(i64::try_from(p.clients).unwrap_or(i64::MAX)),
            stamp: Set(stamp.to_owned()),
            counted_at: Set(at),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(1_000) {
        population_count::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}
