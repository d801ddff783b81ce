//! Sign-in and sign-out.
//!
//! The sign-in form is protected against login CSRF with a double-submit token: a random value
//! in a short-lived cookie and in the form must match. A successful sign-in always starts a new
//! session (no fixation); failures are slowed down by [`super::throttle`].

use std::time::Instant;

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::error::WebError;
use super::identity::{Identity, SESSION_COOKIE, browser_language};
use super::layout::{Layout, home_for};
use super::pages::{error_page, render_with};
use super::state::AppState;
use super::verifier::VerifyError;
use crate::config::CookieSecure;
use crate::domain::audit::{Action, Actor, Entry, Subject};
use crate::domain::message::Message;
use crate::persistence::{audit, sessions, users};
use crate::security::{constant_time_eq, dummy_hash, random_token};

const SIGN_IN_CSRF_COOKIE: &str = "kombi_signin";

#[derive(Template)]
#[template(path = "auth/signin.html")]
struct SignInPage {
    layout: Layout,
    username: String,
    next: String,
    error: Option<String>,
    form_token: String,
}

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    next: String,
}

/// Only a local path is followed after sign-in, never another site: it must start with a single
/// `/` followed by something other than `/` or `\` (browsers read `//host` and `/\host` as
/// another host), and hold no whitespace or control character (browsers drop tabs and line
/// breaks from a URL, so `/\t/evil.example` is `//evil.example`; CR, LF and NUL cannot go in a
/// header at all).
fn safe_next(next: &str) -> Option<&str> {
    let mut chars = next.chars();
    let local = chars.next() == Some('/') && !matches!(chars.next(), None | Some('/' | '\\'));
    let clean = !next.chars().any(|c| c.is_whitespace() || c.is_control());
    (local && clean).then_some(next)
}

fn wants_secure_cookie(req: &HttpRequest, setting: CookieSecure) -> bool {
    match setting {
        CookieSecure::Always => true,
        CookieSecure::Never => false,
        CookieSecure::Auto => req.connection_info().scheme() == "https",
    }
}

fn cookie<'a>(req: &HttpRequest, state: &AppState, name: &'a str, value: String) -> Cookie<'a> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(wants_secure_cookie(req, state.cookie_secure))
        .finish()
}

fn sign_in_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    username: String,
    next: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = browser_language(req);
    let form_token = random_token();
    let page = SignInPage {
        layout: Layout::anonymous(lang.text("signin-title"), lang),
        username,
        next,
        error,
        form_token,
    };
    let mut response = render_with(status, &page)?;
    let mut csrf_cookie = cookie(req, state, SIGN_IN_CSRF_COOKIE, page.form_token.clone());
    csrf_cookie.set_max_age(CookieDuration::hours(1));
    csrf_cookie.set_same_site(SameSite::Strict);
    response
        .add_cookie(&csrf_cookie)
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(response)
}

/// `GET /signin`
pub async fn sign_in_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, WebError> {
    let next = query
        .next
        .as_deref()
        .and_then(safe_next)
        .unwrap_or("")
        .to_string();
    sign_in_page(&req, &state, StatusCode::OK, String::new(), next, None)
}

