//! The admin page at /admin: server-rendered HTML, no script, no external assets.
//!
//! The session is an ordinary session of an admin account, its token in a cookie
//! (HttpOnly, SameSite=Strict, Path=/admin, Secure behind https). Every form carries a
//! CSRF token: before sign-in a random one doubled in a cookie, after it a digest of
//! the session token, which only the holder of the cookie can know. Destructive actions
//! ask for confirmation on a page of their own. Values are escaped by the template
//! engine; the Content-Security-Policy allows our stylesheet and nothing else.

use std::collections::HashMap;

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use crate::clock::Timestamp;
use crate::db::admin::UserFilter;
use crate::http::client::client_info;
use crate::ids::{AccountId, ApiTokenId, OutboxId};
use crate::pages::render;
use crate::pages::session::{cookie, csrf_for, csrf_matches, new_csrf, set_cookie};
use crate::service::Error;
use crate::service::Page;
use crate::service::admin::{self, Actor, NewUser, UserUpdate};
use crate::service::sessions::{self, SignIn, SignInOutcome};
use crate::service::totp::SecondFactor;
use crate::state::AppState;

const SESSION_COOKIE: &str = "steward_admin";
const LOGIN_CSRF_COOKIE: &str = "steward_admin_csrf";
const PAGE_SIZE: u32 = 25;

// ---------------------------------------------------------------- plumbing

/// Where the page's cookies are sent back, and the label of its CSRF digests.
const COOKIE_PATH: &str = "/admin";
const CSRF_LABEL: &str = "steward admin csrf";

/// A signed-in admin of the page.
struct Admin {
    actor: Actor,
    email: String,
    csrf: String,
}

async fn signed_in(state: &AppState, req: &Request) -> Option<Admin> {
    let token = cookie(req, SESSION_COOKIE)?;
    let auth = sessions::authenticate(state, &token, &client_info(req))
        .await
        .ok()?;
    let email = auth.account.email.clone();
    let actor = admin::require_admin(auth).ok()?;
    Some(Admin {
        actor,
        email,
        csrf: csrf_for(CSRF_LABEL, &token),
    })
}

/// The admin behind a form's POST, once the form's CSRF token checks out; otherwise the
/// answer to give (sign in first, or refused). Every form of the page goes through here.
async fn form_admin(state: &AppState, req: &Request, csrf: &str) -> Result<Admin, Response> {
    let Some(me) = signed_in(state, req).await else {
        return Err(to_sign_in());
    };
    if !csrf_matches(&me.csrf, csrf) {
        return Err(refused_csrf(state));
    }
    Ok(me)
}

fn to_sign_in() -> Response {
    Redirect::see_other("/admin/sign-in").into_response()
}

fn render(state: &AppState, status: StatusCode, template: &str, ctx: minijinja::Value) -> Response {
    // what the layout reads, for pages that set none of it (templates are strict)
    let unset = minijinja::context! {
        csrf => "", me => (), nav => (), done => (), error => (), ticket => (),
    };
    render::render(
        state,
        status,
        template,
        minijinja::context! { ..ctx, ..unset },
    )
}

fn page(state: &AppState, me: &Admin, template: &str, ctx: minijinja::Value) -> Response {
    let ctx = minijinja::context! { me => me.email, csrf => me.csrf, ..ctx };
    render(state, StatusCode::OK, template, ctx)
}

/// A refusal or failure, told on the page in the words the API uses.
fn failure(state: &AppState, me: &Admin, err: Error, back: &str) -> Response {
    let (status, message) = describe(err);
    let ctx = minijinja::context! {
        me => me.email, csrf => me.csrf, title => "Not done", message, back,
    };
    render(state, status, "admin/message.html", ctx)
}

fn describe(err: Error) -> (StatusCode, String) {
    match err {
        Error::Validation(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors
                .into_iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Error::NotFound => (StatusCode::NOT_FOUND, Error::NotFound.to_string()),
        Error::Internal(cause) => {
            tracing::error!(error = %format!("{cause:#}"), "admin page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong; the log has the details.".into(),
            )
        }
        Error::RateLimited { retry_after } => (
            StatusCode::TOO_MANY_REQUESTS,
            format!("Too many attempts. Try again in {retry_after} seconds."),
        ),
        other => (StatusCode::CONFLICT, other.to_string()),
    }
}

fn refused_csrf(state: &AppState) -> Response {
    render(
        state,
        StatusCode::FORBIDDEN,
        "admin/sign_in.html",
        minijinja::context! {
            error => "This form expired or did not come from this page. Sign in again.",
            csrf => "",
        },
    )
}

fn parse_id<T: std::str::FromStr>(raw: &str) -> Option<T> {
    raw.parse().ok()
}

fn time(ts: Timestamp) -> String {
    let dt = ts.to_datetime();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute()
    )
}

