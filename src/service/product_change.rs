//! Four eyes on a product's economics and standalone terms: saving the product form applies
//! what needs no approval at once and proposes the rest; finance approves the proposal (the
//! catalog then takes the new figures) or rejects it with a reason; its proposer (or another
//! product manager) may withdraw it. Each step and its audit entries share one transaction.
//! `effect` re-prices the published bundles that hold the product, live and as proposed.

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use super::matrices::BankView;
use super::repricing::{RepricedBundle, reprice};
use super::review::{ReviewFailure, reviewer};
use crate::domain::audit::{Action, Author, Entry, Fields, Subject, of as audit_of};
use crate::domain::matrix::review_comment;
use crate::domain::product::{
    CatalogProduct, FigureChange, ProposedChange, applied_at_once, reviewed_changes,
};
use crate::persistence::product_changes::{self, ChangeStatus, StoredChange};
use crate::persistence::products::{self, StoredProduct};
use crate::persistence::{StoreError, audit, in_transaction, matrices};

/// What saving the product form did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Everything applied.
    Applied,
    /// The rest applied; the economics or standalone terms await approval.
    Proposed,
}

/// The changed figures, before and after, as the audit trail shows them.
fn figure_fields(changes: &[FigureChange]) -> (Fields, Fields) {
    let mut before = Fields::new();
    let mut after = Fields::new();
    for c in changes {
        before = before.with(c.figure.name(), c.before.normalize());
        after = after.with(c.figure.name(), c.after.normalize());
    }
    (before, after)
}

async fn live(db: &DatabaseTransaction, code: &str) -> Result<StoredProduct, StoreError> {
    products::find(db, code)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("product {code}"),
        })
}

/// Saves the product form of `code` (loaded at `version`): what needs no approval at once, the
/// economics and standalone terms as a proposal.
///
/// # Errors
/// `Store(Conflict { field: "version" })` for a stale form, `Conflict { field: "pending" }`
/// while another change waits; `Refused(CommentTooLong)`; `Store(InvalidField)`.
pub async fn save(
    db: &DatabaseConnection,
    code: &str,
    version: i32,
    proposed: &CatalogProduct,
    note: &str,
    author: &Author,
) -> Result<Saved, ReviewFailure> {
    let note = review_comment(note, false)?;
    in_transaction(db, async |txn| -> Result<Saved, ReviewFailure> {
        let current = live(txn, code).await?;
        let changes = reviewed_changes(&current.product, proposed);
        let now = applied_at_once(&current.product, proposed);
        products::update(txn, code, version, &now).await?;
        let edit = author
            .entry(Action::Changed, Subject::Product, code)
            .before(audit_of::product(&current.product))
            .after(audit_of::product(&now));
        audit::record(txn, &edit).await?;
        if changes.is_empty() {
            return Ok(Saved::Applied);
        }
        let by = reviewer(author)?;
        product_changes::propose(txn, current.id, &changes, by, note.as_deref()).await?;
        let (before, after) = figure_fields(&changes);
        let entry = author
            .entry(Action::Submitted, Subject::Product, code)
            .before(before)
            .after(after.with_optional("comment", note.as_deref()));
        audit::record(txn, &entry).await?;
        Ok(Saved::Proposed)
    })
    .await
}

async fn pending(
    txn: &DatabaseTransaction,
    product: &StoredProduct,
) -> Result<StoredChange, StoreError> {
    product_changes::pending_for(txn, product.id)
        .await?
        .ok_or_else(|| StoreError::Conflict {
            field: "not-pending",
            value: product.product.code.clone(),
        })
}

fn step_entry(author: &Author, action: Action, code: &str, change: &StoredChange) -> Entry {
    let (before, after) = figure_fields(&change.change.changes);
    author
        .entry(action, Subject::Product, code)
        .before(before)
        .after(after)
}

