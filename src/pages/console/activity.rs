//! "Activity" (`/account/activity`): the account's audit trail, newest first, 25 a page,
//! each event in words with its time, IP address and browser.

use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{Terms, error_page, page, signed_in};
use crate::pages::render::time;
use crate::service::{Page, account};
use crate::state::AppState;

const PER_PAGE: u32 = 25;

pub fn routes(route: Route) -> Route {
    route.at("/account/activity", get(list))
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

#[handler]
async fn list(state: Data<&AppState>, req: &Request, Query(q): Query<ListQuery>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let paged = q.cursor.as_deref().is_some_and(|c| !c.is_empty());
    let (items, next) =
        match account::events(&state, &person.auth, Page::new(Some(PER_PAGE), q.cursor)).await {
            Ok(found) => found,
            // a cursor that is not one: the error page says so (422), no 500
            Err(e) => return error_page(&state, req, Some(&person), e),
        };
    let events: Vec<_> = items
        .iter()
        .map(|e| {
            minijinja::context! {
                what => in_words(&e.kind),
                kind => e.kind,
                at => time(e.at),
                ip => e.ip,
                user_agent => e.user_agent,
            }
        })
        .collect();
    let ctx = minijinja::context! {
        nav => "activity",
        events,
        paged,
        next => next.map(|id| id.to_string()),
    };
    page(
        &state,
        Some(&person),
        StatusCode::OK,
        "console/activity.html",
        ctx,
    )
}

/// An event's type as a person reads it; a type without words here shows as stored.
fn in_words(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "account.registered" => "Account created",
        "email.verified" => "Email address verified",
        "sign_in.succeeded" => "Signed in",
        "sign_in.failed" => "Failed sign-in attempt",
        "sign_in.locked" => "Sign-in locked after too many failed attempts",
        "session.signed_out" => "Signed out",
        "session.revoked" => "Another session signed out",
        "session.reauthenticated" => "Identity confirmed",
        "password.changed" => "Password changed",
        "password.reset_requested" => "Password reset requested",
        "password.reset" => "Password reset",
        "password.set_by_link" => "Password set from a mailed link",
        "two_factor.device_added" => "Authenticator app added",
        "two_factor.device_renamed" => "Authenticator app renamed",
        "two_factor.device_removed" => "Authenticator app removed",
        "two_factor.recovery_codes_regenerated" => "New recovery codes generated",
        "two_factor.recovery_code_used" => "Recovery code used",
        "email.change_requested" => "Email change requested",
        "email.change_cancelled" => "Email change cancelled",
        "email.changed" => "Email address changed",
        "account.deletion_requested" => "Account deletion requested",
        "terms.accepted" => "Terms accepted",
        "admin.user_created" => "Account created by an administrator",
        "admin.user_updated" => "Account changed by an administrator",
        "admin.user_deactivated" => "Account deactivated by an administrator",
        "admin.user_reactivated" => "Account reactivated by an administrator",
        "admin.password_set" => "Password set by an administrator",
        "admin.password_link_sent" => "Password link sent by an administrator",
        "admin.unlocked" => "Sign-in unlocked by an administrator",
        "admin.sessions_revoked" => "Sessions signed out by an administrator",
        "admin.two_factor_removed" => "Second factors removed by an administrator",
        "admin.user_deletion_requested" => "Account deletion requested by an administrator",
        _ => return None,
    })
}
