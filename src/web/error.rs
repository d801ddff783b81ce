//! Errors of page handlers, and the only place they become HTTP statuses.
//!
//! Use `NotFound` / `Forbidden` / `BadRequest` for what a user can understand and fix; anything
//! unexpected goes through `Internal`, is logged once with its chain, and the user sees a calm
//! generic page. (API handlers use `api::ApiError`, which answers JSON.)

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError};

use super::identity::{Identity, browser_language};
use crate::domain::message::Message;
use crate::i18n::Lang;

use crate::persistence::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// 404, with what was looked for.
    #[error("{0}")]
    NotFound(Message),
    /// 400, with what is wrong with the request.
    #[error("{0}")]
    BadRequest(Message),
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for WebError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { what } => {
                WebError::NotFound(Message::new("error-not-found").with("what", what))
            }
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
                Message::new("error-internal")
            }
            WebError::NotFound(message) | WebError::BadRequest(message) => message.clone(),
        };
        // Rendered in English here (no request at hand); `localize_errors` renders it again in
        // the reader's language and layout.
        let mut response = super::pages::error_page(self.status_code(), None, Lang::En, &message);
        response.extensions_mut().insert(ErrorPage {
            status: self.status_code(),
            message,
        });
        response
    }
}

/// An error page whose text is known by message: rendered again in the reader's language.
#[derive(Clone, Debug)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message: Message,
}

/// Renders handlers' error pages in the language and layout of whoever asked.
///
/// # Errors
/// Only errors of the wrapped service.
pub async fn localize_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let page = response.response().extensions().get::<ErrorPage>().cloned();
    let Some(page) = page else {
        return Ok(response.map_into_boxed_body());
    };
    let identity = response.request().extensions().get::<Identity>().cloned();
    let lang = identity
        .as_ref()
        .map_or_else(|| browser_language(response.request()), |i| i.language);
    let localized = super::pages::error_page(page.status, identity.as_ref(), lang, &page.message);
    Ok(response.into_response(localized))
}
