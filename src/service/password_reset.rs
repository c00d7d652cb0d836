//! Password reset by email, in three steps (the Matrix/EMS flow):
//! 1. the client asks, with a secret of its own, and gets a reset id whatever the address;
//! 2. the person opens the mailed link and confirms in the browser ("validated");
//! 3. the client, holding the secret, sets the new password. Every session ends.

use serde_json::json;
use time::Duration;

use crate::clock::Timestamp;
use crate::crypto::token_digest;
use crate::db::accounts::{self, Account};
use crate::db::email_tokens::{self, Purpose};
use crate::db::password_resets::{self, Reset};
use crate::db::{self, outbox};
use crate::i18n::text;
use crate::ids::PasswordResetId;
use crate::service::ClientInfo;
use crate::service::audit::{self, Actor, Kind};
use crate::service::email_links::{self, Holder};
use crate::service::mail::{self, LinkMail};
use crate::service::passkeys;
use crate::service::password::{self, EndSessions, Replacement};
use crate::service::throttle;
use crate::service::totp::{self, SecondFactor};
use crate::service::validate;
use crate::service::{Error, Result};
use crate::state::AppState;

pub const TEMPLATE: &str = "reset_password";
pub const LINK_PATH: &str = "/reset-password";
pub const CLIENT_SECRET_MIN: usize = 16;
pub const CLIENT_SECRET_MAX: usize = 255;

/// Starts a reset. The answer is a reset id whatever the address; only an active account
/// gets a mail (at most one a minute per address).
pub async fn request(
    state: &AppState,
    email: &str,
    client_secret: &str,
    client: &ClientInfo,
) -> Result<PasswordResetId> {
    let email = validate::email("email", email).map_err(|e| Error::Validation(vec![e]))?;
    let length = client_secret.chars().count();
    if !(CLIENT_SECRET_MIN..=CLIENT_SECRET_MAX).contains(&length) {
        return Err(Error::field("client_secret", text("invalid-client-secret")));
    }
    let now = state.clock.now();
    let ttl = Duration::minutes(state.config.security.password_reset_ttl_minutes);
    let mut reset = Reset {
        id: PasswordResetId::new(),
        account_id: None,
        client_secret_hash: token_digest(client_secret),
        email_token_id: None,
        expires_at: now.plus(ttl),
        validated_at: None,
        completed_at: None,
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let account = accounts::find_by_email_locked(&mut tx, &email)
        .await?
        .filter(Account::is_active);
    if let Some(account) = account {
        reset.account_id = Some(account.id);
        let since = Timestamp(now.0 - 60);
        if outbox::count_recent(&mut tx, &account.email, TEMPLATE, since).await? == 0 {
            let token_id = mail::queue_with_link(
                &mut tx,
                now,
                LinkMail {
                    account_id: account.id,
                    recipient: &account.email,
                    template: TEMPLATE,
                    purpose: Purpose::ResetPassword,
                    link_path: LINK_PATH,
                    password_hash: None,
                    lifetime: ttl,
                    data: json!({}),
                },
            )
            .await?;
            reset.email_token_id = Some(token_id);
        }
        audit::record(
            &mut tx,
            now,
            account.id,
            Kind::PasswordResetRequested,
            client,
            json!({}),
        )
        .await?;
    }
    password_resets::insert(&mut tx, &reset, now).await?;
    tx.commit().await?;
    Ok(reset.id)
}

/// Shows that a reset link is good, using nothing up (GET of the link).
pub async fn peek(state: &AppState, token: &str) -> Result<()> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    usable_link(&mut conn, state.clock.now(), token)
        .await
        .map(drop)
}

/// The browser step: the link's button proves the mailbox. The client may then finish.
pub async fn validate_link(state: &AppState, token: &str) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let token_id = usable_link(&mut tx, now, token).await?;
    if !email_tokens::mark_used(&mut tx, token_id, now).await?
        || !password_resets::validate_by_token(&mut tx, token_id, now).await?
    {
        return Err(Error::TokenInvalid);
    }
    tx.commit().await?;
    Ok(())
}

async fn usable_link(
    conn: &mut db::Conn,
    now: Timestamp,
    token: &str,
) -> Result<crate::ids::EmailTokenId> {
    let found =
        email_tokens::find_by_hash(conn, Purpose::ResetPassword, &token_digest(token)).await?;
    // whether the account may still reset is checked when the client completes
    let holder = Holder {
        active: false,
        same_email: false,
    };
    let (link, _) = email_links::check(conn, now, found, holder).await?;
    Ok(link.id)
}