/// What a redirect's `done` key says. Fixed texts: nothing of the request is echoed.
fn done_message(key: Option<&str>) -> Option<&'static str> {
    Some(match key? {
        "created" => "The user was created.",
        "invited" => "The user was created and an invitation mailed.",
        "updated" => "Saved.",
        "deactivated" => "The user is deactivated and every session ended.",
        "reactivated" => "The user is active again.",
        "password-link" => "A mail with a link to set a new password is on its way.",
        "unlocked" => "Sign-in is unlocked.",
        "sessions-ended" => "Every session of the user ended.",
        "two-factor-removed" => "Every second factor was removed; a notice was mailed.",
        "deleting" => "The account is being deleted.",
        "retried" => "The mail is queued again.",
        "revoked" => "The token is revoked.",
        _ => return None,
    })
}

// ---------------------------------------------------------------- sign-in

#[handler]
pub async fn index(state: Data<&AppState>, req: &Request) -> Response {
    match signed_in(&state, req).await {
        Some(_) => Redirect::see_other("/admin/users").into_response(),
        None => to_sign_in(),
    }
}

#[handler]
pub async fn sign_in_form(state: Data<&AppState>, req: &Request) -> Response {
    if signed_in(&state, req).await.is_some() {
        return Redirect::see_other("/admin/users").into_response();
    }
    sign_in_page(&state, StatusCode::OK, None, None)
}

fn sign_in_page(
    state: &AppState,
    status: StatusCode,
    error: Option<&str>,
    ticket: Option<&str>,
) -> Response {
    let csrf = new_csrf();
    let mut response = render(
        state,
        status,
        "admin/sign_in.html",
        minijinja::context! { csrf, error, ticket },
    );
    set_cookie(
        &mut response,
        state,
        LOGIN_CSRF_COOKIE,
        &csrf,
        COOKIE_PATH,
        None,
    );
    response
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Set on the second step.
    #[serde(default)]
    ticket: String,
    #[serde(default)]
    code: String,
}

