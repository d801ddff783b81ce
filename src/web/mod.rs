//! The web layer: thin actix handlers by area, askama views, and the middleware that
//! enforces sign-in, roles and CSRF for every route (see [`access`]).

pub mod access;
pub mod account;
pub mod admin;
pub mod api;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod catalog;
pub mod charts;
pub mod clients;
pub mod credentials;
pub mod csrf;
pub mod desk;
pub mod error;
pub mod finance;
pub mod format;
pub mod headers;
pub mod health;
pub mod identity;
pub mod language;
pub mod layout;
pub mod matrices;
pub mod pages;
pub mod readiness;
pub mod routes;
pub mod segments;
pub mod state;
pub mod throttle;
pub mod verifier;
pub mod viewed;

use actix_web::middleware::Logger;
use actix_web::web;

/// Every route of the application: the route table, each handler inside its access guard.
pub fn routes(cfg: &mut web::ServiceConfig) {
    routes::table().configure(cfg);
}

/// One log line per request (method, path, status, time); query strings (which may carry an
/// upload's CSRF token), bodies and cookies are never logged.
pub fn request_log() -> Logger {
    Logger::new("%a \"%{method}xi %U\" %s %b %Dms")
        .custom_request_replace("method", |req| req.method().to_string())
        .exclude("/healthz")
}
