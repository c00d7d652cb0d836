//! "Activity" (`/account/activity`): the account's audit trail, newest first, 25 a page,
//! each event in words with its time, IP address and browser.

use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{Terms, error_page, page, signed_in};
use crate::i18n::{Text, text};
use crate::pages::render::{say, time};
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
                what => in_words(&e.kind).map(|w| say(&state, w)),
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
fn in_words(kind: &str) -> Option<Text> {
    Some(match kind {
        "account.registered" => text("event-account-registered"),
        "email.verified" => text("event-email-verified"),
        "sign_in.succeeded" => text("event-sign-in-succeeded"),
        "sign_in.failed" => text("event-sign-in-failed"),
        "sign_in.locked" => text("event-sign-in-locked"),
        "session.signed_out" => text("event-session-signed-out"),
        "session.revoked" => text("event-session-revoked"),
        "session.reauthenticated" => text("event-session-reauthenticated"),
        "password.changed" => text("event-password-changed"),
        "password.reset_requested" => text("event-password-reset-requested"),
        "password.reset" => text("event-password-reset"),
        "password.set_by_link" => text("event-password-set-by-link"),
        "two_factor.device_added" => text("event-two-factor-device-added"),
        "two_factor.device_renamed" => text("event-two-factor-device-renamed"),
        "two_factor.device_removed" => text("event-two-factor-device-removed"),
        "two_factor.recovery_codes_regenerated" => {
            text("event-two-factor-recovery-codes-regenerated")
        }
        "two_factor.recovery_code_used" => text("event-two-factor-recovery-code-used"),
        "passkey.added" => text("event-passkey-added"),
        "passkey.renamed" => text("event-passkey-renamed"),
        "passkey.removed" => text("event-passkey-removed"),
        "passkey.used" => text("event-passkey-used"),
        "email.change_requested" => text("event-email-change-requested"),
        "email.change_cancelled" => text("event-email-change-cancelled"),
        "email.changed" => text("event-email-changed"),
        "account.deletion_requested" => text("event-account-deletion-requested"),
        "terms.accepted" => text("event-terms-accepted"),
        "admin.user_created" => text("event-admin-user-created"),
        "admin.user_updated" => text("event-admin-user-updated"),
        "admin.user_deactivated" => text("event-admin-user-deactivated"),
        "admin.user_reactivated" => text("event-admin-user-reactivated"),
        "admin.password_set" => text("event-admin-password-set"),
        "admin.password_link_sent" => text("event-admin-password-link-sent"),
        "admin.unlocked" => text("event-admin-unlocked"),
        "admin.sessions_revoked" => text("event-admin-sessions-revoked"),
        "admin.two_factor_removed" => text("event-admin-two-factor-removed"),
        "admin.user_deletion_requested" => text("event-admin-user-deletion-requested"),
        _ => return None,
    })
}
