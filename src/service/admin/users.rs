//! Users as operators see them: the list (searched, filtered, paged), one user, and
//! creating or editing one.

use serde_json::{Value, json};

use crate::clock::Timestamp;
use crate::db::accounts::{self, Account, AccountStatus, NewAccount};
use crate::db::admin::{self as store, Counts, UserFilter};
use crate::db::passkeys::{self, Passkey};
use crate::db::password_links::Kind as LinkKind;
use crate::db::{self};
use crate::ids::AccountId;
use crate::service::password_links;
use crate::service::validate::{self, Checks};
use crate::service::webhooks::{self, EventType};
use crate::service::{ClientInfo, Page};
use crate::service::{Error, Result};
use crate::state::AppState;

use crate::i18n::text;
use crate::service::admin::Actor;
use crate::service::audit::{Kind, record_by};

/// A user as operators see it.
pub struct UserView {
    pub account: Account,
    pub two_factor_enabled: bool,
    pub counts: Counts,
    pub last_sign_in_at: Option<Timestamp>,
}

impl From<store::UserRow> for UserView {
    fn from(row: store::UserRow) -> Self {
        Self {
            two_factor_enabled: row.counts.totp_devices > 0 || row.counts.passkeys > 0,
            account: row.account,
            counts: row.counts,
            last_sign_in_at: row.last_sign_in_at,
        }
    }
}

/// One user as operators see it, read on `conn` (inside a transaction: as it wrote it).
pub(super) async fn view(state: &AppState, conn: &mut db::Conn, id: AccountId) -> Result<UserView> {
    let row = store::find_user(conn, id, state.clock.now()).await?;
    Ok(row.ok_or(Error::NotFound)?.into())
}

/// The filter of the user list from what an operator typed: a text to look for, and a
/// status by its name (empty means any).
pub fn user_filter(query: Option<String>, status: Option<&str>) -> Result<UserFilter> {
    let status = status
        .filter(|s| !s.is_empty())
        .map(str::parse::<AccountStatus>)
        .transpose()
        .map_err(|_| Error::field("status", text("invalid-user-status")))?;
    Ok(UserFilter {
        query: query.filter(|q| !q.trim().is_empty()),
        status,
    })
}

/// One page of users matching the filter, the next cursor, and how many match in all.
pub async fn users(
    state: &AppState,
    filter: UserFilter,
    page: Page,
) -> Result<(Vec<UserView>, Option<AccountId>, i64)> {
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    // two statements a page, however long: the page, and the total
    let now = state.clock.now();
    let mut rows = store::search_users(&mut conn, &filter, before, page.limit + 1, now).await?;
    let next = page.next_cursor(&mut rows, |row| row.account.id);
    let total = store::count_users(&mut conn, &filter).await?;
    Ok((rows.into_iter().map(UserView::from).collect(), next, total))
}

pub async fn user(state: &AppState, id: AccountId) -> Result<UserView> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    view(state, &mut conn, id).await
}

/// A user's passkeys (names, added, last used), for operators; 404 for no such user.
pub async fn user_passkeys(state: &AppState, id: AccountId) -> Result<Vec<Passkey>> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    if accounts::find(&mut conn, id).await?.is_none() {
        return Err(Error::NotFound);
    }
    Ok(passkeys::list(&mut conn, id).await?)
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
    /// The language of the account's pages and mail; `None`: the server's default.
    pub locale: Option<String>,
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
            text("invalid-password-or-invite"),
        )));
    }
    let locale = match input.locale.as_deref() {
        Some(code) => checks
            .check(crate::service::account::offered_locale(
                state, "locale", code,
            ))
            .map(Some),
        None => Some(None),
    };
    let (email, display_name, locale) = checks.finish(|| Some((email?, display_name?, locale?)))?;
    let hash = match &input.password {
        Some(p) => Some(state.hasher.hash(p).await?),
        None => None,
    };
    let now = state.clock.now();
    let id = AccountId::new();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let created = accounts::insert(
        &mut tx,
        &NewAccount {
            id,
            email: &email,
            password_hash: hash.as_deref(),
            display_name: display_name.as_deref(),
            terms_version_accepted: None,
            locale: locale.as_deref(),
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
        webhooks::record_account(&mut tx, now, EventType::AccountCreated, id).await?;
    }
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminUserCreated,
        actor,
        client,
        json!({"email": email, "is_admin": input.is_admin, "invited": input.send_invite}),
    )
    .await?;
    let account = accounts::find(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if input.send_invite {
        password_links::queue_mail(state, &mut tx, now, &account, LinkKind::Invite).await?;
    }
    let view = view(state, &mut tx, id).await?;
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
    let (email, name) = checks.finish(|| Some((email?, name?)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(id)).await?;
    let account = accounts::find(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if let Actor::Admin(auth) = actor
        && auth.account.id == id
        && update.is_admin == Some(false)
    {
        return Err(Error::Forbidden(text("forbidden-self-demote")));
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
    // an account counts as created for webhooks once its address is verified
    let kind = if account.email_verified_at.is_none() && update.email_verified == Some(true) {
        EventType::AccountCreated
    } else {
        EventType::AccountUpdated
    };
    if !changed.is_empty() {
        webhooks::record_account(&mut tx, now, kind, id).await?;
    }
    record_by(
        &mut tx,
        now,
        Some(id),
        Kind::AdminUserUpdated,
        actor,
        client,
        Value::Object(changed),
    )
    .await?;
    let view = view(state, &mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}
