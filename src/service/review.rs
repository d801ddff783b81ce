//! Four eyes on a matrix version: a product manager submits a draft, finance approves it (which
//! publishes it) or rejects it with a comment; the manager may recall it first. Each step is
//! checked by the domain (`matrix::review`), stored with its review row and its audit entry in
//! one transaction. `compare` is what the approver reads: the draft side by side with the live
//! version.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

use super::matrices::{BankView, version_object};
use crate::domain::audit::{Action, Actor, Author, Fields, Subject};
use crate::domain::matrix::{
    BundleComparison, Draft, ReviewRefusal, ReviewStep, VersionDiff, blocking, compare_bundles,
    diff, review_comment,
};
use crate::domain::message::Message;
use crate::persistence::matrices::{self, Reviewer, StoredVersion, VersionStatus};
use crate::persistence::{StoreError, audit};

/// Why a review step did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ReviewFailure {
    /// The rules said no (own submission, blocking verdicts, no comment, the date).
    #[error("{0:?}")]
    Refused(ReviewRefusal),
    /// A stale page, a version no longer where it was, an unknown one, the database.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ReviewRefusal> for ReviewFailure {
    fn from(refusal: ReviewRefusal) -> Self {
        Self::Refused(refusal)
    }
}

/// Who reviews: only a signed-in user can (a command line has no review path).
pub(super) fn reviewer(author: &Author) -> Result<Reviewer<'_>, StoreError> {
    match &author.actor {
        Actor::User { id, username } => Ok(Reviewer {
            user_id: *id,
            username,
        }),
        _ => Err(StoreError::Invalid(
            "a review step needs a signed-in user".into(),
        )),
    }
}

async fn version(
    db: &DatabaseConnection,
    segment: &str,
    number: i32,
) -> Result<StoredVersion, StoreError> {
    matrices::find_version(db, segment, number)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("version {number} of {segment}"),
        })
}

/// The version a conflict names when `version` is not where a step needs it.
fn not_where_expected(version: &StoredVersion) -> StoreError {
    StoreError::Conflict {
        field: match version.info.status {
            VersionStatus::Draft => "not-submitted",
            VersionStatus::Submitted => "submitted",
            VersionStatus::Published => "published",
        },
        value: version.info.number.to_string(),
    }
}

fn status(status: VersionStatus) -> Fields {
    Fields::new().with("status", status.as_str())
}

/// Submits draft `number` of `segment` (loaded at `lock`) for approval from `effective_from`.
///
/// # Errors
/// `Refused(Publish(Empty | EffectiveBeforePrevious))`, `Refused(CommentTooLong)`; `Store`.
pub async fn submit(
    db: &DatabaseConnection,
    segment: &str,
    (number, lock): (i32, i32),
    effective_from: NaiveDate,
    comment: &str,
    author: &Author,
) -> Result<(), ReviewFailure> {
    let by = reviewer(author)?;
    let comment = review_comment(comment, false)?;
    let version = version(db, segment, number).await?;
    if version.info.status != VersionStatus::Draft {
        return Err(not_where_expected(&version).into());
    }
    let previous = matrices::latest_published(db, segment)
        .await?
        .and_then(|v| v.published());
    Draft {
        content: version.content,
    }
    .submit(by.user_id, effective_from, previous.as_ref())
    .map_err(ReviewRefusal::Publish)?;
    let entry = author
        .entry(
            Action::Submitted,
            Subject::Matrix,
            version_object(segment, number),
        )
        .before(status(VersionStatus::Draft))
        .after(
            status(VersionStatus::Submitted)
                .with("effective_from", effective_from)
                .with_optional("comment", comment.as_deref()),
        );
    audit::audited(db, async |txn| {
        let id = version.info.id;
        matrices::submit(txn, id, lock, by, effective_from, comment.as_deref()).await?;
        Ok(((), entry))
    })
    .await?;
    Ok(())
}

