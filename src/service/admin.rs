//! What operators do: manage users, API tokens for scripts. Every action is an audit
//! event of the account it touches, naming the actor.

use serde_json::{Value, json};
use sqlx::SqliteConnection;

use crate::app::AppState;
use crate::clock::Timestamp;
use crate::crypto::{random_token, token_digest};
use crate::db::accounts::{self, Account, NewAccount};
use crate::db::admin::{self as store, Counts, UserFilter};
use crate::db::api_tokens::{self, ApiToken};
use crate::db::audit::{self as events, NewEvent};
use crate::db::password_links::Kind as LinkKind;
use crate::db::{self, sessions, throttle as throttle_store, totp};
use crate::ids::{AccountId, ApiTokenId};
use crate::jobs::{self, Deletion};
use crate::service::mail::notice;
use crate::service::password_links;
use crate::service::sessions::{Authenticated, ClientInfo, Page};
use crate::service::throttle;
use crate::service::validate::{self, Checks};
use crate::service::{Error, Result};

/// Prefix of admin API tokens.
pub const API_TOKEN_PREFIX: &str = "stw_a_";

/// Who does an admin action.
#[derive(Debug, Clone)]
pub enum Actor {
    /// An admin signed in (session or the admin page).
    Admin(Box<Authenticated>),
    /// A script with an API token.
    Token(ApiToken),
    /// The person at the console (`steward user …`).
    Console,
}

impl Actor {
    fn account_id(&self) -> Option<AccountId> {
        match self {
            Actor::Admin(auth) => Some(auth.account.id),
            Actor::Token(token) => token.created_by,
            Actor::Console => None,
        }
    }

    fn describe(&self) -> Value {
        match self {
            Actor::Admin(auth) => json!({"admin": auth.account.email}),
            Actor::Token(token) => json!({"api_token": token.name, "api_token_id": token.id}),
            Actor::Console => json!({"console": true}),
        }
    }
}

/// An admin action on `account_id`, on its audit trail, naming the actor.
pub async fn record(
    conn: &mut SqliteConnection,
    now: Timestamp,
    account_id: Option<AccountId>,
    kind: &str,
    actor: &Actor,
    client: &ClientInfo,
    mut detail: Value,
) -> Result<()> {
    if let Value::Object(map) = &mut detail {
        map.insert("by".into(), actor.describe());
    }
    let detail = detail.to_string();
    events::insert(
        conn,
        &NewEvent {
            account_id,
            actor_id: actor.account_id(),
            kind,
            at: now,
            ip: client.ip.as_deref(),
            user_agent: client.user_agent.as_deref(),
            detail: &detail,
        },
    )
    .await?;
    Ok(())
}

/// Admin event types.
pub mod kind {
    pub const USER_CREATED: &str = "admin.user_created";
    pub const USER_UPDATED: &str = "admin.user_updated";
    pub const USER_DEACTIVATED: &str = "admin.user_deactivated";
    pub const USER_REACTIVATED: &str = "admin.user_reactivated";
    pub const PASSWORD_SET: &str = "admin.password_set";
    pub const PASSWORD_LINK_SENT: &str = "admin.password_link_sent";
    pub const UNLOCKED: &str = "admin.unlocked";
    pub const SESSIONS_REVOKED: &str = "admin.sessions_revoked";
    pub const TWO_FACTOR_REMOVED: &str = "admin.two_factor_removed";
    pub const USER_DELETION_REQUESTED: &str = "admin.user_deletion_requested";
    pub const API_TOKEN_CREATED: &str = "admin.api_token_created";
    pub const API_TOKEN_REVOKED: &str = "admin.api_token_revoked";
    pub const EMAIL_RETRIED: &str = "admin.email_retried";
}

/// Finds the live API token behind a bearer token, or `Unauthenticated`.
pub async fn authenticate_token(state: &AppState, token: &str) -> Result<ApiToken> {
    if !token.starts_with(API_TOKEN_PREFIX) {
        return Err(Error::Unauthenticated);
    }
    let now = state.clock.now();
    let mut conn = state.readers.get().await?;
    let found = api_tokens::find_by_hash(&mut conn, &token_digest(token))
        .await?
        .filter(|t| t.revoked_at.is_none() && t.expires_at.is_none_or(|at| at > now))
        .ok_or(Error::Unauthenticated)?;
    drop(conn);
    if found.last_used_at.is_none_or(|at| now.0 - at.0 >= 60) {
        let mut tx = db::begin_immediate(&state.db).await?;
        api_tokens::touch(&mut tx, found.id, now).await?;
        tx.commit().await?;
    }
    Ok(found)
}

