//! Business rules, one file per area. No HTTP types here; each function owns its
//! transaction, and jobs are enqueued inside it.

pub mod account;
pub mod admin;
pub mod audit;
mod context;
pub mod deletion;
pub mod delivery;
pub mod email_change;
pub mod email_links;
pub mod hosting;
pub mod mail;
pub mod passkeys;
pub mod password;
pub mod password_links;
pub mod password_reset;
pub mod registration;
pub mod sessions;
pub mod throttle;
pub mod totp;
pub mod validate;
pub mod webhooks;

pub use context::{Authenticated, ClientInfo, Page, require_elevated};
pub use validate::FieldError;

use crate::i18n::Text;

/// What can go wrong, in the domain's words, whatever door the request came in by:
/// `http::error` maps each to HTTP, once for the API and the pages.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("The email address or the password is wrong.")]
    InvalidCredentials,
    #[error("Verify your email address first: open the link in the mail we sent you.")]
    EmailNotVerified,
    #[error("This account is deactivated. Contact your administrator.")]
    AccountDeactivated,
    #[error("The session token is missing, unknown or expired. Sign in again.")]
    Unauthenticated,
    #[error("There is no such resource.")]
    NotFound,
    #[error("This link is unknown or was used already.")]
    TokenInvalid,
    #[error("This link has expired. Ask for a new mail.")]
    TokenExpired,
    #[error("Too many attempts. Try again in {retry_after} seconds.")]
    RateLimited { retry_after: u64 },
    #[error("Confirm your password (and second factor) first.")]
    ReauthenticationRequired,
    #[error("The code is wrong, expired or was used already.")]
    InvalidCode,
    #[error("This account uses two-factor authentication: send a code or a recovery code too.")]
    TwoFactorRequired,
    #[error("Two-factor authentication is not turned on for this account.")]
    TwoFactorNotEnabled,
    #[error("This enrollment has expired. Start again.")]
    EnrollmentExpired,
    #[error("Open the link in the mail and confirm it first.")]
    EmailNotValidated,
    #[error("This email address belongs to another account.")]
    EmailTaken,
    #[error("{0}")]
    Forbidden(Text),
    #[error("The plan allows {max_hosts} host(s) per subscription.")]
    PlanLimitReached { max_hosts: i64 },
    #[error("Another host uses this domain.")]
    DomainTaken,
    #[error("This subscription is expired or being cancelled.")]
    SubscriptionInactive,
    #[error("Only a failed mail can be retried; this one is pending, sent or skipped.")]
    MailNotFailed,
    #[error("Accept the current terms first.")]
    TermsNotAccepted,
    /// Not an http(s) URL, or one whose host is (or resolves to) an internal address.
    #[error("{0}")]
    WebhookUrlForbidden(String),
    #[error("Only a failed delivery can be retried; this one is pending or delivered.")]
    WebhookDeliveryNotFailed,
    #[error("Passkeys need the server's public URL to name a host, not an IP address.")]
    PasskeysUnavailable,
    #[error("The passkey's answer could not be read, or does not answer this request.")]
    InvalidPasskey,
    #[error("The passkey was not accepted: unknown, for another request, expired or used already.")]
    PasskeyRejected,
    #[error("This passkey registration has expired (5 minutes). Start again.")]
    RegistrationExpired,
    #[error("This passkey is registered already.")]
    PasskeyTaken,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Error::Internal(err.into())
    }
}

impl Error {
    pub fn field(field: &str, text: Text) -> Self {
        Error::Validation(vec![FieldError::new(field, text)])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
