//! Results of the desk: offers, acceptance, products per visit and per client, and the take-up
//! of each add-on against the matrix's assumption, by segment, sales point, advisor or month,
//! over a period. Advisors see their own offers; product managers and finance see all.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::view::count;
use crate::domain::offer::Tally;
use crate::domain::user::Role;
use crate::i18n::Lang;
use crate::persistence::offers::{self, Breakdown, OfferListing, ResultsFilter};
use crate::web::error::WebError;
use crate::web::format::{date, percent, plain};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    point: String,
    #[serde(default)]
    by: String,
}

pub struct TallyRow {
    pub key: String,
    pub offers: String,
    pub acceptance: String,
    pub per_visit: String,
    pub per_client: String,
    pub take_up: String,
    pub expected: String,
}

pub struct AddOnRow {
    pub name: String,
    pub offered: String,
    pub taken: String,
    pub take_up: String,
    pub expected: String,
    pub opened: String,
    /// Actual take-up below the assumption.
    pub below: bool,
}

pub struct OfferRow {
    pub id: i32,
    pub day: String,
    pub client: String,
    pub advisor: String,
    pub point: String,
    pub segment: String,
    pub main: String,
    pub outcome: String,
    pub badge: String,
    pub flagged: bool,
}

#[derive(Template)]
#[template(path = "desk/results.html")]
struct ResultsPage {
    layout: Layout,
    own_only: bool,
    from: String,
    to: String,
    segment: String,
    point: String,
    by: &'static str,
    breakdowns: Vec<(&'static str, String)>,
    /// Choices for the filters, as (code, name).
    segments: Vec<(String, String)>,
    points: Vec<(String, String)>,
    total: TallyRow,
    rows: Vec<TallyRow>,
    add_ons: Vec<AddOnRow>,
    offers: Vec<OfferRow>,
}

/// Offers listed under the figures: the latest ones.
const OFFERS_LISTED: u64 = 50;
/// The default period: the last quarter.
const DEFAULT_DAYS: i64 = 92;

fn ratio(lang: Lang, value: Option<Decimal>, as_percent: bool) -> String {
    match value {
        None => "—".into(),
        Some(v) if as_percent => percent(lang, v.round_dp(4)),
        Some(v) => plain(lang, v.round_dp(2)),
    }
}

fn tally_row(lang: Lang, key: String, t: &Tally) -> TallyRow {
    TallyRow {
        key,
        offers: count(lang, t.offers),
        acceptance: ratio(lang, t.acceptance_rate(), true),
        per_visit: ratio(lang, t.products_per_visit(), false),
        per_client: ratio(lang, t.products_per_client(), false),
        take_up: ratio(lang, t.take_up(), true),
        expected: ratio(lang, t.expected_take_up(), true),
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<ResultsQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let today = Utc::now().date_naive();
    let to = day(&query.to).unwrap_or(today);
    let from = day(&query.from).unwrap_or(to - Duration::days(DEFAULT_DAYS));
    let own_only = identity.role() == Role::Advisor;
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let filter = ResultsFilter {
        from: Some(from),
        to: Some(to),
        advisor_id: own_only.then_some(identity.user.id),
        sales_point: text(&query.point),
        segment: text(&query.segment),
    };
    let by = Breakdown::parse(&query.by).unwrap_or(Breakdown::Segment);
    let total = offers::tallies(&state.db, &filter, None)
        .await?
        .pop()
        .map(|(_, t)| t)
        .unwrap_or_default();
    let rows = offers::tallies(&state.db, &filter, Some(by))
        .await?
        .into_iter()
        .map(|(key, t)| tally_row(lang, key, &t))
        .collect();
    let add_ons = offers::take_up_by_product(&state.db, &filter)
        .await?
        .into_iter()
        .map(|a| AddOnRow {
            below: matches!(
                (a.tally.take_up(), a.tally.expected_take_up()),
                (Some(actual), Some(expected)) if actual < expected
            ),
            name: a.product_name,
            offered: count(lang, a.tally.add_ons_offered),
            taken: count(lang, a.tally.add_ons_taken),
            take_up: ratio(lang, a.tally.take_up(), true),
            expected: ratio(lang, a.tally.expected_take_up(), true),
            opened: count(lang, a.opened),
        })
        .collect();
    let listed: Vec<OfferListing> = offers::recent(&state.db, &filter, OFFERS_LISTED).await?;
    let offers = listed
        .into_iter()
        .map(|o| OfferRow {
            id: o.id,
            day: date(lang, o.offered_on),
            client: o.client_name,
            advisor: o.advisor_name,
            point: o.sales_point,
            segment: o.segment,
            main: o.main_product,
            outcome: lang.text(match o.outcome.as_str() {
                "accepted_all" => "outcome-accepted_all",
                "accepted_some" => "outcome-accepted_some",
                _ => "outcome-declined",
            }),
            badge: o.badge,
            flagged: o.flagged_for_finance,
        })
        .collect();
    let segments = crate::persistence::segments::list(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.code, s.name))
        .collect();
    let points = crate::persistence::catalog::sales_points(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.name))
        .collect();
    render(&ResultsPage {
        segments,
        points,
        layout: Layout::new(lang.text("nav-results"), Some(&identity), Section::Results),
        own_only,
        from: from.to_string(),
        to: to.to_string(),
        segment: query.segment.trim().to_owned(),
        point: query.point.trim().to_owned(),
        by: by.as_str(),
        breakdowns: Breakdown::ALL
            .iter()
            .map(|b| (b.as_str(), lang.text(breakdown_key(*b))))
            .collect(),
        total: tally_row(lang, String::new(), &total),
        rows,
        add_ons,
        offers,
    })
}

const fn breakdown_key(by: Breakdown) -> &'static str {
    match by {
        Breakdown::Segment => "results-by-segment",
        Breakdown::SalesPoint => "results-by-point",
        Breakdown::Advisor => "results-by-advisor",
        Breakdown::Month => "results-by-month",
    }
}
