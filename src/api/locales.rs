//! The languages pages and mail are offered in.

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::api::{ApiResult, ApiTags};
use crate::state::AppState;

pub struct LocalesApi;

/// The languages an account's `locale` may take.
#[derive(Debug, Object)]
pub struct Locales {
    /// The language of everyone who chose none.
    pub default: String,
    /// Every offered language, as a language tag (`en`, `de`, …).
    pub available: Vec<String>,
}

#[derive(ApiResponse)]
pub enum LocalesResponse {
    #[oai(status = 200)]
    Ok(Json<Locales>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Account")]
impl LocalesApi {
    /// List the offered languages
    ///
    /// Needs no sign-in: a registration form offers the same choice.
    #[oai(path = "/locales", method = "get", operation_id = "list_locales")]
    async fn list(&self, state: Data<&AppState>) -> ApiResult<LocalesResponse> {
        let i18n = state.templates.i18n();
        Ok(LocalesResponse::Ok(Json(Locales {
            default: i18n.default_locale().to_owned(),
            available: i18n.available().to_vec(),
        })))
    }
}
