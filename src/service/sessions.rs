//! Signing in (password, then a second factor when the account has one), signing out,
//! reauthentication, and finding the session behind a bearer token.

use serde_json::json;
use time::Duration;

use crate::clock::Timestamp;
use crate::crypto::{SESSION_TOKEN_PREFIX, random_token, token_digest};
use crate::db::accounts::{self, Account, AccountStatus};
use crate::db::mfa::{self, Ticket};
use crate::db::sessions::{self, NewSession, Session};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::{MfaTicketId, SessionId};
use crate::service::audit::{self, Kind};
use crate::service::passkeys;
use crate::service::throttle;
use crate::service::totp::{self, SecondFactor};
use crate::service::validate;
use crate::service::{Error, Result};
use crate::state::AppState;

use crate::service::{Authenticated, ClientInfo, Page};

/// Prefix of the ticket between the password and the second factor.
pub const MFA_TICKET_PREFIX: &str = "stw_m_";

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

pub enum SignInOutcome {
    SignedIn(NewSessionToken),
    /// The password was right; a second factor is due with this ticket.
    MfaRequired {
        ticket: String,
        expires_at: Timestamp,
        /// The account's kinds of second factor.
        methods: passkeys::Methods,
        /// Options for `navigator.credentials.get`, when the account has a passkey.
        passkey_options: Option<serde_json::Value>,
    },
}

/// Whom a sign-in may let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Anyone,
    /// The admin page: anyone else is refused once their password (and second factor)
    /// proved right, before any session exists.
    AdminsOnly,
}

impl Admission {
    fn admits(self, account: &Account) -> bool {
        self == Admission::Anyone || account.is_admin
    }
}

pub async fn sign_in(
    state: &AppState,
    input: SignIn,
    client: &ClientInfo,
) -> Result<SignInOutcome> {
    sign_in_with(state, input, Admission::Anyone, client).await
}

/// Signs in whom `admission` lets in. Whoever else learns it only with the right
/// password, and (when the account has one) second factor: the answers up to there are
/// those of any sign-in.
pub async fn sign_in_with(
    state: &AppState,
    input: SignIn,
    admission: Admission,
    client: &ClientInfo,
) -> Result<SignInOutcome> {
    let device_name = validate::optional_name(
        "device_name",
        input.device_name.as_deref(),
        validate::DEVICE_NAME_MAX,
    )
    .map_err(|e| Error::Validation(vec![e]))?;
    let email = input.email.trim();
    throttle::check(state, email).await?;
    let account = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        accounts::find_by_email(&mut conn, email).await?
    };
    // Unknown addresses verify against a dummy hash: same work, same time, same answer.
    let hash = account.as_ref().and_then(|a| a.password_hash.as_deref());
    let matches = state.hasher.verify(&input.password, hash).await?;
    let account = match account {
        Some(account) if matches => account,
        other => {
            failed_attempt(state, email, other.as_ref(), client, "password").await?;
            return Err(Error::InvalidCredentials);
        }
    };
    // Only someone who knows the password learns the account's state.
    match account.status {
        AccountStatus::Active => {}
        AccountStatus::Deactivated => return Err(Error::AccountDeactivated),
        // being deleted: as if it were gone already
        AccountStatus::Deleting => return Err(Error::InvalidCredentials),
    }
    if account.email_verified_at.is_none() {
        return Err(Error::EmailNotVerified);
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    if totp::enabled(&mut tx, &account).await? {
        // The failure count stays until the second factor is right too: a correct
        // password must not buy more guesses at the code.
        let ticket = random_token(MFA_TICKET_PREFIX);
        let expires_at = now.plus(Duration::minutes(state.config.security.mfa_ticket_minutes));
        let row = Ticket {
            id: MfaTicketId::new(),
            account_id: account.id,
            device_name,
            expires_at,
        };
        mfa::insert(&mut tx, &row, &token_digest(&ticket), now).await?;
        let methods = passkeys::methods(state, &mut tx, &account).await?;
        let passkey_options = passkeys::second_factor_options(state, &mut tx, &account)
            .await?
            .map(|started| started.options);
        tx.commit().await?;
        return Ok(SignInOutcome::MfaRequired {
            ticket,
            expires_at,
            methods,
            passkey_options,
        });
    }
    if !admission.admits(&account) {
        refuse(state, &mut tx, &account, client).await?;
        tx.commit().await?;
        return Err(Error::Forbidden(text("forbidden-not-an-admin")));
    }
    let created = create_session(state, &mut tx, &account, device_name.as_deref(), client).await?;
    tx.commit().await?;
    Ok(SignInOutcome::SignedIn(created))
}

