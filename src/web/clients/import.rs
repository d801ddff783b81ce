//! Upload a CRM extract, watch its progress, read its report.

use crate::domain::message::Message;
use crate::i18n::Lang;
use std::time::Duration;

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use anyhow::Context;
use askama::Template;
use futures_util::StreamExt;
use sea_orm::DatabaseConnection;
use tokio::io::AsyncWriteExt;

use crate::domain::audit::{Action, Author, Fields, Subject};
use crate::domain::import_run::{ImportRun, RunState};
use crate::import::{Mapping, StoredError};
use crate::persistence::crm_import::{Progress, import_file};
use crate::persistence::{audit, import_runs};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;

/// Largest extract accepted through the browser (a million clients is about 250 MB).
const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024 * 1024;
/// The mapping field names a saved mapping by id.
const MAX_CHOICE_BYTES: usize = 64;
/// The database is told about progress at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

pub struct RunLine {
    pub id: i32,
    pub file_name: String,
    pub state: RunState,
    /// The message key of the state's name.
    pub state_key: &'static str,
    pub started_at: String,
    pub summary: String,
    /// Rows refused: the report is shown amber when any were.
    pub rejected: u64,
}

fn run_line(run: &ImportRun, now: chrono::DateTime<chrono::Utc>, lang: Lang) -> RunLine {
    RunLine {
        id: run.id,
        file_name: run.file_name.clone(),
        state: run.state(now),
        state_key: match run.state(now) {
            RunState::Running => "import-state-running",
            RunState::Finished => "import-state-finished",
            RunState::Failed => "import-state-failed",
            RunState::Interrupted => "import-state-interrupted",
        },
        started_at: crate::web::format::moment(lang, run.started_at),
        summary: lang.message(
            &Message::new("import-summary")
                .with("rows", run.rows)
                .with("new", run.inserted)
                .with("updated", run.updated())
                .with("unchanged", run.unchanged())
                .with("rejected", run.skipped),
        ),
        rejected: run.skipped,
    }
}

#[derive(Template)]
#[template(path = "clients/import.html")]
struct ImportPage {
    layout: Layout,
    mappings: Vec<(i32, String)>,
    runs: Vec<RunLine>,
    error: Option<String>,
}

async fn import_page(
    state: &AppState,
    identity: &Identity,
    error: Option<String>,
) -> Result<ImportPage, WebError> {
    let mappings = import_runs::mappings(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let runs = import_runs::recent(&state.db, 10)
        .await?
        .iter()
        .map(|run| run_line(run, chrono::Utc::now(), identity.language))
        .collect();
    Ok(ImportPage {
        layout: Layout::new(
            identity.language.text("import-title"),
            Some(identity),
            Section::Clients,
        ),
        mappings,
        runs,
        error,
    })
}

/// `GET /clients/import`
pub async fn form(
    state: web::Data<AppState>,
    identity: Identity,
) -> Result<HttpResponse, WebError> {
    render(&import_page(&state, &identity, None).await?)
}

/// The uploaded file, spooled to disk so that memory stays bounded.
struct Upload {
    file: tempfile::NamedTempFile,
    name: String,
    bytes: u64,
}

async fn receive(mut payload: Multipart) -> Result<(Option<Upload>, String), WebError> {
    let bad = |e: actix_multipart::MultipartError| {
        WebError::BadRequest(Message::new("error-upload-cut").with("detail", e))
    };
    let (mut upload, mut mapping) = (None, String::new());
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        let disposition = field.content_disposition().cloned();
        let name = disposition
            .as_ref()
            .and_then(|d| d.get_name())
            .unwrap_or_default()
            .to_string();
        if name == "file" {
            let file_name = disposition
                .as_ref()
                .and_then(|d| d.get_filename())
                .unwrap_or("upload.csv")
                .to_string();
            let file = tempfile::NamedTempFile::new().context("creating a temporary file")?;
            // Written through tokio's file, on the blocking pool: disk writes of a large upload
            // must not stall this worker's other requests.
            let mut spool = tokio::fs::File::from_std(file.reopen().context("opening the spool")?);
            let mut bytes = 0_usize;
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(bad)?;
                bytes += chunk.len();
                if bytes > MAX_UPLOAD_BYTES {
                    return Err(WebError::BadRequest(Message::new("error-upload-too-large")));
                }
                spool
                    .write_all(&chunk)
                    .await
                    .context("spooling the upload")?;
            }
            spool.flush().await.context("spooling the upload")?;
            upload = Some(Upload {
                file,
                name: file_name,
                bytes: bytes as u64,
            });
        } else if name == "mapping" {
            // A mapping's id or "canonical": a few bytes; more is not read into memory.
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(bad)?;
                if mapping.len() + chunk.len() > MAX_CHOICE_BYTES {
                    return Err(WebError::BadRequest(Message::new("error-upload-too-large")));
                }
                mapping.push_str(&String::from_utf8_lossy(&chunk));
            }
        }
    }
    Ok((upload, mapping))
}

