//! The client API for CRM integration: upsert and read one client by CRM id.

use actix_web::{HttpResponse, web};
use serde_json::Value;
use utoipa::ToSchema;

use super::ApiError;
use super::openapi::ErrorBody;
use crate::domain::audit::{Action, Fields, Subject};
use crate::domain::client::{Client, ClientDraft};
use crate::persistence::{audit, clients};
use crate::web::identity::Identity;
use crate::web::state::AppState;

// The structs below only describe, for the OpenAPI document, JSON that is read or built
// elsewhere: `ClientRecord` what `ClientDraft` reads, `ClientDoc` what `Client` serializes to,
// the others what `segments` builds.

/// A client record as the CRM sends it: every field may be omitted or blank ("not recorded");
/// numbers and booleans may be sent as JSON numbers and booleans or as text. Unknown fields are
/// refused.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ClientRecord {
    /// May be omitted; if given, must be the path's.
    crm_id: Option<String>,
    /// Surname first, 1 to 200 characters.
    #[schema(example = "Ivanova Anna Sergeevna")]
    full_name: String,
    /// However the CRM writes it; stored as `+` and 8 to 15 digits.
    #[schema(example = "8 916 123-45-67")]
    phone: Option<String>,
    #[schema(example = "1988-04-12")]
    birth_date: Option<String>,
    /// Years of age on `age_as_of` (0 to 120), for a CRM that knows ages, not birth dates;
    /// must agree with `birth_date` when both are sent.
    #[schema(example = "42")]
    age: Option<String>,
    /// The date `age` was true on (required with it; not in the future).
    #[schema(example = "2026-06-30")]
    age_as_of: Option<String>,
    /// `male` or `female`.
    gender: Option<String>,
    /// `employed`, `self_employed`, `student`, `retired`, `unemployed`, `homemaker`, `other`.
    employment: Option<String>,
    /// A decimal, >= 0, in `income_currency` (required with it).
    #[schema(example = "185000.00")]
    monthly_income: Option<String>,
    /// ISO 4217.
    #[schema(example = "RUB")]
    income_currency: Option<String>,
    city: Option<String>,
    city_population: Option<String>,
    region: Option<String>,
    /// `single`, `married`, `divorced`, `widowed`.
    marital_status: Option<String>,
    /// 0 to 30.
    children: Option<String>,
    lifestyle_tags: Option<Vec<String>>,
    /// `low`, `medium`, `high`.
    digital_affinity: Option<String>,
    /// ISO 639-1.
    #[schema(example = "ru")]
    preferred_language: Option<String>,
    islamic_banking: Option<bool>,
    /// Product catalog codes.
    products_held: Option<Vec<String>>,
    consent_to_offers: Option<bool>,
    data_verified_on: Option<String>,
    /// A sales point code.
    #[schema(example = "MSK-HO")]
    home_sales_point: Option<String>,
    /// Free attributes: keys of `[A-Za-z0-9_.-]`, values up to 500 characters.
    custom_attributes: Option<std::collections::BTreeMap<String, String>>,
}

