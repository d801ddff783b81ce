//! User administration, for administrators.

mod bank;
mod points;

pub use points::{receive_small_file, row_messages};
mod sessions;
mod staff;
mod user;

use chrono::Utc;

use crate::web::access::ADMINS;
use crate::web::routes::RouteTable;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::{render, render_with};
use super::state::AppState;
use crate::domain::audit::{Action, Subject};
use crate::domain::message::Message;
use crate::domain::user::{NewPassword, Role, Username};
use crate::persistence::users::{self, StaffUser};
use crate::persistence::{StoreError, audit};
use crate::security::hash_password;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/admin/setup", ADMINS, bank::setup_form)
        .post("/admin/setup", ADMINS, bank::setup)
        .get("/admin/bank", ADMINS, bank::show)
        .post("/admin/bank", ADMINS, bank::update)
        .post("/admin/companies", ADMINS, bank::save_company)
        .get("/admin/sales-points", ADMINS, points::list)
        .get("/admin/sales-points/new", ADMINS, points::new_form)
        .post("/admin/sales-points/new", ADMINS, points::create)
        .post("/admin/sales-points/import", ADMINS, points::import)
        .get("/admin/sales-points/{code}", ADMINS, points::show)
        .post("/admin/sales-points/{code}", ADMINS, points::update)
        .post("/admin/sales-points/{code}/close", ADMINS, points::close)
        .post("/admin/sales-points/{code}/reopen", ADMINS, points::reopen)
        .get("/admin/users", ADMINS, list)
        .post("/admin/users", ADMINS, create)
        .get("/admin/users/import", ADMINS, staff::form)
        .post("/admin/users/import", ADMINS, staff::import)
        .get("/admin/users/{id}", ADMINS, user::show)
        .post("/admin/users/{id}", ADMINS, user::update)
        .post("/admin/users/{id}/password", ADMINS, user::reset_password)
        .post("/admin/users/{id}/active", ADMINS, set_active)
        .post("/admin/users/{id}/sessions/end", ADMINS, sessions::end);
}

#[derive(Deserialize, Default)]
pub struct NewUserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// Messages next to the fields of the new-user form.
#[derive(Default)]
pub struct FormErrors {
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub role: Option<String>,
    pub password: Option<String>,
}

impl FormErrors {
    pub fn any(&self) -> bool {
        self.username.is_some()
            || self.display_name.is_some()
            || self.role.is_some()
            || self.password.is_some()
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    added: Option<String>,
    ended: Option<u64>,
}

/// A user and how many live sessions they have.
pub struct UserLine {
    pub user: StaffUser,
    pub sessions: usize,
}

impl UsersPage {
    fn role_key(&self, role: &Role) -> &'static str {
        crate::web::layout::role_key(*role)
    }

    fn last_sign_in(&self, user: &StaffUser) -> String {
        user.last_sign_in_at.map_or_else(
            || self.layout.t("users-never"),
            |at| crate::web::format::moment(self.layout.lang, at),
        )
    }
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    users: Vec<UserLine>,
    sessions: Vec<sessions::SessionLine>,
    roles: [Role; 4],
    form_username: String,
    form_display_name: String,
    form_role: String,
    errors: FormErrors,
    notice: Option<String>,
    me: i32,
}

async fn page(
    state: &AppState,
    identity: &Identity,
    form: NewUserForm,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<UsersPage, WebError> {
    let staff = users::list(&state.db).await?;
    let live = sessions::lines(
        crate::persistence::sessions::live(&state.db, Utc::now()).await?,
        &staff,
        identity.language,
    );
    let users = staff
        .into_iter()
        .map(|user| UserLine {
            sessions: live.iter().filter(|s| s.user_id == user.id).count(),
            user,
        })
        .collect();
    Ok(UsersPage {
        layout: Layout::new(
            identity.language.text("nav-users"),
            Some(identity),
            Section::Users,
        ),
        users,
        sessions: live,
        roles: Role::ALL,
        form_username: form.username,
        form_display_name: form.display_name,
        form_role: form.role,
        errors,
        notice,
        me: identity.user.id,
    })
}

async fn list(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let notice = match (&query.added, query.ended) {
        (Some(name), _) => Some(lang.message(&Message::new("users-added").with("username", name))),
        (None, Some(n)) => {
            Some(lang.message(&Message::new("users-sessions-ended").with("count", n)))
        }
        (None, None) => None,
    };
    render(
        &page(
            &state,
            &identity,
            NewUserForm::default(),
            FormErrors::default(),
            notice,
        )
        .await?,
    )
}

async fn create(
    state: web::Data<AppState>,
    identity: Identity,
    form: web::Form<NewUserForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let lang = identity.language;
    let mut errors = FormErrors::default();
    let username = Username::parse(&form.username)
        .map_err(|e| errors.username = Some(lang.message(&e.message())))
        .ok();
    let role = form
        .role
        .parse::<Role>()
        .map_err(|e| errors.role = Some(lang.message(&e.message())))
        .ok();
    let password = NewPassword::parse(&form.password)
        .map_err(|e| errors.password = Some(lang.message(&e.message())))
        .ok();
    if form.display_name.trim().is_empty() || form.display_name.chars().count() > 200 {
        errors.display_name = Some(lang.text("user-display-name-invalid"));
    }
    let (Some(username), Some(role), Some(password), false) =
        (username, role, password, errors.any())
    else {
        let page = page(&state, &identity, form, errors, None).await?;
        return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let secret = password.expose().to_string();
    let hash = web::block(move || hash_password(&secret))
        .await
        .map_err(|e| WebError::Internal(e.into()))?
        .map_err(|e| WebError::Internal(anyhow::anyhow!("hashing a password: {e}")))?;
    let created = audit::audited(&state.db, async |db| {
        let user = users::create(db, &username, &form.display_name, role, hash).await?;
        let entry = identity
            .author()
            .entry(Action::Created, Subject::User, &user.username)
            .after(user.audit_fields());
        Ok((user, entry))
    })
    .await;
    match created {
        Ok(user) => {
            tracing::info!(admin = ?identity.user.username, user = ?user.username, role = %role, "user added");
            let location = format!("/admin/users?added={}", user.username);
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish())
        }
        Err(StoreError::Conflict { .. }) => {
            let errors = FormErrors {
                username: Some("this username is already taken".into()),
                ..Default::default()
            };
            let page = page(&state, &identity, form, errors, None).await?;
            render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
    /// `yes` once the administrator confirmed a disabling.
    #[serde(default)]
    confirm: String,
}

async fn set_active(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<i32>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner();
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        other => {
            return Err(WebError::BadRequest(
                Message::new("error-active").with("value", format!("{other:?}")),
            ));
        }
    };
    if id == identity.user.id && !active {
        return Err(WebError::BadRequest(Message::new("error-disable-self")));
    }
    let user = users::find(&state.db, id)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-user").with("id", id)))?;
    if !active && form.confirm != "yes" {
        return user::confirm_disable(&identity, user).await;
    }
    let action = if active {
        Action::Changed
    } else {
        Action::Deactivated
    };
    audit::change(
        &state.db,
        identity
            .author()
            .entry(action, Subject::User, &user.username),
        async |db| users::audit_fields(db, id).await,
        async |db| users::set_active(db, id, active).await,
    )
    .await?;
    tracing::info!(admin = ?identity.user.username, user_id = id, active, "user access changed");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/admin/users"))
        .finish())
}
