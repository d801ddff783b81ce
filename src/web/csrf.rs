//! CSRF protection for state-changing page requests (synchronizer token pattern).
//!
//! Each session has its own random token; every state-changing form carries it in a hidden
//! `csrf_token` field (or a script sends it as `X-CSRF-Token`). The guard checks it before the
//! handler runs, reading the form body and putting it back for the handler. File uploads
//! (`multipart/form-data`) carry it in the form's action URL instead, so that a large body need
//! not be read twice; the request log records paths without query strings.

use actix_web::HttpMessage;
use actix_web::dev::{Payload, ServiceRequest};
use actix_web::http::Method;
use actix_web::web::{Bytes, BytesMut};
use futures_util::StreamExt;

use crate::security::constant_time_eq;

/// Name of the hidden form field.
pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";
/// Largest form body read for the check; larger bodies are refused.
const BODY_LIMIT: usize = 256 * 1024;

pub fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The CSRF token a request carries, if any; the body, when read, is restored.
///
/// # Errors
/// When the body cannot be read or is larger than the limit.
pub async fn submitted_token(req: &mut ServiceRequest) -> Result<Option<String>, actix_web::Error> {
    if let Some(header) = req.headers().get(HEADER) {
        return Ok(header.to_str().ok().map(str::to_string));
    }
    let content_type = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        let query = serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
            .unwrap_or_default();
        return Ok(query
            .into_iter()
            .find(|(key, _)| key == FIELD)
            .map(|(_, v)| v));
    }
    let is_form = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(None);
    }
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        body.extend_from_slice(&chunk?);
        if body.len() > BODY_LIMIT {
            return Err(actix_web::error::ErrorPayloadTooLarge("form too large"));
        }
    }
    let body: Bytes = body.freeze();
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(key, _)| key == FIELD)
                .map(|(_, v)| v)
        });
    req.set_payload(Payload::from(body));
    Ok(token)
}

/// Whether `submitted` matches the session's token.
pub fn matches(submitted: Option<&str>, expected: &str) -> bool {
    !expected.is_empty() && submitted.is_some_and(|token| constant_time_eq(token, expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_token_matches() {
        assert!(matches(Some("abc"), "abc"));
        assert!(!matches(Some("abd"), "abc"));
        assert!(!matches(None, "abc"));
        assert!(!matches(Some(""), ""));
    }

    #[test]
    fn reads_do_not_need_a_token() {
        assert!(!is_state_changing(&Method::GET));
        assert!(is_state_changing(&Method::POST));
        assert!(is_state_changing(&Method::DELETE));
    }
}