/// Admin session: a signed-in admin; anyone else is Forbidden.
pub fn require_admin(auth: Authenticated) -> Result<Actor> {
    if auth.account.is_admin {
        Ok(Actor::Admin(Box::new(auth)))
    } else {
        Err(Error::Forbidden(
            "This needs an admin account or an admin API token.",
        ))
    }
}

/// A new API token and the only copy of its secret.
pub async fn create_api_token(
    state: &AppState,
    actor: &Actor,
    name: &str,
    expires_at: Option<Timestamp>,
    client: &ClientInfo,
) -> Result<(ApiToken, String)> {
    let name = validate::optional_name("name", Some(name), validate::DISPLAY_NAME_MAX)
        .map_err(|e| Error::Validation(vec![e]))?
        .ok_or_else(|| Error::field("name", "Name the token after the script that uses it."))?;
    let now = state.clock.now();
    if expires_at.is_some_and(|at| at <= now) {
        return Err(Error::field(
            "expires_at",
            "The expiry must be in the future.",
        ));
    }
    let secret = random_token(API_TOKEN_PREFIX);
    let token = ApiToken {
        id: ApiTokenId::new(),
        name,
        created_by: actor.account_id(),
        created_at: now,
        expires_at,
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = db::begin_immediate(&state.db).await?;
    api_tokens::insert(&mut tx, &token, &token_digest(&secret)).await?;
    record(
        &mut tx,
        now,
        None,
        kind::API_TOKEN_CREATED,
        actor,
        client,
        json!({"token": token.name}),
    )
    .await?;
    tx.commit().await?;
    Ok((token, secret))
}

pub async fn api_tokens(state: &AppState) -> Result<Vec<ApiToken>> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(api_tokens::list(&mut conn).await?)
}

pub async fn revoke_api_token(
    state: &AppState,
    actor: &Actor,
    id: ApiTokenId,
    client: &ClientInfo,
) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_immediate(&state.db).await?;
    if !api_tokens::revoke(&mut tx, id, now).await? {
        return Err(Error::NotFound);
    }
    record(
        &mut tx,
        now,
        None,
        kind::API_TOKEN_REVOKED,
        actor,
        client,
        json!({"token_id": id}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A user as operators see it.
pub struct UserView {
    pub account: Account,
    pub two_factor_enabled: bool,
    pub counts: Counts,
    pub last_sign_in_at: Option<Timestamp>,
}

async fn view(state: &AppState, conn: &mut SqliteConnection, account: Account) -> Result<UserView> {
    let counts = store::counts(conn, account.id, state.clock.now()).await?;
    let last_sign_in_at = store::last_sign_in(conn, account.id).await?;
    Ok(UserView {
        two_factor_enabled: counts.totp_devices > 0,
        account,
        counts,
        last_sign_in_at,
    })
}

/// One page of users matching the filter, the next cursor, and how many match in all.
pub async fn users(
    state: &AppState,
    filter: UserFilter,
    page: Page,
) -> Result<(Vec<UserView>, Option<AccountId>, i64)> {
    if let Some(status) = filter.status.as_deref()
        && !matches!(status, "active" | "deactivated" | "deleting")
    {
        return Err(Error::field(
            "status",
            "One of active, deactivated, deleting.",
        ));
    }
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut ids = store::search_users(&mut conn, &filter, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut ids, |id| *id);
    let total = store::count_users(&mut conn, &filter).await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(account) = accounts::find(&mut conn, id).await? {
            items.push(view(state, &mut conn, account).await?);
        }
    }
    Ok((items, next, total))
}

pub async fn user(state: &AppState, id: AccountId) -> Result<UserView> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let account = accounts::find(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    view(state, &mut conn, account).await
}

/// The account an action is about, without the counts of its view.
async fn account(state: &AppState, id: AccountId) -> Result<Account> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    accounts::find(&mut conn, id).await?.ok_or(Error::NotFound)
}

pub struct NewUser {
    pub email: String,
    pub display_name: Option<String>,
    /// None: the account has no password until one is set (by an admin or a reset).
    pub password: Option<String>,
    pub is_admin: bool,
    pub email_verified: bool,
    /// Mail an invitation whose link lets the person choose a password.
    pub send_invite: bool,
}

