//! Product matrices per segment. The matrix model arrives with its own issue; until then the
//! page lists the segments that will each get a matrix, so the navigation leads somewhere real.

use crate::web::access::PRODUCT_AND_FINANCE;
use crate::web::routes::RouteTable;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::persistence::segments::{self, StoredSegment};

pub fn routes(table: &mut RouteTable) {
    table.get("/matrices", PRODUCT_AND_FINANCE, list);
}

#[derive(Template)]
#[template(path = "matrices/list.html")]
struct MatricesPage {
    layout: Layout,
    segments: Vec<StoredSegment>,
}

async fn list(state: web::Data<AppState>, identity: Identity) -> Result<HttpResponse, WebError> {
    let segments = segments::list(&state.db).await?;
    render(&MatricesPage {
        layout: Layout::new(
            identity.language.text("matrices-title"),
            Some(&identity),
            Section::Matrices,
        ),
        segments,
    })
}
