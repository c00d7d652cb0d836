//! Passkeys (WebAuthn): registering them, the list, and checking one as a second factor.
//! Signing in with a passkey alone is in [`sign_in`].

pub mod sign_in;

use serde_json::{Value, json};
use time::Duration;
use webauthn_rs::Webauthn;
use webauthn_rs::prelude::{
    Passkey as Credential, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential,
};

use crate::clock::Timestamp;
use crate::db::accounts::Account;
use crate::db::passkeys::{self as store, Challenge, NewPasskey, Passkey, Purpose};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::{PasskeyChallengeId, PasskeyId};
use crate::service::audit::{self, Kind};
use crate::service::mail::notice;
use crate::service::totp;
use crate::service::validate;
use crate::service::{Authenticated, ClientInfo, Error, Result, require_elevated};
use crate::state::AppState;

/// How long a ceremony waits for its answer.
const CEREMONY_MINUTES: i64 = 5;

/// The relying party, or `PasskeysUnavailable` (public URL on an IP address).
fn relying_party(state: &AppState) -> Result<&Webauthn> {
    state.passkeys.as_deref().ok_or(Error::PasskeysUnavailable)
}

/// Whether passkeys can be used on this deployment at all.
pub fn available(state: &AppState) -> bool {
    state.passkeys.is_some()
}

fn internal(err: impl std::fmt::Display) -> Error {
    Error::Internal(anyhow::anyhow!("webauthn: {err}"))
}

/// A ceremony's options as the browser's `parse…OptionsFromJSON` takes them.
pub struct Started {
    pub id: PasskeyChallengeId,
    pub options: Value,
    pub expires_at: Timestamp,
}

/// The challenge of a ceremony's options, base64url without padding.
fn options_challenge(options: &Value) -> Result<String> {
    options
        .get("challenge")
        .and_then(Value::as_str)
        .map(|c| c.trim_end_matches('=').to_owned())
        .ok_or_else(|| internal("options without a challenge"))
}

/// Stores a ceremony's state and returns its options.
async fn save_ceremony(
    state: &AppState,
    conn: &mut db::Conn,
    account: Option<&Account>,
    purpose: Purpose,
    name: Option<String>,
    options: Value,
    ceremony: &impl serde::Serialize,
) -> Result<Started> {
    let now = state.clock.now();
    let row = Challenge {
        id: PasskeyChallengeId::new(),
        account_id: account.map(|a| a.id),
        purpose,
        challenge: options_challenge(&options)?,
        name,
        state: serde_json::to_string(ceremony).map_err(internal)?,
        expires_at: now.plus(Duration::minutes(CEREMONY_MINUTES)),
    };
    store::insert_challenge(conn, &row, now).await?;
    Ok(Started {
        id: row.id,
        options,
        expires_at: row.expires_at,
    })
}

fn credential(row: &Passkey) -> Result<Credential> {
    serde_json::from_str(&row.passkey).map_err(internal)
}

/// Starts adding a passkey named `name`: options for `navigator.credentials.create`.
pub async fn begin_registration(
    state: &AppState,
    auth: &Authenticated,
    name: &str,
) -> Result<Started> {
    let rp = relying_party(state)?;
    require_elevated(state, auth)?;
    let name = passkey_name(name)?;
    let account = &auth.account;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    // the browser refuses to register an authenticator that holds one of these already
    let exclude = store::list(&mut tx, account.id)
        .await?
        .iter()
        .map(|p| credential(p).map(|c| c.cred_id().clone()))
        .collect::<Result<Vec<_>>>()?;
    let display = account.display_name.as_deref().unwrap_or(&account.email);
    let (ccr, registration) = rp
        .start_passkey_registration(account.id.0, &account.email, display, Some(exclude))
        .map_err(internal)?;
    let mut options = serde_json::to_value(&ccr.public_key).map_err(internal)?;
    // A discoverable credential, so that it can sign in without an email address later
    // (webauthn-rs asks for none; it does not check residency on the answer).
    if let Some(selection) = options
        .get_mut("authenticatorSelection")
        .and_then(Value::as_object_mut)
    {
        selection.insert("residentKey".into(), json!("required"));
        selection.insert("requireResidentKey".into(), json!(true));
    }
    let started = save_ceremony(
        state,
        &mut tx,
        Some(account),
        Purpose::Registration,
        Some(name),
        options,
        &registration,
    )
    .await?;
    tx.commit().await?;
    Ok(started)
}

pub struct Registered {
    pub passkey: Passkey,
    /// The recovery codes, when this is the account's first second factor.
    pub recovery_codes: Option<Vec<String>>,
}

