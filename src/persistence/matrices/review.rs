//! A version's review: submitting, recalling or rejecting, approving. Each step is guarded like
//! an edit (the version must stand where the reviewer saw it, at the lock the page was loaded
//! at) and is recorded as a row of `matrix_reviews` in the same transaction.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::edit::{guard_status, mark_published};
use super::read::info;
use super::{VersionInfo, VersionStatus};
use crate::domain::matrix::{Published, ReviewStep};
use crate::persistence::entities::{matrix_review, matrix_version, segment};
use crate::persistence::{Reviewer, StoreError, in_transaction};

/// A step of a version's review, as the version page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRecord {
    pub step: ReviewStep,
    pub user_id: Option<i32>,
    pub username: String,
    pub at: DateTime<Utc>,
    /// The date asked for (submitted) or granted (approved).
    pub effective_from: Option<NaiveDate>,
    pub comment: Option<String>,
}

async fn record(
    db: &impl ConnectionTrait,
    version_id: i32,
    step: ReviewStep,
    by: Reviewer<'_>,
    effective_from: Option<NaiveDate>,
    comment: Option<&str>,
) -> Result<(), StoreError> {
    matrix_review::ActiveModel {
        version_id: Set(version_id),
        step: Set(step.as_str().to_owned()),
        user_id: Set(Some(by.user_id)),
        username: Set(by.username.to_owned()),
        at: Set(Utc::now()),
        effective_from: Set(effective_from),
        comment: Set(comment.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Submits draft `version_id` (at `lock`) for approval, to take effect from `effective_from`.
/// Returns the new lock; from now on the version is frozen.
///
/// # Errors
/// `Conflict` as for an edit (published, submitted already, saved by someone else).
pub async fn submit(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version_id: i32,
    lock: i32,
    by: Reviewer<'_>,
    effective_from: NaiveDate,
    comment: Option<&str>,
) -> Result<i32, StoreError> {
    in_transaction(db, async |txn| {
        let lock = guard_status(txn, version_id, lock, VersionStatus::Draft).await?;
        matrix_version::Entity::update_many()
            .col_expr(
                matrix_version::Column::Status,
                Expr::value(VersionStatus::Submitted.as_str()),
            )
            .col_expr(
                matrix_version::Column::EffectiveFrom,
                Expr::value(effective_from),
            )
            .col_expr(
                matrix_version::Column::SubmittedById,
                Expr::value(by.user_id),
            )
            .col_expr(
                matrix_version::Column::SubmittedBy,
                Expr::value(by.username),
            )
            .col_expr(matrix_version::Column::SubmittedAt, Expr::value(Utc::now()))
            .filter(matrix_version::Column::Id.eq(version_id))
            .exec(txn)
            .await?;
        let step = ReviewStep::Submitted;
        record(txn, version_id, step, by, Some(effective_from), comment).await?;
        Ok(lock)
    })
    .await
}

/// Makes submitted version `version_id` (at `lock`) a draft again: `Recalled` by a product
/// manager, or `Rejected` by finance with `comment`. Returns the new lock.
///
/// # Errors
/// `Conflict { field: "draft" | "published" }` when it is no longer submitted; `version` for a
/// version submitted again since the page was loaded.
pub async fn recall_or_reject(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version_id: i32,
    lock: i32,
    step: ReviewStep,
    by: Reviewer<'_>,
    comment: Option<&str>,
) -> Result<i32, StoreError> {
    in_transaction(db, async |txn| {
        let lock = guard_status(txn, version_id, lock, VersionStatus::Submitted).await?;
        matrix_version::Entity::update_many()
            .col_expr(
                matrix_version::Column::Status,
                Expr::value(VersionStatus::Draft.as_str()),
            )
            .col_expr(
                matrix_version::Column::EffectiveFrom,
                Expr::value(Option::<NaiveDate>::None),
            )
            .col_expr(
                matrix_version::Column::SubmittedById,
                Expr::value(Option::<i32>::None),
            )
            .col_expr(
                matrix_version::Column::SubmittedBy,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                matrix_version::Column::SubmittedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(matrix_version::Column::Id.eq(version_id))
            .exec(txn)
            .await?;
        record(txn, version_id, step, by, None, comment).await?;
        Ok(lock)
    })
    .await
}

/// Stores the approval of submitted version `version_id` (at `lock`): `published` (made by
/// `Submitted::approve`) with its frozen terms, published by the approver.
///
/// # Errors
/// As [`recall_or_reject`]; `InvalidField` for a frozen term that cannot be stored exactly.
pub async fn approve(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version_id: i32,
    lock: i32,
    published: &Published,
    by: Reviewer<'_>,
    comment: Option<&str>,
) -> Result<(), StoreError> {
    in_transaction(db, async |txn| {
        guard_status(txn, version_id, lock, VersionStatus::Submitted).await?;
        mark_published(txn, version_id, published, by.username).await?;
        let on = Some(published.effective_from());
        record(txn, version_id, ReviewStep::Approved, by, on, comment).await
    })
    .await
}

/// The review of version `version_id`, oldest step first.
///
/// # Errors
/// Database errors; `Invalid` for a step that is not one.
pub async fn reviews(
    db: &impl ConnectionTrait,
    version_id: i32,
) -> Result<Vec<ReviewRecord>, StoreError> {
    matrix_review::Entity::find()
        .filter(matrix_review::Column::VersionId.eq(version_id))
        .order_by_asc(matrix_review::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            Ok(ReviewRecord {
                step: ReviewStep::parse(&row.step).ok_or_else(|| {
                    StoreError::Invalid(format!("matrix review {}: step {}", row.id, row.step))
                })?,
                user_id: row.user_id,
                username: row.username,
                at: row.at,
                effective_from: row.effective_from,
                comment: row.comment,
            })
        })
        .collect()
}

/// Every version awaiting approval, the longest waiting first: finance's queue.
///
/// # Errors
/// Database errors.
pub async fn submitted(db: &impl ConnectionTrait) -> Result<Vec<VersionInfo>, StoreError> {
    let rows = matrix_version::Entity::find()
        .filter(matrix_version::Column::Status.eq(VersionStatus::Submitted.as_str()))
        .order_by_asc(matrix_version::Column::SubmittedAt)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = rows.iter().map(|r| r.segment_id).collect();
    let names: HashMap<i32, String> = segment::Entity::find()
        .filter(segment::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    rows.into_iter()
        .map(|row| {
            let segment = names.get(&row.segment_id).cloned().unwrap_or_default();
            info(row, &segment)
        })
        .collect()
}
