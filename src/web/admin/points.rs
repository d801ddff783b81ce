//! Sales points for administrators: the list (active and closed), a form to add or edit one,
//! closing (deleted when nothing names it, else deactivated) and reopening, and a CSV import
//! for a bank with hundreds of branches.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;

use super::bank::{FieldMessages, format_key, messages};
use crate::domain::bank::SalesPoint;
use crate::domain::message::Message;
use crate::domain::product::ProductKind;
use crate::domain::setup::{OpenableKinds, PointFormat, SalesPointDraft, SalesPointForm};
use crate::import::{RowError, reference};
use crate::persistence::StoreError;
use crate::persistence::catalog::sales_points;
use crate::service::setup::{self as service, PointClosed, PointsImported};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::{render, render_with};
use crate::web::state::AppState;

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

/// `value` for a query string.
fn query_value(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .map(|s| s.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}

/// The point form's fields as typed (kinds: the boxes ticked).
#[derive(Clone, Debug, Default)]
pub struct PointFields {
    pub code: String,
    pub name: String,
    pub city: String,
    pub region: String,
    pub format: String,
    pub branch_cost_per_minute: String,
    pub visit_overhead_minutes: String,
    pub visit_limit_minutes: String,
    pub kinds: Vec<String>,
}

/// The domain's form from the page's fields; `all_kinds` when the form has no kind boxes.
pub fn point_form(fields: &PointFields, all_kinds: bool) -> SalesPointForm {
    SalesPointForm {
        code: fields.code.clone(),
        name: fields.name.clone(),
        city: fields.city.clone(),
        region: fields.region.clone(),
        format: fields.format.clone(),
        branch_cost_per_minute: fields.branch_cost_per_minute.clone(),
        visit_overhead_minutes: fields.visit_overhead_minutes.clone(),
        visit_limit_minutes: fields.visit_limit_minutes.clone(),
        product_kinds: if all_kinds {
            "*".to_owned()
        } else if fields.kinds.is_empty() {
            // No box ticked: say so rather than read it as every kind.
            "none".to_owned()
        } else {
            fields.kinds.join(",")
        },
    }
}

impl PointFields {
    fn of(point: &SalesPoint) -> Self {
        let opt = |v: Option<rust_decimal::Decimal>| v.map(|v| v.normalize().to_string());
        Self {
            code: point.code.clone(),
            name: point.name.clone(),
            city: point.city.clone(),
            region: point.region.clone(),
            format: point.format.clone(),
            branch_cost_per_minute: point.costs.branch_cost_per_minute.normalize().to_string(),
            visit_overhead_minutes: point.costs.visit_overhead_minutes.normalize().to_string(),
            visit_limit_minutes: opt(point.costs.visit_limit_minutes).unwrap_or_default(),
            kinds: ProductKind::ALL
                .into_iter()
                .filter(|k| point.opens.allows(*k))
                .map(|k| k.as_str().to_owned())
                .collect(),
        }
    }

    /// From the urlencoded body: repeated `kinds` boxes need the raw pairs.
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut fields = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "code" => fields.code = value,
                "name" => fields.name = value,
                "city" => fields.city = value,
                "region" => fields.region = value,
                "format" => fields.format = value,
                "branch_cost_per_minute" => fields.branch_cost_per_minute = value,
                "visit_overhead_minutes" => fields.visit_overhead_minutes = value,
                "visit_limit_minutes" => fields.visit_limit_minutes = value,
                "kinds" => fields.kinds.push(value),
                _ => {}
            }
        }
        fields
    }
}

#[derive(Template)]
#[template(path = "admin/points.html")]
struct PointsPage {
    layout: Layout,
    points: Vec<SalesPoint>,
    notice: Option<String>,
    import_errors: Vec<String>,
    pasted: String,
    costs_editable: bool,
}

impl PointsPage {
    fn format_label(&self, format: &str) -> String {
        PointFormat::parse(format)
            .map_or_else(|| format.to_owned(), |f| self.layout.t(format_key(f)))
    }

