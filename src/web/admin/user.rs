//! One user, as an administrator manages them: role and home sales point, a password reset
//! (the user chooses a new one at next sign-in), and disabling, after a confirmation.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::audit::{Action, Fields, Subject};
use crate::domain::message::Message;
use crate::domain::user::{NewPassword, Role};
use crate::persistence::users::{self, StaffUser};
use crate::persistence::{StoreError, audit, catalog};
use crate::security::hash_password;
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section, role_key};
use crate::web::pages::render_with;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    layout: Layout,
    user: StaffUser,
    /// (value, label, selected)
    roles: Vec<(&'static str, String, bool)>,
    /// (code, name, selected)
    points: Vec<(String, String, bool)>,
    errors: Vec<String>,
    notice: Option<String>,
}

async fn find(state: &AppState, id: i32) -> Result<StaffUser, WebError> {
    users::find(&state.db, id)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-user").with("id", id)))
}

async fn page(
    state: &AppState,
    identity: &Identity,
    user: StaffUser,
    errors: Vec<String>,
    notice: Option<String>,
) -> Result<UserPage, WebError> {
    let lang = identity.language;
    // Open points, and the user's own even if it has closed (so the form shows it).
    let points = catalog::sales_points(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.active || user.home_sales_point.as_deref() == Some(p.code.as_str()))
        .map(|p| {
            let selected = user.home_sales_point.as_deref() == Some(p.code.as_str());
            (p.code, p.name, selected)
        })
        .collect();
    let roles = Role::ALL
        .into_iter()
        .map(|r| (r.as_str(), lang.text(role_key(r)), r == user.role))
        .collect();
    Ok(UserPage {
        layout: Layout::new(user.display_name.clone(), Some(identity), Section::Users),
        user,
        roles,
        points,
        errors,
        notice,
    })
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

/// `GET /admin/users/{id}`
pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    let user = find(&state, path.into_inner()).await?;
    let notice = query.saved.as_deref().map(|what| {
        identity.language.text(match what {
            "password" => "users-password-reset",
            _ => "users-saved",
        })
    });
    render_with(
        StatusCode::OK,
        &page(&state, &identity, user, Vec::new(), notice).await?,
    )
}

#[derive(Deserialize)]
pub struct UserForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    home_sales_point: String,
}

/// `POST /admin/users/{id}`: role and home sales point.
pub async fn update(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<UserForm>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner();
    let user = find(&state, id).await?;
    let lang = identity.language;
    let mut errors = Vec::new();
    let role = form
        .role
        .parse::<Role>()
        .map_err(|e| errors.push(lang.message(&e.message())))
        .ok();
    if id == identity.user.id && role.is_some_and(|r| r != Role::Admin) {
        errors.push(lang.text("users-keep-own-admin"));
    }
    let point = Some(form.home_sales_point.trim()).filter(|p| !p.is_empty());
    if let (Some(role), true) = (role, errors.is_empty()) {
        let saved = audit::change(
            &state.db,
            identity
                .author()
                .entry(Action::Changed, Subject::User, &user.username),
            async |db| users::audit_fields(db, id).await,
            async |db| users::set_role_and_point(db, id, role, point).await,
        )
        .await;
        match saved {
            Ok(()) => {
                tracing::info!(admin = ?identity.user.username, user_id = id, role = %role, point = ?point, "user's role and sales point set");
                return Ok(HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, format!("/admin/users/{id}?saved=user")))
                    .finish());
            }
            Err(StoreError::InvalidField { message, .. }) => errors.push(lang.message(&message)),
            Err(other) => return Err(other.into()),
        }
    }
    let page = page(&state, &identity, user, errors, None).await?;
    render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

/// `POST /admin/users/{id}/password`: a temporary password; the user must choose a new one at
/// next sign-in, and their sessions end now.
pub async fn reset_password(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner();
    let user = find(&state, id).await?;
    let password = match NewPassword::parse(&form.password) {
        Ok(password) => password,
        Err(err) => {
            let errors = vec![identity.language.message(&err.message())];
            let page = page(&state, &identity, user, errors, None).await?;
            return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let secret = password.expose().to_string();
    let hash = web::block(move || hash_password(&secret))
        .await
        .map_err(|e| WebError::Internal(e.into()))?
        .map_err(|e| WebError::Internal(anyhow::anyhow!("hashing a password: {e}")))?;
    audit::audited(&state.db, async |db| {
        users::set_password(db, id, hash, true).await?;
        let entry = identity
            .author()
            .entry(Action::Changed, Subject::User, &user.username)
            .after(Fields::new().with("password", "reset by an administrator"));
        Ok(((), entry))
    })
    .await?;
    tracing::info!(admin = ?identity.user.username, user_id = id, "password reset");
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/admin/users/{id}?saved=password"),
        ))
        .finish())
}

#[derive(Template)]
#[template(path = "admin/confirm_disable.html")]
pub struct ConfirmDisablePage {
    pub layout: Layout,
    pub user: StaffUser,
}

/// The page that asks before a user is disabled.
pub async fn confirm_disable(
    identity: &Identity,
    user: StaffUser,
) -> Result<HttpResponse, WebError> {
    render_with(
        StatusCode::OK,
        &ConfirmDisablePage {
            layout: Layout::new(
                identity.language.text("users-disable-title"),
                Some(identity),
                Section::Users,
            ),
            user,
        },
    )
}
