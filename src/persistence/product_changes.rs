//! Proposed changes to a product's economics and standalone terms, awaiting finance: one
//! pending change per product (a unique index), its figures live and proposed, and how it
//! ended (approved, rejected with a reason, withdrawn by its proposer). Two queries per read,
//! whatever the number of changes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::entities::{product, product_change, product_change_figure};
use super::matrices::codec::{figure, figure_units, figure_value};
use super::{Reviewer, StoreError};
use crate::domain::product::{FigureChange, ProposedChange};

/// How a change ended, or that it still waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeStatus {
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

impl ChangeStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }
}

/// A change as stored, with who proposed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredChange {
    pub id: i32,
    pub product: String,
    pub change: ProposedChange,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub note: Option<String>,
}

/// Stores `changes` to product `product_id` as pending, proposed by `by`.
///
/// # Errors
/// `Conflict { field: "pending" }` when the product already has a pending change;
/// `InvalidField` for a figure that cannot be stored exactly.
pub async fn propose(
    db: &impl ConnectionTrait,
    product_id: i32,
    changes: &[FigureChange],
    by: Reviewer<'_>,
    note: Option<&str>,
) -> Result<i32, StoreError> {
    let row = product_change::ActiveModel {
        product_id: Set(product_id),
        status: Set(ChangeStatus::Pending.as_str().to_owned()),
        submitted_by_id: Set(by.user_id),
        submitted_by: Set(by.username.to_owned()),
        submitted_at: Set(Utc::now()),
        note: Set(note.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| {
        if super::is_unique_violation(&err) {
            StoreError::Conflict {
                field: "pending",
                value: product_id.to_string(),
            }
        } else {
            err.into()
        }
    })?;
    let figures = changes
        .iter()
        .map(|c| {
            let name = c.figure.name();
            Ok(product_change_figure::ActiveModel {
                change_id: Set(row.id),
                figure: Set(name.to_owned()),
                before: Set(figure_units(c.figure, c.before, name)?),
                after: Set(figure_units(c.figure, c.after, name)?),
                ..Default::default()
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    if !figures.is_empty() {
        product_change_figure::Entity::insert_many(figures)
            .exec(db)
            .await?;
    }
    Ok(row.id)
}

async fn read(
    db: &impl ConnectionTrait,
    rows: Vec<product_change::Model>,
) -> Result<Vec<StoredChange>, StoreError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut figures: HashMap<i32, Vec<FigureChange>> = HashMap::new();
    for f in product_change_figure::Entity::find()
        .filter(product_change_figure::Column::ChangeId.is_in(ids))
        .order_by_asc(product_change_figure::Column::Id)
        .all(db)
        .await?
    {
        let which = figure(&f.figure)?;
        figures.entry(f.change_id).or_default().push(FigureChange {
            figure: which,
            before: figure_value(which, f.before),
            after: figure_value(which, f.after),
        });
    }
    let product_ids: Vec<i32> = rows.iter().map(|r| r.product_id).collect();
    let codes: HashMap<i32, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(product_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| StoredChange {
            id: row.id,
            product: codes.get(&row.product_id).cloned().unwrap_or_default(),
            change: ProposedChange {
                changes: figures.remove(&row.id).unwrap_or_default(),
                submitted_by: row.submitted_by_id,
            },
            submitted_by: row.submitted_by,
            submitted_at: row.submitted_at,
            note: row.note,
        })
        .collect())
}

/// The pending change of product `product_id`, if any.
///
/// # Errors
/// Database errors; `Invalid` for an unknown figure.
pub async fn pending_for(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<Option<StoredChange>, StoreError> {
    let rows = product_change::Entity::find()
        .filter(product_change::Column::ProductId.eq(product_id))
        .filter(product_change::Column::Status.eq(ChangeStatus::Pending.as_str()))
        .all(db)
        .await?;
    Ok(read(db, rows).await?.pop())
}

/// Every pending change, the longest waiting first: finance's queue.
///
/// # Errors
/// Database errors; `Invalid` for an unknown figure.
pub async fn all_pending(db: &impl ConnectionTrait) -> Result<Vec<StoredChange>, StoreError> {
    let rows = product_change::Entity::find()
        .filter(product_change::Column::Status.eq(ChangeStatus::Pending.as_str()))
        .order_by_asc(product_change::Column::Id)
        .all(db)
        .await?;
    read(db, rows).await
}

/// Ends pending change `id` as `status`, by `by`, with `comment`.
///
/// # Errors
/// `Conflict { field: "not-pending" }` when it was ended in the meantime.
pub async fn close(
    db: &impl ConnectionTrait,
    id: i32,
    status: ChangeStatus,
    by: &str,
    comment: Option<&str>,
) -> Result<(), StoreError> {
    let result = product_change::Entity::update_many()
        .col_expr(product_change::Column::Status, Expr::value(status.as_str()))
        .col_expr(product_change::Column::ReviewedBy, Expr::value(by))
        .col_expr(product_change::Column::ReviewedAt, Expr::value(Utc::now()))
        .col_expr(
            product_change::Column::ReviewComment,
            Expr::value(comment.map(str::to_owned)),
        )
        .filter(product_change::Column::Id.eq(id))
        .filter(product_change::Column::Status.eq(ChangeStatus::Pending.as_str()))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            field: "not-pending",
            value: id.to_string(),
        })
    }
}
