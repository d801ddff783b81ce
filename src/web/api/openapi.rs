//! The OpenAPI 3 document of the JSON API, generated from the `#[utoipa::path]` annotation of
//! each handler and served at `GET /api/v1/openapi.json`. A test (`tests/api/openapi.rs`) checks
//! that it describes every `/api/` route of the route table, and nothing the table lacks: a new
//! route needs its handler annotated and listed in [`ApiDoc`]'s `paths`.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use actix_web::http::header::ContentType;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The name of the bearer scheme that the operations' `security(("bearer" = []))` refer to.
pub const BEARER: &str = "bearer";

const DESCRIPTION: &str = "The JSON API of Kombi, for integrations (CRM, core banking, other \
channels).\n\n\
Callers authenticate with `Authorization: Bearer <token>`; an operator issues tokens with \
`kombi token create`. Each route admits only some roles: a token of another role gets 403.\n\n\
**Money is a decimal string** (`\"1490.00\"`), rounded to the kopeck (the currency's minor \
unit); rates, shares and margins are decimal strings with up to 6 places (`\"0.587727\"`). \
Numbers never travel as JSON floats, which cannot carry an exact amount. Dates are ISO 8601 \
(`2026-03-31`).\n\n\
Every error answers JSON: `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}`; a 422 adds \
`fields`, one entry per invalid field, named by its JSON path. A body that is not valid JSON \
answers 400.";

/// The OpenAPI document of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(title = "Kombi API", version = env!("CARGO_PKG_VERSION"), description = DESCRIPTION),
    paths(
        document,
        super::me,
        super::evaluate::evaluate,
        super::matrices::get,
        super::matrices::evaluation,
        super::clients::put,
        super::clients::get,
        super::clients::segments,
        super::offers::propose,
        super::offers::record,
        super::offers::get,
        super::offers::opened,
    ),
    components(schemas(ErrorBody, ErrorDetail, FieldProblem)),
    modifiers(&BearerScheme),
    tags(
        (name = "me", description = "The token's user"),
        (name = "evaluate", description = "Profitability of a whole document (docs/EVALUATE.md)"),
        (name = "matrices", description = "Product matrices of the segments, and their evaluation"),
        (name = "clients", description = "CRM clients and their segments"),
        (name = "offers", description = "The desk for other channels: propose, record, confirm what was opened"),
        (name = "openapi", description = "This document"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme that protected operations require.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "`Authorization: Bearer <token>`, a token from `kombi token create`",
                    ))
                    .build(),
            ),
        );
    }
}

/// The body of every API error.
#[derive(ToSchema)]
#[schema(example = json!({"error": {"code": "invalid", "message": "some fields are invalid",
    "fields": [{"field": "amounts.DEP_FLEX", "message": "\"ten\" is not a decimal number"}]}}))]
#[allow(dead_code)] // Only describes the JSON `super::error_json` and `ApiError` build.
pub struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorDetail {
    /// `bad_request` (400), `unauthorized` (401), `forbidden` or `password_change_required`
    /// (403), `not_found` (404), `conflict` (409), `invalid` (422), `internal` (500).
    #[schema(example = "not_found")]
    code: String,
    /// For people, in English.
    message: String,
    /// Only with `invalid`: one entry per invalid field.
    fields: Option<Vec<FieldProblem>>,
}

/// One invalid field.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FieldProblem {
    /// The field's JSON path, e.g. `outcome.reason` or `products.CC_GRACE.ftp_rate`.
    field: String,
    message: String,
}

/// The document as JSON, generated once.
pub fn json() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|err| unreachable!("the OpenAPI document serializes: {err}"))
    })
}

/// `GET /api/v1/openapi.json`
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "openapi",
    tag = "openapi",
    summary = "This OpenAPI 3 document",
    description = "Public: it describes the routes, and holds no data.",
    responses((status = 200, description = "The OpenAPI 3 document", content_type = "application/json")),
    security(())
)]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_with_a_bearer_scheme() {
        let document: serde_json::Value = serde_json::from_str(json()).unwrap();
        assert!(document["openapi"].as_str().unwrap().starts_with("3."));
        assert_eq!(document["info"]["title"], "Kombi API");
        assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            document["components"]["securitySchemes"][BEARER]["scheme"],
            "bearer"
        );
    }
}
