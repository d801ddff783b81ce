//! A user's own account: changing the password (and choosing one after an administrator reset
//! it, before anything else).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::access::EVERYONE;
use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section, home_for};
use super::pages::render_with;
use super::routes::RouteTable;
use super::state::AppState;
use super::verifier::VerifyError;
use crate::domain::audit::{Action, Fields, Subject};
use crate::domain::user::NewPassword;
use crate::persistence::{audit, users};
use crate::security::hash_password;

pub const PASSWORD_PAGE: &str = "/account/password";

pub fn routes(table: &mut RouteTable) {
    table
        .get(PASSWORD_PAGE, EVERYONE, form)
        .post(PASSWORD_PAGE, EVERYONE, change);
}

/// What a user whose password was reset may still open: this page, and signing out.
pub fn open_before_password_change(pattern: &str) -> bool {
    matches!(pattern, PASSWORD_PAGE | "/signout" | "/settings/language")
}

#[derive(Template)]
#[template(path = "account/password.html")]
struct PasswordPage {
    layout: Layout,
    /// The password was reset: say why this page comes first.
    required: bool,
    errors: Vec<String>,
}

fn page(identity: &Identity, errors: Vec<String>) -> PasswordPage {
    PasswordPage {
        layout: Layout::new(
            identity.language.text("account-password-title"),
            Some(identity),
            Section::None,
        ),
        required: identity.user.must_change_password,
        errors,
    }
}

/// `GET /account/password`
async fn form(identity: Identity) -> Result<HttpResponse, WebError> {
    render_with(StatusCode::OK, &page(&identity, Vec::new()))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

/// `POST /account/password`: the current password, and the new one twice.
async fn change(
    identity: Identity,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let mut errors = Vec::new();
    let stored = users::password_hash(&state.db, identity.user.id)
        .await?
        .unwrap_or_default();
    match state.verifier.verify(form.current.clone(), stored).await {
        Ok(true) => {}
        Ok(false) => errors.push(lang.text("account-current-wrong")),
        Err(VerifyError::Busy) => errors.push(lang.text("signin-busy")),
        Err(err @ VerifyError::Failed) => return Err(WebError::Internal(err.into())),
    }
    let new = NewPassword::parse(&form.new)
        .map_err(|e| errors.push(lang.message(&e.message())))
        .ok();
    if form.new != form.repeat {
        errors.push(lang.text("account-repeat-differs"));
    }
    if form.new == form.current && !form.new.is_empty() {
        errors.push(lang.text("account-same"));
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page(&identity, errors));
    };
    let secret = new.expose().to_string();
    let hash = web::block(move || hash_password(&secret))
        .await
        .map_err(|e| WebError::Internal(e.into()))?
        .map_err(|e| WebError::Internal(anyhow::anyhow!("hashing a password: {e}")))?;
    audit::audited(&state.db, async |db| {
        users::set_password(db, identity.user.id, hash, false).await?;
        let entry = identity
            .author()
            .entry(Action::Changed, Subject::User, &identity.user.username)
            .after(Fields::new().with("password", "changed by the user"));
        Ok(((), entry))
    })
    .await?;
    tracing::info!(user = ?identity.user.username, "password changed");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, home_for(identity.role())))
        .finish())
}
