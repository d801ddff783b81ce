//! The audit trail for finance and administrators: who did or saw what, when, from where, with
//! each changed field before and after; filtered by user, action, object and period, newest
//! first, a page at a time, and exported whole as CSV (streamed a page at a time).

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use askama::Template;
use futures_util::StreamExt as _;
use serde::Deserialize;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::domain::audit::{Action, Filter, FilterForm, Subject, changes};
use crate::i18n::Lang;
use crate::import::defused;
use crate::persistence::audit::{self, StoredEntry};
use crate::web::access::AUDITORS;
use crate::web::format;
use crate::web::routes::RouteTable;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/audit", AUDITORS, show)
        .get("/audit.csv", AUDITORS, export)
        .get("/audit.xlsx", AUDITORS, export_xlsx);
}

/// Entries on one page.
const PAGE: u64 = 50;
/// Entries read at a time for the export.
const EXPORT_CHUNK: u64 = 1_000;
/// Rows of a workbook at most (a sheet holds 1,048,576): past it, the last row says to use the
/// CSV export, which has no limit.
const XLSX_ROWS: usize = 200_000;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(flatten)]
    form: FilterForm,
    /// The page's entries are those written before this one.
    before: Option<i64>,
}

pub struct ChangeLine {
    pub field: String,
    pub before: String,
    pub after: String,
}

pub struct EntryLine {
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// Empty for a user; "(command line)" or "(claimed)" otherwise.
    pub actor_note: String,
    pub origin: String,
    pub action: String,
    pub subject: String,
    pub object: String,
    pub changes: Vec<ChangeLine>,
}

#[derive(Template)]
#[template(path = "audit/index.html")]
struct AuditPage {
    layout: Layout,
    form: FilterForm,
    errors: Vec<String>,
    actions: Vec<(&'static str, String)>,
    subjects: Vec<(&'static str, String)>,
    entries: Vec<EntryLine>,
    /// The next page's address; empty on the last page.
    older: String,
    /// The exports' query string: the page's filter.
    export: String,
}

fn filter_query(form: &FilterForm) -> String {
    serde_urlencoded::to_string([
        ("actor", form.actor.as_str()),
        ("action", form.action.as_str()),
        ("subject", form.subject.as_str()),
        ("object", form.object.as_str()),
        ("from", form.from.as_str()),
        ("to", form.to.as_str()),
    ])
    .unwrap_or_default()
}

fn actor_note(lang: Lang, stored: &StoredEntry) -> String {
    match stored.entry.actor.kind() {
        "os" => lang.text("audit-actor-os"),
        "claimed" => lang.text("audit-actor-claimed"),
        _ => String::new(),
    }
}

fn line(lang: Lang, stored: StoredEntry) -> EntryLine {
    let entry = &stored.entry;
    let changes = changes(entry.before.as_ref(), entry.after.as_ref())
        .into_iter()
        .map(|c| ChangeLine {
            field: c.field,
            before: c.before.unwrap_or_default(),
            after: c.after.unwrap_or_default(),
        })
        .collect();
    EntryLine {
        id: stored.id,
        at: format::moment(lang, stored.at),
        actor_note: actor_note(lang, &stored),
        actor: entry.actor.name().to_owned(),
        origin: entry.origin.clone(),
        action: lang.text(entry.action.message_key()),
        subject: lang.text(entry.subject.message_key()),
        object: entry.object.clone(),
        changes,
    }
}

async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let AuditQuery { form, before } = query.into_inner();
    let (entries, errors) = match form.parse() {
        Ok(filter) => (audit::page(&state.db, &filter, before, PAGE).await?, vec![]),
        Err(errors) => {
            let texts = errors
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        lang.text(field_key(&e.field)),
                        lang.message(&e.message)
                    )
                })
                .collect();
            (Vec::new(), texts)
        }
    };
    let older = match entries.last() {
        Some(last) if entries.len() as u64 == PAGE => {
            format!("/audit?{}&before={}", filter_query(&form), last.id)
        }
        _ => String::new(),
    };
    render(&AuditPage {
        layout: Layout::new(lang.text("nav-audit"), Some(&identity), Section::Audit),
        actions: Action::ALL
            .iter()
            .map(|a| (a.code(), lang.text(a.message_key())))
            .collect(),
        subjects: Subject::ALL
            .iter()
            .map(|s| (s.code(), lang.text(s.message_key())))
            .collect(),
        entries: entries.into_iter().map(|e| line(lang, e)).collect(),
        export: filter_query(&form),
        older,
        errors,
        form,
    })
}

fn field_key(field: &str) -> &'static str {
    match field {
        "action" => "audit-action",
        "subject" => "audit-subject",
        "from" => "results-from",
        "to" => "results-to",
        _ => "audit-object",
    }
}

