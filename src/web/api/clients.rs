//! The client API for CRM integration: upsert and read one client by CRM id.

use actix_web::{HttpResponse, web};
use serde_json::Value;

use super::ApiError;
use crate::domain::client::{Client, ClientDraft};
use crate::persistence::clients;
use crate::web::identity::Identity;
use crate::web::state::AppState;

/// `PUT /api/v1/clients/{crm_id}`: creates or replaces the client; 200 with the stored client.
/// The body is the client as JSON (`crm_id` may be omitted; if given it must match the path).
///
/// # Errors
/// 422 naming every invalid field; 400 when the body's CRM id differs from the path's.
pub async fn put(
    _identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let crm_id = path.into_inner();
    let mut body = body.into_inner();
    let Some(object) = body.as_object_mut() else {
        return Err(ApiError::BadRequest(
            "the body must be a JSON object with the client's fields".into(),
        ));
    };
    match object.get("crm_id").and_then(Value::as_str) {
        Some(given) if given.trim() != crm_id => {
            return Err(ApiError::BadRequest(format!(
                "crm_id: the body says {given:?}, the path says {crm_id:?}"
            )));
        }
        _ => {
            object.insert("crm_id".into(), Value::String(crm_id.clone()));
        }
    }
    let draft: ClientDraft = serde_json::from_value(body)
        .map_err(|e| ApiError::BadRequest(format!("invalid client record: {e}")))?;
    let client = draft
        .parse(chrono::Utc::now().date_naive())
        .map_err(|errors| {
            let fields = errors.0.iter();
            ApiError::Invalid(
                fields
                    .map(|e| (e.field.clone(), e.message.to_string()))
                    .collect(),
            )
        })?;
    let points = clients::sales_point_ids(&state.db).await?;
    clients::upsert(&state.db, std::slice::from_ref(&client), &points).await?;
    let stored = clients::load(&state.db, &crm_id).await?;
    Ok(HttpResponse::Ok().json(stored))
}

/// The stored client with this CRM id, or 404.
async fn stored_client(state: &AppState, crm_id: &str) -> Result<Client, ApiError> {
    clients::load(&state.db, crm_id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no client with CRM id {crm_id}")))
}

/// `GET /api/v1/clients/{crm_id}`
///
/// # Errors
/// 404 for an unknown CRM id.
pub async fn get(
    _identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let client = stored_client(&state, &path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(client))
}

/// `GET /api/v1/clients/{crm_id}/segments`: the client's segments by priority, each with the
/// conditions that held, and the segments missed by a single condition.
///
/// # Errors
/// 404 for an unknown CRM id.
pub async fn segments(
    _identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let client = stored_client(&state, &path.into_inner()).await?;
    let segments = crate::persistence::segments::active_ranked(&state.db).await?;
    let today = chrono::Utc::now().date_naive();
    let (matched, near) = crate::domain::segment::rank(&segments, &client, today);
    let matched: Vec<_> = matched
        .iter()
        .map(|m| {
            serde_json::json!({
                "code": m.segment.code, "name": m.segment.name, "priority": m.segment.priority,
                "rule": m.segment.rule.to_string(), "held": m.explanation.held,
            })
        })
        .collect();
    let near: Vec<_> = near
        .iter()
        .map(|n| {
            serde_json::json!({
                "code": n.segment.code, "name": n.segment.name, "failed": n.near_miss.conditions(),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "crm_id": client.crm_id.as_str(), "as_of": today, "segments": matched, "near_misses": near,
    })))
}