/// `POST /clients/import` (multipart; CSRF token in the action URL): starts the import in the
/// background and shows its progress page.
pub async fn upload(
    state: web::Data<AppState>,
    identity: Identity,
    payload: Multipart,
) -> Result<HttpResponse, WebError> {
    let (upload, mapping_choice) = receive(payload).await?;
    let Some(upload) = upload.filter(|u| u.bytes > 0) else {
        let page = import_page(
            &state,
            &identity,
            Some(identity.language.text("import-choose-file")),
        )
        .await?;
        return crate::web::pages::render_with(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            &page,
        );
    };
    let mapping = match mapping_choice.trim().parse::<i32>() {
        Ok(id) => {
            let saved = import_runs::mapping(&state.db, id).await?.ok_or_else(|| {
                WebError::BadRequest(Message::new("error-no-mapping").with("id", id))
            })?;
            Mapping::from_toml(&saved.toml).map_err(|e| {
                WebError::BadRequest(
                    Message::new("error-mapping-broken")
                        .with("name", &saved.name)
                        .with("detail", e),
                )
            })?
        }
        Err(_) => Mapping::canonical(),
    };
    let author = identity.author();
    let id = audit::audited(&state.db, async |db| {
        let id = import_runs::start(db, &upload.name, identity.user.id, upload.bytes).await?;
        let entry = author
            .entry(Action::Created, Subject::Import, id.to_string())
            .after(
                Fields::new()
                    .with("file", &upload.name)
                    .with("bytes", upload.bytes),
            );
        Ok((id, entry))
    })
    .await?;
    tracing::info!(user = ?identity.user.username, run = id, file = ?upload.name, bytes = upload.bytes, "CRM import started");
    actix_web::rt::spawn(run_import(state.db.clone(), id, upload, mapping, author));
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/clients/imports/{id}")))
        .finish())
}

async fn run_import(
    db: DatabaseConnection,
    id: i32,
    upload: Upload,
    mapping: Mapping,
    author: Author,
) {
    let (sender, mut receiver) = tokio::sync::watch::channel(Progress::default());
    let progress_db = db.clone();
    let reporter = actix_web::rt::spawn(async move {
        while receiver.changed().await.is_ok() {
            let progress = *receiver.borrow_and_update();
            if let Err(err) = import_runs::record_progress(&progress_db, id, &progress).await {
                tracing::warn!(run = id, error = %err, "cannot record import progress");
            }
            tokio::time::sleep(PROGRESS_EVERY).await;
        }
    });
    let result = import_file(&db, upload.file.path(), &mapping, |p| {
        sender.send_replace(*p);
    })
    .await;
    drop(sender);
    let _ = reporter.await;
    let entry = author.entry(Action::Imported, Subject::Import, id.to_string());
    let outcome = audit::audited(&db, async |txn| match result {
        Ok((report, progress)) => {
            import_runs::finish(txn, id, &report, &progress).await?;
            Ok(((), entry.after(progress.audit_fields())))
        }
        Err(err) => {
            import_runs::fail(txn, id, &err.to_string()).await?;
            Ok(((), entry.after(Fields::new().with("failed", err))))
        }
    })
    .await;
    if let Err(err) = outcome {
        tracing::error!(run = id, error = %err, "cannot record the end of an import");
    }
    tracing::info!(run = id, "CRM import ended");
}

#[derive(Template)]
#[template(path = "clients/run.html")]
struct RunPage {
    layout: Layout,
    run: RunLine,
    running: bool,
    percent: u64,
    message: String,
    errors: Vec<Vec<String>>,
    has_errors: bool,
    /// The text encoding the file was read in, once known.
    encoding: Option<String>,
    /// How each custom attribute's values came out: numbers, text, or both.
    attributes: Vec<crate::domain::import_run::AttributeCount>,
}

async fn find_run(state: &AppState, id: i32) -> Result<ImportRun, WebError> {
    import_runs::find(&state.db, id)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-import").with("id", id)))
}

/// `GET /clients/imports/{id}`: progress while it runs (the page refreshes itself), then the report.
pub async fn run(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    let run = find_run(&state, path.into_inner()).await?;
    let lang = identity.language;
    let errors: Vec<Vec<String>> = crate::import::stored_errors(&run.errors_csv, 100)
        .into_iter()
        .map(|e| {
            let reason = reason_in(lang, &e);
            vec![e.line, e.column, reason]
        })
        .collect();
    let line = run_line(&run, chrono::Utc::now(), lang);
    let message = match line.state {
        RunState::Interrupted => {
            lang.message(&Message::new("import-interrupted").with("rows", run.rows))
        }
        RunState::Finished if run.skipped > 0 => lang.text("import-finished-with-rejections"),
        RunState::Finished => lang.text("import-finished"),
        // A failed import's reason, as the importer wrote it.
        _ => run.message.clone(),
    };
    render(&RunPage {
        layout: Layout::new(
            lang.message(&Message::new("import-of").with("file", &run.file_name)),
            Some(&identity),
            Section::Clients,
        ),
        running: line.state == RunState::Running,
        percent: run.percent_read(),
        message,
        has_errors: !errors.is_empty(),
        errors,
        encoding: run.encoding.clone(),
        attributes: run.custom_attributes.clone(),
        run: line,
    })
}

/// `GET /clients/imports/{id}/errors.csv`: the rejected rows in the reader's language.
pub async fn errors_csv(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    let run = find_run(&state, path.into_inner()).await?;
    let lang = identity.language;
    let stored = crate::import::stored_errors(&run.errors_csv, usize::MAX);
    let columns = ["import-line", "import-column", "import-reason"].map(|key| lang.text(key));
    let mut body = Vec::new();
    crate::import::write_people_csv(&mut body, &stored, &columns, |e| reason_in(lang, e))
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"import-{}-errors.csv\"", run.id),
        ))
        .body(body))
}

/// Why a row was rejected, in `lang`; the stored English text for runs kept before the
/// messages' keys were.
fn reason_in(lang: Lang, error: &StoredError) -> String {
    lang.stored_message(&error.key, &error.args)
        .unwrap_or_else(|| error.reason.clone())
}