    fn kinds_label(&self, point: &SalesPoint) -> String {
        match &point.opens {
            OpenableKinds::All => self.layout.t("points-all-kinds"),
            OpenableKinds::Only(kinds) => kinds
                .iter()
                .map(|k| self.layout.t(k.label_key()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    done: Option<String>,
    code: Option<String>,
    added: Option<usize>,
    updated: Option<usize>,
    kept: Option<String>,
}

fn list_notice(identity: &Identity, query: &ListQuery) -> Option<String> {
    let lang = identity.language;
    let code = query.code.clone().unwrap_or_default();
    Some(match query.done.as_deref()? {
        "set-up" => lang.text("points-done-set-up"),
        "added" => lang.message(&Message::new("points-done-added").with("code", code)),
        "saved" => lang.message(&Message::new("points-done-saved").with("code", code)),
        "saved-costs-kept" => {
            lang.message(&Message::new("points-done-costs-kept").with("codes", code))
        }
        "deleted" => lang.message(&Message::new("points-done-deleted").with("code", code)),
        "deactivated" => lang.message(&Message::new("points-done-deactivated").with("code", code)),
        "reopened" => lang.message(&Message::new("points-done-reopened").with("code", code)),
        "imported" => {
            let mut text = lang.message(
                &Message::new("points-done-imported")
                    .with("added", query.added.unwrap_or(0))
                    .with("updated", query.updated.unwrap_or(0)),
            );
            if let Some(kept) = query.kept.as_deref().filter(|k| !k.is_empty()) {
                text.push(' ');
                text.push_str(
                    &lang.message(&Message::new("points-done-costs-kept").with("codes", kept)),
                );
            }
            text
        }
        _ => return None,
    })
}

async fn list_page(
    state: &AppState,
    identity: &Identity,
    notice: Option<String>,
    import_errors: Vec<String>,
    pasted: String,
) -> Result<PointsPage, WebError> {
    Ok(PointsPage {
        layout: Layout::new(
            identity.language.text("points-title"),
            Some(identity),
            Section::SalesPoints,
        ),
        points: sales_points(&state.db).await?,
        notice,
        import_errors,
        pasted,
        costs_editable: service::costs_are_editable(&state.db).await?,
    })
}

/// `GET /admin/sales-points`
pub async fn list(
    identity: Identity,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let notice = list_notice(&identity, &query);
    render(&list_page(&state, &identity, notice, Vec::new(), String::new()).await?)
}

#[derive(Template)]
#[template(path = "admin/point.html")]
struct PointPage {
    layout: Layout,
    /// `None` for a new point.
    existing: Option<SalesPoint>,
    point: PointFields,
    formats: Vec<(&'static str, String)>,
    kinds: Vec<(&'static str, String)>,
    costs_editable: bool,
    uses: Vec<&'static str>,
    errors: FieldMessages,
}

impl PointPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn has_kind(&self, kind: &str) -> bool {
        self.point.kinds.iter().any(|k| k == kind)
    }
}

async fn point_page(
    state: &AppState,
    identity: &Identity,
    existing: Option<SalesPoint>,
    point: PointFields,
    errors: FieldMessages,
) -> Result<PointPage, WebError> {
    let title = existing.as_ref().map_or_else(
        || identity.language.text("point-new-title"),
        |p| p.name.clone(),
    );
    let uses = match &existing {
        Some(p) => crate::persistence::setup::point_uses(&state.db, &p.code).await?,
        None => Vec::new(),
    };
    Ok(PointPage {
        layout: Layout::new(title, Some(identity), Section::SalesPoints),
        costs_editable: existing.is_none() || service::costs_are_editable(&state.db).await?,
        existing,
        point,
        formats: PointFormat::ALL
            .into_iter()
            .map(|f| (f.as_str(), identity.language.text(format_key(f))))
            .collect(),
        kinds: ProductKind::ALL
            .into_iter()
            .map(|k| (k.as_str(), identity.language.text(k.label_key())))
            .collect(),
        uses,
        errors,
    })
}

/// `GET /admin/sales-points/new`
pub async fn new_form(
    identity: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let point = PointFields {
        format: "branch".into(),
        kinds: ProductKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect(),
        ..PointFields::default()
    };
    render(&point_page(&state, &identity, None, point, FieldMessages::new()).await?)
}

/// `POST /admin/sales-points/new`
pub async fn create(
    identity: Identity,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let fields = PointFields::from_pairs(form.into_inner());
    let errors = match SalesPointDraft::parse(&point_form(&fields, false)) {
        Ok(draft) => match service::add_point(&state.db, &draft, &identity.author()).await {
            Ok(()) => {
                return Ok(see_other(&format!(
                    "/admin/sales-points?done=added&code={}",
                    query_value(&draft.code)
                )));
            }
            Err(StoreError::Conflict { .. }) => [(
                "code".to_owned(),
                identity
                    .language
                    .message(&Message::new("point-code-taken").with("code", &draft.code)),
            )]
            .into_iter()
            .collect(),
            Err(StoreError::InvalidField { field, message }) => {
                [(field, identity.language.message(&message))]
                    .into_iter()
                    .collect()
            }
            Err(other) => return Err(other.into()),
        },
        Err(errors) => messages(&identity, &errors),
    };
    let page = point_page(&state, &identity, None, fields, errors).await?;
    render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

async fn find(state: &AppState, code: &str) -> Result<SalesPoint, WebError> {
    sales_points(&state.db)
        .await?
        .into_iter()
        .find(|p| p.code == code)
        .ok_or_else(|| {
            WebError::NotFound(
                Message::new("error-not-found").with("what", format!("sales point {code}")),
            )
        })
}

/// `GET /admin/sales-points/{code}`
pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let point = find(&state, &path.into_inner()).await?;
    let fields = PointFields::of(&point);
    render(&point_page(&state, &identity, Some(point), fields, FieldMessages::new()).await?)
}

/// `POST /admin/sales-points/{code}`: the code stays; costs only while the bank is not live.
pub async fn update(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let point = find(&state, &path.into_inner()).await?;
    let mut fields = PointFields::from_pairs(form.into_inner());
    fields.code = point.code.clone();
    if !service::costs_are_editable(&state.db).await? {
        // The form shows the costs read-only then: keep the live ones.
        let live = PointFields::of(&point);
        fields.branch_cost_per_minute = live.branch_cost_per_minute;
        fields.visit_overhead_minutes = live.visit_overhead_minutes;
        fields.visit_limit_minutes = live.visit_limit_minutes;
    }
    match SalesPointDraft::parse(&point_form(&fields, false)) {
        Ok(draft) => {
            service::update_point(&state.db, &draft, &identity.author()).await?;
            Ok(see_other(&format!(
                "/admin/sales-points?done=saved&code={}",
                query_value(&draft.code)
            )))
        }
        Err(errors) => {
            let errors = messages(&identity, &errors);
            let page = point_page(&state, &identity, Some(point), fields, errors).await?;
            render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// `POST /admin/sales-points/{code}/close`
pub async fn close(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let point = find(&state, &path.into_inner()).await?;
    let done = match service::close_point(&state.db, &point.code, &identity.author()).await? {
        PointClosed::Deleted => "deleted",
        PointClosed::Deactivated => "deactivated",
    };
    Ok(see_other(&format!(
        "/admin/sales-points?done={done}&code={}",
        query_value(&point.code)
    )))
}

/// `POST /admin/sales-points/{code}/reopen`
pub async fn reopen(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let point = find(&state, &path.into_inner()).await?;
    service::reopen_point(&state.db, &point.code, &identity.author()).await?;
    Ok(see_other(&format!(
        "/admin/sales-points?done=reopened&code={}",
        query_value(&point.code)
    )))
}

/// A set-up file as uploaded or pasted: its bytes (bounded by `reference::MAX_BYTES`) and the
/// form's other text fields.
pub async fn receive_small_file(
    mut payload: Multipart,
) -> Result<(Vec<u8>, Vec<(String, String)>), WebError> {
    let bad = |e: actix_multipart::MultipartError| {
        WebError::BadRequest(Message::new("error-upload-cut").with("detail", e))
    };
    let mut file = Vec::new();
    let mut pasted = Vec::new();
    let mut fields = Vec::new();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        let name = field
            .content_disposition()
            .and_then(|d| d.get_name())
            .unwrap_or_default()
            .to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            if bytes.len() + chunk.len() > reference::MAX_BYTES {
                return Err(WebError::BadRequest(
                    Message::new("setup-file-too-large").with("max_mb", reference::MAX_BYTES >> 20),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => file = bytes,
            "text" => pasted = bytes,
            _ => fields.push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    let bytes = if file.is_empty() { pasted } else { file };
    Ok((bytes, fields))
}

/// Every problem of a file, as the page lists them.
pub fn row_messages(identity: &Identity, errors: &[RowError]) -> Vec<String> {
    errors
        .iter()
        .map(|e| {
            let reason = identity.language.message(&e.reason);
            let at = match &e.column {
                Some(column) => Message::new("setup-at-line-column")
                    .with("line", e.line)
                    .with("column", column),
                None => Message::new("setup-at-line").with("line", e.line),
            };
            format!("{}: {reason}", identity.language.message(&at))
        })
        .collect()
}

/// `POST /admin/sales-points/import` (multipart; CSRF token in the action URL): every row is
/// checked first; one bad row and nothing is stored.
pub async fn import(
    identity: Identity,
    state: web::Data<AppState>,
    payload: Multipart,
) -> Result<HttpResponse, WebError> {
    let (bytes, _) = receive_small_file(payload).await?;
    let refused = |errors: Vec<String>, bytes: &[u8]| {
        let pasted = String::from_utf8_lossy(bytes).into_owned();
        (errors, pasted)
    };
    let (errors, pasted) = if bytes.iter().all(u8::is_ascii_whitespace) {
        refused(vec![identity.language.text("setup-import-missing")], &bytes)
    } else {
        match reference::sales_points(&bytes) {
            Ok(points) => {
                let PointsImported {
                    added,
                    updated,
                    costs_kept,
                } = service::import_points(&state.db, &points, &identity.author()).await?;
                return Ok(see_other(&format!(
                    "/admin/sales-points?done=imported&added={}&updated={}&kept={}",
                    added.len(),
                    updated.len(),
                    query_value(&costs_kept.join(", "))
                )));
            }
            Err(errors) => refused(row_messages(&identity, &errors), &bytes),
        }
    };
    let page = list_page(&state, &identity, None, errors, pasted).await?;
    render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
