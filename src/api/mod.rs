//! The HTTP API: one `#[OpenApi]` struct per tag, the error body every 4xx/5xx shares,
//! and the one place where domain errors become HTTP.

pub mod account;
pub mod admin;
pub mod common;
pub mod examples;
pub mod hosting;
mod middleware;
pub mod ops;
pub mod password_reset;
pub mod registration;
pub mod security;
pub mod sessions;
mod text;
pub mod totp;

pub use text::Text;

use poem::http::StatusCode;
use poem::{IntoResponse, Response};
use poem_openapi::registry::{MetaHeader, MetaMediaType, MetaResponse, MetaResponses, Registry};
use poem_openapi::types::{ToJSON, Type};
use poem_openapi::{ApiResponse, Object, OpenApiService, Tags};

pub use middleware::{Edge, PathMethods, RequestId, around};

pub use crate::http::error::ErrorCode;
use crate::http::error::Failure;
use crate::service;

#[derive(Tags)]
pub enum ApiTags {
    /// Create an account and verify its email address.
    Registration,
    /// Sign in and out, and see where you are signed in.
    Sessions,
    /// Your own account.
    Account,
    /// Authenticator apps and recovery codes.
    TwoFactor,
    /// Plans, subscriptions, hosts and their integrations.
    Hosting,
    /// For operators: users and API tokens (admin session or admin API token).
    Admin,
    /// Health and readiness of the server.
    Operations,
}

/// The APIs, one per tag.
type Apis = (
    registration::RegistrationApi,
    sessions::SessionsApi,
    account::AccountApi,
    password_reset::PasswordResetApi,
    totp::TotpApi,
    hosting::HostingApi,
    admin::AdminApi,
    ops::OpsApi,
);

/// Every API of the server, as served and as written to openapi/openapi.json.
///
/// It names no server: the document is the same for every deployment, and clients are
/// given their base URL (the deployment's `public_url`) when they are built.
/// The OpenAPI document as served and committed: poem-openapi's, with every optional
/// property marked `nullable`, which is what the server does (it sends `null` for an
/// absent value and accepts `null` for an optional field). Generated clients then parse
/// `"next_cursor": null` instead of failing on it.
pub fn spec() -> serde_json::Value {
    let mut spec: serde_json::Value =
        serde_json::from_str(&service().spec()).expect("poem-openapi writes valid JSON");
    let originals = spec
        .pointer("/components/schemas")
        .cloned()
        .unwrap_or_default();
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(serde_json::Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            if schema.get("properties").is_some() && schema.get("example").is_none() {
                schema["example"] = example(schema, &originals, 0);
            }
            mark_optional_nullable(schema);
        }
    }
    add_request_examples(&mut spec);
    spec
}

/// Puts [`examples::request_body`]'s examples under each operation's request body.
fn add_request_examples(spec: &mut serde_json::Value) {
    let Some(paths) = spec
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    for operation in paths
        .values_mut()
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|item| item.values_mut())
    {
        let Some(id) = operation["operationId"].as_str().map(str::to_owned) else {
            continue;
        };
        let Some(content) = operation
            .pointer_mut("/requestBody/content")
            .and_then(serde_json::Value::as_object_mut)
        else {
            continue;
        };
        let named: serde_json::Map<String, serde_json::Value> = examples::request_body(&id)
            .into_iter()
            .map(|e| {
                (
                    e.name.to_owned(),
                    serde_json::json!({"summary": e.summary, "value": e.value}),
                )
            })
            .collect();
        if named.is_empty() {
            continue;
        }
        for media in content.values_mut() {
            media["examples"] = serde_json::Value::Object(named.clone());
        }
    }
}

/// An example value for a schema, built from its types, formats and property names, so
/// that every body in the document has one that matches it.
fn example(
    schema: &serde_json::Value,
    schemas: &serde_json::Value,
    depth: u8,
) -> serde_json::Value {
    use serde_json::{Value, json};
    if depth > 10 {
        return Value::Null;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        return schemas
            .get(name)
            .map_or(Value::Null, |s| example(s, schemas, depth + 1));
    }
    if let Some(first) = schema
        .get("allOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array)
        .and_then(|all| all.first())
    {
        return example(first, schemas, depth + 1);
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let mut out = serde_json::Map::new();
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                for (name, property) in properties {
                    let generic = example(property, schemas, depth + 1);
                    // a name's example where it is a plain value of the same type
                    let plain = property.get("$ref").is_none() && property.get("enum").is_none();
                    let value = match example_by_name(name) {
                        Some(hint)
                            if plain
                                && std::mem::discriminant(&hint)
                                    == std::mem::discriminant(&generic) =>
                        {
                            hint
                        }
                        _ => generic,
                    };
                    out.insert(name.clone(), value);
                }
            }
            Value::Object(out)
        }
        Some("array") => json!([schema.get("items").map_or(Value::Null, |items| example(
            items,
            schemas,
            depth + 1
        ))]),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(true),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-11-22T12:00:00Z"),
            Some("uuid") => json!("01936f3a-7c2e-7a51-9d3b-2f6c8e4a1b07"),
            Some("email") => json!("ada@example.org"),
            _ => json!("text"),
        },
        _ => Value::Null,
    }
}