pub struct Completion<'a> {
    pub client_secret: &'a str,
    pub new_password: &'a str,
    pub factor: Option<SecondFactor<'a>>,
    pub sign_out_all_sessions: bool,
}

/// The client's last step: sets the new password of a validated reset.
pub async fn complete(
    state: &AppState,
    id: PasswordResetId,
    input: Completion<'_>,
    client: &ClientInfo,
) -> Result<()> {
    let now = state.clock.now();
    let reset = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        password_resets::find(&mut conn, id)
            .await?
            .ok_or(Error::NotFound)?
    };
    // Output of SHA-256 over a secret the client chose: compared as digests, so the
    // time taken says nothing about the secret.
    if token_digest(input.client_secret) != reset.client_secret_hash {
        return Err(Error::Forbidden(text("forbidden-reset-secret")));
    }
    if reset.completed_at.is_some() {
        return Err(Error::TokenInvalid);
    }
    if reset.expires_at <= now {
        return Err(Error::TokenExpired);
    }
    let (Some(_), Some(account_id)) = (reset.validated_at, reset.account_id) else {
        return Err(Error::EmailNotValidated);
    };
    let account = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        accounts::find(&mut conn, account_id)
            .await?
            .filter(Account::is_active)
            .ok_or(Error::EmailNotValidated)?
    };
    let password = password::check_and_hash(state, &account, input.new_password).await?;

    throttle::check(state, &account.email).await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    if totp::enabled(&mut tx, &account).await? {
        let factor = input.factor.ok_or(Error::TwoFactorRequired)?;
        if !totp::verify(state, &mut tx, &account, factor, client).await? {
            drop(tx);
            throttle::failure(state, &account.email).await?;
            return Err(factor.rejection());
        }
    }
    if !password_resets::complete(&mut tx, reset.id, now).await? {
        return Err(Error::TokenInvalid);
    }
    password::replace(
        &mut tx,
        now,
        client,
        Replacement {
            account: &account,
            password: &password,
            end_sessions: if input.sign_out_all_sessions {
                EndSessions::All
            } else {
                EndSessions::None
            },
            mailbox_proven: true,
            event: Kind::PasswordReset,
            actor: &Actor::Owner,
            detail: Default::default(),
            notice: Some("password_reset"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Where a reset stands, for the browser that started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Whether the mailed link's button was pressed.
    pub validated: bool,
    /// Whether completing it needs a second factor (said only once validated: before,
    /// nothing about the account is told).
    pub two_factor: bool,
}

/// Tells the holder of a reset's client secret whether the mailed link was confirmed
/// yet and whether the account has a second factor. A reset for an address without an
/// account is never validated, so it answers as one whose mail was not opened yet.
/// Errors as completing would: wrong secret, used, or expired.
pub async fn progress(
    state: &AppState,
    id: PasswordResetId,
    client_secret: &str,
) -> Result<Progress> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let Some(account) = validated_account(state, &mut conn, id, client_secret).await? else {
        return Ok(Progress {
            validated: false,
            two_factor: false,
        });
    };
    Ok(Progress {
        validated: true,
        two_factor: totp::enabled(&mut conn, &account).await?,
    })
}

/// Options to prove the account's passkey when completing a validated reset (instead
/// of a code). 409 `email_not_validated` before the link was confirmed.
pub async fn passkey_options(
    state: &AppState,
    id: PasswordResetId,
    client_secret: &str,
) -> Result<passkeys::Started> {
    if !passkeys::available(state) {
        return Err(Error::PasskeysUnavailable);
    }
    let account = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        validated_account(state, &mut conn, id, client_secret)
            .await?
            .ok_or(Error::EmailNotValidated)?
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    let started = passkeys::second_factor_options(state, &mut tx, &account)
        .await?
        .ok_or(Error::TwoFactorNotEnabled)?;
    tx.commit().await?;
    Ok(started)
}

/// The account of a reset whose link was confirmed, None before; errors as completing
/// would: wrong secret, used, or expired.
async fn validated_account(
    state: &AppState,
    conn: &mut db::Conn,
    id: PasswordResetId,
    client_secret: &str,
) -> Result<Option<Account>> {
    let now = state.clock.now();
    let reset = password_resets::find(conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    if token_digest(client_secret) != reset.client_secret_hash {
        return Err(Error::Forbidden(text("forbidden-reset-secret")));
    }
    if reset.completed_at.is_some() {
        return Err(Error::TokenInvalid);
    }
    if reset.expires_at <= now {
        return Err(Error::TokenExpired);
    }
    Ok(match (reset.validated_at, reset.account_id) {
        (Some(_), Some(account_id)) => accounts::find(conn, account_id)
            .await?
            .filter(Account::is_active),
        _ => None,
    })
}
