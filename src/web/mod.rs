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
pub mod segments;
pub mod state;
pub mod throttle;

use actix_web::middleware::Logger;
use actix_web::web;

/// Every route of the application. Each one must also appear in [`access::rule_for`]:
/// a route missing there is refused for everybody.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(pages::home))
        .route("/healthz", web::get().to(health::healthz))
        .route("/signin", web::get().to(auth::sign_in_form))
        .route("/signin", web::post().to(auth::sign_in))
        .route("/signout", web::post().to(auth::sign_out))
        .configure(desk::routes)
        .configure(catalog::routes)
        .configure(clients::routes)
        .configure(segments::routes)
        .configure(matrices::routes)
        .configure(finance::routes)
        .configure(admin::routes)
        .configure(api::routes)
        .service(actix_files::Files::new("/static", static_dir()).prefer_utf8(true));
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
