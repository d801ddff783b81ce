//! Errors of page handlers, and the only place they become HTTP statuses.
//!
//! Use `NotFound` / `Forbidden` / `BadRequest` for what a user can understand and fix; anything
//! unexpected goes through `Internal`, is logged once with its chain, and the user sees a calm
//! generic page. (API handlers use `api::ApiError`, which answers JSON.)

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::persistence::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// 404, with what was looked for.
    #[error("{0}")]
    NotFound(String),
    /// 400, with what is wrong with the request.
    #[error("{0}")]
    BadRequest(String),
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for WebError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { what } => WebError::NotFound(format!("{what} not found")),
            other => WebError::Internal(other.into()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(err: askama::Error) -> Self {
        WebError::Internal(anyhow::Error::new(err).context("rendering a template"))
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            WebError::Internal(err) => {
                tracing::error!(error = ?err, "request failed");
                "Something went wrong on our side. The error has been logged; please try again, \
                 and call support if it persists."
                    .to_string()
            }
            other => other.to_string(),
        };
        super::pages::error_response(self.status_code(), None, &message)
    }
}
