//! The JSON API under `/api/v1/`, for integrations. Callers authenticate with
//! `Authorization: Bearer <token>` (see `kombi token create`); every error is JSON:
//! `{"error": {"code": "...", "message": "..."}}`. The OpenAPI 3 document of these routes is
//! generated from the handlers' `#[utoipa::path]` annotations ([`openapi`]) and served at
//! `GET /api/v1/openapi.json`.

use crate::web::access::{
    ADVISORS, CLIENT_READERS, CRM_WRITERS, EVERYONE, OFFER_READERS, PRODUCT_AND_FINANCE, PUBLIC,
};
use crate::web::routes::RouteTable;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde_json::json;
use utoipa::ToSchema;

use super::identity::Identity;
use crate::persistence::StoreError;

mod clients;
mod evaluate;
mod matrices;
mod offers;
pub mod openapi;

pub fn routes(table: &mut RouteTable) {
    table
        // Public: the document describes the routes, their parameters and answers, all of which
        // are in the source and the README; it holds no data and no secret, and every route it
        // lists still demands its token. Integrators fetch it before they have a token.
        .get("/api/v1/openapi.json", PUBLIC, openapi::document)
        .get("/api/v1/me", EVERYONE, me)
        .post("/api/v1/evaluate", PRODUCT_AND_FINANCE, evaluate::evaluate)
        .get(
            "/api/v1/matrices/{segment}",
            PRODUCT_AND_FINANCE,
            matrices::get,
        )
        .get(
            "/api/v1/matrices/{segment}/evaluation",
            PRODUCT_AND_FINANCE,
            matrices::evaluation,
        )
        .put("/api/v1/clients/{crm_id}", CRM_WRITERS, clients::put)
        .get("/api/v1/clients/{crm_id}", CLIENT_READERS, clients::get)
        .get(
            "/api/v1/clients/{crm_id}/segments",
            CLIENT_READERS,
            clients::segments,
        )
        .post("/api/v1/offers/propose", ADVISORS, offers::propose)
        .post("/api/v1/offers", ADVISORS, offers::record)
        .get("/api/v1/offers/{id}", OFFER_READERS, offers::get)
        .post("/api/v1/offers/{id}/opened", CRM_WRITERS, offers::opened);
}

/// The JSON error body of every API error.
pub fn error_json(status: StatusCode, code: &str, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(json!({"error": {"code": code, "message": message}}))
}

/// Errors of API handlers.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request body is not what the route takes; the message names the field.
    #[error("{0}")]
    BadRequest(String),
    /// 422: well-formed, but the values are not acceptable; one message per field.
    #[error("invalid input")]
    Invalid(Vec<(String, String)>),
    /// 404
    #[error("{0}")]
    NotFound(String),
    /// 409: the request clashes with what is stored (a unique value, a newer version).
    #[error("{0}")]
    Conflict(String),
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Store errors as the API answers them: a missing record is 404, a value that cannot be stored
/// is 422 naming its field, a taken unique value is 409; anything else is a 500.
impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { what } => ApiError::NotFound(format!("{what} not found")),
            StoreError::InvalidField { field, message } => {
                ApiError::Invalid(vec![(field, message.to_string())])
            }
            StoreError::Conflict { field, value } => {
                ApiError::Conflict(format!("{field} {value:?} is already taken"))
            }
            other => ApiError::Internal(other.into()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::BadRequest(message) => error_json(self.status_code(), "bad_request", message),
            ApiError::NotFound(message) => error_json(self.status_code(), "not_found", message),
            ApiError::Conflict(message) => error_json(self.status_code(), "conflict", message),
            ApiError::Invalid(fields) => {
                let fields: Vec<_> = fields
                    .iter()
                    .map(|(field, message)| json!({"field": field, "message": message}))
                    .collect();
                HttpResponse::build(self.status_code()).json(json!({"error": {
                    "code": "invalid", "message": "some fields are invalid", "fields": fields}}))
            }
            ApiError::Internal(err) => {
                tracing::error!(error = ?err, "API request failed");
                error_json(
                    self.status_code(),
                    "internal",
                    "internal error; it has been logged",
                )
            }
        }
    }
}

/// Malformed JSON bodies answer 400 with serde's message (which names line and column).
pub fn json_error_handler(
    err: actix_web::error::JsonPayloadError,
    _: &HttpRequest,
) -> actix_web::Error {
    ApiError::BadRequest(format!("invalid JSON body: {err}")).into()
}

/// Who a token acts for.
#[derive(ToSchema)]
#[allow(dead_code)] // Only describes, for the OpenAPI document, the JSON `me` builds.
pub struct Me {
    #[schema(example = "a.petrova")]
    username: String,
    display_name: String,
    /// `advisor`, `product_manager`, `finance` or `admin`.
    #[schema(example = "advisor")]
    role: String,
}

/// `GET /api/v1/me`: who the token acts for.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    operation_id = "me",
    tag = "me",
    summary = "Who the token acts for",
    description = "Any role.",
    responses(
        (status = 200, description = "The token's user", body = Me),
        (status = 401, description = "No valid token", body = openapi::ErrorBody),
        (status = 403, description = "The user must first choose a new password on the web", body = openapi::ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn me(identity: Identity) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "username": identity.user.username,
        "display_name": identity.user.display_name,
        "role": identity.role(),
    }))
}
