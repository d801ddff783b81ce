//! Server-side sign-in sessions: the cookie holds a random token, the table its SHA-256.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::StoreError;
use super::entities::{session, user};
use super::users::StaffUser;
use crate::security::{random_token, token_hash};

/// A session ends after this long without a request …
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);
/// … and in any case this long after sign-in (one working day at a desk).
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// A signed-in user with the session's CSRF token.
#[derive(Clone, Debug)]
pub struct ActiveSession {
    pub id: i32,
    pub user: StaffUser,
    pub csrf_token: String,
}

/// Where a session was started from, as administrators see it (both as the client sent them).
#[derive(Clone, Debug, Default)]
pub struct SessionOrigin {
    pub client_address: Option<String>,
    pub user_agent: Option<String>,
}

/// A live session, as the users page lists it.
#[derive(Clone, Debug)]
pub struct SessionSummary {
    pub id: i32,
    pub user_id: i32,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub client_address: Option<String>,
    pub user_agent: Option<String>,
}

/// At most `max` characters of `text`, for a column of that width.
fn clipped(text: Option<&str>, max: usize) -> Option<String> {
    text.map(|t| t.chars().take(max).collect())
}

/// Starts a session and returns the cookie token (shown once, never stored).
///
/// # Errors
/// Database errors only.
pub async fn create(
    db: &impl ConnectionTrait,
    user_id: i32,
    origin: &SessionOrigin,
) -> Result<String, StoreError> {
    let token = random_token();
    let now = Utc::now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(random_token()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + IDLE_TIMEOUT),
        client_address: Set(clipped(origin.client_address.as_deref(), 64)),
        user_agent: Set(clipped(origin.user_agent.as_deref(), 200)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Every session still live at `now` (of enabled and disabled users alike), most recently
/// active first. Bounded by staff × devices: one query for the whole users page.
///
/// # Errors
/// Database errors only.
pub async fn live(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<SessionSummary>, StoreError> {
    let rows = session::Entity::find()
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionSummary {
            id: row.id,
            user_id: row.user_id,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            client_address: row.client_address,
            user_agent: row.user_agent,
        })
        .collect())
}

/// Ends one session of a user (an administrator's decision); `false` when the user has no
/// such session (already ended, or not theirs).
///
/// # Errors
/// Database errors only.
pub async fn end(
    db: &impl ConnectionTrait,
    user_id: i32,
    session_id: i32,
) -> Result<bool, StoreError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// The live session for a cookie token, extending its idle timeout; `None` when unknown,
/// expired or the user is disabled.
///
/// # Errors
/// Database errors only.
pub async fn resume(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<ActiveSession>, StoreError> {
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((row, Some(user_row))) = found else {
        return Ok(None);
    };
    if row.expires_at <= now || !user_row.active {
        return Ok(None);
    }
    // Write at most once a minute per session: a page view should not cost a write.
    if now - row.last_seen_at > Duration::minutes(1) {
        let expires_at = (now + IDLE_TIMEOUT).min(row.created_at + ABSOLUTE_TIMEOUT);
        let mut model: session::ActiveModel = row.clone().into();
        model.last_seen_at = Set(now);
        model.expires_at = Set(expires_at);
        model.update(db).await?;
    }
    Ok(Some(ActiveSession {
        id: row.id,
        user: StaffUser::from_row(&user_row)?,
        csrf_token: row.csrf_token,
    }))
}

/// Ends the session of this cookie token (sign-out).
///
/// # Errors
/// Database errors only.
pub async fn delete(db: &impl ConnectionTrait, token: &str) -> Result<(), StoreError> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user; returns how many there were.
///
/// # Errors
/// Database errors only.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, StoreError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Removes expired sessions; called at each sign-in so the table stays small.
///
/// # Errors
/// Database errors only.
pub async fn delete_expired(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
