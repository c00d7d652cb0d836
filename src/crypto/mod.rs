//! Secrets: password hashing (argon2id off the async threads), random tokens and their
//! SHA-256 digests, sealing secrets at rest, and TOTP.

pub mod passkey;
pub mod secret_box;
pub mod totp;
pub mod webhook;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::config::SecurityConfig;

/// Prefix of session tokens, so a leaked one is recognisable (and greppable by scanners).
pub const SESSION_TOKEN_PREFIX: &str = "stw_s_";

/// Hashes and verifies passwords with argon2id.
///
/// Each hash takes tens of milliseconds of CPU and `argon2_memory_kib` of memory, so it
/// runs on hashing threads of its own, one per core: a burst of sign-ins queues for them
/// instead of exhausting memory or starving the async threads. A thread that finishes
/// a hash takes the next one from the queue at once; handing over through the async
/// runtime (a semaphore and the blocking pool) left 7-8% of the cores idle in a sign-in
/// storm. Each hash works in a memory block kept from one hash to the next: allocating
/// (and faulting in) 19 MiB per hash cost time, and the allocator kept the freed blocks
/// per thread, which took a sign-in burst to half a gigabyte of RSS. Blocks left unused
/// for a while are given back ([`PasswordHasher::release_idle`]), so an idle server
/// holds none. The threads end when the last clone of the hasher is dropped.
#[derive(Clone)]
pub struct PasswordHasher {
    params: Params,
    jobs: flume::Sender<Job>,
    memory: Arc<Mutex<Vec<FreeBlock>>>,
    /// A hash of a random password, verified against for unknown emails so that the
    /// answer takes as long as for a known one.
    dummy_hash: Arc<str>,
}

/// A memory block no hash is using, and when one last did.
type FreeBlock = (Vec<Block>, Instant);

/// Work for a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// Runs hashing jobs from the queue until the hasher is dropped. A job that panics
/// loses its answer (its caller gets an error), not the thread.
fn hashing_thread(jobs: flume::Receiver<Job>) {
    while let Ok(job) = jobs.recv() {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
    }
}

/// The argon2id parameters new hashes are made with (bench/argon2_rate.rs measures the
/// same).
pub fn argon2_params(config: &SecurityConfig) -> anyhow::Result<Params> {
    Params::new(
        config.argon2_memory_kib,
        config.argon2_time_cost,
        config.argon2_parallelism,
        None,
    )
    .map_err(|e| anyhow::anyhow!("invalid argon2 parameters: {e}"))
}

impl PasswordHasher {
    pub fn new(config: &SecurityConfig) -> anyhow::Result<Self> {
        let params = argon2_params(config)?;
        let threads = match config.hash_concurrency {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        let mut memory = vec![Block::default(); params.block_count()];
        let dummy_hash = hash_with(&params, &random_token(""), &mut memory)?;
        // the first sign-in allocates again: a server may sit idle for days
        let pool = Arc::new(Mutex::new(Vec::new()));
        let (jobs, queue) = flume::unbounded::<Job>();
        for _ in 0..threads {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name("steward-argon2".into())
                .spawn(move || hashing_thread(queue))
                .context("starting a password hashing thread")?;
        }
        Ok(Self {
            params,
            jobs,
            memory: pool,
            dummy_hash: dummy_hash.into(),
        })
    }

    /// Drops the memory blocks no hash has used for `idle`; returns how many bytes
    /// that freed.
    pub fn release_idle(&self, idle: Duration) -> usize {
        let Ok(mut pool) = self.memory.lock() else {
            return 0;
        };
        let before = pool.len();
        pool.retain(|(_, used)| used.elapsed() < idle);
        (before - pool.len()) * self.params.block_count() * size_of::<Block>()
    }

    /// The PHC string (`$argon2id$v=19$m=…`) of `password`.
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let params = self.params.clone();
        let password = password.to_owned();
        self.with_memory(move |memory| hash_with(&params, &password, memory))
            .await?
    }

    /// Whether `password` matches `phc`; `None` verifies against the dummy hash and is
    /// always false, in the same time.
    pub async fn verify(&self, password: &str, phc: Option<&str>) -> anyhow::Result<bool> {
        let (phc, real) = match phc {
            Some(phc) => (phc.to_owned(), true),
            None => (self.dummy_hash.to_string(), false),
        };
        let password = password.to_owned();
        let matches = self
            .with_memory(move |memory| verify_with(&password, &phc, memory))
            .await?;
        Ok(matches && real)
    }

