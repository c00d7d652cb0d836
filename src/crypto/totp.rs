//! TOTP (RFC 6238) as authenticator apps do it: SHA-1, 6 digits, 30-second steps, a
//! step of clock drift either way. Which step a code matched is returned, so the caller
//! can refuse the same step twice (replay).

use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const ALGORITHM: &str = "SHA1";
pub const DIGITS: u8 = 6;
pub const PERIOD: u64 = 30;

/// 160 random bits, the size RFC 4226 recommends for SHA-1.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    rand::fill(&mut secret[..]);
    secret
}

fn totp(secret: &[u8], issuer: &str, account_name: &str) -> anyhow::Result<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_skew(1)
        .with_step_duration(PERIOD)
        .with_secret(secret.to_vec())
        .with_account_name(account_name.replace(':', "_"))
        .with_issuer(Some(issuer.replace(':', "_")))
        .build()
        .map_err(|e| anyhow::anyhow!("totp: {e:?}"))
}

/// What an authenticator app needs: the otpauth:// URI, the same as a QR code, and the
/// secret in base32 for typing into a password manager.
pub struct Provisioning {
    pub uri: String,
    pub secret_base32: String,
    /// `data:image/png;base64,…`
    pub qr_png: String,
}

pub fn provisioning(
    secret: &[u8],
    issuer: &str,
    account_name: &str,
) -> anyhow::Result<Provisioning> {
    let totp = totp(secret, issuer, account_name)?;
    let uri = totp
        .to_url()
        .map_err(|e| anyhow::anyhow!("totp url: {e:?}"))?;
    let png = totp
        .to_qr_png()
        .map_err(|e| anyhow::anyhow!("totp qr: {e:?}"))?;
    Ok(Provisioning {
        uri,
        secret_base32: Secret::from(secret.to_vec()).to_base32(),
        qr_png: format!("data:image/png;base64,{}", STANDARD.encode(png)),
    })
}

/// The time step `code` matches at `unix_time` (±1 step), if any. Spaces in the code are
/// ignored, as apps show "123 456".
pub fn check(secret: &[u8], code: &str, unix_time: i64) -> anyhow::Result<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp(secret, "x", "x").context("totp")?;
    let time = u64::try_from(unix_time).unwrap_or(0);
    Ok(totp
        .check(&code, time)
        .and_then(|step| i64::try_from(step).ok()))
}

/// The code an authenticator app shows at `unix_time`. For tests and tools.
pub fn code_at(secret: &[u8], unix_time: i64) -> anyhow::Result<String> {
    let totp = totp(secret, "x", "x")?;
    Ok(totp
        .generate(u64::try_from(unix_time).unwrap_or(0))
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_vector_and_drift_window() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 → 94287082
        // (8 digits); the 6-digit code is its last six digits.
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59).unwrap(), "287082");
        assert_eq!(check(secret, "287 082", 59).unwrap(), Some(1));
        // one step late and one step early are accepted; two are not
        assert_eq!(check(secret, "287082", 59 + 30).unwrap(), Some(1));
        assert_eq!(
            check(secret, &code_at(secret, 90).unwrap(), 60).unwrap(),
            Some(3)
        );
        assert_eq!(check(secret, "287082", 59 + 60).unwrap(), None);
        assert_eq!(check(secret, "28708", 59).unwrap(), None);
        assert_eq!(check(secret, "+87082", 59).unwrap(), None);
    }

    #[test]
    fn provisioning_uri_names_issuer_account_and_settings() {
        let p = provisioning(&new_secret(), "Steward", "ada@example.org").unwrap();
        assert!(
            p.uri
                .starts_with("otpauth://totp/Steward:ada%40example.org?"),
            "{}",
            p.uri
        );
        assert!(p.uri.contains(&format!("secret={}", p.secret_base32)));
        assert!(p.uri.contains("issuer=Steward"));
        assert!(p.qr_png.starts_with("data:image/png;base64,"));
        assert_eq!(p.secret_base32.len(), 32, "160 bits in base32");
    }
}
