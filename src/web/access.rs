//! Who may call a route, and the guard that enforces it around each route's handler.
//!
//! The rule of every route is declared next to its handler in [`super::routes`]; the router
//! wraps each handler in [`guard`] with that rule, so the rule applied is always the rule of
//! the handler that runs (the guard runs after routing, on the route the router chose). Pages
//! identify the user by the session cookie and check the CSRF token of every state-changing
//! request; `/api/` routes take `Authorization: Bearer <token>` and answer errors as JSON.
//! Unrouted paths never reach a guard: they get the 404 page (or 405 for a known path).

use crate::domain::message::Message;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::identity::{Identity, SESSION_COOKIE, browser_language};
use super::routes::RouteSpec;
use super::state::AppState;
use super::{api, csrf, pages};
use crate::domain::user::Role;
use crate::persistence::{sessions, tokens};

use Role::{Admin, Advisor, Finance, ProductManager};

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in users holding one of these roles.
    Roles(&'static [Role]),
}

impl Access {
    pub fn allows(self, role: Option<Role>) -> bool {
        match self {
            Access::Public => true,
            Access::Roles(roles) => role.is_some_and(|r| roles.contains(&r)),
        }
    }
}

pub const PUBLIC: Access = Access::Public;
pub const EVERYONE: Access = Access::Roles(&[Advisor, ProductManager, Finance, Admin]);
pub const ADVISORS: Access = Access::Roles(&[Advisor]);
pub const PRODUCT: Access = Access::Roles(&[ProductManager]);
pub const PRODUCT_AND_FINANCE: Access = Access::Roles(&[ProductManager, Finance]);
pub const FINANCE: Access = Access::Roles(&[Finance]);
pub const ADMINS: Access = Access::Roles(&[Admin]);
/// CRM integration writes clients with an administrator's or product manager's token.
pub const CRM_WRITERS: Access = Access::Roles(&[ProductManager, Admin]);
pub const CLIENT_READERS: Access = Access::Roles(&[Advisor, ProductManager, Admin]);
/// Recorded offers and results: advisors (their own), product managers and finance (all).
pub const OFFER_READERS: Access = Access::Roles(&[Advisor, ProductManager, Finance]);
/// The audit trail: finance (and its auditors) and the administrators of access.
pub const AUDITORS: Access = Access::Roles(&[Finance, Admin]);

/// The guard of one route: identifies the caller, applies the route's rule, checks CSRF on
/// pages, and only then lets the handler run with the [`Identity`] in the request.
///
/// # Errors
/// Only errors of the wrapped handler, or a form body that cannot be read.
pub async fn guard(
    route: RouteSpec,
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let roles = match route.access {
        Access::Public => return Ok(next.call(req).await?.map_into_boxed_body()),
        Access::Roles(roles) => roles,
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Err(actix_web::error::ErrorInternalServerError(
            "application state missing",
        ));
    };
    let api = route.is_api();
    let identity = if api {
        bearer_identity(req.request(), &state).await
    } else {
        session_identity(req.request(), &state).await
    };
    let Some(identity) = identity else {
        let response = unauthenticated(api, req.path(), req.query_string());
        return Ok(req.into_response(response));
    };
    if !roles.contains(&identity.role()) {
        tracing::warn!(user = ?identity.user.username, role = %identity.role(), pattern = route.path, "forbidden");
        return Ok(req.into_response(refusal(api, StatusCode::FORBIDDEN, Some(&identity))));
    }
    if identity.user.must_change_password
        && !super::account::open_before_password_change(route.path)
    {
        // An administrator reset this password: the user chooses a new one first.
        let response = if api {
            api::error_json(
                StatusCode::FORBIDDEN,
                "password_change_required",
                "sign in on the web and choose a new password first",
            )
        } else {
            HttpResponse::SeeOther()
                .insert_header((header::LOCATION, super::account::PASSWORD_PAGE))
                .finish()
        };
        return Ok(req.into_response(response));
    }
    if !api && csrf::is_state_changing(req.method()) {
        let submitted = csrf::submitted_token(&mut req).await?;
        if !csrf::matches(submitted.as_deref(), identity.csrf()) {
            tracing::warn!(user = ?identity.user.username, pattern = route.path, "CSRF token missing or wrong");
            let response = pages::error_response(
                StatusCode::FORBIDDEN,
                Some(&identity),
                &Message::new("error-csrf"),
            );
            return Ok(req.into_response(response));
        }
    }
    let mut identity = identity;
    if !api {
        match state.readiness.get(&state.db).await {
            Ok(readiness) => identity.missing = readiness.missing_for(identity.role()),
            // The notice is a help, not a gate: the page is served without it.
            Err(err) => tracing::error!(error = %err, "cannot tell what the bank lacks"),
        }
    }
    req.extensions_mut().insert(identity);
    let changing = csrf::is_state_changing(req.method());
    let response = next.call(req).await?.map_into_boxed_body();
    if changing {
        // A form may have changed the bank, a user, a session or a token: this server's next
        // request reads them afresh. (No API call changes a user, a session or a token.)
        state.readiness.forget();
        if !api {
            state.sessions.forget();
            state.tokens.forget();
        }
    }
    Ok(response)
}

