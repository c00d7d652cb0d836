//! The HTML pages that email links open: verify an address, confirm a new one, confirm
//! a password reset, set a password. A GET only shows; the button POSTs, because mail
//! scanners fetch links and must not use a token up.

use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use poem::{Response, handler};
use serde::Deserialize;

use crate::http::client::client_info;
use crate::http::error::{self, ErrorCode, Failure, field_told};
use crate::i18n::{Text, text};
use crate::pages::render::{render as page, say};
use crate::service::{self, email_change, password_links, password_reset, registration};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct TokenParam {
    #[serde(default)]
    token: String,
}

#[handler]
pub async fn verify_email_form(state: Data<&AppState>, Query(q): Query<TokenParam>) -> Response {
    match registration::peek_verification(&state, &q.token).await {
        Ok(email) => page(
            &state,
            StatusCode::OK,
            "pages/verify_email.html",
            minijinja::context! { state => "form", email, token => q.token },
        ),
        Err(e) => error_page(&state, e, Link::Verify),
    }
}

#[handler]
pub async fn verify_email_submit(state: Data<&AppState>, Form(f): Form<TokenParam>) -> Response {
    match registration::confirm_email(&state, &f.token).await {
        Ok(_) => page(
            &state,
            StatusCode::OK,
            "pages/verify_email.html",
            minijinja::context! { state => "done" },
        ),
        Err(e) => error_page(&state, e, Link::Verify),
    }
}

#[handler]
pub async fn confirm_email_form(state: Data<&AppState>, Query(q): Query<TokenParam>) -> Response {
    match email_change::peek(&state, &q.token).await {
        Ok(new_email) => page(
            &state,
            StatusCode::OK,
            "pages/confirm_email.html",
            minijinja::context! { state => "form", new_email, token => q.token },
        ),
        Err(e) => error_page(&state, e, Link::ChangeEmail),
    }
}

#[handler]
pub async fn confirm_email_submit(
    state: Data<&AppState>,
    req: &poem::Request,
    Form(f): Form<TokenParam>,
) -> Response {
    match email_change::confirm(&state, &f.token, &client_info(req)).await {
        Ok((_, new_email)) => page(
            &state,
            StatusCode::OK,
            "pages/confirm_email.html",
            minijinja::context! { state => "done", new_email },
        ),
        Err(e) => error_page(&state, e, Link::ChangeEmail),
    }
}

#[handler]
pub async fn reset_password_form(state: Data<&AppState>, Query(q): Query<TokenParam>) -> Response {
    match password_reset::peek(&state, &q.token).await {
        Ok(()) => page(
            &state,
            StatusCode::OK,
            "pages/reset_password.html",
            minijinja::context! { state => "form", token => q.token },
        ),
        Err(e) => error_page(&state, e, Link::Reset),
    }
}

#[handler]
pub async fn reset_password_submit(state: Data<&AppState>, Form(f): Form<TokenParam>) -> Response {
    match password_reset::validate_link(&state, &f.token).await {
        Ok(()) => page(
            &state,
            StatusCode::OK,
            "pages/reset_password.html",
            minijinja::context! { state => "done" },
        ),
        Err(e) => error_page(&state, e, Link::Reset),
    }
}

#[handler]
pub async fn set_password_form(state: Data<&AppState>, Query(q): Query<TokenParam>) -> Response {
    match password_links::peek(&state, &q.token).await {
        Ok(info) => set_password_page(&state, StatusCode::OK, &q.token, &info, None),
        Err(e) => error_page(&state, e, Link::SetPassword),
    }
}

#[derive(Debug, Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