/// Approves submitted version `number` of `segment` (loaded at `lock`), publishing it, once
/// someone other than its submitter approves and every blocking verdict passes, evaluated now.
///
/// # Errors
/// `Refused(OwnSubmission | Publish(Blocked | EffectiveBeforePrevious))`; `Store`.
pub async fn approve(
    db: &DatabaseConnection,
    segment: &str,
    (number, lock): (i32, i32),
    comment: &str,
    author: &Author,
    today: NaiveDate,
) -> Result<(), ReviewFailure> {
    let by = reviewer(author)?;
    let comment = review_comment(comment, false)?;
    let version = version(db, segment, number).await?;
    let Some(submitted) = version.submitted() else {
        return Err(not_where_expected(&version).into());
    };
    let bank = BankView::load(db, today).await?;
    let blocked = blocking(&bank.evaluate(&version.content, &BTreeMap::new()));
    let previous = matrices::latest_published(db, segment)
        .await?
        .and_then(|v| v.published());
    let frozen = bank.terms_to_freeze(&version.content);
    let number_u32 = u32::try_from(number).unwrap_or(0);
    let published =
        submitted.approve(by.user_id, number_u32, previous.as_ref(), blocked, frozen)?;
    let entry = author
        .entry(
            Action::Approved,
            Subject::Matrix,
            version_object(segment, number),
        )
        .before(status(VersionStatus::Submitted))
        .after(
            status(VersionStatus::Published)
                .with("effective_from", published.effective_from())
                .with("frozen_terms", published.frozen_terms().len())
                .with_optional("comment", comment.as_deref()),
        );
    audit::audited(db, async |txn| {
        let id = version.info.id;
        matrices::approve(txn, id, lock, &published, by, comment.as_deref()).await?;
        Ok(((), entry))
    })
    .await?;
    Ok(())
}

/// Rejects submitted version `number` (finance, `comment` required) or recalls it (a product
/// manager): it becomes a draft again, unchanged.
///
/// # Errors
/// `Refused(CommentRequired | CommentTooLong)`; `Store`.
pub async fn send_back(
    db: &DatabaseConnection,
    segment: &str,
    (number, lock): (i32, i32),
    step: ReviewStep,
    comment: &str,
    author: &Author,
) -> Result<(), ReviewFailure> {
    let by = reviewer(author)?;
    let version = version(db, segment, number).await?;
    let Some(submitted) = version.submitted() else {
        return Err(not_where_expected(&version).into());
    };
    let (action, comment) = if step == ReviewStep::Rejected {
        let (_, comment) = submitted.reject(comment)?;
        (Action::Rejected, Some(comment))
    } else {
        (Action::Recalled, review_comment(comment, false)?)
    };
    let entry = author
        .entry(action, Subject::Matrix, version_object(segment, number))
        .before(
            status(VersionStatus::Submitted)
                .with_optional("effective_from", version.info.effective_from),
        )
        .after(status(VersionStatus::Draft).with_optional("comment", comment.as_deref()));
    audit::audited(db, async |txn| {
        let id = version.info.id;
        matrices::recall_or_reject(txn, id, lock, step, by, comment.as_deref()).await?;
        Ok(((), entry))
    })
    .await?;
    Ok(())
}

/// A version side by side with the live one, as the approver reads it.
pub struct Comparison {
    /// The version in force today (or, for the version in force itself, the one it replaced);
    /// `None` for a first version.
    pub live: Option<StoredVersion>,
    pub diff: VersionDiff,
    /// Each bundle at each point for each main product, live and as submitted.
    pub bundles: Vec<BundleComparison>,
    /// What would stop approval now, each naming the point and the main product.
    pub blocking: Vec<Message>,
}

/// Compares `version` with the segment's live version: the live one as it is offered (its
/// frozen terms), `version` as it would be published today (the catalog's terms).
///
/// # Errors
/// Database errors.
pub async fn compare(
    db: &DatabaseConnection,
    bank: &BankView,
    version: &StoredVersion,
) -> Result<Comparison, StoreError> {
    let segment = &version.info.segment;
    let number = version.info.number;
    let in_force = matrices::in_force_for(db, std::slice::from_ref(segment), bank.today).await?;
    // The version in force, unless it is this one (once approved): then the one it replaced.
    let live = match in_force.into_iter().find(|v| v.info.number != number) {
        Some(live) => Some(live),
        None => {
            let earlier = matrices::versions(db, segment)
                .await?
                .into_iter()
                .find(|v| v.status == VersionStatus::Published && v.number < number);
            match earlier {
                Some(info) => matrices::find_version(db, segment, info.number).await?,
                None => None,
            }
        }
    };
    let proposed = bank.evaluate(&version.content, &BTreeMap::new());
    let (diff, bundles) = match &live {
        Some(live) => (
            diff(&live.content, &version.content),
            compare_bundles(&bank.evaluate_version(live), &proposed),
        ),
        None => (
            diff(&Default::default(), &version.content),
            compare_bundles(&[], &proposed),
        ),
    };
    Ok(Comparison {
        live,
        diff,
        bundles,
        blocking: blocking(&proposed),
    })
}
