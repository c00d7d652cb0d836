//! Two-factor authentication with authenticator apps: enrollment, devices, recovery
//! codes, and checking a second factor.

use serde_json::json;
use time::Duration;

use crate::clock::Timestamp;
use crate::crypto::totp::{self as otp, Provisioning};
use crate::crypto::{normalize_recovery_code, recovery_code, token_digest};
use crate::db::accounts::Account;
use crate::db::totp::{self as store, Device, Enrollment, NewDevice};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::{TotpDeviceId, TotpEnrollmentId};
use crate::service::audit::{self, Kind};
use crate::service::mail::notice;
use crate::service::require_elevated;
use crate::service::validate;
use crate::service::{Authenticated, ClientInfo};
use crate::service::{Error, Result};
use crate::state::AppState;

pub const RECOVERY_CODES: usize = 10;

pub struct EnrollmentStarted {
    pub id: TotpEnrollmentId,
    pub provisioning: Provisioning,
    pub issuer: String,
    pub account_name: String,
    pub expires_at: Timestamp,
}

/// Starts adding an authenticator app: a new secret, shown once, waiting for a code.
pub async fn begin_enrollment(
    state: &AppState,
    auth: &Authenticated,
    name: &str,
) -> Result<EnrollmentStarted> {
    require_elevated(state, auth)?;
    let name = device_name(name)?;
    let now = state.clock.now();
    let secret = otp::new_secret();
    let issuer = state.config.security.totp_issuer.clone();
    let account_name = auth.account.email.clone();
    let provisioning = otp::provisioning(&secret, &issuer, &account_name)?;
    let enrollment = Enrollment {
        id: TotpEnrollmentId::new(),
        account_id: auth.account.id,
        name,
        secret_sealed: state.secrets.seal(&secret)?,
        expires_at: now.plus(Duration::minutes(
            state.config.security.totp_enrollment_minutes,
        )),
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    store::insert_enrollment(&mut tx, &enrollment, now).await?;
    tx.commit().await?;
    Ok(EnrollmentStarted {
        id: enrollment.id,
        provisioning,
        issuer,
        account_name,
        expires_at: enrollment.expires_at,
    })
}

/// The console's set-up page: the account's open enrollment if one has at least half
/// its lifetime left (a reload, a second tab or a browser's prefetch must not start a
/// new secret each time), else a new one.
pub async fn resume_or_begin_enrollment(
    state: &AppState,
    auth: &Authenticated,
    name: &str,
) -> Result<EnrollmentStarted> {
    require_elevated(state, auth)?;
    let half_life = Duration::minutes(state.config.security.totp_enrollment_minutes) / 2;
    let open = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        store::newest_open_enrollment(
            &mut conn,
            auth.account.id,
            state.clock.now().plus(half_life),
        )
        .await?
    };
    match open {
        Some(id) => enrollment(state, auth, id).await,
        None => begin_enrollment(state, auth, name).await,
    }
}

pub struct Confirmed {
    pub device: Device,
    /// The recovery codes, when this is the account's first device. Shown only here.
    pub recovery_codes: Option<Vec<String>>,
}

/// A started enrollment of the signed-in account, shown again (the console's set-up
/// page, reloaded or with a wrong code): the same secret, until it expires.
pub async fn enrollment(
    state: &AppState,
    auth: &Authenticated,
    id: TotpEnrollmentId,
) -> Result<EnrollmentStarted> {
    let enrollment = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        store::find_enrollment(&mut conn, auth.account.id, id)
            .await?
            .ok_or(Error::NotFound)?
    };
    if enrollment.expires_at <= state.clock.now() {
        return Err(Error::EnrollmentExpired);
    }
    let secret = state.secrets.open(&enrollment.secret_sealed)?;
    let issuer = state.config.security.totp_issuer.clone();
    let account_name = auth.account.email.clone();
    let provisioning = otp::provisioning(&secret, &issuer, &account_name)?;
    Ok(EnrollmentStarted {
        id: enrollment.id,
        provisioning,
        issuer,
        account_name,
        expires_at: enrollment.expires_at,
    })
}

/// Finishes adding an authenticator app with a code it shows.
pub async fn confirm_enrollment(
    state: &AppState,
    auth: &Authenticated,
    id: TotpEnrollmentId,
    code: &str,
    client: &ClientInfo,
) -> Result<Confirmed> {
    confirm_enrollment_named(state, auth, id, code, None, client).await
}