#[handler]
pub async fn set_password_submit(
    state: Data<&AppState>,
    req: &poem::Request,
    Form(f): Form<SetPasswordForm>,
) -> Response {
    let info = match password_links::peek(&state, &f.token).await {
        Ok(info) => info,
        Err(e) => return error_page(&state, e, Link::SetPassword),
    };
    if f.new_password != f.confirm_password {
        let error = say(&state, text("link-passwords-differ"));
        return set_password_page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &f.token,
            &info,
            Some(&error),
        );
    }
    match password_links::complete(&state, &f.token, &f.new_password, &client_info(req)).await {
        Ok(()) => page(
            &state,
            StatusCode::OK,
            "pages/set_password.html",
            minijinja::context! { state => "done", invite => info.invite },
        ),
        Err(service::Error::Validation(errors)) => {
            let i18n = state.templates.i18n();
            let error = errors
                .iter()
                .map(|e| field_told(i18n, e))
                .collect::<Vec<_>>()
                .join(" ");
            set_password_page(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &f.token,
                &info,
                Some(&error),
            )
        }
        Err(e) => error_page(&state, e, Link::SetPassword),
    }
}

fn set_password_page(
    state: &AppState,
    status: StatusCode,
    token: &str,
    info: &password_links::LinkInfo,
    error: Option<&str>,
) -> Response {
    page(
        state,
        status,
        "pages/set_password.html",
        minijinja::context! {
            state => "form",
            token,
            email => info.email,
            invite => info.invite,
            min_length => state.config.security.password_min_length,
            error,
        },
    )
}

/// Which mail's link a page opens: what makes such a link stop working differs.
#[derive(Debug, Clone, Copy)]
enum Link {
    /// Verification: each works once; once one verified the address, the others end.
    /// Asking for a new mail leaves the older links working.
    Verify,
    /// A new address: a newer change, or cancelling it, ends the older link.
    ChangeEmail,
    /// A password reset's: each works once.
    Reset,
    /// Set a password (invitation or console link): a newer link ends the older.
    SetPassword,
}

impl Link {
    /// What the page says of a link that is unknown or used.
    fn invalid(self) -> Text {
        match self {
            Link::Verify => text("link-invalid-verify"),
            Link::ChangeEmail => text("link-invalid-change-email"),
            Link::Reset => text("link-invalid-reset"),
            Link::SetPassword => text("link-invalid-set-password"),
        }
    }
}

/// A domain error on a link page: the status (and logging) of the one mapping, told in
/// words for someone who followed a link from a mail.
fn error_page(state: &AppState, err: service::Error, link: Link) -> Response {
    let failure = Failure::from(err);
    let (title, message) = told(state, &failure, link);
    page(
        state,
        failure.status,
        "pages/message.html",
        minijinja::context! { title, message },
    )
}

/// What a link page says of a failure, in the page's language: what a link meets in
/// friendlier words than the API's, anything else in the API's.
fn told(state: &AppState, failure: &Failure, link: Link) -> (String, String) {
    let (title, message) = match failure.code {
        ErrorCode::TokenExpired => (text("link-expired-title"), text("link-expired")),
        ErrorCode::TokenInvalid => (text("link-invalid-title"), link.invalid()),
        ErrorCode::EmailTaken => (text("link-email-taken-title"), text("link-email-taken")),
        ErrorCode::InternalError => (text("link-failed-title"), text("link-failed")),
        _ => return error::told(state.templates.i18n(), failure),
    };
    (say(state, title), say(state, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::config::Config;
    use crate::http::error::status_and_code;

    /// No link page meets these errors today; when one does, it answers with the API's
    /// status and the domain's words, not an unlogged 500.
    #[tokio::test]
    async fn an_error_no_link_page_names_keeps_its_status_and_words() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.server.data_dir = dir.path().to_path_buf();
        let state = AppState::open(config, Clock::frozen()).await.unwrap();
        for err in [
            service::Error::AccountDeactivated,
            service::Error::EmailNotVerified,
            service::Error::NotFound,
            service::Error::RateLimited { retry_after: 7 },
            service::Error::Forbidden(crate::i18n::text("forbidden-not-an-admin")),
            service::Error::TermsNotAccepted,
        ] {
            let (status, code) = status_and_code(&err);
            let words = err.to_string();
            let answer = error_page(&state, err, Link::Verify);
            assert_eq!(answer.status(), status, "{code:?}");
            assert!(answer.status().is_client_error(), "{code:?}");
            let html = answer.into_body().into_string().await.unwrap();
            assert!(html.contains(code.title()), "{code:?}: {html}");
            assert!(
                html.contains(&words.replace('\'', "&#x27;")),
                "{code:?}: {html}"
            );
        }
    }
}
