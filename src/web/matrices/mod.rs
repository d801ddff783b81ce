//! Product matrices per segment: the list of segments with where each matrix stands, the
//! matrix page (grid, panel, versions) and the cell editor.

mod cell;
mod grid;
mod page;
mod panel;
mod review;

pub use panel::PanelView;

use crate::web::access::{FINANCE, PRODUCT, PRODUCT_AND_FINANCE};
use crate::web::routes::RouteTable;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::persistence::matrices::{self, VersionStatus};
use crate::persistence::segments::{self, StoredSegment};
use crate::web::format::date;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/matrices", PRODUCT_AND_FINANCE, list)
        .get("/matrices/{segment}", PRODUCT_AND_FINANCE, page::show)
        .post("/matrices/{segment}/draft", PRODUCT, page::start_draft)
        .post("/matrices/{segment}/copy", PRODUCT, page::copy_matrix)
        .get(
            "/matrices/{segment}/versions/{number}/cell",
            PRODUCT,
            cell::show,
        )
        .post(
            "/matrices/{segment}/versions/{number}/cell",
            PRODUCT,
            cell::post,
        )
        .post(
            "/matrices/{segment}/versions/{number}/copy-point",
            PRODUCT,
            page::copy_point,
        )
        .post(
            "/matrices/{segment}/versions/{number}/links",
            PRODUCT,
            page::edit_links,
        )
        .post(
            "/matrices/{segment}/versions/{number}/package",
            PRODUCT,
            page::set_package,
        )
        .post(
            "/matrices/{segment}/versions/{number}/submit",
            PRODUCT,
            review::submit,
        )
        .post(
            "/matrices/{segment}/versions/{number}/recall",
            PRODUCT,
            review::recall,
        )
        .get(
            "/matrices/{segment}/versions/{number}/review",
            PRODUCT_AND_FINANCE,
            review::show,
        )
        .post(
            "/matrices/{segment}/versions/{number}/approve",
            FINANCE,
            review::approve,
        )
        .post(
            "/matrices/{segment}/versions/{number}/reject",
            FINANCE,
            review::reject,
        )
        .post(
            "/matrices/{segment}/versions/{number}/withdraw",
            PRODUCT,
            page::withdraw,
        );
}

pub struct SegmentLine {
    pub segment: StoredSegment,
    /// "Version 2, in force since 1 Nov 2026", or that there is none.
    pub state: String,
    pub draft: Option<i32>,
    /// The draft is submitted: finance reviews it.
    pub awaiting: bool,
}

#[derive(Template)]
#[template(path = "matrices/list.html")]
struct MatricesPage {
    layout: Layout,
    segments: Vec<SegmentLine>,
}

async fn list(identity: Identity, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let today = Utc::now().date_naive();
    let all = matrices::all_versions(&state.db).await?;
    let segments = segments::list(&state.db)
        .await?
        .into_iter()
        .map(|segment| {
            let mine: Vec<_> = all.iter().filter(|v| v.segment == segment.code).collect();
            let in_force = mine
                .iter()
                .filter(|v| v.status == VersionStatus::Published)
                .filter(|v| v.effective_from.is_some_and(|f| f <= today))
                .filter(|v| v.withdrawn_on.is_none_or(|w| today < w))
                .max_by_key(|v| (v.effective_from, v.number));
            let state = match in_force {
                Some(v) => lang.message(
                    &crate::domain::message::Message::new("matrices-in-force")
                        .with("number", v.number)
                        .with(
                            "date",
                            v.effective_from.map(|d| date(lang, d)).unwrap_or_default(),
                        ),
                ),
                None if mine.is_empty() => lang.text("matrices-not-drafted"),
                None => lang.text("matrices-none-in-force"),
            };
            let in_making = mine
                .iter()
                .find(|v| matches!(v.status, VersionStatus::Draft | VersionStatus::Submitted));
            SegmentLine {
                draft: in_making.map(|v| v.number),
                awaiting: in_making.is_some_and(|v| v.status == VersionStatus::Submitted),
                state,
                segment,
            }
        })
        .collect();
    render(&MatricesPage {
        layout: Layout::new(
            lang.text("matrices-title"),
            Some(&identity),
            Section::Matrices,
        ),
        segments,
    })
}
