//! The catalog list, with filters by kind, status and currency.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::message::Message;
use crate::domain::product::ProductKind;
use crate::persistence::catalog::{self, ProductFilter, ProductListItem};
use crate::persistence::paging::{PageRequest, Paged};
use crate::web::error::WebError;
use crate::web::format::integer;
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
    kinds: Vec<(&'static str, String)>,
    currencies: Vec<String>,
    kind: String,
    status: String,
    currency: String,
    can_create: bool,
}

impl CatalogPage {
    /// "Products 51–100 of 240."
    fn shown(&self) -> String {
        let lang = self.layout.lang;
        self.layout.lang.message(
            &Message::new("catalog-shown")
                .with("first", integer(lang, self.products.first() as i64))
                .with("last", integer(lang, self.products.last() as i64))
                .with("total", integer(lang, self.products.total as i64)),
        )
    }

    fn status_label(&self, status: &str) -> String {
        match status {
            "active" => self.layout.t("status-active"),
            "suspended" => self.layout.t("status-suspended"),
            other => other.to_string(),
        }
    }

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
    fn kind_label(&self, code: &str) -> String {
        code.parse::<ProductKind>()
            .map_or_else(|_| code.to_string(), |kind| self.layout.t(kind.label_key()))
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
        .map(|k| (k.as_str(), identity.language.text(k.label_key())))
        .collect();
    let currencies = catalog::product_currencies(&state.db).await?;
    render(&CatalogPage {
        layout: Layout::new(
            identity.language.text("catalog-title"),
            Some(&identity),
            Section::Catalog,
        ),
        products,
        kinds,
        currencies,
        kind: filter.kind.unwrap_or_default(),
        status: filter.status.unwrap_or_default(),
        currency: filter.currency.unwrap_or_default(),
        can_create: identity.role() == crate::domain::user::Role::ProductManager,
    })
}
