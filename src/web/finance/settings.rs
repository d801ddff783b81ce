//! Finance's economics settings page: the bank's figures, each sales point's costs, exchange
//! rates by date; changes applied at once before the bank is live, and after that waiting for
//! a second finance user, who approves or rejects them here.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};

use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::settings_change::{SettingsChange, Target};
use crate::i18n::Lang;
use crate::persistence::catalog::{bank_settings, sales_points};
use crate::persistence::{StoreError, settings_changes};
use crate::service::review::ReviewFailure;
use crate::service::settings::{self, Done};
use crate::web::error::WebError;
use crate::web::format::moment;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

pub struct PendingLine {
    pub id: i32,
    pub target: String,
    pub values: String,
    pub by: String,
    pub note: String,
    pub own: bool,
}

/// A sales point's form: code, name, cost per minute, visit overhead, visit limit.
pub struct PointForm {
    pub code: String,
    pub name: String,
    pub cost: String,
    pub overhead: String,
    pub limit: String,
}

#[derive(Template)]
#[template(path = "finance/settings.html")]
struct SettingsPage {
    layout: Layout,
    live: bool,
    notice: Option<String>,
    errors: Vec<String>,
    pending: Vec<PendingLine>,
    /// target margin, anchor threshold, lifetime, overhead rate
    bank: [String; 4],
    points: Vec<PointForm>,
    today: String,
}

fn text(value: rust_decimal::Decimal) -> String {
    value.normalize().to_string()
}

async fn page(
    state: &AppState,
    identity: &Identity,
    notice: Option<String>,
    errors: Vec<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let settings = bank_settings(&state.db).await?;
    let bank = settings.map_or_else(Default::default, |b| {
        [
            text(b.bundle.target_margin),
            text(b.addon_anchor_threshold),
            text(b.bundle.lifetime_years),
            text(b.bundle.overhead_rate),
        ]
    });
    let pending = settings_changes::pending(&state.db)
        .await?
        .into_iter()
        .map(|p| PendingLine {
            id: p.id,
            target: p.change.target.key(),
            values: (p.change.values.iter())
                .map(|(name, value)| {
                    let shown = value.map_or_else(|| lang.text("settings-none"), text);
                    format!("{name} = {shown}")
                })
                .collect::<Vec<_>>()
                .join("; "),
            by: format!("{}, {}", p.submitted_by, moment(lang, p.submitted_at)),
            note: p.note.unwrap_or_default(),
            own: p.submitted_by_id == identity.user.id,
        })
        .collect();
    let view = SettingsPage {
        layout: Layout::new(
            lang.text("settings-title"),
            Some(identity),
            Section::Finance,
        ),
        live: settings_changes::bank_is_live(&state.db).await?,
        notice,
        errors,
        pending,
        bank,
        points: sales_points(&state.db)
            .await?
            .into_iter()
            .map(|p| PointForm {
                cost: text(p.costs.branch_cost_per_minute),
                overhead: text(p.costs.visit_overhead_minutes),
                limit: p.costs.visit_limit_minutes.map(text).unwrap_or_default(),
                code: p.code,
                name: p.name,
            })
            .collect(),
        today: Utc::now().date_naive().to_string(),
    };
    render_with(status, &view)
}

/// `GET /finance/settings`
pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let notice = query.get("done").and_then(|done| match done.as_str() {
        "applied" => Some(lang.text("settings-done-applied")),
        "proposed" => Some(lang.text("settings-done-proposed")),
        "approved" => Some(lang.text("settings-done-approved")),
        "rejected" => Some(lang.text("settings-done-rejected")),
        _ => None,
    });
    page(&state, &identity, notice, Vec::new(), StatusCode::OK).await
}

fn back(done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/finance/settings?done={done}")))
        .finish()
}

