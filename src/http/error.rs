//! The one place where a domain error becomes HTTP: its status and stable code, for the
//! API's JSON errors and the pages' HTML errors alike.

use poem::http::StatusCode;
use poem_openapi::Enum;

use fluent_templates::fluent_bundle::FluentValue;

use crate::http::locale;
use crate::i18n::{Args, I18n, Text};
use crate::service::{self, FieldError};

/// Stable error codes. Clients branch on these, never on `title` or `detail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidRequest,
    ValidationFailed,
    Unauthenticated,
    InvalidCredentials,
    EmailNotVerified,
    AccountDeactivated,
    Forbidden,
    ReauthenticationRequired,
    TermsNotAccepted,
    NotFound,
    MethodNotAllowed,
    EmailTaken,
    EmailNotValidated,
    TokenInvalid,
    TokenExpired,
    InvalidCode,
    TwoFactorRequired,
    TwoFactorNotEnabled,
    EnrollmentExpired,
    PlanLimitReached,
    DomainTaken,
    SubscriptionInactive,
    MailNotFailed,
    WebhookUrlForbidden,
    WebhookDeliveryNotFailed,
    InvalidCredential,
    RegistrationExpired,
    PasskeysUnavailable,
    PasskeyAlreadyRegistered,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    InternalError,
}

impl ErrorCode {
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "The request could not be read",
            ErrorCode::ValidationFailed => "Some fields are invalid",
            ErrorCode::Unauthenticated => "Not signed in",
            ErrorCode::InvalidCredentials => "Wrong email or password",
            ErrorCode::EmailNotVerified => "Email address not verified",
            ErrorCode::AccountDeactivated => "Account deactivated",
            ErrorCode::Forbidden => "Not allowed",
            ErrorCode::ReauthenticationRequired => "Confirm your password first",
            ErrorCode::TermsNotAccepted => "Terms not accepted",
            ErrorCode::MailNotFailed => "Mail not failed",
            ErrorCode::WebhookUrlForbidden => "Webhook URL not allowed",
            ErrorCode::WebhookDeliveryNotFailed => "Delivery not failed",
            ErrorCode::NotFound => "Not found",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::EmailTaken => "Email address taken",
            ErrorCode::EmailNotValidated => "Email address not validated yet",
            ErrorCode::TokenInvalid => "Invalid link",
            ErrorCode::TokenExpired => "Link expired",
            ErrorCode::InvalidCode => "Invalid code",
            ErrorCode::TwoFactorRequired => "Second factor required",
            ErrorCode::TwoFactorNotEnabled => "Two-factor authentication not enabled",
            ErrorCode::EnrollmentExpired => "Enrollment expired",
            ErrorCode::PlanLimitReached => "Plan limit reached",
            ErrorCode::DomainTaken => "Domain taken",
            ErrorCode::SubscriptionInactive => "Subscription not active",
            ErrorCode::InvalidCredential => "Passkey not accepted",
            ErrorCode::RegistrationExpired => "Registration expired",
            ErrorCode::PasskeysUnavailable => "Passkeys unavailable",
            ErrorCode::PasskeyAlreadyRegistered => "Passkey already registered",
            ErrorCode::PayloadTooLarge => "Request body too large",
            ErrorCode::UnsupportedMediaType => "Unsupported content type",
            ErrorCode::RateLimited => "Too many requests",
            ErrorCode::InternalError => "Internal error",
        }
    }
}

/// A domain error as HTTP sees it.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub code: ErrorCode,
    /// What went wrong, for people; never the cause of an internal error.
    pub detail: String,
    /// The invalid fields, with `validation_failed`.
    pub fields: Vec<FieldError>,
    /// Seconds to wait, with `rate_limited`.
    pub retry_after: Option<u64>,
    /// The cause's own words in every language, when it has them (a refusal's reason).
    pub text: Option<Text>,
}

/// The status and code of each domain error.
pub fn status_and_code(err: &service::Error) -> (StatusCode, ErrorCode) {
    use service::Error as E;
    match err {
        E::Validation(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
        ),
        E::InvalidCredentials => (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials),
        E::EmailNotVerified => (StatusCode::FORBIDDEN, ErrorCode::EmailNotVerified),
        E::AccountDeactivated => (StatusCode::FORBIDDEN, ErrorCode::AccountDeactivated),
        E::Unauthenticated => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated),
        E::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
        E::TokenInvalid => (StatusCode::BAD_REQUEST, ErrorCode::TokenInvalid),
        E::TokenExpired => (StatusCode::GONE, ErrorCode::TokenExpired),
        E::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited),
        E::ReauthenticationRequired => (StatusCode::FORBIDDEN, ErrorCode::ReauthenticationRequired),
        E::InvalidCode => (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCode),
        E::TwoFactorRequired => (StatusCode::FORBIDDEN, ErrorCode::TwoFactorRequired),
        E::TwoFactorNotEnabled => (StatusCode::CONFLICT, ErrorCode::TwoFactorNotEnabled),
        E::EnrollmentExpired => (StatusCode::GONE, ErrorCode::EnrollmentExpired),
        E::EmailNotValidated => (StatusCode::CONFLICT, ErrorCode::EmailNotValidated),
        E::EmailTaken => (StatusCode::CONFLICT, ErrorCode::EmailTaken),
        E::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
        E::PlanLimitReached { .. } => (StatusCode::CONFLICT, ErrorCode::PlanLimitReached),
        E::DomainTaken => (StatusCode::CONFLICT, ErrorCode::DomainTaken),
        E::SubscriptionInactive => (StatusCode::CONFLICT, ErrorCode::SubscriptionInactive),
        E::TermsNotAccepted => (StatusCode::FORBIDDEN, ErrorCode::TermsNotAccepted),
        E::MailNotFailed => (StatusCode::CONFLICT, ErrorCode::MailNotFailed),
        E::WebhookUrlForbidden(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::WebhookUrlForbidden,
        ),
        E::WebhookDeliveryNotFailed => (StatusCode::CONFLICT, ErrorCode::WebhookDeliveryNotFailed),
        E::PasskeysUnavailable => (StatusCode::CONFLICT, ErrorCode::PasskeysUnavailable),
        E::InvalidPasskey => (StatusCode::BAD_REQUEST, ErrorCode::InvalidCredential),
        E::PasskeyRejected => (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredential),
        E::RegistrationExpired => (StatusCode::GONE, ErrorCode::RegistrationExpired),
        E::PasskeyTaken => (StatusCode::CONFLICT, ErrorCode::PasskeyAlreadyRegistered),
        E::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::InternalError),
    }
}

