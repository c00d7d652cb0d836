//! The error body every 4xx/5xx shares, the error responses every operation documents,
//! and the one place where domain errors become API answers.

use poem::http::StatusCode;
use poem::{IntoResponse, Response};
use poem_openapi::registry::{MetaHeader, MetaMediaType, MetaResponse, MetaResponses, Registry};
use poem_openapi::types::{ToJSON, Type};
use poem_openapi::{ApiResponse, Object};

use crate::http::error::{ErrorCode, Failure};
use crate::service;

/// One invalid field of a 422 `validation_failed`.
#[derive(Debug, Clone, Object)]
pub struct FieldErrorBody {
    /// The field's name in the request body.
    pub field: String,
    /// What is wrong with it, for people.
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Clone, Object)]
pub struct ErrorBody {
    /// The HTTP status, repeated.
    pub status: u16,
    pub code: ErrorCode,
    /// A short human summary of the code.
    pub title: String,
    /// What went wrong in this case, for people.
    pub detail: String,
    /// The id of this request in the server's log.
    pub request_id: String,
    /// The invalid fields (with `validation_failed`).
    #[oai(skip_serializing_if_is_none)]
    pub errors: Option<Vec<FieldErrorBody>>,
}

/// An error answer. Built from a domain error or from poem's own (parse errors, 404s);
/// rendered with the request id by the middleware.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Option<Vec<FieldErrorBody>>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            errors: None,
            retry_after: None,
        }
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::InternalError,
            crate::http::error::INTERNAL_DETAIL,
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "There is nothing at this address.",
        )
    }

    pub fn body(&self, request_id: &str) -> ErrorBody {
        ErrorBody {
            status: self.status.as_u16(),
            code: self.code,
            title: self.code.title().to_owned(),
            detail: self.detail.clone(),
            request_id: request_id.to_owned(),
            errors: self.errors.clone(),
        }
    }

    pub fn to_response(&self, request_id: &str) -> Response {
        self.response_with(self.body(request_id))
    }

    /// The answer with `title` and `detail` in the language the client asked for.
    pub fn to_response_in(&self, request_id: &str, title: String, detail: String) -> Response {
        self.response_with(ErrorBody {
            title,
            detail,
            ..self.body(request_id)
        })
    }

    fn response_with(&self, body: ErrorBody) -> Response {
        let mut response = Response::builder()
            .status(self.status)
            .content_type("application/json; charset=utf-8")
            .body(body.to_json_string());
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(
                poem::http::header::RETRY_AFTER,
                poem::http::HeaderValue::from(seconds),
            );
        }
        response
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.to_json_string(), self.detail)
    }
}

impl std::error::Error for ApiError {}

impl poem::error::ResponseError for ApiError {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn as_response(&self) -> Response {
        // the middleware renders it with the request id; this is only the fallback
        self.to_response("")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.to_response("")
    }
}

/// The error responses every operation documents. The body is always `ErrorBody`.
const DOCUMENTED_ERRORS: &[(u16, &str)] = &[
    (
        400,
        "`invalid_request`: the body or a parameter could not be read (malformed JSON, a wrong type, a missing field); `token_invalid`: the link is unknown or was used.",
    ),
    (
        401,
        "`unauthenticated`: no valid session token; `invalid_credentials`: wrong email or password.",
    ),
    (
        403,
        "`email_not_verified`, `account_deactivated`, `forbidden`, `reauthentication_required`, `terms_not_accepted`.",
    ),
    (
        404,
        "`not_found`: no such resource, it belongs to another account, or the id in the path is not an id.",
    ),
    (
        409,
        "`email_taken` and other conflicts with the current state.",
    ),
    (410, "`token_expired`: the link is past its lifetime."),
    (413, "`payload_too_large`: the body is over 64 KiB."),
    (
        415,
        "`unsupported_media_type`: the body is not `application/json`.",
    ),
    (
        422,
        "`validation_failed`: fields or parameters are well-formed but break a documented limit (too long, too short, out of range) or a rule; `errors` names each one with what is wrong, in plain words.",
    ),
    (
        429,
        "`rate_limited`: too many attempts; `Retry-After` says when to try again.",
    ),
    (
        500,
        "`internal_error`: the server failed; the log has the cause under `request_id`.",
    ),
];

impl ApiResponse for ApiError {
    fn meta() -> MetaResponses {
        MetaResponses {
            responses: DOCUMENTED_ERRORS
                .iter()
                .map(|(status, description)| MetaResponse {
                    description,
                    status: Some(*status),
                    status_range: None,
                    content: vec![MetaMediaType {
                        content_type: "application/json; charset=utf-8",
                        schema: ErrorBody::schema_ref(),
                    }],
                    headers: if *status == 429 {
                        vec![MetaHeader {
                            name: "Retry-After".into(),
                            description: Some("Seconds to wait before trying again.".into()),
                            required: true,
                            deprecated: false,
                            schema: u64::schema_ref(),
                        }]
                    } else {
                        vec![]
                    },
                })
                .collect(),
        }
    }

    fn register(registry: &mut Registry) {
        ErrorBody::register(registry);
    }
}

impl From<service::Error> for ApiError {
    fn from(err: service::Error) -> Self {
        let failure = Failure::from(err);
        ApiError {
            status: failure.status,
            code: failure.code,
            detail: match where_to_go(failure.code) {
                Some(route) => format!("{}: {route}.", failure.detail.trim_end_matches('.')),
                None => failure.detail,
            },
            errors: (!failure.fields.is_empty()).then(|| {
                failure
                    .fields
                    .into_iter()
                    .map(|f| FieldErrorBody {
                        field: f.field,
                        message: f.message,
                    })
                    .collect()
            }),
            retry_after: failure.retry_after,
        }
    }
}

/// The call that lifts an error, for the codes a script can recover from by itself.
fn where_to_go(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::ReauthenticationRequired => Some("POST /api/v1/sessions/current/reauthenticate"),
        ErrorCode::TermsNotAccepted => Some("POST /api/v1/account/terms"),
        _ => None,
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(ApiResponse)]
pub enum NoContent {
    /// Done.
    #[oai(status = 204)]
    Done,
}
