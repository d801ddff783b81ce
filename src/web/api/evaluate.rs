//! `POST /api/v1/evaluate`: the profitability report of a document (see docs/EVALUATE.md).

use actix_web::{HttpResponse, web};
use serde_json::Value;
use utoipa::ToSchema;

use super::ApiError;
use super::openapi::ErrorBody;
use crate::domain::evaluation::evaluate_document;
use crate::web::identity::Identity;

/// The profitability report; docs/EVALUATE.md has its whole shape. Every figure is a decimal
/// string.
#[derive(ToSchema)]
#[allow(dead_code)] // Only describes, for the OpenAPI document, what `evaluate_document` returns.
pub struct EvaluationReport {
    /// The bank's (reporting) currency.
    #[schema(example = "RUB")]
    currency: String,
    #[schema(example = "0.150000")]
    target_margin: String,
    valuation_date: Option<chrono::NaiveDate>,
    /// Product code → the product alone: `kind`, `currency`, `standalone` (its breakdown),
    /// `verdicts`, `price` (solved for the target margin).
    products: std::collections::BTreeMap<String, Value>,
    /// The bundle, when the document has one: `currency`, `main`, `positions`, `visit_total`,
    /// `revenue`, `profit`, `margin`, `client_cost`, `verdicts`.
    #[schema(value_type = Option<Object>)]
    bundle: Option<Value>,
}

/// 200 with the report, or 422 listing every problem by field path.
///
/// # Errors
/// [`ApiError::Invalid`] for a document the engine cannot evaluate.
#[utoipa::path(
    post,
    path = "/api/v1/evaluate",
    operation_id = "evaluate",
    tag = "evaluate",
    summary = "Profitability report of a document",
    description = "The document is the format of `examples/worked-example.json` (`bank`, `products`, \
        `standalone`, optional `bundle`, `bundle_main`, `exchange_rates`, `valuation_date`); numbers \
        are decimal strings, JSON fractions are refused. See docs/EVALUATE.md. Product managers, finance.",
    request_body(content = Object, description = "The document to evaluate"),
    responses(
        (status = 200, description = "The report", body = EvaluationReport),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 422, description = "Every problem of the document, each named by its JSON path", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn evaluate(
    _identity: Identity,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let report = evaluate_document(&body).map_err(|errors| {
        ApiError::Invalid(
            errors
                .into_iter()
                .map(|e| (e.field, e.message.to_string()))
                .collect(),
        )
    })?;
    Ok(HttpResponse::Ok().json(report))
}
