//! Health and readiness probes.

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::api::ApiTags;
use crate::state::AppState;

pub struct OpsApi;

#[derive(Debug, Object)]
pub struct Health {
    /// `ok`, or what is not ready.
    pub status: String,
}

#[derive(ApiResponse)]
pub enum HealthResponse {
    /// The process runs.
    #[oai(status = 200)]
    Ok(Json<Health>),
}

#[derive(ApiResponse)]
pub enum ReadyResponse {
    /// The database answers and every migration is applied.
    #[oai(status = 200)]
    Ready(Json<Health>),
    /// Not ready to serve.
    #[oai(status = 503)]
    NotReady(Json<Health>),
}

#[OpenApi(tag = "ApiTags::Operations")]
impl OpsApi {
    /// Liveness probe
    #[oai(path = "/healthz", method = "get", operation_id = "healthz")]
    async fn healthz(&self) -> HealthResponse {
        HealthResponse::Ok(Json(Health {
            status: "ok".into(),
        }))
    }

    /// Readiness probe
    #[oai(path = "/readyz", method = "get", operation_id = "readyz")]
    async fn readyz(&self, state: Data<&AppState>) -> ReadyResponse {
        if crate::db::is_ready(&state.db).await {
            ReadyResponse::Ready(Json(Health {
                status: "ok".into(),
            }))
        } else {
            ReadyResponse::NotReady(Json(Health {
                status: "database unavailable or not migrated".into(),
            }))
        }
    }
}