/// The target a form names.
fn target(lang: Lang, form: &BTreeMap<String, String>) -> Result<Target, String> {
    let field = |name: &str| form.get(name).map_or("", |v| v.trim());
    match field("kind") {
        "bank" => Ok(Target::Bank),
        "point" => Ok(Target::Point(field("point").to_owned())),
        "rate" => {
            let currency = Currency::parse(&field("currency").to_uppercase())
                .map_err(|_| lang.text("settings-currency"))?;
            let on = NaiveDate::parse_from_str(field("on"), "%Y-%m-%d")
                .map_err(|_| lang.text("settings-date"))?;
            Ok(Target::Rate { currency, on })
        }
        _ => Err(lang.text("settings-kind")),
    }
}

/// What a refused step says, as the page's problems and status.
pub(super) fn problems(
    lang: Lang,
    failure: ReviewFailure,
) -> Result<(Vec<String>, StatusCode), WebError> {
    Ok(match failure {
        ReviewFailure::Refused(refusal) => (
            vec![lang.message(&refusal.message())],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ReviewFailure::Store(StoreError::Conflict {
            field: "pending",
            value,
        }) => (
            vec![lang.message(&Message::new("settings-pending").with("target", value))],
            StatusCode::CONFLICT,
        ),
        ReviewFailure::Store(StoreError::Conflict {
            field: "not-pending",
            ..
        }) => (vec![lang.text("settings-gone")], StatusCode::CONFLICT),
        ReviewFailure::Store(StoreError::NotFound { what }) => (
            vec![lang.message(&Message::new("error-not-found").with("what", what))],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ReviewFailure::Store(StoreError::InvalidField { field, message }) => (
            vec![format!("{field}: {}", lang.message(&message))],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ReviewFailure::Store(err) => return Err(err.into()),
    })
}

/// `POST /finance/settings`: a change to the bank's figures, a point's costs or a rate.
pub async fn submit(
    state: web::Data<AppState>,
    identity: Identity,
    form: web::Form<BTreeMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let form = form.into_inner();
    let target = match target(lang, &form) {
        Ok(target) => target,
        Err(problem) => {
            return page(
                &state,
                &identity,
                None,
                vec![problem],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let change = match SettingsChange::parse(target, &form) {
        Ok(change) => change,
        Err(errors) => {
            let problems = errors
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        lang.text(label_key(&e.field)),
                        lang.message(&e.message)
                    )
                })
                .collect();
            return page(
                &state,
                &identity,
                None,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let note = form.get("note").cloned().unwrap_or_default();
    match settings::submit(&state.db, &change, &note, &identity.author()).await {
        Ok(Done::Applied) => Ok(back("applied")),
        Ok(Done::Proposed) => Ok(back("proposed")),
        Err(failure) => {
            let (problems, status) = problems(lang, failure)?;
            page(&state, &identity, None, problems, status).await
        }
    }
}

/// `POST /finance/settings/{id}/approve`
pub async fn approve(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<i32>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let comment = form.get("comment").cloned().unwrap_or_default();
    match settings::approve(&state.db, *path, &comment, &identity.author()).await {
        Ok(()) => Ok(back("approved")),
        Err(failure) => {
            let (problems, status) = problems(identity.language, failure)?;
            page(&state, &identity, None, problems, status).await
        }
    }
}

/// `POST /finance/settings/{id}/reject`
pub async fn reject(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<i32>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let comment = form.get("comment").cloned().unwrap_or_default();
    match settings::reject(&state.db, *path, &comment, &identity.author()).await {
        Ok(()) => Ok(back("rejected")),
        Err(failure) => {
            let (problems, status) = problems(identity.language, failure)?;
            page(&state, &identity, None, problems, status).await
        }
    }
}

/// The label of a settings field.
fn label_key(field: &str) -> &'static str {
    match field {
        "target_margin" => "finance-target-margin",
        "addon_anchor_threshold" => "finance-anchor",
        "bundle_lifetime_years" => "finance-lifetime",
        "bundle_overhead_rate" => "finance-overhead",
        "branch_cost_per_minute" => "finance-cost-per-minute",
        "visit_overhead_minutes" => "finance-visit-minutes",
        "visit_limit_minutes" => "settings-visit-limit",
        _ => "settings-rate",
    }
}
