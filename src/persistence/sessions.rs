//! Server-side sign-in sessions: the cookie holds a random token, the table its SHA-256.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
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

/// Starts a session and returns the cookie token (shown once, never stored).
///
/// # Errors
/// Database errors only.
pub async fn create(db: &impl ConnectionTrait, user_id: i32) -> Result<String, StoreError> {
    let token = random_token();
    let now = Utc::now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(random_token()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + IDLE_TIMEOUT),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
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

/// # Errors
/// Database errors only.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: i32) -> Result<(), StoreError> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
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