#[handler]
pub async fn sign_in_submit(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<SignInForm>,
) -> Response {
    let expected = cookie(req, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !csrf_matches(&expected, &f.csrf) {
        return sign_in_page(
            &state,
            StatusCode::FORBIDDEN,
            Some("This form expired. Try again."),
            None,
        );
    }
    let client = client_info(req);
    let outcome = if f.ticket.is_empty() {
        sessions::sign_in(
            &state,
            SignIn {
                email: f.email,
                password: f.password,
                device_name: Some("admin page".into()),
            },
            &client,
        )
        .await
    } else {
        let code = f.code.trim().to_owned();
        let factor = if code.contains('-') {
            SecondFactor::RecoveryCode(&code)
        } else {
            SecondFactor::Code(&code)
        };
        sessions::complete_mfa(&state, &f.ticket, Some(factor), &client)
            .await
            .map(SignInOutcome::SignedIn)
    };
    let token = match outcome {
        Ok(SignInOutcome::SignedIn(new)) => new.token,
        Ok(SignInOutcome::MfaRequired { ticket, .. }) => {
            return sign_in_page(&state, StatusCode::OK, None, Some(&ticket));
        }
        Err(e) => {
            let (status, message) = match e {
                Error::InvalidCode | Error::TwoFactorRequired if !f.ticket.is_empty() => {
                    let status = StatusCode::UNAUTHORIZED;
                    let text = Error::InvalidCode.to_string();
                    return sign_in_page(&state, status, Some(&text), Some(&f.ticket));
                }
                Error::InvalidCredentials => (
                    StatusCode::UNAUTHORIZED,
                    Error::InvalidCredentials.to_string(),
                ),
                other => describe(other),
            };
            return sign_in_page(&state, status, Some(&message), None);
        }
    };
    // an admin only: anyone else's new session ends at once
    match sessions::authenticate(&state, &token, &client).await {
        Ok(auth) if auth.account.is_admin => {}
        Ok(auth) => {
            let _ = sessions::revoke(&state, &auth, auth.session.id, &client).await;
            return sign_in_page(
                &state,
                StatusCode::FORBIDDEN,
                Some("This account is not an admin."),
                None,
            );
        }
        Err(e) => {
            let (status, message) = describe(e);
            return sign_in_page(&state, status, Some(&message), None);
        }
    }
    let mut response = Redirect::see_other("/admin/users").into_response();
    set_cookie(
        &mut response,
        &state,
        SESSION_COOKIE,
        &token,
        COOKIE_PATH,
        None,
    );
    set_cookie(
        &mut response,
        &state,
        LOGIN_CSRF_COOKIE,
        "",
        COOKIE_PATH,
        Some(0),
    );
    response
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[handler]
pub async fn sign_out(state: Data<&AppState>, req: &Request, Form(f): Form<CsrfForm>) -> Response {
    if let Some(token) = cookie(req, SESSION_COOKIE) {
        if !csrf_matches(&csrf_for(CSRF_LABEL, &token), &f.csrf) {
            return refused_csrf(&state);
        }
        let client = client_info(req);
        if let Ok(auth) = sessions::authenticate(&state, &token, &client).await {
            let _ = sessions::revoke(&state, &auth, auth.session.id, &client).await;
        }
    }
    let mut response = to_sign_in();
    set_cookie(
        &mut response,
        &state,
        SESSION_COOKIE,
        "",
        COOKIE_PATH,
        Some(0),
    );
    response
}

// ---------------------------------------------------------------- users

#[derive(Debug, Deserialize)]
pub struct UsersQuery {
    query: Option<String>,
    status: Option<String>,
    cursor: Option<String>,
    done: Option<String>,
}

#[handler]
pub async fn users(state: Data<&AppState>, req: &Request, Query(q): Query<UsersQuery>) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    let query = q
        .query
        .unwrap_or_default()
        .chars()
        .take(254)
        .collect::<String>();
    let status = q.status.filter(|s| !s.is_empty());
    let filter = UserFilter {
        query: Some(query.clone()).filter(|q| !q.trim().is_empty()),
        status: status.clone(),
    };
    let found = admin::users(&state, filter, Page::new(Some(PAGE_SIZE), q.cursor.clone())).await;
    let (items, next, total) = match found {
        Ok(found) => found,
        Err(e) => return failure(&state, &me, e, "/admin/users"),
    };
    let rows: Vec<_> = items
        .iter()
        .map(|u| {
            let a = &u.account;
            minijinja::context! {
                id => a.id.to_string(),
                email => a.email,
                display_name => a.display_name,
                status => a.status,
                is_admin => a.is_admin,
                two_factor => u.two_factor_enabled,
                verified => a.email_verified_at.is_some(),
                created_at => time(a.created_at),
            }
        })
        .collect();
    let next_url = next.map(|id| {
        let mut params = vec![("cursor", id.to_string())];
        if !query.is_empty() {
            params.push(("query", query.clone()));
        }
        if let Some(s) = &status {
            params.push(("status", s.clone()));
        }
        format!(
            "/admin/users?{}",
            serde_urlencoded::to_string(&params).unwrap_or_default()
        )
    });
    page(
        &state,
        &me,
        "admin/users.html",
        minijinja::context! {
            nav => "users",
            rows,
            total,
            query,
            status,
            next_url,
            paged => q.cursor.is_some(),
            done => done_message(q.done.as_deref()),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    is_admin: Option<String>,
}

#[handler]
pub async fn create_user(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<NewUserForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let made = admin::create_user(
        &state,
        &me.actor,
        NewUser {
            email: f.email,
            display_name: Some(f.display_name).filter(|n| !n.trim().is_empty()),
            password: None,
            is_admin: f.is_admin.is_some(),
            email_verified: false,
            send_invite: true,
        },
        &client_info(req),
    )
    .await;
    match made {
        Ok(made) => Redirect::see_other(format!("/admin/users/{}?done=invited", made.account.id))
            .into_response(),
        Err(e) => failure(&state, &me, e, "/admin/users"),
    }
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

#[handler]
pub async fn user(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    let Some(id) = parse_id::<AccountId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/users");
    };
    let view = match admin::user(&state, id).await {
        Ok(view) => view,
        Err(e) => return failure(&state, &me, e, "/admin/users"),
    };
    let sessions = match admin::user_sessions(&state, id).await {
        Ok(list) => list,
        Err(e) => return failure(&state, &me, e, "/admin/users"),
    };
    let a = &view.account;
    let sessions: Vec<_> = sessions
        .iter()
        .map(|s| {
            minijinja::context! {
                device => s.device_name,
                ip => s.ip,
                user_agent => s.user_agent,
                last_seen_at => time(s.last_seen_at),
            }
        })
        .collect();
    page(
        &state,
        &me,
        "admin/user.html",
        minijinja::context! {
            nav => "users",
            user => minijinja::context! {
                id => a.id.to_string(),
                email => a.email,
                display_name => a.display_name,
                status => a.status,
                is_admin => a.is_admin,
                verified => a.email_verified_at.is_some(),
                has_password => a.password_hash.is_some(),
                created_at => time(a.created_at),
                last_sign_in_at => view.last_sign_in_at.map(time),
                two_factor => view.two_factor_enabled,
                subscriptions => view.counts.subscriptions,
                hosts => view.counts.hosts,
                totp_devices => view.counts.totp_devices,
                sessions => view.counts.sessions,
            },
            sessions,
            done => done_message(q.done.as_deref()),
        },
    )
}

/// Actions that can't be undone, or end someone's work: they are confirmed first.
fn confirmation(action: &str) -> Option<(&'static str, &'static str)> {
    Some(match action {
        "deactivate" => (
            "Deactivate this user?",
            "Every session ends at once and sign-in is refused until the user is reactivated.",
        ),
        "end-sessions" => (
            "End every session of this user?",
            "Every device of the user is signed out.",
        ),
        "remove-2fa" => (
            "Remove every second factor?",
            "The user signs in with the password alone until they add an authenticator app again. A notice is mailed.",
        ),
        "delete" => (
            "Delete this account?",
            "The account and everything it owns (subscriptions, hosts, integrations) are deleted for good. This can't be undone.",
        ),
        _ => return None,
    })
}

#[handler]
pub async fn user_action(
    state: Data<&AppState>,
    req: &Request,
    Path((id, action)): Path<(String, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let me = match form_admin(&state, req, f.get("csrf").map_or("", String::as_str)).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let Some(id) = parse_id::<AccountId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/users");
    };
    let back = format!("/admin/users/{id}");
    if let Some((title, message)) = confirmation(&action)
        && f.get("confirm").map(String::as_str) != Some("yes")
    {
        let email = match admin::user(&state, id).await {
            Ok(view) => view.account.email,
            Err(e) => return failure(&state, &me, e, "/admin/users"),
        };
        return page(
            &state,
            &me,
            "admin/confirm.html",
            minijinja::context! {
                nav => "users", title, message, email, action, back,
                destructive => action == "delete",
            },
        );
    }
    let client = client_info(req);
    let actor = &me.actor;
    let (result, done) = match action.as_str() {
        "deactivate" => (
            admin::set_active(&state, actor, id, false, &client).await,
            "deactivated",
        ),
        "reactivate" => (
            admin::set_active(&state, actor, id, true, &client).await,
            "reactivated",
        ),
        "password-link" => (
            admin::send_password_link(&state, actor, id, &client).await,
            "password-link",
        ),
        "unlock" => (admin::unlock(&state, actor, id, &client).await, "unlocked"),
        "end-sessions" => (
            admin::revoke_sessions(&state, actor, id, &client)
                .await
                .map(drop),
            "sessions-ended",
        ),
        "remove-2fa" => (
            admin::remove_two_factor(&state, actor, id, &client)
                .await
                .map(drop),
            "two-factor-removed",
        ),
        "delete" => (
            admin::delete_user(&state, actor, id, &client)
                .await
                .map(drop),
            "deleting",
        ),
        "update" => {
            let text = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
            let name = text("display_name");
            let update = UserUpdate {
                email: Some(text("email")).filter(|e| !e.is_empty()),
                display_name: Some(Some(name).filter(|n| !n.is_empty())),
                is_admin: Some(f.contains_key("is_admin")),
                email_verified: Some(f.contains_key("email_verified")),
            };
            (
                admin::update_user(&state, actor, id, update, &client)
                    .await
                    .map(drop),
                "updated",
            )
        }
        _ => (Err(Error::NotFound), ""),
    };
    match result {
        Ok(()) => Redirect::see_other(format!("{back}?done={done}")).into_response(),
        Err(e) => failure(&state, &me, e, &back),
    }
}

// ---------------------------------------------------------------- mail

#[derive(Debug, Deserialize)]
pub struct MailQuery {
    cursor: Option<String>,
    done: Option<String>,
}

#[handler]
pub async fn mail(state: Data<&AppState>, req: &Request, Query(q): Query<MailQuery>) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    let found = admin::emails(&state, Some("failed"), Page::new(Some(PAGE_SIZE), q.cursor)).await;
    let (items, next) = match found {
        Ok(found) => found,
        Err(e) => return failure(&state, &me, e, "/admin/mail"),
    };
    let rows: Vec<_> = items
        .iter()
        .map(|m| {
            minijinja::context! {
                id => m.id.to_string(),
                recipient => m.recipient,
                template => m.template,
                attempts => m.attempts,
                last_error => m.last_error,
                created_at => time(m.created_at),
            }
        })
        .collect();
    page(
        &state,
        &me,
        "admin/mail.html",
        minijinja::context! {
            nav => "mail",
            rows,
            next_url => next.map(|id| format!("/admin/mail?cursor={id}")),
            done => done_message(q.done.as_deref()),
        },
    )
}

#[handler]
pub async fn retry_mail(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let Some(id) = parse_id::<OutboxId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/mail");
    };
    match admin::retry_email(&state, &me.actor, id, &client_info(req)).await {
        Ok(_) => Redirect::see_other("/admin/mail?done=retried").into_response(),
        Err(e) => failure(&state, &me, e, "/admin/mail"),
    }
}

// ---------------------------------------------------------------- API tokens

#[handler]
pub async fn tokens(state: Data<&AppState>, req: &Request, Query(q): Query<DoneQuery>) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    tokens_page(&state, &me, None, q.done.as_deref()).await
}

