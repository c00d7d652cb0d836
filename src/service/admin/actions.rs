//! What an operator does to one user: deactivate, set a password or mail a link,
//! unlock, end sessions, remove second factors, delete.

use serde_json::json;

use crate::clock::Timestamp;
use crate::db::accounts::AccountStatus;
use crate::db::admin::{self as store};
use crate::db::password_links::Kind as LinkKind;
use crate::db::{self, passkeys, sessions, throttle as throttle_store, totp};
use crate::ids::AccountId;
use crate::service::mail::notice;
use crate::service::password::{self, EndSessions, Replacement};
use crate::service::throttle;
use crate::service::{ClientInfo, Page};
use crate::service::{Error, Result};
use crate::service::{deletion, password_links};
use crate::state::AppState;

use crate::i18n::text;
use crate::service::admin::{Actor, account};
use crate::service::audit::{Kind, record_by};

/// Deactivates (every session ends at once, sign-in answers account_deactivated) or
/// reactivates an account.
pub async fn set_active(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    active: bool,
    client: &ClientInfo,
) -> Result<()> {
    if let Actor::Admin(auth) = actor
        && auth.account.id == id
        && !active
    {
        return Err(Error::Forbidden(text("forbidden-self-deactivate")));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(id)).await?;
    let status = if active {
        AccountStatus::Active
    } else {
        AccountStatus::Deactivated
    };
    if !store::set_status(&mut tx, id, status, now).await? {
        return Err(Error::NotFound);
    }
    let ended = if active {
        0
    } else {
        sessions::delete_all(&mut tx, id).await?
    };
    let kind = if active {
        Kind::AdminUserReactivated
    } else {
        Kind::AdminUserDeactivated
    };
    record_by(
        &mut tx,
        now,
        Some(id),
        kind,
        actor,
        client,
        json!({"sessions_ended": ended}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_password(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    password: &str,
    sign_out: bool,
    client: &ClientInfo,
) -> Result<()> {
    let account = account(state, id).await?;
    let password = password::check_and_hash(state, &account, password).await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    password::replace(
        &mut tx,
        state.clock.now(),
        client,
        Replacement {
            account: &account,
            password: &password,
            end_sessions: if sign_out {
                EndSessions::All
            } else {
                EndSessions::None
            },
            mailbox_proven: false,
            event: Kind::AdminPasswordSet,
            actor,
            detail: Default::default(),
            notice: Some("password_changed"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Mails the user a link to set a new password. Their password works until then.
pub async fn send_password_link(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    client: &ClientInfo,
) -> Result<()> {
    let account = account(state, id).await?;
    if !account.is_active() {
        return Err(Error::AccountDeactivated);
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    password_links::queue_mail(state, &mut tx, now, &account, LinkKind::AdminReset).await?;
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminPasswordLinkSent,
        actor,
        client,
        json!({"email": account.email}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A link for the console to print (`steward user reset-password`).
pub async fn console_password_link(
    state: &AppState,
    id: AccountId,
    client: &ClientInfo,
) -> Result<String> {
    let account = account(state, id).await?;
    if !account.is_active() {
        return Err(Error::AccountDeactivated);
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    let link = password_links::console_link(state, &mut tx, now, &account).await?;
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminPasswordLinkSent,
        &Actor::Console,
        client,
        json!({"printed": true}),
    )
    .await?;
    tx.commit().await?;
    Ok(link)
}

/// Ends a sign-in lockout of the account's address.
pub async fn unlock(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    client: &ClientInfo,
) -> Result<()> {
    let account = account(state, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    throttle_store::clear(&mut tx, &throttle::key(&account.email)).await?;
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminUnlocked,
        actor,
        client,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn user_sessions(state: &AppState, id: AccountId) -> Result<Vec<sessions::Session>> {
    account(state, id).await?;
    let now = state.clock.now();
    let idle = time::Duration::days(state.config.security.session_idle_days).whole_seconds();
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(sessions::list_live(
        &mut conn,
        id,
        now,
        Timestamp(now.0 - idle),
        None,
        Page::MAX_LIMIT,
    )
    .await?)
}

pub async fn revoke_sessions(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    client: &ClientInfo,
) -> Result<u64> {
    account(state, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(id)).await?;
    let ended = sessions::delete_all(&mut tx, id).await?;
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminSessionsRevoked,
        actor,
        client,
        json!({"sessions_ended": ended}),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// Removes every second factor (the person lost their phone and codes); mails a notice.
pub async fn remove_two_factor(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    client: &ClientInfo,
) -> Result<()> {
    let account = account(state, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(id)).await?;
    let removed = totp::delete_all_devices(&mut tx, id).await?;
    let passkeys_removed = passkeys::delete_all(&mut tx, id).await?;
    totp::delete_recovery_codes(&mut tx, id).await?;
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminTwoFactorRemoved,
        actor,
        client,
        json!({"devices": removed, "passkeys": passkeys_removed}),
    )
    .await?;
    if passkeys_removed > 0 {
        notice(
            &mut tx,
            now,
            &account,
            "passkey_removed",
            json!({"passkey": "every passkey", "last": removed == 0}),
        )
        .await?;
    }
    if removed > 0 {
        notice(
            &mut tx,
            now,
            &account,
            "totp_removed",
            json!({"device": "every authenticator app", "last": true}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes a user as if they had asked: sessions end now, a goodbye mail, the job.
pub async fn delete_user(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    client: &ClientInfo,
) -> Result<()> {
    if let Actor::Admin(auth) = actor
        && auth.account.id == id
    {
        return Err(Error::Forbidden(text("forbidden-self-delete")));
    }
    let account = account(state, id).await?;
    deletion::schedule_account_deletion(state, &account, actor, client).await
}
