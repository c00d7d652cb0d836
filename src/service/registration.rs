//! Registration and email verification.
//!
//! Every answer is the same whatever the address: what differs is the mail (a link for
//! a new or unverified account, a notice for a verified one), so the API tells nobody
//! which addresses have accounts.

use serde_json::json;

use crate::clock::Timestamp;
use crate::crypto::token_digest;
use crate::db::accounts::{self, Account, NewAccount};
use crate::db::email_tokens::{self, EmailToken, Purpose};
use crate::db::{self, outbox};
use crate::i18n::text;
use crate::ids::AccountId;
use crate::service::account;
use crate::service::email_links::{self, Holder};
use crate::service::mail::{self, LinkMail, Mail};
use crate::service::validate::{self, Checks};
use crate::service::webhooks::{self, EventType};
use crate::service::{Error, Result};
use crate::state::AppState;

pub const VERIFY_TEMPLATE: &str = "verify_email";
pub const ALREADY_REGISTERED_TEMPLATE: &str = "registration_attempt";
pub const VERIFY_PATH: &str = "/verify-email";

/// At most one mail of a kind per address in this many seconds.
const MAIL_INTERVAL_SECONDS: i64 = 60;

pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: Option<String>,
    pub accept_terms: bool,
    /// The language of the account's pages and mail: the one asked for, or the
    /// browser's; `None` for the server's default.
    pub locale: Option<String>,
}

pub async fn register(state: &AppState, input: Registration) -> Result<()> {
    let mut checks = Checks::default();
    let email = checks.check(validate::email("email", &input.email));
    checks.check(validate::new_password(
        "password",
        &input.password,
        &input.email,
        state.config.security.password_min_length,
    ));
    let display_name = checks.check(validate::optional_name(
        "display_name",
        input.display_name.as_deref(),
        validate::DISPLAY_NAME_MAX,
    ));
    if !input.accept_terms {
        checks.add("accept_terms", text("invalid-accept-terms"));
    }
    let locale = match input.locale.as_deref() {
        Some(code) => checks
            .check(account::offered_locale(state, "locale", code))
            .map(Some),
        None => Some(None),
    };
    let (email, display_name, locale) = checks.finish(|| Some((email?, display_name?, locale?)))?;

    // Hash on every path, so that known and unknown addresses take the same time.
    let password_hash = state.hasher.hash(&input.password).await?;
    let now = state.clock.now();
    let terms = state.config.terms.version.as_str();

    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    match accounts::find_by_email_locked(&mut tx, &email).await? {
        None => {
            let id = AccountId::new();
            let created = accounts::insert(
                &mut tx,
                &NewAccount {
                    id,
                    email: &email,
                    password_hash: Some(&password_hash),
                    display_name: display_name.as_deref(),
                    terms_version_accepted: Some(terms),
                    locale: locale.as_deref(),
                    now,
                },
            )
            .await;
            match created {
                Ok(()) => queue_verification(state, &mut tx, now, id, &email, None).await?,
                // Lost a race with a concurrent registration of the same address: that
                // one sends the mail; this one answers the same.
                Err(e) if db::is_unique_violation(&e) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
        }
        Some(account) if account.email_verified_at.is_none() && account.is_active() => {
            // Someone registers an address that was registered but never verified: send a
            // new link that carries this registration's password. Whoever opens a link
            // proves the mailbox and gets the password of that registration.
            if !recently_mailed(&mut tx, &account.email, VERIFY_TEMPLATE, now).await? {
                queue_verification(
                    state,
                    &mut tx,
                    now,
                    account.id,
                    &account.email,
                    Some(&password_hash),
                )
                .await?;
            }
        }
        Some(account) if account.is_active() => {
            if !recently_mailed(&mut tx, &account.email, ALREADY_REGISTERED_TEMPLATE, now).await? {
                mail::queue(
                    &mut tx,
                    now,
                    Mail {
                        account_id: Some(account.id),
                        recipient: &account.email,
                        template: ALREADY_REGISTERED_TEMPLATE,
                        data: json!({}),
                    },
                )
                .await?;
            }
        }
        // deactivated or being deleted: no mail
        Some(_) => {}
    }
    tx.commit().await?;
    Ok(())
}

/// Sends a new verification link if the address belongs to an unverified account.
/// Answers the same in every case.
pub async fn resend_verification(state: &AppState, raw_email: &str) -> Result<()> {
    let Ok(email) = validate::email("email", raw_email) else {
        // an address that can't exist has no account: same answer
        return Ok(());
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    if let Some(account) = accounts::find_by_email_locked(&mut tx, &email).await?
        && account.email_verified_at.is_none()
        && account.is_active()
        && !recently_mailed(&mut tx, &account.email, VERIFY_TEMPLATE, now).await?
    {
        queue_verification(state, &mut tx, now, account.id, &account.email, None).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn recently_mailed(
    conn: &mut db::Conn,
    recipient: &str,
    template: &str,
    now: Timestamp,
) -> Result<bool> {
    let since = Timestamp(now.0 - MAIL_INTERVAL_SECONDS);
    Ok(outbox::count_recent(conn, recipient, template, since).await? > 0)
}

async fn queue_verification(
    state: &AppState,
    conn: &mut db::Conn,
    now: Timestamp,
    account_id: AccountId,
    email: &str,
    password_hash: Option<&str>,
) -> Result<()> {
    mail::queue_with_link(
        conn,
        now,
        LinkMail {
            account_id,
            recipient: email,
            template: VERIFY_TEMPLATE,
            purpose: Purpose::VerifyEmail,
            link_path: VERIFY_PATH,
            password_hash,
            lifetime: time::Duration::hours(state.config.security.email_verification_ttl_hours),
            data: json!({}),
        },
    )
    .await?;
    Ok(())
}

/// Shows which address a verification link is for, using nothing up (a GET of the
/// link, which mail scanners prefetch, must not verify anything).
pub async fn peek_verification(state: &AppState, token: &str) -> Result<String> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let (_, account) = usable_token(&mut conn, state.clock.now(), token).await?;
    Ok(account.email)
}

/// Confirms an address with the token from its verification mail.
pub async fn confirm_email(state: &AppState, token: &str) -> Result<(AccountId, String)> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let (token, account) = usable_token(&mut tx, now, token).await?;
    db::lock_account(&mut tx, account.id).await?;
    if !email_tokens::mark_used(&mut tx, token.id, now).await? {
        return Err(Error::TokenInvalid);
    }
    accounts::mark_verified(&mut tx, account.id, token.password_hash.as_deref(), now).await?;
    // the other links of this address (and the passwords they carry) are void now
    email_tokens::delete_unused(&mut tx, account.id, Purpose::VerifyEmail).await?;
    webhooks::record_account(&mut tx, now, EventType::AccountCreated, account.id).await?;
    tx.commit().await?;
    Ok((account.id, account.email))
}

async fn usable_token(
    conn: &mut db::Conn,
    now: Timestamp,
    token: &str,
) -> Result<(EmailToken, Account)> {
    let found =
        email_tokens::find_by_hash(conn, Purpose::VerifyEmail, &token_digest(token)).await?;
    let holder = Holder {
        active: false,
        same_email: true,
    };
    email_links::check(conn, now, found, holder).await
}
