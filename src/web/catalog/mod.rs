//! The product catalog: the list (product managers and finance), each product's page with its
//! standalone P&L, and the forms product managers create and edit products with.

mod form;
mod list;
mod product;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // `/catalog/new` before `/catalog/{code}`, which would otherwise match it.
    cfg.route("/catalog", web::get().to(list::list))
        .route("/catalog", web::post().to(form::create))
        .route("/catalog/new", web::get().to(form::new))
        .route("/catalog/{code}", web::get().to(product::show))
        .route("/catalog/{code}", web::post().to(form::update))
        .route("/catalog/{code}/edit", web::get().to(form::edit));
}
