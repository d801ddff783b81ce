//! Staff users.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use sea_orm::sea_query::Expr;

use super::entities::user;
use super::{StoreError, is_unique_violation};
use crate::domain::audit::Fields;
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
    /// The code of the sales point the user works at.
    pub home_sales_point: Option<String>,
    /// A point the user covers for one day instead (its code, and the day).
    pub day_sales_point: Option<(String, chrono::NaiveDate)>,
    pub last_sign_in_at: Option<chrono::DateTime<Utc>>,
    /// The password was reset by an administrator: the user must choose a new one.
    pub must_change_password: bool,
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
            home_sales_point: row.home_sales_point.clone(),
            day_sales_point: row.day_sales_point.clone().zip(row.day_sales_point_on),
            last_sign_in_at: row.last_sign_in_at,
            must_change_password: row.must_change_password,
        })
    }
}

impl StaffUser {
    /// The user as the audit trail shows them (never anything about the password but whether
    /// it must be changed).
    pub fn audit_fields(&self) -> Fields {
        Fields::new()
            .with("username", &self.username)
            .with("display_name", &self.display_name)
            .with("role", self.role)
            .with("active", self.active)
            .with_optional("home_sales_point", self.home_sales_point.as_deref())
            .with_optional(
                "day_sales_point",
                self.day_sales_point
                    .as_ref()
                    .map(|(code, day)| format!("{code} on {day}")),
            )
            .with_optional("language", self.language.map(Lang::code))
            .with("must_change_password", self.must_change_password)
    }

    /// Where the user works on `today`: the point covered for the day, else the home point.
    pub fn working_point(&self, today: chrono::NaiveDate) -> Option<&str> {
        match &self.day_sales_point {
            Some((code, day)) if *day == today => Some(code),
            _ => self.home_sales_point.as_deref(),
        }
    }
}

/// Sets the point `id` covers on `day` (`None`: back to the home point).
///
/// # Errors
/// Database errors only.
pub async fn set_day_point(
    db: &impl ConnectionTrait,
    id: i32,
    point: Option<(&str, chrono::NaiveDate)>,
) -> Result<(), StoreError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::DaySalesPoint,
            Expr::value(point.map(|(code, _)| code.to_owned())),
        )
        .col_expr(
            user::Column::DaySalesPointOn,
            Expr::value(point.map(|(_, day)| day)),
        )
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
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
        must_change_password: Set(false),
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

/// A user's role and home sales point, as an administrator sets them.
///
/// # Errors
/// `NotFound` for an unknown user; `InvalidField { field: "home_sales_point" }` for a sales
/// point that does not exist.
pub async fn set_role_and_point(
    db: &impl ConnectionTrait,
    id: i32,
    role: Role,
    home_sales_point: Option<&str>,
) -> Result<(), StoreError> {
    if let Some(code) = home_sales_point {
        let exists = super::entities::sales_point::Entity::find()
            .filter(super::entities::sales_point::Column::Code.eq(code))
            .one(db)
            .await?
            .is_some();
        if !exists {
            return Err(StoreError::InvalidField {
                field: "home_sales_point".into(),
                message: crate::domain::message::Message::new("sales-point-unknown")
                    .with("code", code),
            });
        }
    }
    let result = user::Entity::update_many()
        .col_expr(user::Column::Role, Expr::value(role.as_str()))
        .col_expr(
            user::Column::HomeSalesPoint,
            Expr::value(home_sales_point.map(str::to_string)),
        )
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound {
            what: format!("user {id}"),
        });
    }
    Ok(())
}

/// Replaces a user's password. `must_change`: the user must choose another at next sign-in
/// (an administrator's reset). Ends the user's sessions when an administrator reset it.
///
/// # Errors
/// `NotFound` for an unknown user.
pub async fn set_password(
    db: &impl ConnectionTrait,
    id: i32,
    password_hash: String,
    must_change: bool,
) -> Result<(), StoreError> {
    let result = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(user::Column::MustChangePassword, Expr::value(must_change))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound {
            what: format!("user {id}"),
        });
    }
    if must_change {
        super::sessions::delete_for_user(db, id).await?;
    }
    Ok(())
}

/// Records a successful sign-in.
///
/// # Errors
/// Database errors only.
pub async fn record_sign_in(
    db: &impl ConnectionTrait,
    id: i32,
    at: chrono::DateTime<Utc>,
) -> Result<(), StoreError> {
    user::Entity::update_many()
        .col_expr(user::Column::LastSignInAt, Expr::value(at))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// One user by id.
///
/// # Errors
/// Database errors only.
/// The user `id` as the audit trail shows them; `None` when there is no such user.
///
/// # Errors
/// Database errors only.
pub async fn audit_fields(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<Fields>, StoreError> {
    Ok(find(db, id).await?.map(|user| user.audit_fields()))
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<StaffUser>, StoreError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| StaffUser::from_row(&row))
        .transpose()
}

/// The user's password hash, to check the current password before a change.
///
/// # Errors
/// Database errors only.
pub async fn password_hash(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<String>, StoreError> {
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| row.password_hash))
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