/// The CSV's rows for one entry: one per changed field (one row without a field when nothing
/// but the action itself is recorded, as for a view).
fn csv_rows(lang: Lang, stored: &StoredEntry) -> Vec<[String; 11]> {
    let entry = &stored.entry;
    let head = [
        stored.id.to_string(),
        stored.at.to_rfc3339(),
        entry.actor.kind().to_owned(),
        defused(entry.actor.name()),
        defused(&entry.origin),
        lang.text(entry.action.message_key()),
        lang.text(entry.subject.message_key()),
        defused(&entry.object),
    ];
    let changes = changes(entry.before.as_ref(), entry.after.as_ref());
    if changes.is_empty() {
        let [a, b, c, d, e, f, g, h] = head;
        return vec![[
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            String::new(),
            String::new(),
            String::new(),
        ]];
    }
    changes
        .into_iter()
        .map(|change| {
            let [a, b, c, d, e, f, g, h] = head.clone();
            [
                a,
                b,
                c,
                d,
                e,
                f,
                g,
                h,
                defused(&change.field),
                defused(&change.before.unwrap_or_default()),
                defused(&change.after.unwrap_or_default()),
            ]
        })
        .collect()
}

fn csv_chunk(rows: impl IntoIterator<Item = [String; 11]>) -> Result<Bytes, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(&row)?;
    }
    writer
        .into_inner()
        .map(Bytes::from)
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The exports' column titles, in the reader's language.
fn header_row(lang: Lang) -> [String; 11] {
    [
        "audit-col-number",
        "audit-col-time",
        "audit-col-actor-kind",
        "audit-col-actor",
        "audit-col-origin",
        "audit-action",
        "audit-subject",
        "audit-object",
        "audit-col-field",
        "audit-col-before",
        "audit-col-after",
    ]
    .map(|key| lang.text(key))
}

fn read_filter(query: &AuditQuery) -> Result<Filter, WebError> {
    query.form.parse().map_err(|errors| {
        let message = errors.into_iter().next().map(|e| e.message);
        WebError::BadRequest(message.unwrap_or_else(|| {
            crate::domain::message::Message::new("audit-unknown-code").with("value", "")
        }))
    })
}

/// `GET /audit.xlsx`: the CSV export's rows as a workbook (the entry's number a number, the
/// rest text, exactly as in the CSV), up to [`XLSX_ROWS`] rows; built off the async workers.
async fn export_xlsx(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let filter = read_filter(&query)?;
    let mut rows = vec![header_row(lang)];
    let mut before = None;
    let mut cut = false;
    loop {
        let page = audit::page(&state.db, &filter, before, EXPORT_CHUNK).await?;
        for entry in &page {
            rows.extend(csv_rows(lang, entry));
        }
        if rows.len() > XLSX_ROWS {
            rows.truncate(XLSX_ROWS);
            cut = true;
            break;
        }
        match page.last() {
            Some(last) if page.len() as u64 == EXPORT_CHUNK => before = Some(last.id),
            _ => break,
        }
    }
    let note = cut.then(|| lang.text("audit-xlsx-cut"));
    let sheet = lang.text("nav-audit");
    let body = web::block(move || workbook(&sheet, &rows, note.as_deref()))
        .await
        .map_err(|e| WebError::Internal(e.into()))?
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit.xlsx\"",
        ))
        .body(body))
}

fn workbook(
    sheet_name: &str,
    rows: &[[String; 11]],
    note: Option<&str>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(sheet_name)?;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            if r == 0 {
                sheet.write_string_with_format(r, c, cell, &bold)?;
            } else if c == 0
                && let Ok(number) = cell.parse::<u32>()
            {
                // Entry numbers stay far below 2^53: exact as a spreadsheet number.
                sheet.write_number(r, c, f64::from(number))?;
            } else {
                // Text as is: a spreadsheet does not run a text cell as a formula.
                sheet.write_string(r, c, cell)?;
            }
        }
    }
    if let Some(note) = note {
        let r = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        sheet.write_string(r, 0, note)?;
    }
    book.save_to_buffer()
}

/// `GET /audit.csv`: every entry of the filter, newest first, read and sent a chunk at a
/// time (memory stays bounded whatever the trail's length).
async fn export(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let filter = read_filter(&query)?;
    let first = csv_chunk([header_row(lang)]).map_err(|e| WebError::Internal(e.into()))?;
    let db = state.db.clone();
    // State: the last entry sent (None before the first chunk), and whether all was sent.
    let chunks = futures_util::stream::unfold((None::<i64>, false), move |(before, done)| {
        let db = db.clone();
        let filter = filter.clone();
        async move {
            if done {
                return None;
            }
            let page = match audit::page(&db, &filter, before, EXPORT_CHUNK).await {
                Ok(page) => page,
                Err(err) => {
                    tracing::error!(%err, "exporting the audit trail");
                    return Some((
                        Err(actix_web::error::ErrorInternalServerError(err)),
                        (before, true),
                    ));
                }
            };
            let last = page.last().map(|e| e.id);
            let finished = (page.len() as u64) < EXPORT_CHUNK;
            let rows = page.iter().flat_map(|e| csv_rows(lang, e));
            let chunk = csv_chunk(rows).map_err(actix_web::error::ErrorInternalServerError);
            Some((chunk, (last.or(before), finished)))
        }
    });
    let body =
        futures_util::stream::once(async move { Ok::<_, actix_web::Error>(first) }).chain(chunks);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit.csv\"",
        ))
        .streaming(body))
}
