//! Staff users.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::entities::user;
use super::{StoreError, is_unique_violation};
use crate::domain::user::{Role, Username};
use crate::i18n::Lang;

/// A user as the rest of the application sees it (never with the password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffUser {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// The interface language the user chose, if any.
    pub language: Option<Lang>,
}

impl StaffUser {
    /// # Errors
    /// When the stored role is not one Kombi knows (a row edited by hand).
    pub fn from_row(row: &user::Model) -> Result<Self, StoreError> {
        let role = row
            .role
            .parse()
            .map_err(|e| StoreError::Invalid(format!("user {}: {e}", row.username)))?;
        Ok(Self {
            id: row.id,
            username: row.username.clone(),
            display_name: row.display_name.clone(),
            role,
            active: row.active,
            language: row.language.as_deref().and_then(Lang::parse),
        })
    }
}

/// # Errors
/// `Conflict` when the username is taken.
pub async fn create(
    db: &impl ConnectionTrait,
    username: &Username,
    display_name: &str,
    role: Role,
    password_hash: String,
) -> Result<StaffUser, StoreError> {
    let row = user::ActiveModel {
        username: Set(username.as_str().to_string()),
        display_name: Set(display_name.trim().to_string()),
        role: Set(role.as_str().to_string()),
        password_hash: Set(password_hash),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| {
        if is_unique_violation(&err) {
            StoreError::Conflict {
                field: "username",
                value: username.as_str().to_string(),
            }
        } else {
            err.into()
        }
    })?;
    StaffUser::from_row(&row)
}

/// Records the interface language a user chose (`None`: follow the browser).
///
/// # Errors
/// Database errors only.
pub async fn set_language(
    db: &impl ConnectionTrait,
    id: i32,
    language: Option<Lang>,
) -> Result<(), StoreError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::Language,
            sea_orm::sea_query::Expr::value(language.map(|l| l.code().to_string())),
        )
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The user and their password hash, for sign-in.
///
/// # Errors
/// Database errors only.
pub async fn find_for_sign_in(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<(StaffUser, String)>, StoreError> {
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?;
    row.map(|row| Ok((StaffUser::from_row(&row)?, row.password_hash)))
        .transpose()
}

/// # Errors
/// Database errors only.
pub async fn find_by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<StaffUser>, StoreError> {
    Ok(find_for_sign_in(db, username).await?.map(|(user, _)| user))
}

/// # Errors
/// Database errors only.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<StaffUser>, StoreError> {
    user::Entity::find()
        .order_by_asc(user::Column::Username)
        .all(db)
        .await?
        .iter()
        .map(StaffUser::from_row)
        .collect()
}

/// # Errors
/// Database errors only.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(user::Entity::find().count(db).await?)
}

/// Enables or disables sign-in for a user; disabling also ends their sessions.
///
/// # Errors
/// `NotFound` for an unknown id.
pub async fn set_active(
    db: &impl ConnectionTrait,
    id: i32,
    active: bool,
) -> Result<(), StoreError> {
    let row = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("user {id}"),
        })?;
    let mut model: user::ActiveModel = row.into();
    model.active = Set(active);
    model.update(db).await?;
    if !active {
        super::sessions::delete_for_user(db, id).await?;
    }
    Ok(())
}
