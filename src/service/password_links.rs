//! Links that set a password: the invitation of an account an admin made, a reset mail
//! an admin sent, a link printed at the console. The person opens `/set-password`,
//! chooses a password there, and every session of the account ends.
//!
//! Unlike the reset the person starts (three steps, a client waiting), nobody waits in
//! a client here, so the page itself takes the new password.

use serde_json::json;

use crate::clock::Timestamp;
use crate::crypto::{random_token, token_digest};
use crate::db::accounts::Account;
use crate::db::password_links::{self, Kind, NewLink};
use crate::db::{self};
use crate::ids::PasswordLinkId;
use crate::service::ClientInfo;
use crate::service::audit::{self, Actor};
use crate::service::email_links::{self, Holder};
use crate::service::mail::{LinkTarget, Mail, MailLink, queue};
use crate::service::password::{self, EndSessions, Replacement};
use crate::service::{Error, Result};
use crate::state::AppState;

/// Path of the page the links open.
pub const LINK_PATH: &str = "/set-password";

fn lifetime(state: &AppState, kind: Kind) -> time::Duration {
    let security = &state.config.security;
    match kind {
        Kind::Invite => time::Duration::hours(security.invite_ttl_hours),
        Kind::AdminReset | Kind::Console => {
            time::Duration::minutes(security.password_reset_ttl_minutes)
        }
    }
}

/// Queues the mail of an invitation or of an admin's reset, in the caller's transaction.
/// Older unused links of the account stop working: only the newest mail counts.
pub async fn queue_mail(
    state: &AppState,
    conn: &mut db::Conn,
    now: Timestamp,
    account: &Account,
    kind: Kind,
) -> anyhow::Result<()> {
    password_links::void_unused(conn, account.id).await?;
    let id = PasswordLinkId::new();
    let lifetime = lifetime(state, kind);
    let template = match kind {
        Kind::Invite => "invite",
        Kind::AdminReset | Kind::Console => "set_password",
    };
    let mut data = serde_json::Map::new();
    data.insert("display_name".into(), json!(account.display_name));
    let link = MailLink {
        target: LinkTarget::PasswordLink(id),
        path: LINK_PATH.to_owned(),
    };
    link.write(&mut data);
    let outbox_id = queue(
        conn,
        now,
        Mail {
            account_id: Some(account.id),
            recipient: &account.email,
            template,
            data: serde_json::Value::Object(data),
        },
    )
    .await?;
    password_links::insert(
        conn,
        &NewLink {
            id,
            account_id: account.id,
            kind,
            email: &account.email,
            outbox_id: Some(outbox_id),
            lifetime_seconds: lifetime.whole_seconds(),
            now,
        },
    )
    .await?;
    Ok(())
}

/// A link for the person at the console to hand over: minted now, shown once. In the
/// caller's transaction, like `queue_mail`.
pub async fn console_link(
    state: &AppState,
    conn: &mut db::Conn,
    now: Timestamp,
    account: &Account,
) -> anyhow::Result<String> {
    let token = random_token("");
    let id = PasswordLinkId::new();
    password_links::void_unused(conn, account.id).await?;
    password_links::insert(
        conn,
        &NewLink {
            id,
            account_id: account.id,
            kind: Kind::Console,
            email: &account.email,
            outbox_id: None,
            lifetime_seconds: lifetime(state, Kind::Console).whole_seconds(),
            now,
        },
    )
    .await?;
    password_links::mint(conn, id, &token_digest(&token), now).await?;
    Ok(format!(
        "{}{LINK_PATH}?token={token}",
        state.config.public_url()
    ))
}

/// What the page shows before the password is chosen.
pub struct LinkInfo {
    pub email: String,
    pub invite: bool,
}

/// Checks a link without using it (the GET of the page).
pub async fn peek(state: &AppState, token: &str) -> Result<LinkInfo> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let (link, _) = usable(&mut conn, state.clock.now(), token).await?;
    Ok(LinkInfo {
        email: link.email,
        invite: link.kind == Kind::Invite,
    })
}

async fn usable(
    conn: &mut db::Conn,
    now: Timestamp,
    token: &str,
) -> Result<(password_links::PasswordLink, Account)> {
    let found = password_links::find_by_hash(conn, &token_digest(token)).await?;
    // made for an address the account no longer has, or an account that can't sign in
    let holder = Holder {
        active: true,
        same_email: true,
    };
    email_links::check(conn, now, found, holder).await
}

/// The page's POST: sets the password, verifies the address (the link proved the
/// mailbox), ends every session, and uses the link up.
pub async fn complete(
    state: &AppState,
    token: &str,
    new_password: &str,
    client: &ClientInfo,
) -> Result<()> {
    let now = state.clock.now();
    let (_, account) = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        usable(&mut conn, now, token).await?
    };
    let password = password::check_and_hash(state, &account, new_password).await?;

    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    // again, in the write: a second submit of the same link loses at mark_used
    let (link, account) = usable(&mut tx, now, token).await?;
    db::lock_account(&mut tx, account.id).await?;
    if !password_links::mark_used(&mut tx, link.id, now).await? {
        return Err(Error::TokenInvalid);
    }
    password_links::void_unused(&mut tx, account.id).await?;
    let mut detail = serde_json::Map::new();
    detail.insert("link".into(), json!(link.kind.as_str()));
    password::replace(
        &mut tx,
        now,
        client,
        Replacement {
            account: &account,
            password: &password,
            end_sessions: EndSessions::All,
            mailbox_proven: true,
            event: audit::Kind::PasswordSetByLink,
            actor: &Actor::Owner,
            detail,
            // an invitation sets the first password: there is no change to tell of
            notice: (link.kind != Kind::Invite).then_some("password_changed"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