/// Examples for property names that mean the same everywhere.
fn example_by_name(name: &str) -> Option<serde_json::Value> {
    use serde_json::json;
    Some(match name {
        "email" | "new_email" | "recipient" | "pending_email" => json!("ada@example.org"),
        "password" | "new_password" | "current_password" => json!("correct horse battery staple"),
        "display_name" => json!("Ada Lovelace"),
        "device_name" => json!("Ada's phone"),
        "code" => json!("123456"),
        "recovery_code" => json!("k7mq-2xwd-9hfp"),
        "token" => json!("stw_s_4bW0n3gT8Qh1c1bQ2W8n2x3Zy0k5s9PZ6j3nJvLq3aE"),
        "mfa_ticket" => json!("stw_m_Hq0yN1x2dY9cV4b7e6L3k8p5s0a2W1r9T4u6Z8m0Q2c"),
        "client_secret" => json!("a-secret-the-client-chose-7f3a9c"),
        "plan_id" => json!("managed-homeserver"),
        "domain" => json!("matrix.example.org"),
        "version" => json!("2026-11-01"),
        "accept_terms" => json!(true),
        "name" => json!("production"),
        "status" => json!(400),
        "title" => json!("Invalid request"),
        "detail" => json!("The body is not the JSON object this operation takes."),
        "next_cursor" => json!("01936f3a-7c2e-7a51-9d3b-2f6c8e4a1b07"),
        "request_id" => json!("01a204c4e8b874b1b5ca52df253555bb"),
        "field" => json!("email"),
        "message" => json!("Enter an email address."),
        _ => return None,
    })
}

fn mark_optional_nullable(schema: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        if required.contains(name) {
            continue;
        }
        if let Some(reference) = property.get("$ref").cloned() {
            // OpenAPI 3.0 ignores siblings of $ref: wrap it
            let mut wrapped = json!({"allOf": [{"$ref": reference}], "nullable": true});
            if let Some(description) = property.get("description") {
                wrapped["description"] = description.clone();
            }
            *property = wrapped;
        } else if let Some(object) = property.as_object_mut() {
            object.insert("nullable".into(), Value::Bool(true));
        }
    }
}

/// `spec()` as pretty JSON.
pub fn spec_json() -> String {
    serde_json::to_string_pretty(&spec()).expect("a JSON value serializes")
}

/// `spec()` as YAML.
pub fn spec_yaml() -> String {
    serde_yaml::to_string(&spec()).expect("a JSON value serializes as YAML")
}

pub fn service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            registration::RegistrationApi,
            sessions::SessionsApi,
            account::AccountApi,
            password_reset::PasswordResetApi,
            totp::TotpApi,
            hosting::HostingApi,
            admin::AdminApi,
            ops::OpsApi,
        ),
        "Steward",
        env!("CARGO_PKG_VERSION"),
    )
    .description(DESCRIPTION)
}

const DESCRIPTION: &str = "\
The account control panel API: registration, sign-in, two-factor authentication, \
account settings and hosting resources.

Authenticate with `Authorization: Bearer <token>`, where the token is a session token \
(`stw_s_…`, from `POST /api/v1/sessions`) or, for `/api/v1/admin`, an admin API token \
(`stw_a_…`, made on the admin page or with `steward token create`).

Every error answers with the same JSON body: `status`, a stable `code` to branch on \
(the closed list is the `ErrorCode` schema), a human `title` and `detail`, and the \
`request_id` that the server's log shows with the cause.";

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
        let mut response = Response::builder()
            .status(self.status)
            .content_type("application/json; charset=utf-8")
            .body(self.body(request_id).to_json_string());
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
        "`invalid_request`: the body or a parameter could not be read (malformed JSON, a wrong type, a missing field, too long a string); `token_invalid`: the link is unknown or was used.",
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
        "`not_found`: no such resource, or it belongs to another account.",
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
        "`validation_failed`: fields are well-formed but invalid; `errors` lists them.",
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
