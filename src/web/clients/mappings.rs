//! Saved column mappings: a product manager writes one once per source system and reuses it.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::message::Message;
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
    /// The form holds a suggestion: what only the person can decide before saving it.
    suggested: Option<Vec<String>>,
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
        suggested: None,
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

/// The start of an extract read for a suggestion: the header and hundreds of rows fit many
/// times over; the rest of the upload is not read.
const SUGGEST_BYTES: usize = 1 << 20;

/// `POST /clients/mappings/suggest` (multipart; CSRF token in the action URL): the form
/// filled with a mapping suggested from the extract's header and first rows, named after the
/// file, for the person to check, correct and save. Nothing is stored.
pub async fn suggest(
    state: web::Data<AppState>,
    identity: Identity,
    mut payload: actix_multipart::Multipart,
) -> Result<HttpResponse, WebError> {
    use futures_util::StreamExt;
    let bad = |e: actix_multipart::MultipartError| {
        WebError::BadRequest(Message::new("error-upload-cut").with("detail", e))
    };
    let mut start = Vec::new();
    let mut file_name = String::new();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        let disposition = field.content_disposition().cloned();
        if disposition.as_ref().and_then(|d| d.get_name()) != Some("file") {
            continue;
        }
        file_name = disposition
            .as_ref()
            .and_then(|d| d.get_filename())
            .unwrap_or_default()
            .to_owned();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            let room = SUGGEST_BYTES.saturating_sub(start.len());
            start.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if start.len() == SUGGEST_BYTES {
                // The last line may be cut: up to its start only.
                let end = start.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                start.truncate(end);
                break;
            }
        }
        break;
    }
    let lang = identity.language;
    if start.is_empty() {
        let page = page(
            &state,
            &identity,
            String::new(),
            String::new(),
            vec![lang.text("import-choose-file")],
        )
        .await?;
        return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let today = chrono::Utc::now().date_naive();
    // Decoding and parsing a megabyte is file work: off the async worker.
    let suggested = web::block(move || crate::import::suggest_mapping(&start[..], today))
        .await
        .map_err(|e| WebError::Internal(e.into()))?;
    match suggested {
        Ok(suggestion) => {
            let name = std::path::Path::new(&file_name)
                .file_stem()
                .map(|s| s.to_string_lossy().chars().take(100).collect())
                .unwrap_or_default();
            let mut page = page(&state, &identity, name, suggestion.toml, Vec::new()).await?;
            page.suggested = Some(suggestion.decide);
            render(&page)
        }
        Err(err) => {
            let page = page(
                &state,
                &identity,
                String::new(),
                String::new(),
                vec![err.to_string()],
            )
            .await?;
            render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
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
