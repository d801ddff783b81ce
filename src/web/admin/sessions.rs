//! A user's active sessions on the users page, and ending them (a lost phone, a shared PC,
//! someone who left the bank): several sessions per user are normal (two devices).

use crate::domain::message::Message;
use crate::i18n::Lang;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::domain::audit::{Action, Fields, Subject};
use crate::persistence::audit;
use crate::persistence::sessions::{self, SessionSummary};
use crate::persistence::users::{self, StaffUser};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::state::AppState;

/// One live session, as the users page shows it.
pub struct SessionLine {
    pub id: i32,
    pub user_id: i32,
    pub username: String,
    pub signed_in: String,
    pub last_active: String,
    pub address: String,
    pub device: String,
}

/// "Firefox on Windows" from a User-Agent header: enough to tell a user's devices apart.
pub fn device_label(user_agent: Option<&str>) -> String {
    let Some(agent) = user_agent.filter(|a| !a.trim().is_empty()) else {
        return "unknown device".to_string();
    };
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("YaBrowser/", "Yandex Browser"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(marker, _)| agent.contains(marker))
    .map_or("a browser", |(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| agent.contains(marker))
    .map(|(_, name)| *name);
    match system {
        Some(system) => format!("{browser} on {system}"),
        None => browser.to_string(),
    }
}

/// The lines of the live sessions, with their users' names.
pub fn lines(live: Vec<SessionSummary>, users: &[StaffUser], lang: Lang) -> Vec<SessionLine> {
    live.into_iter()
        .map(|s| SessionLine {
            id: s.id,
            user_id: s.user_id,
            username: users
                .iter()
                .find(|u| u.id == s.user_id)
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            signed_in: crate::web::format::moment(lang, s.created_at),
            last_active: crate::web::format::moment(lang, s.last_seen_at),
            address: s
                .client_address
                .unwrap_or_else(|| lang.text("users-address-unknown")),
            device: device_label(s.user_agent.as_deref()),
        })
        .collect()
}

#[derive(Deserialize)]
pub struct EndForm {
    /// A session id, or `all`.
    session: String,
}

/// `POST /admin/users/{id}/sessions/end`: ends one session of the user, or all of them.
pub async fn end(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<EndForm>,
) -> Result<HttpResponse, WebError> {
    let user_id = path.into_inner();
    let which = match form.session.as_str() {
        "all" => None,
        id => Some(id.parse::<i32>().map_err(|_| {
            WebError::BadRequest(Message::new("error-session").with("value", format!("{id:?}")))
        })?),
    };
    let user = users::find(&state.db, user_id)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-user").with("id", user_id)))?;
    let ended = audit::audited(&state.db, async |db| {
        let ended = match which {
            None => sessions::delete_for_user(db, user_id).await?,
            Some(session_id) => u64::from(sessions::end(db, user_id, session_id).await?),
        };
        let entry = identity
            .author()
            .entry(Action::Ended, Subject::Session, &user.username)
            .after(
                Fields::new()
                    .with(
                        "sessions",
                        which.map_or("all".to_owned(), |id| id.to_string()),
                    )
                    .with("ended", ended),
            );
        Ok((ended, entry))
    })
    .await?;
    tracing::info!(admin = ?identity.user.username, user_id, ended, "sessions ended");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/admin/users?ended={ended}")))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::device_label;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(device_label(Some(firefox)), "Firefox on Windows");
        let chrome_android = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(device_label(Some(chrome_android)), "Chrome on Android");
        let edge =
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(device_label(Some(edge)), "Edge on Windows");
        assert_eq!(device_label(Some("curl/8.5.0")), "curl");
        assert_eq!(device_label(None), "unknown device");
    }
}
