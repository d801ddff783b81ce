//! The advisor's desk: find the client (`card.rs` shows who they are), propose the combined
//! product (`proposal.rs`, `view.rs`), record and print the offer (`offers.rs`), and see the
//! results (`results.rs`). An advisor works at a home sales point, or covers another for the day.

mod card;
mod offers;
mod proposal;
mod results;
mod view;

pub use proposal::{read_request, refusal_text};

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
use crate::domain::audit::{Action, Subject};
use crate::persistence::{audit, clients, users};
use crate::web::access::{ADVISORS, OFFER_READERS};
use crate::web::format;
use crate::web::routes::RouteTable;
use crate::web::viewed::record_view;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/desk", ADVISORS, index)
        .post("/desk/point", ADVISORS, switch_point)
        .get("/desk/clients/{crm_id}", ADVISORS, card::client_card)
        .get("/desk/clients/{crm_id}/proposal", ADVISORS, proposal::show)
        .post("/desk/clients/{crm_id}/offers", ADVISORS, proposal::record)
        .get("/offers/{id}", OFFER_READERS, offers::show)
        .get("/offers/{id}/print", OFFER_READERS, offers::print)
        .get("/results", OFFER_READERS, results::show);
}

/// Clients shown for one search: a desk needs a short list, not a report.
const SEARCH_LIMIT: u64 = 20;
/// The longest search text taken (a name, a CRM id).
const QUERY_CHARS: usize = 100;

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub(super) q: String,
    /// `results` for the result list alone: what the page's script asks for as the advisor types.
    #[serde(default)]
    part: String,
}

pub struct ClientLine {
    pub crm_id: String,
    pub full_name: String,
    pub birth_date: String,
    pub city: String,
    pub phone: String,
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
    /// The point the advisor works at today, and every point to switch to, as (code, name).
    working_point: String,
    home_point: String,
    points: Vec<(String, String)>,
}

/// The result list alone (`desk/found.html`, which the page includes): a keystroke's answer
/// carries neither the layout nor the point switch.
#[derive(Template)]
#[template(path = "desk/found.html")]
struct FoundList {
    layout: Layout,
    query: String,
    results: Vec<ClientLine>,
    searched: bool,
    cut_note: String,
}

/// `?q=…` for a search, to carry it to the card and back.
pub(super) fn query_string(q: &str) -> String {
    serde_urlencoded::to_string([("q", q)]).unwrap_or_default()
}

async fn index(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let q: String = query.q.trim().chars().take(QUERY_CHARS).collect();
    if !q.is_empty() {
        // A result list shows clients' names, birth dates and phones: who searched for what.
        record_view(&state, &identity, Subject::Client, &q, "search").await?;
    }
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
            phone: c.phone.unwrap_or_default(),
        })
        .collect();
    let layout = Layout::new(lang.text("nav-desk"), Some(&identity), Section::Desk);
    if query.part == "results" {
        return render(&FoundList {
            layout,
            searched: !q.is_empty(),
            query: q,
            results,
            cut_note,
        });
    }
    let today = Utc::now().date_naive();
    // The point switch is for the start of the day: the search's own pages (asked for at
    // every keystroke) do without the list of points.
    let points = if q.is_empty() {
        crate::persistence::catalog::active_sales_points(&state.db)
            .await?
            .into_iter()
            .map(|p| (p.code, p.name))
            .collect()
    } else {
        Vec::new()
    };
    render(&DeskPage {
        layout,
        working_point: identity
            .user
            .working_point(today)
            .unwrap_or_default()
            .to_owned(),
        home_point: identity.user.home_sales_point.clone().unwrap_or_default(),
        points,
        searched: !q.is_empty(),
        query: q,
        results,
        cut_note,
    })
}

#[derive(Deserialize)]
pub struct PointForm {
    point: String,
}

/// Covers another sales point for today, or goes back to the home point (the day's choice
/// lapses by itself tomorrow).
async fn switch_point(
    state: web::Data<AppState>,
    identity: Identity,
    form: web::Form<PointForm>,
) -> Result<HttpResponse, WebError> {
    let code = form.point.trim();
    let known = crate::persistence::catalog::active_sales_points(&state.db)
        .await?
        .into_iter()
        .any(|p| p.code == code);
    if !known {
        return Err(WebError::BadRequest(
            Message::new("desk-unknown-point").with("point", code),
        ));
    }
    let today = Utc::now().date_naive();
    let day = (identity.user.home_sales_point.as_deref() != Some(code)).then_some((code, today));
    let id = identity.user.id;
    audit::change(
        &state.db,
        identity
            .author()
            .entry(Action::Changed, Subject::User, &identity.user.username),
        async |db| users::audit_fields(db, id).await,
        async |db| users::set_day_point(db, id, day).await,
    )
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, "/desk"))
        .finish())
}