/// Finishes adding a passkey with the browser's answer (`credential.toJSON()`).
pub async fn complete_registration(
    state: &AppState,
    auth: &Authenticated,
    id: PasskeyChallengeId,
    answer: &Value,
    client: &ClientInfo,
) -> Result<Registered> {
    let rp = relying_party(state)?;
    let answer: RegisterPublicKeyCredential =
        serde_json::from_value(answer.clone()).map_err(|_| Error::InvalidPasskey)?;
    let account = &auth.account;
    let now = state.clock.now();
    // Taken in its own transaction: whatever the answer, this ceremony is over.
    let ceremony = {
        let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
        let row = store::take_challenge(&mut tx, id, Purpose::Registration, Some(account.id))
            .await?
            .ok_or(Error::NotFound)?;
        tx.commit().await?;
        row
    };
    if ceremony.expires_at <= now {
        return Err(Error::RegistrationExpired);
    }
    let registration: PasskeyRegistration =
        serde_json::from_str(&ceremony.state).map_err(internal)?;
    let key = match rp.finish_passkey_registration(&answer, &registration) {
        Ok(key) => key,
        Err(e) => {
            tracing::info!(error = %e, "passkey registration refused");
            // An authenticator of this account's answering despite excludeCredentials is
            // refused by webauthn-rs (under another error's name): say what it is.
            let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
            if store::find_by_credential(&mut conn, &answer.raw_id)
                .await?
                .is_some()
            {
                return Err(Error::PasskeyTaken);
            }
            return Err(Error::InvalidPasskey);
        }
    };
    let record = serde_json::to_value(&key).map_err(internal)?;
    let facts = &record["cred"];
    let transports = answer
        .response
        .transports
        .as_ref()
        .map(|t| serde_json::to_string(t).map_err(internal))
        .transpose()?
        .unwrap_or_else(|| "[]".into());
    let name = ceremony.name.unwrap_or_else(|| "Passkey".into());
    let passkey_id = PasskeyId::new();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    let first = !totp::enabled(&mut tx, account).await?;
    let new = NewPasskey {
        id: passkey_id,
        account_id: account.id,
        credential_id: key.cred_id().as_ref(),
        name: &name.clone(),
        passkey: &record.to_string(),
        sign_count: facts["counter"].as_i64().unwrap_or(0),
        backup_eligible: facts["backup_eligible"].as_bool().unwrap_or(false),
        backup_state: facts["backup_state"].as_bool().unwrap_or(false),
        transports: &transports,
        now,
    };
    match store::insert(&mut tx, &new).await {
        Ok(()) => {}
        Err(e) if db::is_unique_violation(&e) => return Err(Error::PasskeyTaken),
        Err(e) => return Err(e.into()),
    }
    let recovery_codes = if first {
        Some(totp::replace_recovery_codes(&mut tx, auth, now).await?)
    } else {
        None
    };
    audit::record(
        &mut tx,
        now,
        account.id,
        Kind::PasskeyAdded,
        client,
        json!({"passkey": name}),
    )
    .await?;
    notice(
        &mut tx,
        now,
        account,
        "passkey_added",
        json!({"passkey": name}),
    )
    .await?;
    let passkey = Passkey {
        id: passkey_id,
        account_id: account.id,
        name,
        passkey: String::new(),
        sign_count: new.sign_count,
        backup_eligible: new.backup_eligible,
        backup_state: new.backup_state,
        transports: transports.clone(),
        created_at: now,
        last_used_at: None,
    };
    tx.commit().await?;
    Ok(Registered {
        passkey,
        recovery_codes,
    })
}

pub async fn list(state: &AppState, auth: &Authenticated) -> Result<Vec<Passkey>> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(store::list(&mut conn, auth.account.id).await?)
}

