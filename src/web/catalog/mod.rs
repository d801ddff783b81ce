//! The product catalog: the list (product managers and finance), each product's page with its
//! standalone P&L, and the forms product managers create and edit products with.

mod change;
mod form;
mod form_view;
mod list;
mod product;

use crate::web::access::{FINANCE, PRODUCT, PRODUCT_AND_FINANCE};
use crate::web::routes::RouteTable;

pub fn routes(table: &mut RouteTable) {
    // `/catalog/new` before `/catalog/{code}`, which would otherwise match it.
    table
        .get("/catalog", PRODUCT_AND_FINANCE, list::list)
        .post("/catalog", PRODUCT, form::create)
        .get("/catalog/new", PRODUCT, form::new)
        .get("/catalog/{code}", PRODUCT_AND_FINANCE, product::show)
        .post("/catalog/{code}", PRODUCT, form::update)
        .get("/catalog/{code}/edit", PRODUCT, form::edit)
        .post("/catalog/{code}/change/approve", FINANCE, change::approve)
        .post("/catalog/{code}/change/reject", FINANCE, change::reject)
        .post("/catalog/{code}/change/withdraw", PRODUCT, change::withdraw);
}
