//! The signed-in person's own account: profile, password, audit trail.

use serde_json::json;

use crate::db::{self, accounts, audit as events};
use crate::i18n::text;
use crate::ids::AuditEventId;
use crate::service::audit::{self, Actor, Kind};
use crate::service::password::{self, EndSessions, Replacement};
use crate::service::require_elevated;
use crate::service::validate;
use crate::service::webhooks::{self, EventType};
use crate::service::{Authenticated, ClientInfo, Page};
use crate::service::{Error, Result};
use crate::state::AppState;

pub use crate::db::accounts::{Account, AccountFacts};
pub use crate::db::audit::Event;

/// An account as its owner sees it.
pub struct Profile {
    pub account: Account,
    pub facts: AccountFacts,
    /// The language of its pages and mail: its own, else the server's default.
    pub locale: String,
}

impl Profile {
    /// The signed-in account's profile: everything came with its session.
    pub fn of(state: &AppState, auth: &Authenticated) -> Self {
        Self::with(state, auth.account.clone(), auth)
    }

    /// `account` as just changed, with the session's facts.
    pub fn with(state: &AppState, account: Account, auth: &Authenticated) -> Self {
        Self {
            locale: locale_of(state, &account).to_owned(),
            account,
            facts: auth.facts.clone(),
        }
    }
}

#[derive(Default)]
pub struct AccountUpdate {
    /// `Some(None)` clears the name; `None` leaves it.
    pub display_name: Option<Option<String>>,
    /// One of the offered languages; `None` leaves it.
    pub locale: Option<String>,
}

pub async fn update(
    state: &AppState,
    auth: &Authenticated,
    update: AccountUpdate,
) -> Result<Account> {
    let mut account = auth.account.clone();
    // every field checked before anything is written: all of it is saved, or none
    let mut checks = validate::Checks::default();
    let locale = match update.locale.as_deref() {
        Some(code) => checks
            .check(offered_locale(state, "locale", code))
            .map(Some),
        None => Some(None),
    };
    let name = match update.display_name {
        Some(name) => checks
            .check(validate::optional_name(
                "display_name",
                name.as_deref(),
                validate::DISPLAY_NAME_MAX,
            ))
            .map(Some),
        None => Some(None),
    };
    let (locale, name) = checks.finish(|| Some((locale?, name?)))?;
    if locale.is_none() && name.is_none() {
        return Ok(account);
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    if let Some(locale) = &locale {
        accounts::set_locale(&mut tx, account.id, locale, now).await?;
    }
    if let Some(name) = &name {
        accounts::set_display_name(&mut tx, account.id, name.as_deref(), now).await?;
    }
    webhooks::record_account(&mut tx, now, EventType::AccountUpdated, account.id).await?;
    tx.commit().await?;
    if let Some(locale) = locale {
        account.locale = Some(locale);
    }
    if let Some(name) = name {
        account.display_name = name;
    }
    Ok(account)
}

/// `code` as stored when it is one of the offered languages, else the field's error.
pub fn offered_locale(
    state: &AppState,
    field: &str,
    code: &str,
) -> std::result::Result<String, validate::FieldError> {
    let i18n = state.templates.i18n();
    i18n.offered(code).map(str::to_owned).ok_or_else(|| {
        validate::FieldError::new(
            field,
            text("invalid-locale").with("languages", i18n.available().join(", ")),
        )
    })
}

/// The language the account's pages and mail are in: its own, else the default.
pub fn locale_of<'a>(state: &'a AppState, account: &'a Account) -> &'a str {
    state.templates.i18n().pick([account.locale.as_deref()])
}

/// Sets a new password. Every other session ends; the owner gets a notice.
pub async fn change_password(
    state: &AppState,
    auth: &Authenticated,
    new_password: &str,
    client: &ClientInfo,
) -> Result<()> {
    require_elevated(state, auth)?;
    let password = password::check_and_hash(state, &auth.account, new_password).await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    password::replace(
        &mut tx,
        state.clock.now(),
        client,
        Replacement {
            account: &auth.account,
            password: &password,
            end_sessions: EndSessions::AllBut(auth.session.id),
            mailbox_proven: false,
            event: Kind::PasswordChanged,
            actor: &Actor::Owner,
            detail: Default::default(),
            notice: Some("password_changed"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One page of the account's audit trail, newest first.
pub async fn events(
    state: &AppState,
    auth: &Authenticated,
    page: Page,
) -> Result<(Vec<Event>, Option<AuditEventId>)> {
    let before = page.cursor_id::<AuditEventId>()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items =
        events::list_for_account(&mut conn, auth.account.id, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |e| e.id);
    Ok((items, next))
}

/// Records that the account accepts the current terms (`version` must be it).
pub async fn accept_terms(
    state: &AppState,
    auth: &Authenticated,
    version: &str,
    client: &ClientInfo,
) -> Result<()> {
    let current = &state.config.terms.version;
    if version != current {
        return Err(Error::field(
            "version",
            text("invalid-terms-version").with("version", current.as_str()),
        ));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    accounts::set_terms(&mut tx, auth.account.id, current, now).await?;
    audit::record(
        &mut tx,
        now,
        auth.account.id,
        Kind::TermsAccepted,
        client,
        json!({"version": current}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the account must accept newer terms before anything else.
pub fn terms_outdated(state: &AppState, account: &Account) -> bool {
    account.terms_version_accepted.as_deref() != Some(state.config.terms.version.as_str())
}
