//! CRM clients for product managers: importing extracts and keeping the column mappings.

mod import;
mod mappings;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/clients/import", web::get().to(import::form))
        .route("/clients/import", web::post().to(import::upload))
        .route("/clients/imports/{id}", web::get().to(import::run))
        .route(
            "/clients/imports/{id}/errors.csv",
            web::get().to(import::errors_csv),
        )
        .route("/clients/mappings", web::get().to(mappings::list))
        .route("/clients/mappings", web::post().to(mappings::save));
}