/// `POST /signin`
pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let cookie_token = req
        .cookie(SIGN_IN_CSRF_COOKIE)
        .map(|c| c.value().to_string());
    if !cookie_token.is_some_and(|t| !t.is_empty() && constant_time_eq(&t, &form.csrf_token)) {
        return Ok(error_page(
            StatusCode::FORBIDDEN,
            None,
            browser_language(&req),
            &Message::new("error-signin-expired"),
        ));
    }
    let lang = browser_language(&req);
    let username = form.username.trim().to_lowercase();
    let peer = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let keys = [format!("user:{username}"), format!("ip:{peer}")];
    if let Err(wait) = state.throttle.reserve(&keys, Instant::now()) {
        let seconds = wait.as_secs().max(1);
        tracing::warn!(username = ?username, %peer, seconds, "sign-in slowed down after repeated failures");
        let message = lang.message(&Message::new("signin-throttled").with("seconds", seconds));
        return sign_in_page(
            &req,
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            username,
            form.next,
            Some(message),
        );
    }

    let found = users::find_for_sign_in(&state.db, &username).await?;
    let stored_hash = found
        .as_ref()
        .map_or_else(|| dummy_hash().to_string(), |(_, h)| h.clone());
    let verified = match state.verifier.verify(form.password, stored_hash).await {
        Ok(verified) => verified,
        Err(VerifyError::Busy) => {
            // The password was not checked: the attempt is not held against anyone.
            state.throttle.release(&keys);
            tracing::warn!(username = ?username, %peer, "sign-in refused: every password verifier busy");
            let message = lang.text("signin-busy");
            return sign_in_page(
                &req,
                &state,
                StatusCode::SERVICE_UNAVAILABLE,
                username,
                form.next,
                Some(message),
            );
        }
        Err(err @ VerifyError::Failed) => return Err(WebError::Internal(err.into())),
    };
    let user = match found {
        Some((user, _)) if verified && user.active => user,
        _ => {
            tracing::info!(username = ?username, %peer, "failed sign-in");
            let claimed = Actor::Claimed {
                username: username.clone(),
            };
            let entry = Entry::new(
                claimed,
                peer.clone(),
                Action::SignInRefused,
                Subject::Session,
                &username,
            );
            audit::record(&state.db, &entry).await?;
            let message = lang.text("signin-wrong");
            return sign_in_page(
                &req,
                &state,
                StatusCode::UNAUTHORIZED,
                username,
                form.next,
                Some(message),
            );
        }
    };
    state.throttle.succeeded(&keys[0], &keys[1..]);
    sessions::delete_expired(&state.db, Utc::now()).await?;
    let signed_in = Entry::new(
        Actor::User {
            id: user.id,
            username: user.username.clone(),
        },
        peer.clone(),
        Action::SignedIn,
        Subject::Session,
        &user.username,
    );
    let origin = sessions::SessionOrigin {
        client_address: (!peer.is_empty()).then_some(peer),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    };
    let token = audit::audited(&state.db, async |db| {
        let token = sessions::create(db, user.id, &origin).await?;
        users::record_sign_in(db, user.id, Utc::now()).await?;
        Ok((token, signed_in))
    })
    .await?;
    tracing::info!(user = ?user.username, role = %user.role, "signed in");

    // A password an administrator reset must be replaced before anything else.
    let target = if user.must_change_password {
        super::account::PASSWORD_PAGE.to_string()
    } else {
        safe_next(&form.next)
            .unwrap_or(first_page(&state, user.role).await)
            .to_string()
    };
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .finish();
    let session_cookie = cookie(&req, &state, SESSION_COOKIE, token);
    response
        .add_cookie(&session_cookie)
        .map_err(|e| WebError::Internal(e.into()))?;
    response
        .add_removal_cookie(&cookie(&req, &state, SIGN_IN_CSRF_COOKIE, String::new()))
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(response)
}

/// `POST /signout` (the guard has checked the CSRF token).
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
) -> Result<HttpResponse, WebError> {
    if let Some(cookie) = req.cookie(SESSION_COOKIE) {
        audit::audited(&state.db, async |db| {
            sessions::delete(db, cookie.value()).await?;
            let entry = identity.author().entry(
                Action::SignedOut,
                Subject::Session,
                &identity.user.username,
            );
            Ok(((), entry))
        })
        .await?;
    }
    tracing::info!(user = ?identity.user.username, "signed out");
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/signin"))
        .finish();
    response
        .add_removal_cookie(&cookie(&req, &state, SESSION_COOKIE, String::new()))
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(response)
}

/// Where a role starts: its home page, except an administrator of a bank not set up yet, who is
/// led to the set-up.
async fn first_page(state: &AppState, role: crate::domain::user::Role) -> &'static str {
    if role != crate::domain::user::Role::Admin {
        return home_for(role);
    }
    match state.readiness.get(&state.db).await {
        Ok(readiness) if !readiness.bank => "/admin/setup",
        Ok(readiness) if readiness.active_points == 0 => "/admin/sales-points",
        _ => home_for(role),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/finance"), Some("/finance"));
        assert_eq!(safe_next("/desk?q=ivanov"), Some("/desk?q=ivanov"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
        assert_eq!(safe_next(""), None);
        assert_eq!(safe_next("/"), None);
    }

    #[test]
    fn whitespace_and_control_characters_are_never_followed() {
        for next in [
            "/\t/evil.example",
            "/ /evil.example",
            "/\n/evil.example",
            "/desk\r\nSet-Cookie: x=1",
            "/desk\0",
            "/desk\u{85}",
            "/desk\u{2028}",
        ] {
            assert_eq!(safe_next(next), None, "{next:?}");
        }
    }
}
