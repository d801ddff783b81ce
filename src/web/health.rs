//! `GET /healthz`: for load balancers and monitoring.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::state::AppState;
use crate::persistence::db;

/// 200 `{"status":"ok","database":"ok"}` after a real query; 503 when the database is down.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match db::check(&state.db).await {
        Ok(()) => HttpResponse::Ok().json(json!({"status": "ok", "database": "ok"})),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            HttpResponse::ServiceUnavailable()
                .json(json!({"status": "degraded", "database": "unreachable"}))
        }
    }
}