    /// Runs `work` on a hashing thread, in a memory block of its own.
    async fn with_memory<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let (done, answer) = tokio::sync::oneshot::channel();
        let (pool, blocks) = (self.memory.clone(), self.params.block_count());
        let job: Job = Box::new(move || {
            // whoever asked may be gone (a client that hung up): its hash is not run
            if done.is_closed() {
                return;
            }
            let taken = pool.lock().map(|mut p| p.pop()).unwrap_or(None);
            let mut memory = taken.map_or_else(|| vec![Block::default(); blocks], |(m, _)| m);
            let result = work(&mut memory);
            // the block is back in the pool before the caller hears the answer
            if let Ok(mut p) = pool.lock() {
                p.push((memory, Instant::now()));
            }
            let _ = done.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| anyhow::anyhow!("the password hashing threads stopped"))?;
        answer.await.context("password hashing failed")
    }
}

fn hash_with(params: &Params, password: &str, memory: &mut [Block]) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::fill(&mut salt);
    let mut out = [0u8; 32];
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    argon2
        .hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, memory)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(|e| anyhow::anyhow!("argon2: {e}"))?,
        salt: Some(Salt::new(&salt).map_err(|e| anyhow::anyhow!("argon2: {e}"))?),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("argon2: {e}"))?),
    };
    Ok(phc.to_string())
}

/// Checks a password against a PHC string with the parameters stored in it, so hashes
/// made under older settings keep verifying after the settings change.
fn verify_with(password: &str, phc: &str, memory: &mut [Block]) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(hash.algorithm.as_str()) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let Ok(params) = Params::try_from(&hash) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let computed = if params.block_count() <= memory.len() {
        argon2.hash_password_into_with_memory(password.as_bytes(), salt, &mut out, memory)
    } else {
        // stored under a larger memory setting than today's: a one-off allocation
        argon2.hash_password_into(password.as_bytes(), salt, &mut out)
    };
    // Output's equality is constant-time
    computed.is_ok() && Output::new(&out).is_ok_and(|o| &o == expected)
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

/// Crockford's base32: no i, l, o or u to mistake for 1, 1, 0 or v.
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A recovery code like `k7mq-2xwd-9hfp`: 12 characters, 60 random bits.
pub fn recovery_code() -> String {
    let mut bytes = [0u8; 12];
    rand::fill(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| RECOVERY_ALPHABET[usize::from(b & 31)] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The form a recovery code is stored and compared in: case, dashes and spaces do not
/// matter, and the letters Crockford's alphabet leaves out read as their look-alikes.
pub fn normalize_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_lowercase() {
            'i' | 'l' => '1',
            'o' => '0',
            c => c,
        })
        .collect()
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
    async fn idle_memory_blocks_are_given_back_and_busy_ones_kept() {
        let hasher = PasswordHasher::new(&fast()).unwrap();
        assert_eq!(hasher.release_idle(Duration::ZERO), 0, "none before a hash");
        hasher.hash("correct horse battery").await.unwrap();
        assert_eq!(hasher.release_idle(Duration::from_secs(60)), 0, "just used");
        assert_eq!(hasher.release_idle(Duration::ZERO), 1024 * 1024);
        assert_eq!(hasher.release_idle(Duration::ZERO), 0, "already given back");
        // and hashing still works once they are gone
        let phc = hasher.hash("correct horse battery").await.unwrap();
        assert!(
            hasher
                .verify("correct horse battery", Some(&phc))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn hashes_from_other_settings_and_other_tools_verify() {
        let hasher = PasswordHasher::new(&fast()).unwrap();
        // made with larger memory than the pool's blocks, and by the argon2 crate's own API
        let bigger = SecurityConfig {
            argon2_memory_kib: 4096,
            ..fast()
        };
        let phc = PasswordHasher::new(&bigger)
            .unwrap()
            .hash("old settings")
            .await
            .unwrap();
        assert!(hasher.verify("old settings", Some(&phc)).await.unwrap());
        use argon2::password_hash::PasswordHasher as _;
        let foreign = Argon2::default()
            .hash_password(b"from elsewhere")
            .unwrap()
            .to_string();
        assert!(
            hasher
                .verify("from elsewhere", Some(&foreign))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("from elsewhere!", Some(&foreign))
                .await
                .unwrap()
        );
        assert!(!hasher.verify("x", Some("not a phc string")).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies() {
        let hasher = PasswordHasher::new(&fast()).unwrap();
        assert!(!hasher.verify("anything at all", None).await.unwrap());
    }

    #[test]
    fn recovery_codes_are_readable_and_forgiving() {
        let code = recovery_code();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        assert_ne!(code, recovery_code());
        assert_eq!(normalize_recovery_code(" K7MQ-2XWD 9HFP "), "k7mq2xwd9hfp");
        assert_eq!(normalize_recovery_code("OIL0-1"), "01101");
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
