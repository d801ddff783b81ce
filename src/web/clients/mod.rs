//! CRM clients for product managers: importing extracts and keeping the column mappings.

mod import;
mod mappings;

use crate::web::access::PRODUCT;
use crate::web::routes::RouteTable;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/clients/import", PRODUCT, import::form)
        .post("/clients/import", PRODUCT, import::upload)
        .get("/clients/imports/{id}", PRODUCT, import::run)
        .get(
            "/clients/imports/{id}/errors.csv",
            PRODUCT,
            import::errors_csv,
        )
        .get("/clients/mappings", PRODUCT, mappings::list)
        .post("/clients/mappings", PRODUCT, mappings::save)
        .post("/clients/mappings/suggest", PRODUCT, mappings::suggest);
}
