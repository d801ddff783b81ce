//! Saved column mappings: a product manager writes one once per source system and reuses it.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::import::Mapping;
use crate::persistence::import_runs;
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::{render, render_with};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "clients/mappings.html")]
struct MappingsPage {
    layout: Layout,
    saved: Vec<(String, String)>,
    name: String,
    toml: String,
    errors: Vec<String>,
    /// Just saved: the page confirms it.
    just_saved: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    saved: Option<String>,
}

#[derive(Deserialize)]
pub struct MappingForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    toml: String,
}

async fn page(
    state: &AppState,
    identity: &Identity,
    name: String,
    toml: String,
    errors: Vec<String>,
) -> Result<MappingsPage, WebError> {
    let saved = import_runs::mappings(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.name, m.toml))
        .collect();
    Ok(MappingsPage {
        layout: Layout::new(
            identity.language.text("mappings-title"),
            Some(identity),
            Section::Clients,
        ),
        saved,
        name,
        toml,
        errors,
        just_saved: false,
    })
}

/// `GET /clients/mappings`: the saved mappings, and a form prefilled with Kombi's own columns.
pub async fn list(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let mut page = page(
        &state,
        &identity,
        String::new(),
        Mapping::canonical().to_toml(),
        Vec::new(),
    )
    .await?;
    page.just_saved = query.saved.is_some();
    render(&page)
}

/// `POST /clients/mappings`: checks the TOML and saves it under its name.
pub async fn save(
    state: web::Data<AppState>,
    identity: Identity,
    form: web::Form<MappingForm>,
) -> Result<HttpResponse, WebError> {
    let MappingForm { name, toml } = form.into_inner();
    let mut errors = Vec::new();
    if name.trim().is_empty() || name.chars().count() > 100 {
        errors.push(
            "name: give the mapping a name of up to 100 characters, e.g. the source system"
                .to_string(),
        );
    }
    if let Err(err) = Mapping::from_toml(&toml) {
        errors.extend(err.0.iter().map(ToString::to_string));
    }
    if !errors.is_empty() {
        return render_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&state, &identity, name, toml, errors).await?,
        );
    }
    import_runs::save_mapping(&state.db, &name, &toml).await?;
    tracing::info!(user = ?identity.user.username, mapping = ?name.trim(), "import mapping saved");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/clients/mappings?saved=1"))
        .finish())
}