async fn tokens_page(
    state: &AppState,
    me: &Admin,
    created: Option<(String, String)>,
    done: Option<&str>,
) -> Response {
    let list = match admin::api_tokens(state).await {
        Ok(list) => list,
        Err(e) => return failure(state, me, e, "/admin/tokens"),
    };
    let rows: Vec<_> = list
        .iter()
        .map(|t| {
            minijinja::context! {
                id => t.id.to_string(),
                name => t.name,
                created_at => time(t.created_at),
                expires_at => t.expires_at.map(time),
                last_used_at => t.last_used_at.map(time),
            }
        })
        .collect();
    let (created_name, created_token) = created.unzip();
    page(
        state,
        me,
        "admin/tokens.html",
        minijinja::context! {
            nav => "tokens", rows, created_name, created_token, done => done_message(done),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct NewTokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires_days: String,
}

#[handler]
pub async fn create_token(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<NewTokenForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let expires_at = match f.expires_days.trim() {
        "" => None,
        days => match days.parse::<i64>() {
            Ok(d) if (1..=3650).contains(&d) => Some(Timestamp(state.clock.now().0 + d * 86_400)),
            _ => {
                let e = Error::field("expires_days", "A whole number of days, 1 to 3650.");
                return failure(&state, &me, e, "/admin/tokens");
            }
        },
    };
    match admin::create_api_token(&state, &me.actor, &f.name, expires_at, &client_info(req)).await {
        Ok((token, secret)) => tokens_page(&state, &me, Some((token.name, secret)), None).await,
        Err(e) => failure(&state, &me, e, "/admin/tokens"),
    }
}

#[handler]
pub async fn revoke_token(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let Some(id) = parse_id::<ApiTokenId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/tokens");
    };
    match admin::revoke_api_token(&state, &me.actor, id, &client_info(req)).await {
        Ok(()) => Redirect::see_other("/admin/tokens?done=revoked").into_response(),
        Err(e) => failure(&state, &me, e, "/admin/tokens"),
    }
}