/// The second step of signing in to an account with two-factor authentication.
pub async fn complete_mfa(
    state: &AppState,
    ticket: &str,
    factor: Option<SecondFactor<'_>>,
    client: &ClientInfo,
) -> Result<NewSessionToken> {
    complete_mfa_with(state, ticket, factor, Admission::Anyone, client).await
}

/// The second step of a sign-in that only `admission`'s accounts may finish.
pub async fn complete_mfa_with(
    state: &AppState,
    ticket: &str,
    factor: Option<SecondFactor<'_>>,
    admission: Admission,
    client: &ClientInfo,
) -> Result<NewSessionToken> {
    let now = state.clock.now();
    let (ticket, account) = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        let ticket = mfa::find(&mut conn, &token_digest(ticket))
            .await?
            .ok_or(Error::Unauthenticated)?;
        let account = accounts::find(&mut conn, ticket.account_id)
            .await?
            .filter(Account::is_active)
            .ok_or(Error::Unauthenticated)?;
        (ticket, account)
    };
    if ticket.expires_at <= now {
        return Err(Error::TokenExpired);
    }
    let factor = factor.ok_or(Error::TwoFactorRequired)?;
    throttle::check(state, &account.email).await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    if !totp::verify(state, &mut tx, &account, factor, client).await? {
        drop(tx);
        failed_attempt(
            state,
            &account.email,
            Some(&account),
            client,
            "second_factor",
        )
        .await?;
        return Err(factor.rejection());
    }
    if !mfa::delete(&mut tx, ticket.id).await? {
        return Err(Error::Unauthenticated);
    }
    if !admission.admits(&account) {
        refuse(state, &mut tx, &account, client).await?;
        tx.commit().await?;
        return Err(Error::Forbidden(text("forbidden-not-an-admin")));
    }
    let created = create_session(
        state,
        &mut tx,
        &account,
        ticket.device_name.as_deref(),
        client,
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Refuses, in `conn`'s transaction, an account whose credentials proved right but whom
/// the sign-in does not admit: no session is made. The right credentials clear the
/// address's failures as a sign-in does; the refusal goes on the account's trail.
async fn refuse(
    state: &AppState,
    conn: &mut db::Conn,
    account: &Account,
    client: &ClientInfo,
) -> Result<()> {
    throttle::success(conn, &account.email).await?;
    audit::record(
        conn,
        state.clock.now(),
        account.id,
        Kind::SignInFailed,
        client,
        json!({"reason": "not_admin"}),
    )
    .await?;
    Ok(())
}

/// Creates a session in `conn`'s transaction, clears the address's failures and
/// records the sign-in. A fresh sign-in counts as a recent authentication.
pub(crate) async fn create_session(
    state: &AppState,
    conn: &mut db::Conn,
    account: &Account,
    device_name: Option<&str>,
    client: &ClientInfo,
) -> Result<NewSessionToken> {
    let now = state.clock.now();
    let security = &state.config.security;
    let token = random_token(SESSION_TOKEN_PREFIX);
    let new = NewSession {
        id: SessionId::new(),
        account_id: account.id,
        token_hash: &token_digest(&token),
        device_name,
        ip: client.ip.as_deref(),
        user_agent: client.user_agent.as_deref(),
        now,
        expires_at: now.plus(Duration::days(security.session_absolute_days)),
        elevated_until: Some(now.plus(Duration::minutes(security.reauthentication_minutes))),
    };
    sessions::insert(conn, &new).await?;
    throttle::success(conn, &account.email).await?;
    audit::record(
        conn,
        now,
        account.id,
        Kind::SignInSucceeded,
        client,
        json!({"device": device_name}),
    )
    .await?;
    let session = Session {
        id: new.id,
        account_id: account.id,
        device_name: device_name.map(str::to_owned),
        ip: new.ip.map(str::to_owned),
        user_agent: new.user_agent.map(str::to_owned),
        created_at: now,
        last_seen_at: now,
        expires_at: new.expires_at,
        elevated_until: new.elevated_until,
    };
    Ok(NewSessionToken { session, token })
}

/// Confirms the password (and second factor, when the account has one) of the signed-in
/// person, allowing sensitive actions for a while. Returns until when. A passkey may
/// stand alone, without the password (an empty one): it is verified by the person's
/// device (user verification) as well as held.
pub async fn reauthenticate(
    state: &AppState,
    auth: &Authenticated,
    password: &str,
    factor: Option<SecondFactor<'_>>,
    client: &ClientInfo,
) -> Result<Timestamp> {
    let account = &auth.account;
    throttle::check(state, &account.email).await?;
    let passkey_alone = password.is_empty() && matches!(factor, Some(SecondFactor::Passkey(_)));
    if !passkey_alone
        && !state
            .hasher
            .verify(password, account.password_hash.as_deref())
            .await?
    {
        failed_attempt(
            state,
            &account.email,
            Some(account),
            client,
            "reauthentication",
        )
        .await?;
        return Err(Error::InvalidCredentials);
    }
    let now = state.clock.now();
    let until = now.plus(Duration::minutes(
        state.config.security.reauthentication_minutes,
    ));
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    if passkey_alone || totp::enabled(&mut tx, account).await? {
        let factor = factor.ok_or(Error::TwoFactorRequired)?;
        if !totp::verify(state, &mut tx, account, factor, client).await? {
            drop(tx);
            failed_attempt(
                state,
                &account.email,
                Some(account),
                client,
                "reauthentication",
            )
            .await?;
            return Err(factor.rejection());
        }
    }
    sessions::set_elevated(&mut tx, auth.session.id, until).await?;
    throttle::success(&mut tx, &account.email).await?;
    audit::record(
        &mut tx,
        now,
        account.id,
        Kind::Reauthenticated,
        client,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(until)
}

/// A wrong password or code: it counts toward the lockout of the address and, when an
/// account has it, goes on the account's trail with why it failed. In its own
/// transaction, since the attempt's own work rolled back.
pub(crate) async fn failed_attempt(
    state: &AppState,
    email: &str,
    account: Option<&Account>,
    client: &ClientInfo,
    reason: &str,
) -> Result<()> {
    throttle::failure(state, email).await?;
    if let Some(account) = account {
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        let detail = json!({ "reason": reason });
        let now = state.clock.now();
        audit::record(&mut tx, now, account.id, Kind::SignInFailed, client, detail).await?;
        tx.commit().await?;
    }
    Ok(())
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
    let (mut session, account, facts) =
        sessions::find_for_request(&state.readers, &token_digest(token), now)
            .await?
            .ok_or(Error::Unauthenticated)?;
    if !is_live(state, &session, now) || !account.is_active() {
        return Err(Error::Unauthenticated);
    }
    if now.0 - session.last_seen_at.0 >= TOUCH_INTERVAL_SECONDS {
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
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
    Ok(Authenticated {
        session,
        account,
        facts,
    })
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
    let before = page.cursor_id::<SessionId>()?;
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
    let next = page.next_cursor(&mut items, |s| s.id);
    Ok((items, next))
}

/// Ends one session of the signed-in account; another account's id is NotFound.
pub async fn revoke(
    state: &AppState,
    auth: &Authenticated,
    id: SessionId,
    client: &ClientInfo,
) -> Result<()> {
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if !sessions::delete(&mut tx, auth.account.id, id).await? {
        return Err(Error::NotFound);
    }
    let kind = if id == auth.session.id {
        Kind::SignedOut
    } else {
        Kind::SessionRevoked
    };
    audit::record(
        &mut tx,
        state.clock.now(),
        auth.account.id,
        kind,
        client,
        json!({"session_id": id}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the account but the current one; returns how many.
pub async fn revoke_others(
    state: &AppState,
    auth: &Authenticated,
    client: &ClientInfo,
) -> Result<u64> {
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let n = sessions::delete_others(&mut tx, auth.account.id, auth.session.id).await?;
    audit::record(
        &mut tx,
        state.clock.now(),
        auth.account.id,
        Kind::SessionRevoked,
        client,
        json!({"others": n}),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
