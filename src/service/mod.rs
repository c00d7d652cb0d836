//! Business rules, one file per area. No HTTP types here; each function owns its
//! transaction, and jobs are enqueued inside it.

pub mod account;
pub mod mail;
pub mod registration;
pub mod sessions;
pub mod validate;

pub use validate::FieldError;

/// What can go wrong, in the domain's words. `api::ApiError` maps each to HTTP.
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
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Error::Internal(err.into())
    }
}

impl Error {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
