//! The advisor's desk: find the client, see who they are.

use crate::domain::message::Message;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::domain::client::Client;
use crate::domain::money::Currency;
use crate::domain::segment::{Literal, phrase};
use crate::i18n::Lang;
use crate::persistence::clients;
use crate::web::access::ADVISORS;
use crate::web::format;
use crate::web::routes::RouteTable;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/desk", ADVISORS, index)
        .get("/desk/clients/{crm_id}", ADVISORS, client_card);
}

/// Clients shown for one search: a desk needs a short list, not a report.
const SEARCH_LIMIT: u64 = 20;
/// The longest search text taken (a name, a CRM id).
const QUERY_CHARS: usize = 100;

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

pub struct ClientLine {
    pub crm_id: String,
    pub full_name: String,
    pub birth_date: String,
    pub city: String,
    /// The card's address, remembering the search to come back to.
    pub href: String,
}

#[derive(Template)]
#[template(path = "desk/index.html")]
struct DeskPage {
    layout: Layout,
    query: String,
    results: Vec<ClientLine>,
    searched: bool,
    /// "Showing 20 of 24: refine the search." when the list is cut; empty otherwise.
    cut_note: String,
}

/// `?q=…` for a search, to carry it to the card and back.
fn query_string(q: &str) -> String {
    serde_urlencoded::to_string([("q", q)]).unwrap_or_default()
}

async fn index(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let q: String = query.q.trim().chars().take(QUERY_CHARS).collect();
    let found = clients::search(&state.db, &q, SEARCH_LIMIT).await?;
    let shown = found.clients.len() as u64;
    let cut_note = if found.beyond_count() {
        lang.message(&Message::new("desk-cut-many").with("shown", shown))
    } else if found.total > shown {
        lang.message(
            &Message::new("desk-cut")
                .with("shown", shown)
                .with("total", found.total),
        )
    } else {
        String::new()
    };
    let back = query_string(&q);
    let results = found
        .clients
        .into_iter()
        .map(|c| ClientLine {
            href: format!(
                "/desk/clients/{}?{back}",
                serde_urlencoded::to_string([("", c.crm_id.as_str())])
                    .map(|s| s.trim_start_matches('=').to_string())
                    .unwrap_or_default()
            ),
            crm_id: c.crm_id,
            full_name: c.full_name,
            birth_date: c
                .birth_date
                .map(|d| format::date(lang, d))
                .unwrap_or_default(),
            city: c.city.unwrap_or_default(),
        })
        .collect();
    render(&DeskPage {
        layout: Layout::new(lang.text("nav-desk"), Some(&identity), Section::Desk),
        searched: !q.is_empty(),
        query: q,
        results,
        cut_note,
    })
}

/// A segment the client is in, with the conditions that put them there.
pub struct SegmentView {
    pub name: String,
    pub code: String,
    pub held: Vec<String>,
}

#[derive(Template)]
#[template(path = "desk/client.html")]
struct ClientPage {
    layout: Layout,
    /// The search the advisor came from.
    back: String,
    crm_id: String,
    full_name: String,
    facts: Vec<(String, String)>,
    stale: bool,
    segments: Vec<SegmentView>,
    near_misses: Vec<SegmentView>,
}

