//! Sealing secrets at rest (TOTP seeds) with XChaCha20-Poly1305 under the server key.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::config::{Config, decode_server_key};

const NONCE_LEN: usize = 24;

/// Why a PostgreSQL installation needs its key configured.
const KEY_REQUIRED: &str = "on PostgreSQL the server key must be configured \
    (security.secret_key, secret_key_file or the steward_secret_key credential), the same on \
    every instance: a key made in one machine's data folder would differ from the others'";

/// Seals and opens small secrets. The output is `nonce || ciphertext+tag`.
#[derive(Clone)]
pub struct SecretBox {
    cipher: XChaCha20Poly1305,
}

impl SecretBox {
    pub fn new(key: &[u8; 32]) -> Self {
        Self {
            cipher: XChaCha20Poly1305::new(key.into()),
        }
    }

    /// The server key: `security.secret_key` (base64), else the file
    /// `security.secret_key_file`, else `data_dir/secret.key`, created (mode 0600) with a
    /// random key on first start. Losing the key loses every enrolled authenticator.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let key = match config.configured_server_key()? {
            Some(key) => key,
            None if !config.database.url.is_empty() => bail!("{KEY_REQUIRED}"),
            None => {
                let path = config.server.data_dir.join("secret.key");
                decode_server_key(&load_or_create(&path)?)
                    .with_context(|| path.display().to_string())?
            }
        };
        Ok(Self::new(&key))
    }

    /// What [`SecretBox::from_config`] would refuse, creating nothing: a configured key
    /// that is not base64 of 32 bytes, or an existing `data_dir/secret.key` that is not
    /// one or can't be read.
    pub fn check(config: &Config) -> anyhow::Result<()> {
        if config.configured_server_key()?.is_some() {
            return Ok(());
        }
        if !config.database.url.is_empty() {
            bail!("{KEY_REQUIRED}");
        }
        let path = config.server.data_dir.join("secret.key");
        match std::fs::read_to_string(&path) {
            Ok(text) => decode_server_key(&text)
                .map(drop)
                .with_context(|| path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    pub fn seal(&self, plaintext: &[u8]) -> anyhow::Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::fill(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), plaintext)
            .map_err(|_| anyhow::anyhow!("sealing failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    pub fn open(&self, sealed: &[u8]) -> anyhow::Result<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            bail!("sealed secret too short");
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| anyhow::anyhow!("bad nonce"))?;
        self.cipher
            .decrypt(&nonce, ciphertext)
            .map_err(|_| anyhow::anyhow!("a sealed secret does not open with this server key"))
    }
}

fn load_or_create(path: &Path) -> anyhow::Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => return Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    }
    let mut key = [0u8; 32];
    rand::fill(&mut key);
    let encoded = STANDARD.encode(key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(encoded.as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "created the server key; back it up with the database");
    Ok(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_and_rejects_tampering_and_other_keys() {
        let sb = SecretBox::new(&[7; 32]);
        let sealed = sb.seal(b"JBSWY3DPEHPK3PXP").unwrap();
        assert_eq!(sb.open(&sealed).unwrap(), b"JBSWY3DPEHPK3PXP");
        assert_ne!(
            sb.seal(b"x").unwrap(),
            sb.seal(b"x").unwrap(),
            "random nonces"
        );
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(sb.open(&tampered).is_err());
        assert!(SecretBox::new(&[8; 32]).open(&sealed).is_err());
    }

    #[test]
    fn the_key_file_is_created_once_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.server.data_dir = dir.path().to_path_buf();
        let first = SecretBox::from_config(&config).unwrap();
        let sealed = first.seal(b"seed").unwrap();
        let again = SecretBox::from_config(&config).unwrap();
        assert_eq!(
            again.open(&sealed).unwrap(),
            b"seed",
            "the same key on the next start"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("secret.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        config.security.secret_key = "dG9vIHNob3J0".into();
        assert!(
            SecretBox::from_config(&config).is_err(),
            "a key of the wrong length is refused"
        );
    }
}