pub async fn rename(
    state: &AppState,
    auth: &Authenticated,
    id: PasskeyId,
    name: &str,
    client: &ClientInfo,
) -> Result<Passkey> {
    let name = passkey_name(name)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if !store::rename(&mut tx, auth.account.id, id, &name).await? {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        now,
        auth.account.id,
        Kind::PasskeyRenamed,
        client,
        json!({"passkey": name}),
    )
    .await?;
    let passkey = store::list(&mut tx, auth.account.id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(passkey)
}

/// Removes a passkey; removing the account's last second factor turns two-factor off
/// and voids the recovery codes.
pub async fn remove(
    state: &AppState,
    auth: &Authenticated,
    id: PasskeyId,
    client: &ClientInfo,
) -> Result<()> {
    require_elevated(state, auth)?;
    let now = state.clock.now();
    let account = &auth.account;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    let name = store::delete(&mut tx, account.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    let last = !totp::enabled(&mut tx, account).await?;
    if last {
        db::totp::delete_recovery_codes(&mut tx, account.id).await?;
    }
    audit::record(
        &mut tx,
        now,
        account.id,
        Kind::PasskeyRemoved,
        client,
        json!({"passkey": name, "two_factor_enabled": !last}),
    )
    .await?;
    notice(
        &mut tx,
        now,
        account,
        "passkey_removed",
        json!({"passkey": name, "last": last}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Options to prove the account's passkey as a second factor (at sign-in,
/// reauthentication or a reset), in `conn`'s transaction; None when it has none.
pub async fn second_factor_options(
    state: &AppState,
    conn: &mut db::Conn,
    account: &Account,
) -> Result<Option<Started>> {
    let Some(rp) = state.passkeys.as_deref() else {
        return Ok(None);
    };
    let keys = store::list(conn, account.id)
        .await?
        .iter()
        .map(credential)
        .collect::<Result<Vec<_>>>()?;
    if keys.is_empty() {
        return Ok(None);
    }
    let (rcr, ceremony) = rp.start_passkey_authentication(&keys).map_err(internal)?;
    let options = serde_json::to_value(&rcr.public_key).map_err(internal)?;
    let started = save_ceremony(
        state,
        conn,
        Some(account),
        Purpose::SecondFactor,
        None,
        options,
        &ceremony,
    )
    .await?;
    Ok(Some(started))
}

/// Options to confirm the signed-in person's identity with one of their passkeys.
pub async fn reauthentication_options(state: &AppState, auth: &Authenticated) -> Result<Started> {
    relying_party(state)?;
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let started = second_factor_options(state, &mut tx, &auth.account)
        .await?
        .ok_or(Error::TwoFactorNotEnabled)?;
    tx.commit().await?;
    Ok(started)
}

/// The challenge an answer signed, from its clientDataJSON.
fn signed_challenge(answer: &PublicKeyCredential) -> Option<String> {
    let data: Value = serde_json::from_slice(&answer.response.client_data_json).ok()?;
    Some(
        data.get("challenge")?
            .as_str()?
            .trim_end_matches('=')
            .to_owned(),
    )
}

/// Checks a passkey's answer as the second factor of `account`, in `conn`'s
/// transaction: the ceremony it answers is used up when the transaction commits (a
/// wrong answer rolls back with the caller's work, and counts toward the lockout).
pub async fn verify_second_factor(
    state: &AppState,
    conn: &mut db::Conn,
    account: &Account,
    answer: &Value,
    client: &ClientInfo,
) -> Result<bool> {
    let Some(rp) = state.passkeys.as_deref() else {
        return Ok(false);
    };
    let Ok(answer) = serde_json::from_value::<PublicKeyCredential>(answer.clone()) else {
        return Ok(false);
    };
    let Some(challenge) = signed_challenge(&answer) else {
        return Ok(false);
    };
    let now = state.clock.now();
    let Some(ceremony) = store::take_by_challenge(conn, &challenge).await? else {
        return Ok(false);
    };
    if ceremony.purpose != Purpose::SecondFactor
        || ceremony.account_id != Some(account.id)
        || ceremony.expires_at <= now
    {
        return Ok(false);
    }
    let ceremony: PasskeyAuthentication =
        serde_json::from_str(&ceremony.state).map_err(internal)?;
    let result = match rp.finish_passkey_authentication(&answer, &ceremony) {
        Ok(result) => result,
        Err(e) => {
            tracing::info!(error = %e, "passkey refused as a second factor");
            return Ok(false);
        }
    };
    let Some(row) = store::find_by_credential(conn, result.cred_id().as_ref()).await? else {
        return Ok(false);
    };
    record_use(state, conn, &row, &result, client, "second_factor").await?;
    Ok(true)
}

/// Stores what a successful use changed (counter, backup state) and records it.
async fn record_use(
    state: &AppState,
    conn: &mut db::Conn,
    row: &Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
    client: &ClientInfo,
    used_for: &str,
) -> Result<()> {
    let now = state.clock.now();
    let mut key = credential(row)?;
    key.update_credential(result);
    let record = serde_json::to_string(&key).map_err(internal)?;
    store::record_use(
        conn,
        row.id,
        &record,
        i64::from(result.counter()),
        result.backup_state(),
        now,
    )
    .await?;
    audit::record(
        conn,
        now,
        row.account_id,
        Kind::PasskeyUsed,
        client,
        json!({"passkey": row.name, "for": used_for}),
    )
    .await?;
    Ok(())
}

/// Which second factors an account has, for `mfa_required` answers and the pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Methods {
    pub totp: bool,
    pub passkey: bool,
}

pub async fn methods(state: &AppState, conn: &mut db::Conn, account: &Account) -> Result<Methods> {
    Ok(Methods {
        totp: db::totp::count_devices(conn, account.id).await? > 0,
        passkey: available(state) && store::count(conn, account.id).await? > 0,
    })
}

fn passkey_name(raw: &str) -> Result<String> {
    validate::optional_name("name", Some(raw), validate::DEVICE_NAME_MAX)
        .map_err(|e| Error::Validation(vec![e]))?
        .ok_or_else(|| Error::field("name", text("invalid-passkey-name")))
}
