//! A recorded offer: its page (advisors see their own, product managers and finance all) and
//! the one-page printout for the client.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::audit::Subject;
use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::offer::{Outcome, PositionRole, PositionStatus};
use crate::domain::product::{FigureUnit, Terms};
use crate::i18n::Lang;
use crate::persistence::catalog::{bank_settings, sales_points};
use crate::persistence::offers::StoredOffer;
use crate::persistence::products;
use crate::web::error::WebError;
use crate::web::format::{date, margin, money, percent, plain};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;
use crate::web::viewed::record_view;

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub struct PositionView {
    pub name: String,
    pub is_main: bool,
    pub status: String,
    pub accepted: bool,
    pub opened: String,
    pub terms: Vec<(String, String)>,
    pub subject_to_approval: bool,
    pub amount: String,
    pub in_bundle: bool,
}

#[derive(Template)]
#[template(path = "desk/offer.html")]
struct OfferPage {
    layout: Layout,
    id: i32,
    recorded: bool,
    client: String,
    crm_id: String,
    card_href: String,
    offered_on: String,
    valid_until: String,
    advisor: String,
    point: String,
    segment: String,
    version: u32,
    outcome: String,
    badge: &'static str,
    badge_label: String,
    flagged: bool,
    positions: Vec<PositionView>,
    fees_per_month: String,
    fees_per_year: String,
    separately: String,
    saving: String,
    one_off: String,
    interest_earned: String,
    revenue: String,
    profit: String,
    margin: String,
}

#[derive(Template)]
#[template(path = "desk/print.html")]
struct PrintPage {
    lang: Lang,
    id: i32,
    bank: String,
    /// The legal lines under the bank's name (legal name, address, tax id, licence, phone).
    legal: Vec<String>,
    client: String,
    offered_on: String,
    valid_until: String,
    advisor: String,
    point: String,
    positions: Vec<PositionView>,
    fees_per_month: String,
    fees_per_year: String,
    separately: String,
    saving: String,
    saves: bool,
    one_off: String,
    interest_earned: String,
    has_interest: bool,
}

impl PrintPage {
    pub fn t(&self, key: &'static str) -> String {
        self.lang.text(key)
    }

    pub fn asset(&self, name: &str) -> &'static str {
        crate::web::assets::url(name)
    }
}

/// The offer, if this user may see it: advisors their own only (others are "not found", so
/// ids do not tell what exists).
async fn visible_offer(
    state: &AppState,
    identity: &Identity,
    id: i32,
) -> Result<StoredOffer, WebError> {
    crate::service::desk::offer_for(&state.db, &identity.user, id)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-offer").with("id", id)))
}

fn terms_of(lang: Lang, terms: &Terms, currency: Currency) -> Vec<(String, String)> {
    (super::view::term_figures(terms).into_iter())
        .filter_map(|(f, value)| {
            if value.is_zero() {
                return None;
            }
            let shown = match f.unit() {
                FigureUnit::Fraction => percent(lang, value),
                FigureUnit::Money => money(lang, value, currency),
                _ => plain(lang, value),
            };
            Some((lang.text(f.label_key()), shown))
        })
        .collect()
}

async fn positions(
    state: &AppState,
    offer: &StoredOffer,
    lang: Lang,
) -> Result<Vec<PositionView>, WebError> {
    let currencies: HashMap<String, Currency> = products::all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.product.code, p.product.currency))
        .collect();
    Ok(offer
        .record
        .positions
        .iter()
        .map(|p| {
            let currency = currencies
                .get(&p.product)
                .copied()
                .unwrap_or(offer.record.currency);
            let status_key = match p.status {
                PositionStatus::InBundle => "position-in_bundle",
                PositionStatus::Dropped => "position-dropped",
                PositionStatus::DroppedWith => "position-dropped_with",
            };
            PositionView {
                name: p.product_name.clone(),
                is_main: p.role == PositionRole::Main,
                status: lang.text(status_key),
                accepted: p.accepted,
                opened: (offer.openings.iter())
                    .find(|o| o.product == p.product)
                    .map(|o| date(lang, o.opened_on))
                    .unwrap_or_default(),
                terms: terms_of(lang, &p.terms, currency),
                subject_to_approval: p.subject_to_approval,
                // A card's chosen amount is its credit limit, already among the terms.
                amount: (p.chosen_amount)
                    .filter(|a| *a != p.terms.credit_limit)
                    .map(|a| money(lang, a, currency))
                    .unwrap_or_default(),
                in_bundle: p.status == PositionStatus::InBundle,
            }
        })
        .collect())
}

