//! A product's change awaiting approval, on its page: the figures live and proposed, the
//! published bundles it moves, and finance's decision (approve, or reject with a reason); its
//! proposer's side may withdraw it.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::domain::product::{CatalogProduct, Figure, FigureUnit};
use crate::domain::user::Role;
use crate::i18n::Lang;
use crate::persistence::StoreError;
use crate::persistence::product_changes::{ChangeStatus, StoredChange};
use crate::service::matrices::BankView;
use crate::service::product_change::{self, BundleEffect};
use crate::service::review::ReviewFailure;
use crate::web::error::WebError;
use crate::web::format::{margin, moment, money, percent, plain};
use crate::web::identity::Identity;
use crate::web::state::AppState;

/// The pending change as its page shows it.
pub struct PendingView {
    pub submitted: String,
    pub note: String,
    /// (figure, live, proposed)
    pub figures: Vec<(String, String, String)>,
    pub effects: Vec<EffectLine>,
    pub can_decide: bool,
    pub own: bool,
    pub can_withdraw: bool,
}

pub struct EffectLine {
    pub bundle: String,
    pub live_profit: String,
    pub proposed_profit: String,
    pub live_margin: String,
    pub proposed_margin: String,
    /// The change makes it fail a blocking check.
    pub fails: bool,
}

fn figure_text(
    lang: Lang,
    figure: Figure,
    p: &CatalogProduct,
    value: rust_decimal::Decimal,
) -> String {
    match figure.unit() {
        FigureUnit::Fraction => percent(lang, value),
        FigureUnit::Money => money(lang, value, p.currency),
        FigureUnit::Minutes | FigureUnit::Years | FigureUnit::Count => plain(lang, value),
    }
}

fn effect_line(lang: Lang, bank: &BankView, e: &BundleEffect) -> EffectLine {
    let currency = bank.settings.reporting_currency;
    let m = |v: Option<rust_decimal::Decimal>| {
        v.map_or_else(|| "—".to_owned(), |v| money(lang, v, currency))
    };
    let r =
        |v: Option<rust_decimal::Decimal>| v.map_or_else(|| "—".to_owned(), |v| margin(lang, v));
    EffectLine {
        bundle: format!(
            "{} v{} · {} · {}",
            e.live.segment,
            e.live.version,
            e.live.point,
            e.live.main.as_deref().unwrap_or("—")
        ),
        live_profit: m(e.live.profit),
        proposed_profit: m(e.proposed.profit),
        live_margin: r(e.live.margin),
        proposed_margin: r(e.proposed.margin),
        fails: e.proposed.blocking.len() > e.live.blocking.len(),
    }
}

/// The view of `pending` for `identity`, with its effect on published bundles.
///
/// # Errors
/// Database errors.
pub async fn view(
    state: &AppState,
    identity: &Identity,
    product: &CatalogProduct,
    pending: &StoredChange,
) -> Result<PendingView, WebError> {
    let lang = identity.language;
    let bank = BankView::load(&state.db, chrono::Utc::now().date_naive()).await?;
    let effects = product_change::effect(&state.db, &bank, &product.code, &pending.change).await?;
    let role = identity.role();
    let own = pending.change.submitted_by == identity.user.id;
    Ok(PendingView {
        submitted: format!(
            "{}, {}",
            pending.submitted_by,
            moment(lang, pending.submitted_at)
        ),
        note: pending.note.clone().unwrap_or_default(),
        figures: pending
            .change
            .changes
            .iter()
            .map(|c| {
                (
                    lang.text(c.figure.label_key()),
                    figure_text(lang, c.figure, product, c.before),
                    figure_text(lang, c.figure, product, c.after),
                )
            })
            .collect(),
        effects: effects
            .iter()
            .map(|e| effect_line(lang, &bank, e))
            .collect(),
        can_decide: role == Role::Finance && !own,
        own: role == Role::Finance && own,
        can_withdraw: role == Role::ProductManager,
    })
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    comment: String,
}

fn back(code: &str, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/catalog/{code}?{done}=1")))
        .finish()
}

/// What a refused decision says, as a page of its own (409/422) with a way back.
async fn refused(
    state: &AppState,
    identity: &Identity,
    code: &str,
    failure: ReviewFailure,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let (status, text) = match failure {
        ReviewFailure::Refused(refusal) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            lang.message(&refusal.message()),
        ),
        ReviewFailure::Store(StoreError::Conflict {
            field: "not-pending",
            ..
        }) => (StatusCode::CONFLICT, lang.text("product-change-gone")),
        ReviewFailure::Store(err) => return Err(err.into()),
    };
    let shown = super::product::Shown {
        point: None,
        notice: None,
        problem: Some(text),
        status,
    };
    super::product::page(state, identity, code, shown).await
}

fn code_of(path: web::Path<String>) -> String {
    path.into_inner().to_uppercase()
}

/// `POST /catalog/{code}/change/approve` (finance)
pub async fn approve(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    let code = code_of(path);
    match product_change::approve(&state.db, &code, &form.comment, &identity.author()).await {
        Ok(()) => Ok(back(&code, "approved")),
        Err(failure) => refused(&state, &identity, &code, failure).await,
    }
}

/// `POST /catalog/{code}/change/reject` (finance)
pub async fn reject(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    let code = code_of(path);
    let author = identity.author();
    match product_change::send_back(
        &state.db,
        &code,
        ChangeStatus::Rejected,
        &form.comment,
        &author,
    )
    .await
    {
        Ok(()) => Ok(back(&code, "rejected")),
        Err(failure) => refused(&state, &identity, &code, failure).await,
    }
}

/// `POST /catalog/{code}/change/withdraw` (product managers)
pub async fn withdraw(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    let code = code_of(path);
    let author = identity.author();
    match product_change::send_back(
        &state.db,
        &code,
        ChangeStatus::Withdrawn,
        &form.comment,
        &author,
    )
    .await
    {
        Ok(()) => Ok(back(&code, "withdrawn")),
        Err(failure) => refused(&state, &identity, &code, failure).await,
    }
}
