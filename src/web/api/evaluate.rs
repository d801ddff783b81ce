//! `POST /api/v1/evaluate`: the profitability report of a document (see docs/EVALUATE.md).

use actix_web::{HttpResponse, web};
use serde_json::Value;

use super::ApiError;
use crate::domain::evaluation::evaluate_document;
use crate::web::identity::Identity;

/// 200 with the report, or 422 listing every problem by field path.
///
/// # Errors
/// [`ApiError::Invalid`] for a document the engine cannot evaluate.
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
