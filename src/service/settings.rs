//! Finance's economics settings: a change applies at once before the bank is live; once live
//! (a matrix published), it waits until a second finance user approves it. Every step is
//! audited with the values before and after, in the transaction that makes it.

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use super::review::{ReviewFailure, reviewer};
use crate::domain::audit::{Action, Author, Fields, Subject};
use crate::domain::matrix::review_comment;
use crate::domain::settings_change::{SettingsChange, Target};
use crate::persistence::catalog::{bank_settings, exchange_rates, sales_points};
use crate::persistence::settings_changes::{self, PendingChange};
use crate::persistence::{StoreError, audit, in_transaction};

/// What submitting did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Applied,
    Proposed,
}

fn subject(target: &Target) -> Subject {
    match target {
        Target::Rate { .. } => Subject::Rate,
        _ => Subject::Settings,
    }
}

/// The live values of `target`, as the audit trail shows them.
async fn current(db: &DatabaseTransaction, target: &Target) -> Result<Fields, StoreError> {
    let fields = Fields::new().with("target", target.key());
    Ok(match target {
        Target::Bank => match bank_settings(db).await? {
            Some(b) => fields
                .with("target_margin", b.bundle.target_margin.normalize())
                .with(
                    "addon_anchor_threshold",
                    b.addon_anchor_threshold.normalize(),
                )
                .with("bundle_lifetime_years", b.bundle.lifetime_years.normalize())
                .with("bundle_overhead_rate", b.bundle.overhead_rate.normalize()),
            None => fields,
        },
        Target::Point(code) => match sales_points(db)
            .await?
            .into_iter()
            .find(|p| &p.code == code)
        {
            Some(p) => fields
                .with(
                    "branch_cost_per_minute",
                    p.costs.branch_cost_per_minute.normalize(),
                )
                .with(
                    "visit_overhead_minutes",
                    p.costs.visit_overhead_minutes.normalize(),
                )
                .with(
                    "visit_limit_minutes",
                    p.costs
                        .visit_limit_minutes
                        .map_or_else(|| "none".to_owned(), |v| v.normalize().to_string()),
                ),
            None => {
                return Err(StoreError::NotFound {
                    what: format!("sales point {code}"),
                });
            }
        },
        Target::Rate { currency, on } => {
            let reporting = bank_settings(db)
                .await?
                .map_or(*currency, |b| b.reporting_currency);
            let rates = exchange_rates(db, reporting, *on).await?;
            // The rate published on that very day, if any (an earlier one is not replaced).
            match rates.rate_to_reporting(*currency, *on) {
                Ok(entry) if entry.date == *on => fields.with("rate", entry.rate.normalize()),
                _ => fields,
            }
        }
    })
}

/// Applies `change` at once before the bank is live, or proposes it for approval after.
///
/// # Errors
/// `Store(Conflict { field: "pending" })` while another change to the target waits;
/// `Store(NotFound)` for an unknown sales point; `Refused(CommentTooLong)`.
pub async fn submit(
    db: &DatabaseConnection,
    change: &SettingsChange,
    note: &str,
    author: &Author,
) -> Result<Done, ReviewFailure> {
    let note = review_comment(note, false)?;
    let by = reviewer(author)?;
    in_transaction(db, async |txn| -> Result<Done, ReviewFailure> {
        let before = current(txn, &change.target).await?;
        let object = change.target.key();
        let live = settings_changes::bank_is_live(txn).await?;
        if !SettingsChange::needs_approval(live) {
            settings_changes::apply(txn, change).await?;
            let entry = author
                .entry(Action::Changed, subject(&change.target), object)
                .before(before)
                .after(change.fields());
            audit::record(txn, &entry).await?;
            return Ok(Done::Applied);
        }
        settings_changes::propose(txn, change, by, note.as_deref()).await?;
        let entry = author
            .entry(Action::Submitted, subject(&change.target), object)
            .before(before)
            .after(change.fields().with_optional("comment", note.as_deref()));
        audit::record(txn, &entry).await?;
        Ok(Done::Proposed)
    })
    .await
}

async fn pending(txn: &DatabaseTransaction, id: i32) -> Result<PendingChange, StoreError> {
    settings_changes::pending(txn)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| StoreError::Conflict {
            field: "not-pending",
            value: id.to_string(),
        })
}

