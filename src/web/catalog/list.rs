//! The catalog list, with filters by kind, status and currency.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::product::ProductKind;
use crate::persistence::catalog::{self, ProductFilter, ProductListItem};
use crate::persistence::paging::{PageRequest, Paged};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;

/// Products on one page of the list.
const PAGE_SIZE: u64 = 50;

#[derive(Deserialize)]
pub struct FilterQuery {
    kind: Option<String>,
    status: Option<String>,
    currency: Option<String>,
    page: Option<u64>,
}

/// An empty select means "any".
fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

#[derive(Template)]
#[template(path = "catalog/list.html")]
struct CatalogPage {
    layout: Layout,
    products: Paged<ProductListItem>,
    /// (value, label) of every product kind.
    kinds: Vec<(&'static str, &'static str)>,
    currencies: Vec<String>,
    kind: String,
    status: String,
    currency: String,
    can_create: bool,
}

impl CatalogPage {
    /// The list's address at another page, keeping the filters.
    fn page_href(&self, number: u64) -> String {
        let query = serde_urlencoded::to_string([
            ("kind", self.kind.as_str()),
            ("status", self.status.as_str()),
            ("currency", self.currency.as_str()),
            ("page", &number.to_string()),
        ])
        .unwrap_or_default();
        format!("/catalog?{query}")
    }

    /// The label of a stored kind code; the code itself should one not be known.
    fn kind_label<'a>(&self, code: &'a str) -> &'a str {
        code.parse::<ProductKind>()
            .map_or(code, |kind| kind.label())
    }
}

pub async fn list(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<FilterQuery>,
) -> Result<HttpResponse, WebError> {
    let filter = ProductFilter {
        kind: non_empty(&query.kind),
        status: non_empty(&query.status),
        currency: non_empty(&query.currency),
    };
    let page = PageRequest::new(query.page, PAGE_SIZE);
    let products = catalog::list_products(&state.db, &filter, page).await?;
    let kinds = ProductKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let currencies = catalog::product_currencies(&state.db).await?;
    render(&CatalogPage {
        layout: Layout::new("Catalog", Some(&identity), Section::Catalog),
        products,
        kinds,
        currencies,
        kind: filter.kind.unwrap_or_default(),
        status: filter.status.unwrap_or_default(),
        currency: filter.currency.unwrap_or_default(),
        can_create: identity.role() == crate::domain::user::Role::ProductManager,
    })
}
