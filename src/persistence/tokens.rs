//! API bearer tokens for integrations (CRM, core banking).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use super::StoreError;
use super::entities::{api_token, user};
use super::users::StaffUser;
use crate::security::{random_token, token_hash};

/// Prefix that makes a leaked token recognisable to secret scanners and people.
pub const TOKEN_PREFIX: &str = "kombi_";

/// Issues a token for a user; the returned value is shown once and never stored.
///
/// # Errors
/// Database errors only.
pub async fn create(
    db: &impl ConnectionTrait,
    user_id: i32,
    name: &str,
) -> Result<String, StoreError> {
    let token = format!("{TOKEN_PREFIX}{}", random_token());
    api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.trim().to_string()),
        token_hash: Set(token_hash(&token)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user a bearer token acts for; `None` when unknown, revoked or the user is disabled.
///
/// # Errors
/// Database errors only.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<StaffUser>, StoreError> {
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(token)))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((row, Some(user_row))) = found else {
        return Ok(None);
    };
    if row.revoked_at.is_some() || !user_row.active {
        return Ok(None);
    }
    let stale = row
        .last_used_at
        .is_none_or(|last| now - last > chrono::Duration::minutes(1));
    if stale {
        let mut model: api_token::ActiveModel = row.into();
        model.last_used_at = Set(Some(now));
        model.update(db).await?;
    }
    Ok(Some(StaffUser::from_row(&user_row)?))
}
