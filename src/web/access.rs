//! Deny by default: the one table of who may call which route, and the middleware that
//! enforces it before any handler runs.
//!
//! Every routed request is looked up here by method and route pattern. A route that is not in
//! [`rule_for`] is refused with 403 for everybody (and logged), so a new handler cannot be
//! reachable by accident. Pages identify the user by the session cookie and check the CSRF token
//! of every state-changing request; `/api/` routes take `Authorization: Bearer <token>` and
//! answer errors as JSON.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};
use chrono::Utc;

use super::identity::{Identity, SESSION_COOKIE};
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

const EVERYONE: &[Role] = &[Advisor, ProductManager, Finance, Admin];
const ADVISORS: &[Role] = &[Advisor];
const PRODUCT: &[Role] = &[ProductManager];
const PRODUCT_AND_FINANCE: &[Role] = &[ProductManager, Finance];
const FINANCE: &[Role] = &[Finance];
const ADMINS: &[Role] = &[Admin];

/// The access rule of a route, by method and route pattern; `None` means refused.
pub fn rule_for(method: &Method, pattern: &str) -> Option<Access> {
    use Access::{Public, Roles};
    let rule = match (method.as_str(), pattern) {
        ("GET", "/healthz" | "/signin") | ("POST", "/signin") => Public,
        ("GET", "/") | ("POST", "/signout") => Roles(EVERYONE),
        ("GET", "/desk" | "/desk/clients/{crm_id}") => Roles(ADVISORS),
        ("GET", "/catalog" | "/catalog/{code}") => Roles(PRODUCT_AND_FINANCE),
        ("GET", "/catalog/new" | "/catalog/{code}/edit")
        | ("POST", "/catalog" | "/catalog/{code}") => Roles(PRODUCT),
        ("GET", "/segments" | "/segments/new" | "/segments/count" | "/segments/{code}")
        | ("POST", "/segments" | "/segments/{code}") => Roles(PRODUCT),
        (
            "GET",
            "/clients/import" | "/clients/imports/{id}" | "/clients/imports/{id}/errors.csv",
        )
        | ("GET" | "POST", "/clients/mappings")
        | ("POST", "/clients/import") => Roles(PRODUCT),
        ("GET", "/matrices") => Roles(PRODUCT_AND_FINANCE),
        ("GET", "/finance") => Roles(FINANCE),
        ("GET", "/admin/users") | ("POST", "/admin/users" | "/admin/users/{id}/active") => {
            Roles(ADMINS)
        }
        ("GET", "/api/v1/me") => Roles(EVERYONE),
        ("POST", "/api/v1/evaluate") => Roles(PRODUCT_AND_FINANCE),
        // CRM integration writes clients with an administrator's or product manager's token.
        ("PUT", "/api/v1/clients/{crm_id}") => Roles(&[ProductManager, Admin]),
        ("GET", "/api/v1/clients/{crm_id}" | "/api/v1/clients/{crm_id}/segments") => {
            Roles(&[Advisor, ProductManager, Admin])
        }
        _ => return None,
    };
    Some(rule)
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The middleware: identifies the caller, applies [`rule_for`], checks CSRF on pages.
///
/// # Errors
/// Only errors of the wrapped service, or a form body that cannot be read.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Err(actix_web::error::ErrorInternalServerError(
            "application state missing",
        ));
    };
    let path = req.path().to_string();
    if path.starts_with("/static/") {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let api = is_api(&path);
    let Some(pattern) = req.match_pattern() else {
        // Not routed: the 404 page answers, in the layout of whoever is signed in.
        if !api && let Some(identity) = session_identity(&req, &state).await {
            req.extensions_mut().insert(identity);
        }
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let rule = rule_for(req.method(), &pattern);
    let roles = match rule {
        Some(Access::Public) => return Ok(next.call(req).await?.map_into_boxed_body()),
        Some(Access::Roles(roles)) => roles,
        None => {
            tracing::error!(method = %req.method(), %pattern, "route missing from the access policy");
            let identity = if api {
                None
            } else {
                session_identity(&req, &state).await
            };
            return Ok(req.into_response(refusal(api, StatusCode::FORBIDDEN, identity.as_ref())));
        }
    };
    let identity = if api {
        bearer_identity(&req, &state).await
    } else {
        session_identity(&req, &state).await
    };
    let Some(identity) = identity else {
        return Ok(req.into_response(unauthenticated(api, &path)));
    };
    if !roles.contains(&identity.role()) {
        tracing::warn!(user = %identity.user.username, role = %identity.role(), %pattern, "forbidden");
        return Ok(req.into_response(refusal(api, StatusCode::FORBIDDEN, Some(&identity))));
    }
    if !api && csrf::is_state_changing(req.method()) {
        let submitted = csrf::submitted_token(&mut req).await?;
        if !csrf::matches(submitted.as_deref(), identity.csrf()) {
            tracing::warn!(user = %identity.user.username, %pattern, "CSRF token missing or wrong");
            let response = pages::error_response(
                StatusCode::FORBIDDEN,
                Some(&identity),
                "This form has expired or did not come from Kombi. Go back, reload the page and try again.",
            );
            return Ok(req.into_response(response));
        }
    }
    req.extensions_mut().insert(identity);
    Ok(next.call(req).await?.map_into_boxed_body())
}

async fn session_identity(req: &ServiceRequest, state: &AppState) -> Option<Identity> {
    let token = req.cookie(SESSION_COOKIE)?.value().to_string();
    match sessions::resume(&state.db, &token, Utc::now()).await {
        Ok(found) => found.map(|s| Identity {
            user: s.user,
            csrf_token: Some(s.csrf_token),
        }),
        Err(err) => {
            tracing::error!(error = %err, "cannot read the session");
            None
        }
    }
}

async fn bearer_identity(req: &ServiceRequest, state: &AppState) -> Option<Identity> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?
        .trim();
    match tokens::authenticate(&state.db, token, Utc::now()).await {
        Ok(found) => found.map(|user| Identity {
            user,
            csrf_token: None,
        }),
        Err(err) => {
            tracing::error!(error = %err, "cannot check the API token");
            None
        }
    }
}

fn unauthenticated(api: bool, path: &str) -> HttpResponse {
    if api {
        return api::error_json(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send a valid API token as 'Authorization: Bearer <token>'",
        );
    }
    let next = serde_urlencoded::to_string([("next", path)]).unwrap_or_default();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/signin?{next}")))
        .finish()
}

fn refusal(api: bool, status: StatusCode, identity: Option<&Identity>) -> HttpResponse {
    if api {
        return api::error_json(status, "forbidden", "your role does not allow this request");
    }
    pages::error_response(
        status,
        identity,
        "Your role does not give access to this page.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_routes_are_refused() {
        assert_eq!(rule_for(&Method::GET, "/not-in-the-policy"), None);
        assert_eq!(rule_for(&Method::DELETE, "/desk"), None);
    }

    #[test]
    fn advisors_do_not_reach_finance_and_finance_cannot_administer() {
        let Some(Access::Roles(roles)) = rule_for(&Method::GET, "/finance") else {
            panic!()
        };
        assert!(!roles.contains(&Advisor));
        let Some(Access::Roles(roles)) = rule_for(&Method::POST, "/admin/users") else {
            panic!()
        };
        assert_eq!(roles, &[Admin]);
    }
}