pub async fn create_user(
    state: &AppState,
    actor: &Actor,
    input: NewUser,
    client: &ClientInfo,
) -> Result<UserView> {
    let mut checks = Checks::default();
    let email = checks.check(validate::email("email", &input.email));
    if let Some(password) = &input.password {
        checks.check(validate::new_password(
            "password",
            password,
            &input.email,
            state.config.security.password_min_length,
        ));
    }
    let display_name = checks.check(validate::optional_name(
        "display_name",
        input.display_name.as_deref(),
        validate::DISPLAY_NAME_MAX,
    ));
    if input.send_invite && input.password.is_some() {
        checks.check::<()>(Err(validate::FieldError::new(
            "send_invite",
            "Either set a password or send an invitation, not both.",
        )));
    }
    checks.finish()?;
    let (Some(email), Some(display_name)) = (email, display_name) else {
        unreachable!()
    };
    let hash = match &input.password {
        Some(p) => Some(state.hasher.hash(p).await?),
        None => None,
    };
    let now = state.clock.now();
    let id = AccountId::new();
    let mut tx = db::begin_immediate(&state.db).await?;
    let created = accounts::insert(
        &mut tx,
        &NewAccount {
            id,
            email: &email,
            password_hash: hash.as_deref(),
            display_name: display_name.as_deref(),
            terms_version_accepted: None,
            now,
        },
    )
    .await;
    match created {
        Ok(()) => {}
        Err(e) if db::is_unique_violation(&e) => return Err(Error::EmailTaken),
        Err(e) => return Err(e.into()),
    }
    if input.is_admin {
        store::set_admin(&mut tx, id, true, now).await?;
    }
    if input.email_verified {
        store::set_verified(&mut tx, id, true, now).await?;
    }
    record(
        &mut tx,
        now,
        Some(id),
        kind::USER_CREATED,
        actor,
        client,
        json!({"email": email, "is_admin": input.is_admin, "invited": input.send_invite}),
    )
    .await?;
    let account = accounts::find(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if input.send_invite {
        password_links::queue_mail(state, &mut tx, now, &account, LinkKind::Invite).await?;
    }
    let view = view(state, &mut tx, account).await?;
    tx.commit().await?;
    Ok(view)
}

#[derive(Default)]
pub struct UserUpdate {
    pub email: Option<String>,
    /// `Some(None)` clears the name.
    pub display_name: Option<Option<String>>,
    pub is_admin: Option<bool>,
    pub email_verified: Option<bool>,
}

pub async fn update_user(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    update: UserUpdate,
    client: &ClientInfo,
) -> Result<UserView> {
    let mut checks = Checks::default();
    let email = checks.check(
        update
            .email
            .as_deref()
            .map(|e| validate::email("email", e))
            .transpose(),
    );
    let name = checks.check(
        update
            .display_name
            .map(|n| {
                validate::optional_name("display_name", n.as_deref(), validate::DISPLAY_NAME_MAX)
            })
            .transpose(),
    );
    checks.finish()?;
    let (Some(email), Some(name)) = (email, name) else {
        unreachable!()
    };
    let now = state.clock.now();
    let mut tx = db::begin_immediate(&state.db).await?;
    let account = accounts::find(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if let Actor::Admin(auth) = actor
        && auth.account.id == id
        && update.is_admin == Some(false)
    {
        return Err(Error::Forbidden(
            "Admins can't remove their own admin rights; ask another admin.",
        ));
    }
    let mut changed = serde_json::Map::new();
    if let Some(email) = email.filter(|e| !e.eq_ignore_ascii_case(&account.email)) {
        match accounts::set_email(&mut tx, id, &email, now).await {
            Ok(()) => {}
            Err(e) if db::is_unique_violation(&e) => return Err(Error::EmailTaken),
            Err(e) => return Err(e.into()),
        }
        changed.insert("email".into(), json!(email));
    }
    if let Some(name) = name {
        accounts::set_display_name(&mut tx, id, name.as_deref(), now).await?;
        changed.insert("display_name".into(), json!(name));
    }
    if let Some(is_admin) = update.is_admin {
        store::set_admin(&mut tx, id, is_admin, now).await?;
        changed.insert("is_admin".into(), json!(is_admin));
    }
    if let Some(verified) = update.email_verified {
        store::set_verified(&mut tx, id, verified, now).await?;
        changed.insert("email_verified".into(), json!(verified));
    }
    record(
        &mut tx,
        now,
        Some(id),
        kind::USER_UPDATED,
        actor,
        client,
        Value::Object(changed),
    )
    .await?;
    let account = accounts::find(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let view = view(state, &mut tx, account).await?;
    tx.commit().await?;
    Ok(view)
}

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
        return Err(Error::Forbidden("Admins can't deactivate themselves."));
    }
    let now = state.clock.now();
    let mut tx = db::begin_immediate(&state.db).await?;
    let status = if active { "active" } else { "deactivated" };
    if !store::set_status(&mut tx, id, status, now).await? {
        return Err(Error::NotFound);
    }
    let ended = if active {
        0
    } else {
        sessions::delete_all(&mut tx, id).await?
    };
    let kind = if active {
        kind::USER_REACTIVATED
    } else {
        kind::USER_DEACTIVATED
    };
    record(
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
    validate::new_password(
        "new_password",
        password,
        &account.email,
        state.config.security.password_min_length,
    )
    .map_err(|e| Error::Validation(vec![e]))?;
    let hash = state.hasher.hash(password).await?;
    let now = state.clock.now();
    let mut tx = db::begin_immediate(&state.db).await?;
    accounts::set_password(&mut tx, id, &hash, now).await?;
    let ended = if sign_out {
        sessions::delete_all(&mut tx, id).await?
    } else {
        0
    };
    record(
        &mut tx,
        now,
        Some(id),
        kind::PASSWORD_SET,
        actor,
        client,
        json!({"sessions_ended": ended}),
    )
    .await?;
    notice(
        &mut tx,
        now,
        &account,
        "password_changed",
        json!({"ip": null}),
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
    let mut tx = db::begin_immediate(&state.db).await?;
    password_links::queue_mail(state, &mut tx, now, &account, LinkKind::AdminReset).await?;
    record(
        &mut tx,
        now,
        Some(id),
        kind::PASSWORD_LINK_SENT,
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
    let mut tx = db::begin_immediate(&state.db).await?;
    let link = password_links::console_link(state, &mut tx, now, &account).await?;
    record(
        &mut tx,
        now,
        Some(id),
        kind::PASSWORD_LINK_SENT,
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
    let mut tx = db::begin_immediate(&state.db).await?;
    throttle_store::clear(&mut tx, &throttle::key(&account.email)).await?;
    record(
        &mut tx,
        now,
        Some(id),
        kind::UNLOCKED,
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
    let mut tx = db::begin_immediate(&state.db).await?;
    let ended = sessions::delete_all(&mut tx, id).await?;
    record(
        &mut tx,
        now,
        Some(id),
        kind::SESSIONS_REVOKED,
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
    let mut tx = db::begin_immediate(&state.db).await?;
    let removed = totp::delete_all_devices(&mut tx, id).await?;
    totp::delete_recovery_codes(&mut tx, id).await?;
    record(
        &mut tx,
        now,
        Some(id),
        kind::TWO_FACTOR_REMOVED,
        actor,
        client,
        json!({"devices": removed}),
    )
    .await?;
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
        return Err(Error::Forbidden(
            "Delete your own account with DELETE /api/v1/account.",
        ));
    }
    let account = account(state, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_immediate(&state.db).await?;
    if !accounts::mark_deleting(&mut tx, id, now).await? {
        return Err(Error::NotFound);
    }
    sessions::delete_all(&mut tx, id).await?;
    record(
        &mut tx,
        now,
        Some(id),
        kind::USER_DELETION_REQUESTED,
        actor,
        client,
        json!({}),
    )
    .await?;
    notice(&mut tx, now, &account, "account_deleted", json!({})).await?;
    jobs::enqueue_deletion(&mut tx, Deletion::Account(id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The audit trail across accounts, newest first; optionally one account, one type.
pub async fn events(
    state: &AppState,
    account_id: Option<AccountId>,
    kind: Option<&str>,
    page: Page,
) -> Result<(Vec<store::AdminEvent>, Option<crate::ids::AuditEventId>)> {
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items = store::events(&mut conn, account_id, kind, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |e| e.id);
    Ok((items, next))
}

/// Outbox statuses an operator can filter by.
pub const MAIL_STATUSES: [&str; 4] = ["pending", "sent", "failed", "skipped"];

/// The mail outbox, newest first; optionally one status (`failed` for what needs help).
pub async fn emails(
    state: &AppState,
    status: Option<&str>,
    page: Page,
) -> Result<(Vec<store::OutboxMail>, Option<crate::ids::OutboxId>)> {
    if let Some(status) = status
        && !MAIL_STATUSES.contains(&status)
    {
        return Err(Error::field(
            "status",
            "One of pending, sent, failed, skipped.",
        ));
    }
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items = store::emails(&mut conn, status, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |m| m.id);
    Ok((items, next))
}

/// Sends a failed mail again, with a fresh set of tries.
pub async fn retry_email(
    state: &AppState,
    actor: &Actor,
    id: crate::ids::OutboxId,
    client: &ClientInfo,
) -> Result<store::OutboxMail> {
    let now = state.clock.now();
    let mut tx = db::begin_immediate(&state.db).await?;
    let mail = store::email(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if !crate::db::outbox::retry(&mut tx, id, now).await? {
        return Err(Error::MailNotFailed);
    }
    jobs::enqueue_send_email(&mut tx, id).await?;
    record(
        &mut tx,
        now,
        mail.account_id,
        kind::EMAIL_RETRIED,
        actor,
        client,
        json!({"email_id": id, "template": mail.template, "recipient": mail.recipient}),
    )
    .await?;
    let mail = store::email(&mut tx, id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(mail)
}