/// Approves the pending change of `code` for the author, who must not have proposed it; the
/// catalog then takes the proposed figures.
///
/// # Errors
/// `Refused(OwnSubmission | Outdated | CommentTooLong)`; `Store(Conflict { field:
/// "not-pending" })` when nothing waits.
pub async fn approve(
    db: &DatabaseConnection,
    code: &str,
    comment: &str,
    author: &Author,
) -> Result<(), ReviewFailure> {
    let by = reviewer(author)?;
    let comment = review_comment(comment, false)?;
    in_transaction(db, async |txn| -> Result<(), ReviewFailure> {
        let current = live(txn, code).await?;
        let change = pending(txn, &current).await?;
        let product = change.change.approve(by.user_id, &current.product)?;
        products::update(txn, code, current.version, &product).await?;
        product_changes::close(
            txn,
            change.id,
            ChangeStatus::Approved,
            by.username,
            comment.as_deref(),
        )
        .await?;
        let mut entry = step_entry(author, Action::Approved, code, &change);
        entry.after = entry
            .after
            .map(|f| f.with_optional("comment", comment.as_deref()));
        audit::record(txn, &entry).await?;
        Ok(())
    })
    .await
}

/// Ends the pending change of `code` without applying it: `Rejected` by finance (`comment`
/// required) or `Withdrawn` by a product manager.
///
/// # Errors
/// `Refused(CommentRequired | CommentTooLong)`; `Store(Conflict { field: "not-pending" })`.
pub async fn send_back(
    db: &DatabaseConnection,
    code: &str,
    status: ChangeStatus,
    comment: &str,
    author: &Author,
) -> Result<(), ReviewFailure> {
    let by = reviewer(author)?;
    in_transaction(db, async |txn| -> Result<(), ReviewFailure> {
        let current = live(txn, code).await?;
        let change = pending(txn, &current).await?;
        let (action, comment) = if status == ChangeStatus::Rejected {
            (Action::Rejected, Some(change.change.reject(comment)?))
        } else {
            (Action::Recalled, review_comment(comment, false)?)
        };
        product_changes::close(txn, change.id, status, by.username, comment.as_deref()).await?;
        let mut entry = step_entry(author, action, code, &change);
        // Nothing changed in the catalog: the proposal is what ended.
        entry.after = Some(Fields::new().with_optional("comment", comment.as_deref()));
        audit::record(txn, &entry).await?;
        Ok(())
    })
    .await
}

/// One published bundle holding the product, live and with the change.
pub struct BundleEffect {
    pub live: RepricedBundle,
    pub proposed: RepricedBundle,
}

/// The published bundles (not withdrawn) that hold `code`, re-priced at the live catalog and
/// with `change` applied; those whose figures do not move are left out.
///
/// # Errors
/// Database errors.
pub async fn effect(
    db: &DatabaseConnection,
    bank: &BankView,
    code: &str,
    change: &ProposedChange,
) -> Result<Vec<BundleEffect>, StoreError> {
    let versions: Vec<_> = matrices::published_everywhere(db, false)
        .await?
        .into_iter()
        .filter(|v| v.info.withdrawn_on.is_none())
        .filter(|v| v.content.cells.iter().any(|c| c.product == code))
        .collect();
    let live = reprice(bank, &versions);
    let mut changed = BankView {
        settings: bank.settings.clone(),
        points: bank.points.clone(),
        products: bank.products.clone(),
        rates: bank.rates.clone(),
        today: bank.today,
    };
    if let Some(product) = changed.products.iter_mut().find(|p| p.code == code) {
        for c in &change.changes {
            *c.figure.slot(
                &mut product.economics,
                &mut product.terms,
                &mut product.usage,
            ) = c.after;
        }
    }
    let proposed = reprice(&changed, &versions);
    Ok(live
        .into_iter()
        .zip(proposed)
        .filter(|(l, p)| l.profit != p.profit || l.blocking.len() != p.blocking.len())
        .map(|(live, proposed)| BundleEffect { live, proposed })
        .collect())
}
