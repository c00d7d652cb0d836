//! Replacing an account's password: the one sequence that changing it, resetting it by
//! mail, setting it from an admin's or an invitation's link, and an admin setting it
//! all share. The new password is checked and hashed before the write transaction
//! (hashing is slow, a write lock is not to be held meanwhile); then, in the caller's
//! transaction, it is set, sessions end, the event is recorded and the owner is told.

use serde_json::{Map, Value, json};

use crate::clock::Timestamp;
use crate::db;
use crate::db::accounts::{self, Account};
use crate::db::sessions;
use crate::ids::SessionId;
use crate::service::audit::{self, Actor, Kind};
use crate::service::mail::notice;
use crate::service::{ClientInfo, Error, Result, throttle, validate};
use crate::state::AppState;

/// A new password that passed the rules, as its hash.
pub struct NewPassword(String);

/// Checks `password` as the new password of `account` (field `new_password`) and hashes
/// it on the hashing threads.
pub async fn check_and_hash(
    state: &AppState,
    account: &Account,
    password: &str,
) -> Result<NewPassword> {
    validate::new_password(
        "new_password",
        password,
        &account.email,
        state.config.security.password_min_length,
    )
    .map_err(|e| Error::Validation(vec![e]))?;
    Ok(NewPassword(state.hasher.hash(password).await?))
}

/// Which sessions end with the old password.
#[derive(Debug, Clone, Copy)]
pub enum EndSessions {
    /// Every one: the password was lost, or someone else set it.
    All,
    /// Every one but the session that changed it.
    AllBut(SessionId),
    /// None (an admin's choice).
    None,
}

/// One replacement, as its caller describes it.
pub struct Replacement<'a> {
    pub account: &'a Account,
    pub password: &'a NewPassword,
    pub end_sessions: EndSessions,
    /// An email link proved the mailbox: an unverified address becomes verified, and
    /// the address's failed sign-ins are forgotten.
    pub mailbox_proven: bool,
    pub event: Kind,
    pub actor: &'a Actor,
    /// More for the event's detail, beside `sessions_ended`.
    pub detail: Map<String, Value>,
    /// The notice mailed to the owner (a template), if any.
    pub notice: Option<&'static str>,
}

/// Carries out `r` in the caller's transaction; returns how many sessions ended.
pub async fn replace(
    conn: &mut db::Conn,
    now: Timestamp,
    client: &ClientInfo,
    r: Replacement<'_>,
) -> Result<u64> {
    let id = r.account.id;
    accounts::set_password(conn, id, &r.password.0, now).await?;
    if r.mailbox_proven && r.account.email_verified_at.is_none() {
        accounts::mark_verified(conn, id, None, now).await?;
        // an invited account is created, for webhooks, when its owner proves the mailbox
        let kind = crate::service::webhooks::EventType::AccountCreated;
        crate::service::webhooks::record_account(conn, now, kind, id).await?;
    } else if r.mailbox_proven {
        accounts::mark_verified(conn, id, None, now).await?;
    }
    let ended = match r.end_sessions {
        EndSessions::All => sessions::delete_all(conn, id).await?,
        EndSessions::AllBut(keep) => sessions::delete_others(conn, id, keep).await?,
        EndSessions::None => 0,
    };
    if r.mailbox_proven {
        throttle::success(conn, &r.account.email).await?;
    }
    let mut detail = r.detail;
    detail.insert("sessions_ended".into(), json!(ended));
    audit::record_by(
        conn,
        now,
        Some(id),
        r.event,
        r.actor,
        client,
        Value::Object(detail),
    )
    .await?;
    if let Some(template) = r.notice {
        // an operator's address says nothing to the owner
        let ip = match r.actor {
            Actor::Owner => client.ip.as_deref(),
            _ => None,
        };
        notice(conn, now, r.account, template, json!({ "ip": ip })).await?;
    }
    Ok(ended)
}
