//! Brute-force protection: per address, persisted, 5 free failures and then 2^n seconds
//! of wait (at most 15 minutes). Per client IP, see [`crate::ip_limit`].

use crate::clock::Timestamp;
use crate::db::{self, throttle};
use crate::service::{Error, Result};
use crate::state::AppState;

/// Failures allowed before waits begin.
pub const FREE_FAILURES: i64 = 5;
/// The longest wait, in seconds.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// The throttle key of an address: case does not make a new address.
pub fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Refuses with `RateLimited` while the address is locked. Checked before the password,
/// so that during a lockout even the right password gets in no sooner.
pub async fn check(state: &AppState, email: &str) -> Result<()> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    match throttle::locked_until(&mut conn, &key(email), now).await? {
        Some(until) => {
            state.metrics.lockout();
            Err(Error::RateLimited {
                retry_after: (until.0 - now.0).max(1) as u64,
            })
        }
        None => Ok(()),
    }
}

/// Counts a failed attempt; from the sixth on, locks the address for 2^n seconds.
/// Returns whether the address is now locked.
pub async fn failure(state: &AppState, email: &str) -> Result<bool> {
    state.metrics.sign_in_failure();
    let now = state.clock.now();
    let key = key(email);
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let failures = throttle::record_failure(&mut tx, &key, now).await?;
    let locked = failures >= FREE_FAILURES;
    if locked {
        let exponent = u32::try_from(failures - FREE_FAILURES + 1)
            .unwrap_or(u32::MAX)
            .min(20);
        let wait = (1i64 << exponent).min(MAX_WAIT_SECONDS);
        throttle::lock(&mut tx, &key, Timestamp(now.0 + wait)).await?;
    }
    tx.commit().await?;
    Ok(locked)
}

/// Forgets the failures of an address after a successful attempt.
pub async fn success(conn: &mut db::Conn, email: &str) -> Result<()> {
    throttle::clear(conn, &key(email)).await?;
    Ok(())
}
