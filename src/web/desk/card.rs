//! The client card: who the client is, the segments and why, what the client holds, warnings
//! in words (no consent, data not verified for over a year), and the main products the client
//! can be offered at the advisor's sales point today.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::SearchQuery;
use super::proposal::{card_href, load_client};
use super::query_string;
use crate::domain::client::Client;
use crate::domain::money::Currency;
use crate::domain::segment::{Literal, phrase};
use crate::i18n::Lang;
use std::sync::Arc;

use crate::service::desk::{DeskBank, point_for};
use crate::web::error::WebError;
use crate::web::format;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;

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
    consent: bool,
    /// Names of the products the client holds.
    held: Vec<String>,
    /// Where the advisor works today ("Head office (MSK-HO)"); empty without a point.
    point: String,
    point_problem: String,
    proposal_href: String,
    choices: Vec<MainChoice>,
    segments: Vec<SegmentView>,
    near_misses: Vec<SegmentView>,
}

/// The age today; for an age an extract stated (no birth date), with what it stated and when,
/// so the advisor knows it may be a year more.
fn age(c: &Client, today: chrono::NaiveDate, lang: Lang) -> Option<String> {
    let years = c.age_on(today)?;
    Some(match c.stated_age.filter(|_| c.birth_date.is_none()) {
        None => years.to_string(),
        Some(stated) => lang.message(
            &crate::domain::message::Message::new("desk-age-stated")
                .with("age", years)
                .with("stated", stated.years())
                .with("date", format::date(lang, stated.as_of())),
        ),
    })
}

fn facts(c: &Client, today: chrono::NaiveDate, lang: Lang) -> Vec<(String, String)> {
    let or_dash = |v: Option<String>| {
        v.filter(|s| !s.is_empty())
            .unwrap_or_else(|| "—".to_string())
    };
    let label = |key: Option<&'static str>| key.map(|k| lang.text(k));
    let yes_no = |b: bool| lang.text(if b { "desk-yes" } else { "desk-no" });
    let rows: Vec<(&'static str, String)> = vec![
        ("desk-phone", or_dash(c.phone.clone())),
        ("desk-age", or_dash(age(c, today, lang))),
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

/// A main product the advisor can pick, with the segment offering it.
pub struct MainChoice {
    pub code: String,
    pub label: String,
}

pub(super) async fn client_card(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    // The cached context holds the segments and names; a bank not set up yet has none, and the
    // card still shows who the client is.
    let (client, context) = load_client(&state, &identity, &path, "card").await?;
    let today = Utc::now().date_naive();
    let loaded;
    let (ranked, names) = match &context {
        Some(context) => (context.ranked(), context.names()),
        None => {
            loaded = (
                crate::persistence::segments::active_ranked(&state.db).await?,
                crate::persistence::products::names(&state.db).await?,
            );
            (loaded.0.as_slice(), &loaded.1)
        }
    };
    let (segments, near_misses) = client_segments(ranked, names, &client, today, lang);
    let name = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_owned());
    let point = point_for(&identity.user, None, today).ok();
    let desk = match (&context, point) {
        (Some(context), Some(point)) => {
            // Ranked once, for the segments shown and for the main products offered.
            let ranked = segments
                .iter()
                .map(|s| (s.code.clone(), s.name.clone()))
                .collect();
            DeskBank::ranked(Arc::clone(context), ranked, point).ok()
        }
        _ => None,
    };
    let (point, choices, point_problem) = match desk {
        Some(bank) => {
            let segment_name = |code: &str| {
                (bank.segments.iter())
                    .find(|(c, _)| c == code)
                    .map_or_else(|| code.to_owned(), |(_, n)| n.clone())
            };
            let choices = (bank.candidates(&client).into_iter())
                .map(|c| MainChoice {
                    label: format!("{} — {}", name(&c.code), segment_name(&c.segment)),
                    code: c.code,
                })
                .collect();
            (
                format!("{} ({})", bank.point.name, bank.point.code),
                choices,
                String::new(),
            )
        }
        None => (String::new(), Vec::new(), lang.text("desk-no-point")),
    };
    render(&ClientPage {
        layout: Layout::new(
            client.name_or_id().to_owned(),
            Some(&identity),
            Section::Desk,
        ),
        facts: facts(&client, today, lang),
        crm_id: client.crm_id.as_str().to_string(),
        full_name: client.name_or_id().to_owned(),
        proposal_href: format!("{}/proposal", card_href(client.crm_id.as_str())),
        stale: client.data_is_stale(today),
        consent: client.consent_to_offers,
        held: client.products_held.iter().map(|c| name(c)).collect(),
        back: format!("/desk?{}", query_string(query.q.trim())),
        point,
        point_problem,
        choices,
        segments,
        near_misses,
    })
}

/// Near misses shown on a card: a short list of what could be done in this visit.
const NEAR_MISSES_SHOWN: usize = 3;

/// The client's segments (best first) with the conditions that put the client there, in
/// words; and up to three segments the client would be in but for one condition the visit can
/// change (open a product, give consent …).
fn client_segments(
    ranked: &[crate::domain::segment::RankedSegment],
    names: &std::collections::HashMap<String, String>,
    client: &Client,
    today: chrono::NaiveDate,
    lang: Lang,
) -> (Vec<SegmentView>, Vec<SegmentView>) {
    let product_name = |code: &str| names.get(code).cloned();
    let words = |literal: &Literal| lang.message(&phrase::describe(literal, &product_name));
    let (matched, near) = crate::domain::segment::rank(ranked, client, today);
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
    (matched, near)
}
