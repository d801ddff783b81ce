//! The audit trail's store: entries are inserted (in the transaction of the change they
//! describe) and read, newest first, a page at a time. Nothing here updates or deletes an
//! entry, and the migration's triggers refuse it to anyone who tries (`m20261130_000018`).

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use super::StoreError;
use super::entities::audit_entry;
use crate::domain::audit::{Action, Actor, Entry, Fields, Filter, Subject};

/// An entry as stored: its number (the order of writing) and time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub entry: Entry,
}

/// Writes `entry` at `now`, unless it is an edit that changed nothing.
///
/// # Errors
/// Database errors only; inside a transaction, the change it describes is rolled back with it.
pub async fn record(db: &impl ConnectionTrait, entry: &Entry) -> Result<(), StoreError> {
    if !entry.changes_something() {
        return Ok(());
    }
    let json = |fields: &Option<Fields>| {
        fields
            .as_ref()
            .map(|f| serde_json::to_string(&f.0).unwrap_or_default())
    };
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_kind: Set(entry.actor.kind().to_owned()),
        actor: Set(clip(entry.actor.name())),
        user_id: Set(entry.actor.user_id()),
        origin: Set(clip(&entry.origin)),
        action: Set(entry.action.code().to_owned()),
        subject: Set(entry.subject.code().to_owned()),
        object: Set(clip(&entry.object)),
        before: Set(json(&entry.before)),
        after: Set(json(&entry.after)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The columns hold 200 characters; a longer name or object (typed by someone) is cut there.
fn clip(text: &str) -> String {
    text.chars().take(200).collect()
}

/// Up to `limit` entries matching `filter`, newest first, written before entry `before`
/// (all when `None`): the next page starts before the last one shown.
///
/// # Errors
/// Database errors; `Invalid` for an entry that no longer reads (changed by hand).
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &Filter,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<StoredEntry>, StoreError> {
    let mut query = audit_entry::Entity::find();
    if let Some(actor) = &filter.actor {
        query =
            query.filter(audit_entry::Column::Actor.is_in([actor.clone(), actor.to_lowercase()]));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_entry::Column::Action.eq(action.code()));
    }
    if let Some(subject) = filter.subject {
        query = query.filter(audit_entry::Column::Subject.eq(subject.code()));
    }
    if let Some(object) = &filter.object {
        query = query.filter(audit_entry::Column::Object.eq(object.as_str()));
    }
    if let Some(from) = filter.from {
        let start = from.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        query = query.filter(audit_entry::Column::At.gte(start));
    }
    if let Some(to) = filter.to.and_then(|to| to.checked_add_days(Days::new(1))) {
        let end = to.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        query = query.filter(audit_entry::Column::At.lt(end));
    }
    if let Some(before) = before {
        query = query.filter(audit_entry::Column::Id.lt(before));
    }
    let rows = query
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows.into_iter().map(to_domain).collect()
}

/// How many entries there are in all.
///
/// # Errors
/// Database errors only.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(audit_entry::Entity::find().count(db).await?)
}

fn to_domain(row: audit_entry::Model) -> Result<StoredEntry, StoreError> {
    let invalid = |what: &str| StoreError::Invalid(format!("audit entry {}: {what}", row.id));
    let fields = |text: &Option<String>| -> Result<Option<Fields>, StoreError> {
        text.as_deref()
            .map(|t| {
                serde_json::from_str::<BTreeMap<String, String>>(t)
                    .map(Fields)
                    .map_err(|e| invalid(&e.to_string()))
            })
            .transpose()
    };
    let actor = match row.actor_kind.as_str() {
        "user" => Actor::User {
            id: row.user_id.unwrap_or_default(),
            username: row.actor.clone(),
        },
        "os" => Actor::OperatingSystem {
            name: row.actor.clone(),
        },
        "claimed" => Actor::Claimed {
            username: row.actor.clone(),
        },
        other => return Err(invalid(&format!("actor kind {other}"))),
    };
    let entry = Entry {
        actor,
        origin: row.origin.clone(),
        action: Action::parse(&row.action).ok_or_else(|| invalid(&row.action))?,
        subject: Subject::parse(&row.subject).ok_or_else(|| invalid(&row.subject))?,
        object: row.object.clone(),
        before: fields(&row.before)?,
        after: fields(&row.after)?,
    };
    Ok(StoredEntry {
        id: row.id,
        at: row.at,
        entry,
    })
}

/// Runs `change` in a transaction and writes the entry it returns in the same transaction:
/// a change and its entry are stored together or not at all.
///
/// # Errors
/// `change`'s own errors (nothing is stored then), and database errors.
pub async fn audited<T>(
    db: &DatabaseConnection,
    change: impl AsyncFnOnce(&DatabaseTransaction) -> Result<(T, Entry), StoreError>,
) -> Result<T, StoreError> {
    let txn = db.begin().await?;
    let (value, entry) = change(&txn).await?;
    record(&txn, &entry).await?;
    txn.commit().await?;
    Ok(value)
}

/// A change of one object, audited with the object's values before and after: `read` gives
/// them (`None` while the object does not exist), `change` makes the change; all in one
/// transaction with the entry. `entry` names the action and the object; a change to an object
/// that did not exist is recorded as its creation.
///
/// # Errors
/// `read`'s and `change`'s errors (nothing is stored then), and database errors.
pub async fn change<T>(
    db: &DatabaseConnection,
    entry: Entry,
    read: impl AsyncFn(&DatabaseTransaction) -> Result<Option<Fields>, StoreError>,
    change: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    audited(db, async |txn| {
        let before = read(txn).await?;
        let value = change(txn).await?;
        let after = read(txn).await?;
        let action = match (entry.action, &before) {
            (Action::Changed, None) => Action::Created,
            (action, _) => action,
        };
        Ok((
            value,
            Entry {
                action,
                before,
                after,
                ..entry
            },
        ))
    })
    .await
}