/// As `confirm_enrollment`, naming the device now when `name` is given (the console
/// asks for the name beside the code, after the QR code).
pub async fn confirm_enrollment_named(
    state: &AppState,
    auth: &Authenticated,
    id: TotpEnrollmentId,
    code: &str,
    name: Option<&str>,
    client: &ClientInfo,
) -> Result<Confirmed> {
    let now = state.clock.now();
    let name = name.map(device_name).transpose()?;
    let mut enrollment = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        store::find_enrollment(&mut conn, auth.account.id, id)
            .await?
            .ok_or(Error::NotFound)?
    };
    if enrollment.expires_at <= now {
        return Err(Error::EnrollmentExpired);
    }
    if let Some(name) = name {
        enrollment.name = name;
    }
    let secret = state.secrets.open(&enrollment.secret_sealed)?;
    let Some(step) = otp::check(&secret, code, now.0)? else {
        return Err(Error::InvalidCode);
    };
    let device_id = TotpDeviceId::new();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if !store::delete_enrollment(&mut tx, enrollment.id).await? {
        // confirmed by a concurrent request
        return Err(Error::NotFound);
    }
    // the first second factor of any kind brings the recovery codes
    let first = !enabled(&mut tx, &auth.account).await?;
    store::insert_device(
        &mut tx,
        &NewDevice {
            id: device_id,
            account_id: auth.account.id,
            name: &enrollment.name,
            secret_sealed: &enrollment.secret_sealed,
            now,
            last_used_step: step,
        },
    )
    .await?;
    let recovery_codes = if first {
        Some(replace_recovery_codes(&mut tx, auth, now).await?)
    } else {
        None
    };
    audit::record(
        &mut tx,
        now,
        auth.account.id,
        Kind::TotpAdded,
        client,
        json!({"device": enrollment.name}),
    )
    .await?;
    notice(
        &mut tx,
        now,
        &auth.account,
        "totp_added",
        json!({"device": enrollment.name}),
    )
    .await?;
    tx.commit().await?;
    Ok(Confirmed {
        device: Device {
            id: device_id,
            name: enrollment.name,
            secret_sealed: Vec::new(),
            created_at: now,
            last_used_at: Some(now),
            last_used_step: step,
        },
        recovery_codes,
    })
}

pub async fn devices(state: &AppState, auth: &Authenticated) -> Result<Vec<Device>> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(store::devices(&mut conn, auth.account.id).await?)
}

pub async fn rename(
    state: &AppState,
    auth: &Authenticated,
    id: TotpDeviceId,
    name: &str,
    client: &ClientInfo,
) -> Result<Device> {
    let name = device_name(name)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if !store::rename_device(&mut tx, auth.account.id, id, &name).await? {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        now,
        auth.account.id,
        Kind::TotpRenamed,
        client,
        json!({"device": name}),
    )
    .await?;
    let device = store::devices(&mut tx, auth.account.id)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(device)
}