/// What the client is told of an internal error: only that it happened, and (beside
/// it) the request id under which the log has the cause.
pub const INTERNAL_DETAIL: &str =
    "The server failed to answer. Quote the request id when reporting this.";

impl From<service::Error> for Failure {
    fn from(err: service::Error) -> Self {
        use service::Error as E;
        let (status, code) = status_and_code(&err);
        let detail = match &err {
            E::Validation(fields) => fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join(" "),
            E::Internal(cause) => {
                // Logged inside the request's span, so the line carries the request id;
                // the client sees only that id.
                tracing::error!(error = %format!("{cause:#}"), "internal error");
                INTERNAL_DETAIL.to_owned()
            }
            other => other.to_string(),
        };
        let retry_after = match &err {
            E::RateLimited { retry_after } => Some(*retry_after),
            _ => None,
        };
        let text = match &err {
            E::Forbidden(text) => Some(text.clone()),
            _ => None,
        };
        let fields = match err {
            E::Validation(fields) => fields,
            _ => Vec::new(),
        };
        Failure {
            status,
            code,
            detail,
            fields,
            retry_after,
            text,
        }
    }
}

/// What a page says of a failure, in the page's language: the code's title, and the
/// cause's own words where it has them in every language, else the code's sentence
/// (English keeps the detail the cause gave, as the API does).
pub fn told(i18n: &I18n, failure: &Failure) -> (String, String) {
    let locale = locale::current(i18n);
    let (title, detail) = in_language(
        i18n,
        &locale,
        failure.code,
        &failure.detail,
        failure.retry_after,
    );
    match &failure.text {
        Some(text) => (title, i18n.say(&locale, text)),
        None => (title, detail),
    }
}

/// A field's error in the page's language (English when it has no other).
pub fn field_told(i18n: &I18n, field: &FieldError) -> String {
    match &field.text {
        Some(text) => locale::say(i18n, text),
        None => field.message.clone(),
    }
}

/// The title and detail of an error answer in `locale` (errors.ftl). English keeps the
/// detail the cause gave (it may name a field or a value no translation has words for);
/// another language says its sentence for the code. The code itself never changes.
pub fn in_language(
    i18n: &I18n,
    locale: &str,
    code: ErrorCode,
    detail: &str,
    retry_after: Option<u64>,
) -> (String, String) {
    let key = message_key(code);
    let mut args = Args::new();
    if let Some(seconds) = retry_after {
        args.insert("seconds".into(), FluentValue::from(seconds));
    }
    let title = i18n
        .message(locale, &format!("{key}-title"), &args)
        .unwrap_or_else(|| code.title().to_owned());
    let detail = if locale == "en" {
        detail.to_owned()
    } else {
        i18n.message(locale, &format!("{key}-detail"), &args)
            .unwrap_or_else(|| detail.to_owned())
    };
    (title, detail)
}

/// `error-<code>`, the code in kebab case (`error-rate-limited`).
fn message_key(code: ErrorCode) -> String {
    let mut key = String::from("error");
    for c in format!("{code:?}").chars() {
        if c.is_ascii_uppercase() {
            key.push('-');
        }
        key.push(c.to_ascii_lowercase());
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::I18nConfig;

    #[test]
    fn an_error_speaks_the_language_asked_and_keeps_its_code() {
        let i18n = I18n::new(&I18nConfig::default(), None).unwrap();
        assert_eq!(message_key(ErrorCode::RateLimited), "error-rate-limited");
        let (title, detail) =
            in_language(&i18n, "de", ErrorCode::RateLimited, "Too many.", Some(30));
        assert_eq!(title, "Zu viele Anfragen");
        assert!(detail.contains("30 Sekunden"), "{detail}");
        let (title, detail) = in_language(&i18n, "en", ErrorCode::RateLimited, "Too many.", None);
        assert_eq!(
            (title.as_str(), detail.as_str()),
            ("Too many requests", "Too many.")
        );
        // every code has its words in every language
        for locale in crate::i18n::SHIPPED_LOCALES {
            for code in [
                ErrorCode::InvalidRequest,
                ErrorCode::InternalError,
                ErrorCode::NotFound,
            ] {
                assert!(
                    i18n.message(
                        locale,
                        &format!("{}-title", message_key(code)),
                        &Args::new()
                    )
                    .is_some()
                );
            }
        }
    }
}
