//! Exchange rates for finance: the rate in force for each currency on any date, a CSV import
//! (applied at once before the bank is live, proposed for a second finance user after), and
//! approving at once every pending rate another finance user proposed.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::money::RateEntry;
use crate::domain::settings_change::Target;
use crate::import::reference;
use crate::persistence::catalog::{bank_settings, exchange_rates};
use crate::persistence::settings_changes;
use crate::service::settings::{self, Done};
use crate::web::admin::{receive_small_file, row_messages};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "finance/rates.html")]
struct RatesPage {
    layout: Layout,
    reporting: String,
    on: NaiveDate,
    in_force: Vec<RateEntry>,
    live: bool,
    /// Pending rates proposed by others (approvable here) and by this user.
    others_pending: usize,
    own_pending: usize,
    notice: Option<String>,
    errors: Vec<String>,
    pasted: String,
}

#[derive(Deserialize)]
pub struct RatesQuery {
    on: Option<String>,
    done: Option<String>,
    count: Option<usize>,
}

async fn page(
    state: &AppState,
    identity: &Identity,
    on: NaiveDate,
    notice: Option<String>,
    errors: Vec<String>,
    pasted: String,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let Some(bank) = bank_settings(&state.db).await? else {
        // The page's notice says the bank is not set up and who does it.
        return render_with(
            status,
            &RatesPage {
                layout: Layout::new(
                    identity.language.text("rates-title"),
                    Some(identity),
                    Section::Finance,
                ),
                reporting: String::new(),
                on,
                in_force: Vec::new(),
                live: false,
                others_pending: 0,
                own_pending: 0,
                notice,
                errors,
                pasted,
            },
        );
    };
    let rates = exchange_rates(&state.db, bank.reporting_currency, on).await?;
    let pending = settings_changes::pending(&state.db).await?;
    let is_rate =
        |p: &&settings_changes::PendingChange| matches!(p.change.target, Target::Rate { .. });
    let own_pending = pending
        .iter()
        .filter(is_rate)
        .filter(|p| p.submitted_by_id == identity.user.id)
        .count();
    let others_pending = pending.iter().filter(is_rate).count() - own_pending;
    render_with(
        status,
        &RatesPage {
            layout: Layout::new(
                identity.language.text("rates-title"),
                Some(identity),
                Section::Finance,
            ),
            reporting: bank.reporting_currency.to_string(),
            on,
            in_force: rates.in_force(on),
            live: settings_changes::bank_is_live(&state.db).await?,
            others_pending,
            own_pending,
            notice,
            errors,
            pasted,
        },
    )
}

/// `GET /finance/rates?on=2026-12-01`
pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    query: web::Query<RatesQuery>,
) -> Result<HttpResponse, WebError> {
    let today = Utc::now().date_naive();
    let (on, errors) = match query.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => (today, Vec::new()),
        Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(on) => (on, Vec::new()),
            Err(_) => (today, vec![identity.language.text("settings-date")]),
        },
    };
    let count = query.count.unwrap_or(0);
    let lang = identity.language;
    let notice = match query.done.as_deref() {
        Some("applied") => Some(lang.message(
            &crate::domain::message::Message::new("rates-done-applied").with("count", count),
        )),
        Some("proposed") => Some(lang.message(
            &crate::domain::message::Message::new("rates-done-proposed").with("count", count),
        )),
        Some("approved") => Some(lang.message(
            &crate::domain::message::Message::new("rates-done-approved").with("count", count),
        )),
        _ => None,
    };
    page(
        &state,
        &identity,
        on,
        notice,
        errors,
        String::new(),
        StatusCode::OK,
    )
    .await
}

fn back(done: &str, count: usize) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/finance/rates?done={done}&count={count}"),
        ))
        .finish()
}

/// `POST /finance/rates/import` (multipart; CSRF token in the action URL).
pub async fn import(
    identity: Identity,
    state: web::Data<AppState>,
    payload: Multipart,
) -> Result<HttpResponse, WebError> {
    let (bytes, fields) = receive_small_file(payload).await?;
    let today = Utc::now().date_naive();
    let lang = identity.language;
    let refuse = async |errors: Vec<String>| {
        let pasted = String::from_utf8_lossy(&bytes).into_owned();
        page(
            &state,
            &identity,
            today,
            None,
            errors,
            pasted,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return refuse(vec![lang.text("setup-import-missing")]).await;
    }
    let Some(bank) = bank_settings(&state.db).await? else {
        return refuse(vec![lang.text("setup-missing-bank")]).await;
    };
    let rows = match reference::rates(&bytes, bank.reporting_currency) {
        Ok(rows) => rows,
        Err(errors) => return refuse(row_messages(&identity, &errors)).await,
    };
    let note = fields
        .iter()
        .find(|(name, _)| name == "note")
        .map_or("", |(_, v)| v.as_str());
    match settings::import_rates(&state.db, &rows, note, &identity.author()).await {
        Ok(Done::Applied) => Ok(back("applied", rows.len())),
        Ok(Done::Proposed) => Ok(back("proposed", rows.len())),
        Err(failure) => {
            let (problems, _) = super::settings::problems(lang, failure)?;
            refuse(problems).await
        }
    }
}

/// `POST /finance/rates/approve`: every pending rate another finance user proposed.
pub async fn approve_pending(
    identity: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    match settings::approve_pending_rates(&state.db, &identity.author()).await {
        Ok(count) => Ok(back("approved", count)),
        Err(failure) => {
            let (problems, status) = super::settings::problems(identity.language, failure)?;
            page(
                &state,
                &identity,
                Utc::now().date_naive(),
                None,
                problems,
                String::new(),
                status,
            )
            .await
        }
    }
}