/// Removes an authenticator app; removing the last one turns two-factor off and voids
/// the recovery codes.
pub async fn remove(
    state: &AppState,
    auth: &Authenticated,
    id: TotpDeviceId,
    client: &ClientInfo,
) -> Result<()> {
    require_elevated(state, auth)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let name = store::delete_device(&mut tx, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    let last = !enabled(&mut tx, &auth.account).await?;
    if last {
        store::delete_recovery_codes(&mut tx, auth.account.id).await?;
    }
    audit::record(
        &mut tx,
        now,
        auth.account.id,
        Kind::TotpRemoved,
        client,
        json!({"device": name, "two_factor_enabled": !last}),
    )
    .await?;
    notice(
        &mut tx,
        now,
        &auth.account,
        "totp_removed",
        json!({"device": name, "last": last}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn recovery_codes_remaining(state: &AppState, auth: &Authenticated) -> Result<i64> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(store::remaining_recovery_codes(&mut conn, auth.account.id).await?)
}

/// Ten new recovery codes; the old ones stop working.
pub async fn regenerate_recovery_codes(
    state: &AppState,
    auth: &Authenticated,
    client: &ClientInfo,
) -> Result<Vec<String>> {
    require_elevated(state, auth)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if !enabled(&mut tx, &auth.account).await? {
        return Err(Error::TwoFactorNotEnabled);
    }
    let codes = replace_recovery_codes(&mut tx, auth, now).await?;
    audit::record(
        &mut tx,
        now,
        auth.account.id,
        Kind::RecoveryCodesRegenerated,
        client,
        json!({}),
    )
    .await?;
    notice(
        &mut tx,
        now,
        &auth.account,
        "recovery_codes_regenerated",
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(codes)
}

pub(crate) async fn replace_recovery_codes(
    conn: &mut db::Conn,
    auth: &Authenticated,
    now: Timestamp,
) -> Result<Vec<String>> {
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let digests: Vec<Vec<u8>> = codes
        .iter()
        .map(|c| token_digest(&normalize_recovery_code(c)))
        .collect();
    store::replace_recovery_codes(conn, auth.account.id, &digests, now).await?;
    Ok(codes)
}

/// Whether the account has a second factor, an authenticator app or a passkey
/// (two-factor is on).
pub async fn enabled(conn: &mut db::Conn, account: &Account) -> Result<bool> {
    Ok(store::count_devices(conn, account.id).await? > 0
        || db::passkeys::count(conn, account.id).await? > 0)
}

/// A second factor as a person gives it.
#[derive(Debug, Clone, Copy)]
pub enum SecondFactor<'a> {
    Code(&'a str),
    RecoveryCode(&'a str),
    /// A passkey's answer (`credential.toJSON()`) to options the server gave.
    Passkey(&'a serde_json::Value),
}

impl<'a> SecondFactor<'a> {
    /// From the `code` / `recovery_code` pair of a request body.
    pub fn from_fields(code: Option<&'a str>, recovery_code: Option<&'a str>) -> Option<Self> {
        match (code, recovery_code) {
            (Some(code), _) if !code.trim().is_empty() => Some(SecondFactor::Code(code)),
            (_, Some(rc)) if !rc.trim().is_empty() => Some(SecondFactor::RecoveryCode(rc)),
            _ => None,
        }
    }

    /// From a request body's `code` / `recovery_code` / `passkey` fields.
    pub fn from_any(
        code: Option<&'a str>,
        recovery_code: Option<&'a str>,
        passkey: Option<&'a serde_json::Value>,
    ) -> Option<Self> {
        match passkey {
            Some(answer) if !answer.is_null() => Some(SecondFactor::Passkey(answer)),
            _ => Self::from_fields(code, recovery_code),
        }
    }

    /// The error a wrong factor of this kind answers.
    pub fn rejection(self) -> Error {
        match self {
            SecondFactor::Passkey(_) => Error::PasskeyRejected,
            _ => Error::InvalidCode,
        }
    }
}

/// Checks and uses up a second factor of `account`: a code from any of its devices (a
/// time step is accepted once per device), or an unused recovery code. Uses
/// `conn`, normally the transaction of the action the factor allows.
pub async fn verify(
    state: &AppState,
    conn: &mut db::Conn,
    account: &Account,
    factor: SecondFactor<'_>,
    client: &ClientInfo,
) -> Result<bool> {
    let now = state.clock.now();
    match factor {
        SecondFactor::Code(code) => {
            for device in store::devices(conn, account.id).await? {
                let secret = state.secrets.open(&device.secret_sealed)?;
                if let Some(step) = otp::check(&secret, code, now.0)? {
                    // false: this step was used already (a replay)
                    return Ok(store::use_step(conn, device.id, step, now).await?);
                }
            }
            Ok(false)
        }
        SecondFactor::RecoveryCode(code) => {
            let digest = token_digest(&normalize_recovery_code(code));
            let used = store::use_recovery_code(conn, account.id, &digest, now).await?;
            if used {
                let left = store::remaining_recovery_codes(conn, account.id).await?;
                audit::record(
                    conn,
                    now,
                    account.id,
                    Kind::RecoveryCodeUsed,
                    client,
                    json!({"remaining": left}),
                )
                .await?;
            }
            Ok(used)
        }
        SecondFactor::Passkey(answer) => {
            crate::service::passkeys::verify_second_factor(state, conn, account, answer, client)
                .await
        }
    }
}

fn device_name(raw: &str) -> Result<String> {
    validate::optional_name("name", Some(raw), validate::DEVICE_NAME_MAX)
        .map_err(|e| Error::Validation(vec![e]))?
        .ok_or_else(|| Error::field("name", text("invalid-device-name")))
}