fn outcome_text(lang: Lang, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Declined { reason, note } if !note.is_empty() => format!(
            "{}: {} — {note}",
            lang.text("outcome-declined"),
            lang.text(reason.label_key())
        ),
        Outcome::Declined { reason, .. } => format!(
            "{}: {}",
            lang.text("outcome-declined"),
            lang.text(reason.label_key())
        ),
        other => lang.text(if other.as_str() == "accepted_all" {
            "outcome-accepted_all"
        } else {
            "outcome-accepted_some"
        }),
    }
}

async fn point_name(state: &AppState, code: &str) -> Result<String, WebError> {
    Ok(sales_points(&state.db)
        .await?
        .into_iter()
        .find(|p| p.code == code)
        .map_or_else(|| code.to_owned(), |p| p.name))
}

pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<i32>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let offer = visible_offer(&state, &identity, *path).await?;
    record_view(
        &state,
        &identity,
        Subject::Offer,
        &offer.id.to_string(),
        "offer",
    )
    .await?;
    let r = &offer.record;
    let m = |v| money(lang, v, r.currency);
    render(&OfferPage {
        layout: Layout::new(
            lang.message(&Message::new("offer-title").with("id", offer.id)),
            Some(&identity),
            Section::Desk,
        ),
        id: offer.id,
        recorded: query.done.as_deref() == Some("recorded"),
        client: r.client_name.clone(),
        crm_id: r.crm_id.clone(),
        card_href: super::proposal::card_href(&r.crm_id),
        offered_on: date(lang, r.offered_on),
        valid_until: date(lang, r.valid_until),
        advisor: r.advisor_name.clone(),
        point: point_name(&state, &r.sales_point).await?,
        segment: r.segment.clone(),
        version: r.matrix_version,
        outcome: outcome_text(lang, &r.outcome),
        badge: r.badge.as_str(),
        badge_label: lang.text(r.badge.label_key()),
        flagged: r.flagged_for_finance,
        positions: positions(&state, &offer, lang).await?,
        fees_per_month: m(r.fees_per_year / rust_decimal::Decimal::from(12)),
        fees_per_year: m(r.fees_per_year),
        separately: m(r.separate_fees_per_year),
        saving: m(r.separate_fees_per_year - r.fees_per_year),
        one_off: m(r.one_off_fees),
        interest_earned: m(r.interest_earned_per_year),
        revenue: m(r.revenue),
        profit: m(r.profit),
        margin: r.margin.map_or_else(|| "—".into(), |v| margin(lang, v)),
    })
}

pub async fn print(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let offer = visible_offer(&state, &identity, *path).await?;
    record_view(
        &state,
        &identity,
        Subject::Offer,
        &offer.id.to_string(),
        "print",
    )
    .await?;
    let r = &offer.record;
    let m = |v| money(lang, v, r.currency);
    let bank = bank_settings(&state.db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let legal = crate::persistence::setup::bank_details(&state.db)
        .await?
        .map(|b| {
            let tax_id = (!b.legal.tax_id.is_empty())
                .then(|| format!("{} {}", lang.text("print-tax-id"), b.legal.tax_id));
            [
                Some(b.legal.legal_name),
                Some(b.legal.address),
                tax_id,
                Some(b.legal.licence),
                Some(b.legal.phone),
            ]
            .into_iter()
            .flatten()
            .filter(|line| !line.is_empty())
            .collect()
        })
        .unwrap_or_default();
    let mut positions = positions(&state, &offer, lang).await?;
    positions.retain(|p| p.in_bundle);
    let saving = r.separate_fees_per_year - r.fees_per_year;
    render(&PrintPage {
        lang,
        id: offer.id,
        bank,
        legal,
        client: r.client_name.clone(),
        offered_on: date(lang, r.offered_on),
        valid_until: date(lang, r.valid_until),
        advisor: r.advisor_name.clone(),
        point: point_name(&state, &r.sales_point).await?,
        positions,
        fees_per_month: m(r.fees_per_year / rust_decimal::Decimal::from(12)),
        fees_per_year: m(r.fees_per_year),
        separately: m(r.separate_fees_per_year),
        saving: m(saving),
        saves: saving > rust_decimal::Decimal::ZERO,
        one_off: m(r.one_off_fees),
        interest_earned: m(r.interest_earned_per_year),
        has_interest: !r.interest_earned_per_year.is_zero(),
    })
}