/// The signed-in user of the session cookie, if any (also used by the 404 page's layout).
pub async fn session_identity(req: &HttpRequest, state: &AppState) -> Option<Identity> {
    let token = req.cookie(SESSION_COOKIE)?.value().to_string();
    let hash = crate::security::token_hash(&token);
    let found = match state.sessions.get(&hash) {
        Some(session) => Ok(Some(session)),
        None => sessions::resume(&state.db, &token, Utc::now())
            .await
            .inspect(|found| {
                if let Some(session) = found {
                    state.sessions.keep(hash, session.clone());
                }
            }),
    };
    match found {
        Ok(found) => found.map(|s| Identity {
            language: s.user.language.unwrap_or_else(|| browser_language(req)),
            user: s.user,
            csrf_token: Some(s.csrf_token),
            origin: origin(req),
            missing: Vec::new(),
        }),
        Err(err) => {
            tracing::error!(error = %err, "cannot read the session");
            None
        }
    }
}

async fn bearer_identity(req: &HttpRequest, state: &AppState) -> Option<Identity> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?
        .trim();
    let hash = crate::security::token_hash(token);
    let found = match state.tokens.get(&hash) {
        Some(user) => Ok(Some(user)),
        None => tokens::authenticate(&state.db, token, Utc::now())
            .await
            .inspect(|found| {
                if let Some(user) = found {
                    state.tokens.keep(hash, user.clone());
                }
            }),
    };
    match found {
        Ok(found) => found.map(|user| Identity {
            language: user.language.unwrap_or_else(|| browser_language(req)),
            user,
            csrf_token: None,
            origin: origin(req),
            missing: Vec::new(),
        }),
        Err(err) => {
            tracing::error!(error = %err, "cannot check the API token");
            None
        }
    }
}

/// Where a request comes from, for the audit trail: the connection's address (headers a
/// client can set are not trusted).
pub fn origin(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

fn unauthenticated(api: bool, path: &str, query: &str) -> HttpResponse {
    if api {
        return api::error_json(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send a valid API token as 'Authorization: Bearer <token>'",
        );
    }
    // Back to the same page after signing in (sign-in follows only local paths).
    let target = if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    };
    let next = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/signin?{next}")))
        .finish()
}

fn refusal(api: bool, status: StatusCode, identity: Option<&Identity>) -> HttpResponse {
    if api {
        return api::error_json(status, "forbidden", "your role does not allow this request");
    }
    pages::error_response(status, identity, &Message::new("error-role"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::routes::specs;

    fn rule(method: &str, path: &str) -> Access {
        specs()
            .into_iter()
            .find(|s| s.method.as_str() == method && s.path == path)
            .map(|s| s.access)
            .unwrap_or_else(|| panic!("{method} {path} is not routed"))
    }

    #[test]
    fn a_rule_allows_only_its_roles_and_nobody_anonymous() {
        assert!(ADVISORS.allows(Some(Advisor)));
        assert!(!ADVISORS.allows(Some(Finance)));
        assert!(!EVERYONE.allows(None));
        assert!(PUBLIC.allows(None));
    }

    #[test]
    fn advisors_do_not_reach_finance_and_finance_cannot_administer() {
        assert!(!rule("GET", "/finance").allows(Some(Advisor)));
        assert_eq!(rule("POST", "/admin/users"), ADMINS);
        assert!(!rule("GET", "/catalog/new").allows(Some(Finance)));
    }

    #[test]
    fn only_sign_in_the_health_check_and_the_api_description_are_public() {
        let public: Vec<_> = specs()
            .into_iter()
            .filter(|s| s.access == PUBLIC)
            .map(|s| format!("{} {}", s.method, s.path))
            .collect();
        assert_eq!(
            public,
            [
                "GET /healthz",
                "GET /signin",
                "POST /signin",
                "GET /static/{name}",
                "GET /api/v1/openapi.json"
            ]
        );
    }
}