/// A stored client. Absent values are `null`.
#[derive(ToSchema)]
#[schema(as = Client)]
#[allow(dead_code)]
pub struct ClientDoc {
    #[schema(example = "C-000123")]
    crm_id: String,
    full_name: String,
    #[schema(example = "+79161234567")]
    phone: Option<String>,
    birth_date: Option<chrono::NaiveDate>,
    /// The age the CRM stated on `age_as_of`; age rules count from it when there is no birth
    /// date (a year more on each anniversary of `age_as_of`).
    #[schema(example = 42)]
    age: Option<u32>,
    age_as_of: Option<chrono::NaiveDate>,
    /// `male` or `female`.
    gender: Option<String>,
    /// `employed`, `self_employed`, `student`, `retired`, `unemployed`, `homemaker`, `other`.
    employment: Option<String>,
    /// Decimal string, in `income_currency`.
    #[schema(example = "185000")]
    monthly_income: Option<String>,
    income_currency: Option<String>,
    city: Option<String>,
    city_population: Option<i64>,
    region: Option<String>,
    /// `single`, `married`, `divorced`, `widowed`.
    marital_status: Option<String>,
    children: Option<i32>,
    /// Lower-case, sorted.
    lifestyle_tags: Vec<String>,
    /// `low`, `medium`, `high`.
    digital_affinity: Option<String>,
    preferred_language: Option<String>,
    islamic_banking: bool,
    /// Product catalog codes, sorted.
    products_held: Vec<String>,
    consent_to_offers: bool,
    data_verified_on: Option<chrono::NaiveDate>,
    home_sales_point: Option<String>,
    custom_attributes: std::collections::BTreeMap<String, String>,
}

/// A segment the client is in.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MatchedSegment {
    code: String,
    name: String,
    /// Lower comes first.
    priority: i32,
    /// The rule, in the segment rule language (docs/SEGMENT_RULES.md).
    rule: String,
    /// The rule's conditions that held for the client.
    held: Vec<String>,
}

/// A segment the client missed by the conditions listed.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct NearMissSegment {
    code: String,
    name: String,
    /// The conditions that failed.
    failed: Vec<String>,
}

/// The client's segments on a day.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ClientSegments {
    crm_id: String,
    as_of: chrono::NaiveDate,
    /// By priority, the first one first.
    segments: Vec<MatchedSegment>,
    near_misses: Vec<NearMissSegment>,
}

/// `PUT /api/v1/clients/{crm_id}`: creates or replaces the client; 200 with the stored client.
/// The body is the client as JSON (`crm_id` may be omitted; if given it must match the path).
///
/// # Errors
/// 422 naming every invalid field; 400 when the body's CRM id differs from the path's.
#[utoipa::path(
    put,
    path = "/api/v1/clients/{crm_id}",
    operation_id = "put_client",
    tag = "clients",
    summary = "Create or replace a client",
    description = "For CRM integration (product managers, administrators). The fields are those of \
        docs/CRM_IMPORT.md; the whole record is replaced.",
    params(("crm_id" = String, Path, description = "The client's CRM id")),
    request_body(content = ClientRecord, description = "The client's fields"),
    responses(
        (status = 200, description = "The stored client", body = ClientDoc),
        (status = 400, description = "Not a JSON object of client fields, an unknown field, or a `crm_id` that differs from the path's", body = ErrorBody),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 422, description = "Invalid fields, each named", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn put(
    identity: Identity,
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
    audit::change(
        &state.db,
        identity
            .author()
            .entry(Action::Changed, Subject::Client, &crm_id),
        async |db| {
            let stored = clients::load(db, &crm_id).await?;
            Ok(stored.map(|c| Fields::from_json(&serde_json::to_value(c).unwrap_or_default())))
        },
        async |db| clients::upsert(db, std::slice::from_ref(&client), &points).await,
    )
    .await?;
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
#[utoipa::path(
    get,
    path = "/api/v1/clients/{crm_id}",
    operation_id = "get_client",
    tag = "clients",
    summary = "A client",
    description = "Advisors, product managers, administrators.",
    params(("crm_id" = String, Path, description = "The client's CRM id")),
    responses(
        (status = 200, description = "The client", body = ClientDoc),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 404, description = "No client with this CRM id", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/clients/{crm_id}/segments",
    operation_id = "get_client_segments",
    tag = "clients",
    summary = "The client's segments",
    description = "The active segments the client is in today, by priority, each with the conditions \
        that held; and the segments missed by a condition. Advisors, product managers, administrators.",
    params(("crm_id" = String, Path, description = "The client's CRM id")),
    responses(
        (status = 200, description = "The client's segments", body = ClientSegments),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 404, description = "No client with this CRM id", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
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
