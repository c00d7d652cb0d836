//! Secrets: password hashing (argon2id off the async threads), random tokens and their
//! SHA-256 digests.

use std::sync::Arc;

use anyhow::Context;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::config::SecurityConfig;

/// Prefix of session tokens, so a leaked one is recognisable (and greppable by scanners).
pub const SESSION_TOKEN_PREFIX: &str = "stw_s_";

/// Hashes and verifies passwords with argon2id.
///
/// Each hash takes tens of milliseconds of CPU and `argon2_memory_kib` of memory, so it
/// runs on the blocking pool behind a semaphore sized to the cores: a burst of sign-ins
/// queues here instead of exhausting memory or starving the async threads.
#[derive(Clone)]
pub struct PasswordHasher {
    params: Params,
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against for unknown emails so that the
    /// answer takes as long as for a known one.
    dummy_hash: Arc<str>,
}

impl PasswordHasher {
    pub fn new(config: &SecurityConfig) -> anyhow::Result<Self> {
        let params = Params::new(
            config.argon2_memory_kib,
            config.argon2_time_cost,
            config.argon2_parallelism,
            None,
        )
        .map_err(|e| anyhow::anyhow!("invalid argon2 parameters: {e}"))?;
        let permits = match config.hash_concurrency {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        let dummy_hash = hash_blocking(&params, &random_token(""))?;
        Ok(Self {
            params,
            permits: Arc::new(Semaphore::new(permits)),
            dummy_hash: dummy_hash.into(),
        })
    }

    /// The PHC string (`$argon2id$v=19$m=…`) of `password`.
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        let params = self.params.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_blocking(&params, &password))
            .await
            .context("password hashing task")?
    }

    /// Whether `password` matches `phc`; `None` verifies against the dummy hash and is
    /// always false, in the same time.
    pub async fn verify(&self, password: &str, phc: Option<&str>) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await?;
        let (phc, real) = match phc {
            Some(phc) => (phc.to_owned(), true),
            None => (self.dummy_hash.to_string(), false),
        };
        let password = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || {
            // The parameters stored in the hash are used, so hashes made under older
            // settings keep verifying after the settings change.
            Argon2::default()
                .verify_password(password.as_bytes(), phc.as_str())
                .is_ok()
        })
        .await
        .context("password verification task")?;
        Ok(matches && real)
    }
}

fn hash_blocking(params: &Params, password: &str) -> anyhow::Result<String> {
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let hash = argon2
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    Ok(hash.to_string())
}

/// 32 random bytes, base64url, after `prefix`.
pub fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The SHA-256 digest a token is stored and looked up by. Tokens carry 256 bits of
/// randomness, so a fast hash is enough (no salt or stretching needed).
pub fn token_digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> SecurityConfig {
        SecurityConfig {
            argon2_memory_kib: 1024,
            argon2_time_cost: 1,
            ..SecurityConfig::default()
        }
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_configured_params_and_verify() {
        let hasher = PasswordHasher::new(&fast()).unwrap();
        let phc = hasher.hash("correct horse battery").await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"), "{phc}");
        assert!(
            hasher
                .verify("correct horse battery", Some(&phc))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("correct horse batterY", Some(&phc))
                .await
                .unwrap()
        );
        // two hashes of one password differ (random salt)
        assert_ne!(phc, hasher.hash("correct horse battery").await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies() {
        let hasher = PasswordHasher::new(&fast()).unwrap();
        assert!(!hasher.verify("anything at all", None).await.unwrap());
    }

    #[test]
    fn tokens_are_prefixed_random_and_digest_stably() {
        let a = random_token(SESSION_TOKEN_PREFIX);
        let b = random_token(SESSION_TOKEN_PREFIX);
        assert!(a.starts_with("stw_s_"));
        assert_eq!(a.len(), 6 + 43);
        assert_ne!(a, b);
        assert_eq!(token_digest(&a), token_digest(&a));
        assert_eq!(token_digest(&a).len(), 32);
    }
}
