//! The web layer: thin actix handlers by area, askama views, and the middleware that
//! enforces sign-in, roles and CSRF for every route (see [`access`]).

pub mod access;
pub mod admin;
pub mod api;
pub mod auth;
pub mod catalog;
pub mod clients;
pub mod csrf;
pub mod desk;
pub mod error;
pub mod finance;
pub mod format;
pub mod headers;
pub mod health;
pub mod identity;
pub mod layout;
pub mod matrices;
pub mod pages;
pub mod routes;
pub mod segments;
pub mod state;
pub mod throttle;
pub mod verifier;

use actix_web::middleware::Logger;
use actix_web::web;

/// Every route of the application: the route table (each handler inside its access guard),
/// the page assets, and the 404 page for everything else.
pub fn routes(cfg: &mut web::ServiceConfig) {
    routes::table().configure(cfg);
    cfg.service(actix_files::Files::new("/static", static_dir()).prefer_utf8(true));
}

/// `static/` of the source tree; `KOMBI_STATIC_DIR` overrides it for installed copies.
fn static_dir() -> String {
    std::env::var("KOMBI_STATIC_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/static").to_string())
}

/// One log line per request (method, path, status, time); query strings (which may carry an
/// upload's CSRF token), bodies and cookies are never logged.
pub fn request_log() -> Logger {
    Logger::new("%a \"%{method}xi %U\" %s %b %Dms")
        .custom_request_replace("method", |req| req.method().to_string())
        .exclude("/healthz")
}
