//! Signing in and out, and finding the session behind a bearer token.

use time::Duration;

use crate::app::AppState;
use crate::clock::Timestamp;
use crate::crypto::{SESSION_TOKEN_PREFIX, random_token, token_digest};
use crate::db::accounts::{self, Account};
use crate::db::sessions::{self, NewSession, Session};
use crate::db::{self};
use crate::ids::{AccountId, SessionId};
use crate::service::validate;
pub use crate::service::validate::Page;
use crate::service::{Error, Result};

/// Where a request came from, recorded on the session it creates or uses.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub struct SignIn {
    pub email: String,
    pub password: String,
    pub device_name: Option<String>,
}

/// A new session and the only copy of its token.
pub struct NewSessionToken {
    pub session: Session,
    pub token: String,
}

pub async fn sign_in(
    state: &AppState,
    input: SignIn,
    client: &ClientInfo,
) -> Result<NewSessionToken> {
    let device_name = validate::optional_name(
        "device_name",
        input.device_name.as_deref(),
        validate::DEVICE_NAME_MAX,
    )
    .map_err(|e| Error::Validation(vec![e]))?;
    let account = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        accounts::find_by_email(&mut conn, input.email.trim()).await?
    };
    // Unknown addresses verify against a dummy hash: same work, same time, same answer.
    let hash = account.as_ref().and_then(|a| a.password_hash.as_deref());
    let matches = state.hasher.verify(&input.password, hash).await?;
    let account = match account {
        Some(account) if matches => account,
        _ => return Err(Error::InvalidCredentials),
    };
    // Only someone who knows the password learns the account's state.
    match account.status.as_str() {
        "active" => {}
        "deactivated" => return Err(Error::AccountDeactivated),
        _ => return Err(Error::InvalidCredentials),
    }
    if account.email_verified_at.is_none() {
        return Err(Error::EmailNotVerified);
    }
    create_session(state, account.id, device_name.as_deref(), client).await
}

async fn create_session(
    state: &AppState,
    account_id: AccountId,
    device_name: Option<&str>,
    client: &ClientInfo,
) -> Result<NewSessionToken> {
    let now = state.clock.now();
    let token = random_token(SESSION_TOKEN_PREFIX);
    let new = NewSession {
        id: SessionId::new(),
        account_id,
        token_hash: &token_digest(&token),
        device_name,
        ip: client.ip.as_deref(),
        user_agent: client.user_agent.as_deref(),
        now,
        expires_at: now.plus(Duration::days(state.config.security.session_absolute_days)),
    };
    let mut tx = db::begin_immediate(&state.db).await?;
    sessions::insert(&mut tx, &new).await?;
    tx.commit().await?;
    let session = Session {
        id: new.id,
        account_id,
        device_name: device_name.map(str::to_owned),
        ip: new.ip.map(str::to_owned),
        user_agent: new.user_agent.map(str::to_owned),
        created_at: now,
        last_seen_at: now,
        expires_at: new.expires_at,
        elevated_until: None,
    };
    Ok(NewSessionToken { session, token })
}

/// A request's live session and its account.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub session: Session,
    pub account: Account,
}

/// last_seen_at is written at most this often per session, so reads stay reads.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// Finds the live session of a bearer token, or `Unauthenticated`.
pub async fn authenticate(
    state: &AppState,
    token: &str,
    client: &ClientInfo,
) -> Result<Authenticated> {
    if !token.starts_with(SESSION_TOKEN_PREFIX) {
        return Err(Error::Unauthenticated);
    }
    let now = state.clock.now();
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let session = sessions::find_by_token_hash(&mut conn, &token_digest(token))
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !is_live(state, &session, now) {
        return Err(Error::Unauthenticated);
    }
    let account = accounts::find(&mut conn, session.account_id)
        .await?
        .filter(Account::is_active)
        .ok_or(Error::Unauthenticated)?;
    drop(conn);
    let mut session = session;
    if now.0 - session.last_seen_at.0 >= TOUCH_INTERVAL_SECONDS {
        let mut tx = db::begin_immediate(&state.db).await?;
        sessions::touch(
            &mut tx,
            session.id,
            now,
            client.ip.as_deref(),
            client.user_agent.as_deref(),
        )
        .await?;
        tx.commit().await?;
        session.last_seen_at = now;
    }
    Ok(Authenticated { session, account })
}

fn is_live(state: &AppState, session: &Session, now: Timestamp) -> bool {
    let idle = Duration::days(state.config.security.session_idle_days);
    session.expires_at > now && session.last_seen_at.plus(idle) > now
}

/// One page of the account's live sessions, newest first, and the cursor of the next.
pub async fn list(
    state: &AppState,
    auth: &Authenticated,
    page: Page,
) -> Result<(Vec<Session>, Option<SessionId>)> {
    let now = state.clock.now();
    let idle = Duration::days(state.config.security.session_idle_days).whole_seconds();
    let idle_cutoff = Timestamp(now.0 - idle);
    let before = match page.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            c.parse::<SessionId>()
                .map_err(|_| Error::field("cursor", "Not a cursor from this list."))?,
        ),
    };
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items = sessions::list_live(
        &mut conn,
        auth.account.id,
        now,
        idle_cutoff,
        before,
        page.limit + 1,
    )
    .await?;
    let next = if items.len() as i64 > page.limit {
        items.truncate(page.limit as usize);
        items.last().map(|s| s.id)
    } else {
        None
    };
    Ok((items, next))
}

/// Ends one session of the signed-in account; another account's id is NotFound.
pub async fn revoke(state: &AppState, auth: &Authenticated, id: SessionId) -> Result<()> {
    let mut tx = db::begin_immediate(&state.db).await?;
    let found = sessions::delete(&mut tx, auth.account.id, id).await?;
    tx.commit().await?;
    if found { Ok(()) } else { Err(Error::NotFound) }
}

/// Ends every session of the account but the current one; returns how many.
pub async fn revoke_others(state: &AppState, auth: &Authenticated) -> Result<u64> {
    let mut tx = db::begin_immediate(&state.db).await?;
    let n = sessions::delete_others(&mut tx, auth.account.id, auth.session.id).await?;
    tx.commit().await?;
    Ok(n)
}
