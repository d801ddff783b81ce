//! Pages that belong to no area: the start redirect, and the error pages in the common layout.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::access::{EVERYONE, PUBLIC, session_identity};
use super::error::WebError;
use super::identity::{Identity, browser_language};
use super::layout::{Layout, Section, home_for};
use super::routes::RouteTable;
use super::state::AppState;
use super::{auth, health};
use crate::domain::message::Message;
use crate::i18n::Lang;

/// The routes that belong to no area: start page, health check, sign-in and sign-out.
pub fn routes(table: &mut RouteTable) {
    table
        .get("/", EVERYONE, home)
        .get("/healthz", PUBLIC, health::healthz)
        .get("/signin", PUBLIC, auth::sign_in_form)
        .post("/signin", PUBLIC, auth::sign_in)
        .post("/signout", EVERYONE, auth::sign_out)
        .get("/static/{name}", PUBLIC, super::assets::serve);
}

/// Renders a page template into a `200 OK` HTML response.
///
/// # Errors
/// When the template fails to render.
pub fn render(page: &impl Template) -> Result<HttpResponse, WebError> {
    render_with(StatusCode::OK, page)
}

/// Renders a page template with another status (e.g. 422 for a form with errors).
///
/// # Errors
/// When the template fails to render.
pub fn render_with(status: StatusCode, page: &impl Template) -> Result<HttpResponse, WebError> {
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(page.render()?))
}

/// `/`: each role starts on its own home page.
pub async fn home(identity: Identity) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, home_for(identity.role())))
        .finish()
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    heading: String,
    message: String,
}

fn heading_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-400",
        403 => "error-403",
        404 => "error-404",
        429 => "error-429",
        500..=599 => "error-500",
        _ => "error-other",
    }
}

/// An error page in the common layout (with navigation when the user is known), in `lang`.
pub fn error_page(
    status: StatusCode,
    identity: Option<&Identity>,
    lang: Lang,
    message: &Message,
) -> HttpResponse {
    let heading = lang.text(heading_key(status));
    let mut layout = Layout::new(heading.clone(), identity, Section::None);
    layout.lang = lang;
    let page = ErrorPage {
        layout,
        status: status.as_u16(),
        heading,
        message: lang.message(message),
    };
    match page.render() {
        Ok(body) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(body),
        Err(err) => {
            tracing::error!(error = %err, "cannot render the error page");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(lang.message(message))
        }
    }
}

/// An error page for a signed-in user (or nobody, in English), in the user's language.
pub fn error_response(
    status: StatusCode,
    identity: Option<&Identity>,
    message: &Message,
) -> HttpResponse {
    let lang = identity.map(|i| i.language).unwrap_or_default();
    error_page(status, identity, lang, message)
}

/// Every unrouted path. No route's guard ran, so the page looks the session up only to keep
/// the signed-in user's navigation; it shows nothing else.
pub async fn not_found(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    if req.path().starts_with("/api/") {
        return super::api::error_json(StatusCode::NOT_FOUND, "not_found", "no such API route");
    }
    let identity = session_identity(&req, &state).await;
    let lang = identity
        .as_ref()
        .map_or_else(|| browser_language(&req), |i| i.language);
    error_page(
        StatusCode::NOT_FOUND,
        identity.as_ref(),
        lang,
        &Message::new("error-no-page"),
    )
}

#[derive(Template)]
#[template(path = "errors/not_ready.html")]
struct NotReadyPage {
    layout: Layout,
}

/// A page that has nothing to show until the bank is set up: its title, and the notice of
/// every page saying what is missing and who adds it.
///
/// # Errors
/// Rendering errors only.
pub fn not_ready(
    identity: &Identity,
    title_key: &'static str,
    section: Section,
) -> Result<HttpResponse, WebError> {
    render(&NotReadyPage {
        layout: Layout::new(identity.language.text(title_key), Some(identity), section),
    })
}
