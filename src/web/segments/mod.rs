//! Client segments, for product managers.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::persistence::segments::{self, SegmentListItem};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/segments", web::get().to(list));
}

#[derive(Template)]
#[template(path = "segments/list.html")]
struct SegmentsPage {
    layout: Layout,
    segments: Vec<SegmentListItem>,
}

async fn list(state: web::Data<AppState>, identity: Identity) -> Result<HttpResponse, WebError> {
    let segments = segments::list(&state.db).await?;
    render(&SegmentsPage {
        layout: Layout::new("Segments", Some(&identity), Section::Segments),
        segments,
    })
}