/// Approves pending change `id` for a finance user other than its proposer: it applies.
///
/// # Errors
/// `Refused(OwnSubmission)`; `Store(Conflict { field: "not-pending" })`.
pub async fn approve(
    db: &DatabaseConnection,
    id: i32,
    comment: &str,
    author: &Author,
) -> Result<(), ReviewFailure> {
    let comment = review_comment(comment, false)?;
    let by = reviewer(author)?;
    in_transaction(db, async |txn| -> Result<(), ReviewFailure> {
        let waiting = pending(txn, id).await?;
        SettingsChange::approve(by.user_id, waiting.submitted_by_id)?;
        let before = current(txn, &waiting.change.target).await?;
        settings_changes::apply(txn, &waiting.change).await?;
        settings_changes::close(txn, id, "approved", by.username, comment.as_deref()).await?;
        let target = &waiting.change.target;
        let entry = author
            .entry(Action::Approved, subject(target), target.key())
            .before(before)
            .after(
                waiting
                    .change
                    .fields()
                    .with_optional("comment", comment.as_deref()),
            );
        audit::record(txn, &entry).await?;
        Ok(())
    })
    .await
}

/// Rejects pending change `id` with a reason; nothing applies.
///
/// # Errors
/// `Refused(CommentRequired | CommentTooLong)`; `Store(Conflict { field: "not-pending" })`.
pub async fn reject(
    db: &DatabaseConnection,
    id: i32,
    comment: &str,
    author: &Author,
) -> Result<(), ReviewFailure> {
    let comment = review_comment(comment, true)?.unwrap_or_default();
    let by = reviewer(author)?;
    in_transaction(db, async |txn| -> Result<(), ReviewFailure> {
        let waiting = pending(txn, id).await?;
        settings_changes::close(txn, id, "rejected", by.username, Some(&comment)).await?;
        let target = &waiting.change.target;
        let entry = author
            .entry(Action::Rejected, subject(target), target.key())
            .before(waiting.change.fields())
            .after(Fields::new().with("comment", &comment));
        audit::record(txn, &entry).await?;
        Ok(())
    })
    .await
}

/// Imports exchange rates: applied at once before the bank is live; once live, each is proposed
/// for a second finance user, like a rate typed on the form. All rows or none.
///
/// # Errors
/// `Store(Conflict { field: "pending" })` when a rate of the file already awaits approval;
/// `Store(Invalid)` when the bank is live and the author is not a signed-in user (a script
/// cannot propose: the command line says so).
pub async fn import_rates(
    db: &DatabaseConnection,
    rates: &[(u64, crate::domain::setup::RateRow)],
    note: &str,
    author: &Author,
) -> Result<Done, ReviewFailure> {
    let note = review_comment(note, false)?;
    in_transaction(db, async |txn| -> Result<Done, ReviewFailure> {
        let live = settings_changes::bank_is_live(txn).await?;
        let needs_approval = SettingsChange::needs_approval(live);
        let by = if needs_approval {
            Some(reviewer(author).map_err(|_| {
                StoreError::Invalid(
                    "the bank is live: exchange rates now wait for a second finance user's \
                     approval; import the file on the web, signed in as finance"
                        .into(),
                )
            })?)
        } else {
            None
        };
        for (_, row) in rates {
            let change = row.change();
            let before = current(txn, &change.target).await?;
            let object = change.target.key();
            let entry = match by {
                None => {
                    settings_changes::apply(txn, &change).await?;
                    author.entry(Action::Imported, Subject::Rate, object)
                }
                Some(by) => {
                    settings_changes::propose(txn, &change, by, note.as_deref()).await?;
                    author.entry(Action::Submitted, Subject::Rate, object)
                }
            };
            audit::record(txn, &entry.before(before).after(change.fields())).await?;
        }
        Ok(if needs_approval {
            Done::Proposed
        } else {
            Done::Applied
        })
    })
    .await
}

/// Approves every pending exchange rate another finance user proposed (an imported file's
/// rates, say). Returns how many were approved.
///
/// # Errors
/// Database errors; nothing is approved then.
pub async fn approve_pending_rates(
    db: &DatabaseConnection,
    author: &Author,
) -> Result<usize, ReviewFailure> {
    let by = reviewer(author)?;
    in_transaction(db, async |txn| -> Result<usize, ReviewFailure> {
        let mut approved = 0;
        for waiting in settings_changes::pending(txn).await? {
            let target = &waiting.change.target;
            if !matches!(target, Target::Rate { .. }) || waiting.submitted_by_id == by.user_id {
                continue;
            }
            let before = current(txn, target).await?;
            settings_changes::apply(txn, &waiting.change).await?;
            settings_changes::close(txn, waiting.id, "approved", by.username, None).await?;
            let entry = author
                .entry(Action::Approved, Subject::Rate, target.key())
                .before(before)
                .after(waiting.change.fields());
            audit::record(txn, &entry).await?;
            approved += 1;
        }
        Ok(approved)
    })
    .await
}
