//! The users of the admin page: the list and its search, a user's page, inviting a
//! user, and the actions on a user (confirmed first when they end someone's work).

use std::collections::HashMap;

use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use super::{
    DoneQuery, PAGE_SIZE, done_message, failure, form_admin, page, parse_id, signed_in, time,
    to_sign_in,
};
use crate::http::client::client_info;
use crate::i18n::{Text, text};
use crate::ids::AccountId;
use crate::pages::render::say;
use crate::service::admin::{self, NewUser, UserUpdate};
use crate::service::{Error, Page};
use crate::state::AppState;

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
    let found = match admin::user_filter(Some(query.clone()), status.as_deref()) {
        Ok(filter) => {
            admin::users(&state, filter, Page::new(Some(PAGE_SIZE), q.cursor.clone())).await
        }
        Err(e) => Err(e),
    };
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
            done => done_message(&state, q.done.as_deref()),
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
            locale: None,
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
    let passkeys: Vec<_> = match admin::user_passkeys(&state, id).await {
        Ok(list) => list
            .iter()
            .map(|p| {
                minijinja::context! {
                    name => p.name,
                    added => time(p.created_at),
                    last_used => p.last_used_at.map(time),
                }
            })
            .collect(),
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
                passkeys => view.counts.passkeys,
                sessions => view.counts.sessions,
            },
            sessions,
            passkeys,
            done => done_message(&state, q.done.as_deref()),
        },
    )
}

/// Actions that can't be undone, or end someone's work: they are confirmed first, on a
/// page with a title, what happens and its button.
fn confirmation(action: &str) -> Option<(Text, Text, Text)> {
    Some(match action {
        "deactivate" => (
            text("admin-confirm-deactivate"),
            text("admin-confirm-deactivate-what"),
            text("admin-confirm-deactivate-button"),
        ),
        "end-sessions" => (
            text("admin-confirm-end-sessions"),
            text("admin-confirm-end-sessions-what"),
            text("admin-confirm-end-sessions-button"),
        ),
        "remove-2fa" => (
            text("admin-confirm-remove-2fa"),
            text("admin-confirm-remove-2fa-what"),
            text("admin-confirm-remove-2fa-button"),
        ),
        "delete" => (
            text("admin-confirm-delete"),
            text("admin-confirm-delete-what"),
            text("admin-confirm-delete-button"),
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
    if let Some((title, message, button)) = confirmation(&action)
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
                nav => "users", title => say(&state, title), message => say(&state, message),
                button => say(&state, button), email, action, back,
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
            let typed = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
            let name = typed("display_name");
            let update = UserUpdate {
                email: Some(typed("email")).filter(|e| !e.is_empty()),
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
