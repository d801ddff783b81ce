//! Who is making the request: resolved by the route's guard ([`super::access::guard`]), read by handlers.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::domain::audit::{Actor, Author};
use crate::domain::user::Role;
use crate::i18n::Lang;
use crate::persistence::users::StaffUser;

/// Name of the session cookie; its value is a random token whose hash is in `sessions`.
pub const SESSION_COOKIE: &str = "kombi_session";

/// A signed-in user. Pages get it from the session cookie (with the session's CSRF token),
/// the API from a bearer token (no CSRF token: bearer requests cannot be forged by a browser).
#[derive(Clone, Debug)]
pub struct Identity {
    pub user: StaffUser,
    pub csrf_token: Option<String>,
    /// The interface language: the user's choice, else the browser's `Accept-Language`.
    pub language: Lang,
    /// The request's network address, for the audit trail.
    pub origin: String,
    /// What the bank still lacks that this user should hear of (pages only).
    pub missing: Vec<crate::domain::setup::Missing>,
}

/// The best of Kombi's languages for the request's `Accept-Language` header.
pub fn browser_language(req: &HttpRequest) -> Lang {
    req.headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::negotiate)
}

impl Identity {
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// This user, acting from this request's address: the author of audit entries.
    pub fn author(&self) -> Author {
        Author {
            actor: Actor::User {
                id: self.user.id,
                username: self.user.username.clone(),
            },
            origin: self.origin.clone(),
        }
    }

    /// The session's CSRF token for forms ("" for API identities, which render no forms).
    pub fn csrf(&self) -> &str {
        self.csrf_token.as_deref().unwrap_or_default()
    }
}

impl FromRequest for Identity {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The route's guard inserts the identity before the handler of a protected route runs.
        // Without one the handler refuses to run (fail closed), whatever happened upstream.
        let identity = req.extensions().get::<Identity>().cloned();
        ready(identity.ok_or_else(|| {
            tracing::error!(path = ?req.path(), "protected handler reached without an identity");
            actix_web::error::ErrorUnauthorized("not signed in")
        }))
    }
}