fn facts(c: &Client, today: chrono::NaiveDate, lang: Lang) -> Vec<(String, String)> {
    let or_dash = |v: Option<String>| {
        v.filter(|s| !s.is_empty())
            .unwrap_or_else(|| "—".to_string())
    };
    let label = |key: Option<&'static str>| key.map(|k| lang.text(k));
    let yes_no = |b: bool| lang.text(if b { "desk-yes" } else { "desk-no" });
    let rows: Vec<(&'static str, String)> = vec![
        ("desk-age", or_dash(c.age_on(today).map(|a| a.to_string()))),
        (
            "desk-birth-date",
            or_dash(c.birth_date.map(|d| format::date(lang, d))),
        ),
        (
            "desk-gender",
            or_dash(label(c.gender.map(|g| g.label_key()))),
        ),
        (
            "desk-employment",
            or_dash(label(c.employment.map(|e| e.label_key()))),
        ),
        ("desk-income", or_dash(income(c, lang))),
        ("desk-city", or_dash(c.city.clone())),
        (
            "desk-city-population",
            or_dash(c.city_population.map(|n| format::integer(lang, n))),
        ),
        ("desk-region", or_dash(c.region.clone())),
        (
            "desk-marital-status",
            or_dash(label(c.marital_status.map(|m| m.label_key()))),
        ),
        ("desk-children", or_dash(c.children.map(|n| n.to_string()))),
        ("desk-lifestyle", or_dash(Some(c.lifestyle_tags.join(", ")))),
        (
            "desk-digital-affinity",
            or_dash(label(c.digital_affinity.map(|d| d.label_key()))),
        ),
        ("desk-language", or_dash(c.preferred_language.clone())),
        ("desk-islamic-banking", yes_no(c.islamic_banking)),
        (
            "desk-products-held",
            or_dash(Some(c.products_held.join(", "))),
        ),
        ("desk-consent", yes_no(c.consent_to_offers)),
        (
            "desk-data-verified",
            or_dash(c.data_verified_on.map(|d| format::date(lang, d))),
        ),
    ];
    rows.into_iter()
        .map(|(key, value)| (lang.text(key), value))
        .collect()
}

fn income(c: &Client, lang: Lang) -> Option<String> {
    let income = c.monthly_income?;
    let code = c.income_currency.as_deref().unwrap_or_default();
    Some(match Currency::parse(code) {
        Ok(currency) => format::money(lang, income, currency),
        Err(_) => format!("{} {code}", format::plain(lang, income)),
    })
}

async fn client_card(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let crm_id = path.into_inner();
    let Some(client) = clients::load(&state.db, &crm_id).await? else {
        return Err(WebError::NotFound(
            Message::new("error-no-client").with("crm_id", &crm_id),
        ));
    };
    let today = Utc::now().date_naive();
    let (segments, near_misses) =
        client_segments(&state, &client, today, identity.language).await?;
    render(&ClientPage {
        layout: Layout::new(client.full_name.clone(), Some(&identity), Section::Desk),
        facts: facts(&client, today, identity.language),
        crm_id: client.crm_id.as_str().to_string(),
        full_name: client.full_name.clone(),
        stale: client.data_is_stale(today),
        back: format!("/desk?{}", query_string(query.q.trim())),
        segments,
        near_misses,
    })
}

/// Near misses shown on a card: a short list of what could be done in this visit.
const NEAR_MISSES_SHOWN: usize = 3;

/// The client's segments (best first) with the conditions that put the client there, in
/// words; and up to three segments the client would be in but for one condition the visit can
/// change (open a product, give consent …).
async fn client_segments(
    state: &AppState,
    client: &Client,
    today: chrono::NaiveDate,
    lang: Lang,
) -> Result<(Vec<SegmentView>, Vec<SegmentView>), WebError> {
    let ranked = crate::persistence::segments::active_ranked(&state.db).await?;
    let names = crate::persistence::products::names(&state.db).await?;
    let product_name = |code: &str| names.get(code).cloned();
    let words = |literal: &Literal| lang.message(&phrase::describe(literal, &product_name));
    let (matched, near) = crate::domain::segment::rank(&ranked, client, today);
    let matched = matched
        .into_iter()
        .map(|m| SegmentView {
            name: m.segment.name.clone(),
            code: m.segment.code.clone(),
            held: m.explanation.held_literals.iter().map(words).collect(),
        })
        .collect();
    let near = near
        .into_iter()
        .filter(|n| phrase::can_change(&n.deciding, client, today))
        .take(NEAR_MISSES_SHOWN)
        .map(|n| SegmentView {
            name: n.segment.name.clone(),
            code: n.segment.code.clone(),
            held: vec![words(&n.deciding)],
        })
        .collect();
    Ok((matched, near))
}
