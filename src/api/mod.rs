//! The HTTP API: the tags, one `#[OpenApi]` struct per tag (a tag that outgrows a file
//! is a folder of them), and the service that serves them all.

pub mod account;
pub mod admin;
pub mod common;
mod error;
pub mod examples;
pub mod hosting;
pub mod locales;
mod middleware;
pub mod ops;
pub mod passkeys;
pub mod password_reset;
pub mod registration;
mod rejections;
pub mod security;
pub mod sessions;
mod spec;
mod text;
pub mod totp;

pub use error::{ApiError, ApiResult, ErrorBody, FieldErrorBody, NoContent};
pub use middleware::{Edge, PathMethods, around};
pub use spec::{COMMITTED_JSON, COMMITTED_YAML, spec, spec_json, spec_yaml};
pub use text::Text;

use poem_openapi::{OpenApiService, Tags};

pub use crate::http::error::ErrorCode;

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
    /// Passkeys (WebAuthn): sign in without a password, or as a second factor.
    Passkeys,
    /// Plans, subscriptions, hosts and their integrations.
    Hosting,
    /// For operators: users and API tokens (admin session or admin API token).
    Admin,
    /// Health and readiness of the server.
    Operations,
}

/// The APIs: one per tag, or one per area of a tag that is a folder.
///
/// Their order does not show in the document ([`spec()`] sorts it), but keep each path's
/// operations in one struct: poem-openapi writes a path once per struct that has it, and
/// reading that JSON keeps only the last.
type Apis = (
    registration::RegistrationApi,
    sessions::SessionsApi,
    (account::AccountApi, locales::LocalesApi),
    password_reset::PasswordResetApi,
    totp::TotpApi,
    passkeys::PasskeysApi,
    HostingApis,
    AdminApis,
    ops::OpsApi,
);

/// Hosting's areas, one entry of [`Apis`] (a tuple holds at most 16).
type HostingApis = (
    hosting::PlansApi,
    hosting::subscriptions::SubscriptionsApi,
    hosting::hosts::HostsApi,
    hosting::integrations::IntegrationsApi,
);

/// The admin API's areas, one entry of [`Apis`].
type AdminApis = (
    admin::users::UsersApi,
    admin::access::AccessApi,
    admin::audit::AuditApi,
    admin::outbox::OutboxApi,
    admin::api_tokens::ApiTokensApi,
    admin::webhooks::WebhooksApi,
);

/// Every API of the server, as served and as written to openapi/openapi.json.
///
/// It names no server: the document is the same for every deployment, and clients are
/// given their base URL (the deployment's `public_url`) when they are built.
pub fn service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            registration::RegistrationApi,
            sessions::SessionsApi,
            (account::AccountApi, locales::LocalesApi),
            password_reset::PasswordResetApi,
            totp::TotpApi,
            passkeys::PasskeysApi,
            (
                hosting::PlansApi,
                hosting::subscriptions::SubscriptionsApi,
                hosting::hosts::HostsApi,
                hosting::integrations::IntegrationsApi,
            ),
            (
                admin::users::UsersApi,
                admin::access::AccessApi,
                admin::audit::AuditApi,
                admin::outbox::OutboxApi,
                admin::api_tokens::ApiTokensApi,
                admin::webhooks::WebhooksApi,
            ),
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
