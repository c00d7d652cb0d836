//! Changing the account's address: a link to the new address, a notice to the old one;
//! the address changes only when the link is confirmed.

use serde_json::json;
use time::Duration;

use crate::clock::Timestamp;
use crate::crypto::token_digest;
use crate::db::accounts::{self, Account};
use crate::db::email_tokens::{self, EmailToken, Purpose};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::AccountId;
use crate::service::audit::{self, Kind};
use crate::service::email_links::{self, Holder};
use crate::service::mail::{self, LinkMail, Mail, notice};
use crate::service::require_elevated;
use crate::service::validate;
use crate::service::webhooks::{self, EventType};
use crate::service::{Authenticated, ClientInfo};
use crate::service::{Error, Result};
use crate::state::AppState;

pub const CONFIRM_PATH: &str = "/confirm-email";

/// Sends a confirmation link to `new_email` and a notice to the current address.
/// A newer request replaces an older one.
pub async fn request(
    state: &AppState,
    auth: &Authenticated,
    new_email: &str,
    client: &ClientInfo,
) -> Result<String> {
    require_elevated(state, auth)?;
    let account = &auth.account;
    let new_email =
        validate::email("new_email", new_email).map_err(|e| Error::Validation(vec![e]))?;
    if new_email.eq_ignore_ascii_case(&account.email) {
        return Err(Error::field("new_email", text("invalid-same-email")));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    email_tokens::delete_unused(&mut tx, account.id, Purpose::ChangeEmail).await?;
    mail::queue_with_link(
        &mut tx,
        now,
        LinkMail {
            account_id: account.id,
            recipient: &new_email,
            template: "change_email",
            purpose: Purpose::ChangeEmail,
            link_path: CONFIRM_PATH,
            password_hash: None,
            lifetime: Duration::hours(state.config.security.email_change_ttl_hours),
            data: json!({"old_email": account.email}),
        },
    )
    .await?;
    notice(
        &mut tx,
        now,
        account,
        "email_change_requested",
        json!({"new_email": new_email}),
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        account.id,
        Kind::EmailChangeRequested,
        client,
        json!({"new_email": new_email}),
    )
    .await?;
    tx.commit().await?;
    Ok(new_email)
}

/// Cancels a pending change: its link stops working.
pub async fn cancel(state: &AppState, auth: &Authenticated, client: &ClientInfo) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if email_tokens::delete_unused(&mut tx, auth.account.id, Purpose::ChangeEmail).await? > 0 {
        audit::record(
            &mut tx,
            now,
            auth.account.id,
            Kind::EmailChangeCancelled,
            client,
            json!({}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The new address a link is for, using nothing up (GET of the link).
pub async fn peek(state: &AppState, token: &str) -> Result<String> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let (token, _) = usable(&mut conn, state.clock.now(), token).await?;
    Ok(token.email)
}

/// Confirms a change with the link's token: the account takes the new address (409
/// `email_taken` when another account has it by now) and the old address is told.
pub async fn confirm(
    state: &AppState,
    token: &str,
    client: &ClientInfo,
) -> Result<(AccountId, String)> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let (token, account) = usable(&mut tx, now, token).await?;
    db::lock_account(&mut tx, account.id).await?;
    if accounts::find_by_email(&mut tx, &token.email)
        .await?
        .is_some_and(|other| other.id != account.id)
    {
        return Err(Error::EmailTaken);
    }
    if !email_tokens::mark_used(&mut tx, token.id, now).await? {
        return Err(Error::TokenInvalid);
    }
    match accounts::set_email(&mut tx, account.id, &token.email, now).await {
        Ok(()) => {}
        Err(e) if db::is_unique_violation(&e) => return Err(Error::EmailTaken),
        Err(e) => return Err(e.into()),
    }
    email_tokens::delete_unused(&mut tx, account.id, Purpose::ChangeEmail).await?;
    // the notice goes to the old address: its owner must learn of it if it was not them
    mail::queue(
        &mut tx,
        now,
        Mail {
            account_id: Some(account.id),
            recipient: &account.email,
            template: "email_changed",
            data: json!({"new_email": token.email}),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        account.id,
        Kind::EmailChanged,
        client,
        json!({"old_email": account.email, "new_email": token.email}),
    )
    .await?;
    webhooks::record_account(&mut tx, now, EventType::AccountUpdated, account.id).await?;
    tx.commit().await?;
    Ok((account.id, token.email))
}

async fn usable(conn: &mut db::Conn, now: Timestamp, token: &str) -> Result<(EmailToken, Account)> {
    let found =
        email_tokens::find_by_hash(conn, Purpose::ChangeEmail, &token_digest(token)).await?;
    // the link is mailed to the new address, which the account does not have yet
    let holder = Holder {
        active: true,
        same_email: false,
    };
    email_links::check(conn, now, found, holder).await
}
