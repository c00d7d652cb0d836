//! Secrets kept out of config.toml: read from a file (`*_file`) or from a systemd
//! credential, never both without saying so.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Config;

impl Config {
    /// Fills the secrets from their files and credentials, after the providers ran.
    pub(super) fn resolve_secret_files(&mut self) -> anyhow::Result<()> {
        let credentials = credentials_directory();
        let smtp = &mut self.mail.smtp;
        if let Some(path) = secret_credential(
            credentials.as_deref(),
            CREDENTIAL_SMTP_PASSWORD,
            !smtp.password.is_empty() || !smtp.password_file.as_os_str().is_empty(),
            "the SMTP password (mail.smtp.password or password_file)",
        )? {
            smtp.password_file = path.clone();
            self.credentials_used.push(path);
        }
        if !smtp.password_file.as_os_str().is_empty() {
            if !smtp.password.is_empty() {
                bail!("mail.smtp: set either password or password_file, not both");
            }
            smtp.password =
                read_secret_file(&smtp.password_file).context("mail.smtp.password_file")?;
        }
        let security = &mut self.security;
        if let Some(path) = secret_credential(
            credentials.as_deref(),
            CREDENTIAL_SECRET_KEY,
            !security.secret_key.is_empty() || !security.secret_key_file.as_os_str().is_empty(),
            "the server key (security.secret_key or secret_key_file)",
        )? {
            security.secret_key_file = path.clone();
            self.credentials_used.push(path);
        }
        if !security.secret_key.is_empty() && !security.secret_key_file.as_os_str().is_empty() {
            bail!("security: set either secret_key or secret_key_file, not both");
        }
        Ok(())
    }
}

/// The systemd credential holding the SMTP password. The packaged unit loads every file in
/// `/etc/steward/credentials` as a credential named `steward_` and the file's name.
pub const CREDENTIAL_SMTP_PASSWORD: &str = "steward_smtp_password";
/// The systemd credential holding the server key (base64 of 32 bytes).
pub const CREDENTIAL_SECRET_KEY: &str = "steward_secret_key";

/// Where the unit's credentials are: `$CREDENTIALS_DIRECTORY` in the service; for console
/// commands beside it, the running service's own folder, so that both see the same secrets.
fn credentials_directory() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CREDENTIALS_DIRECTORY") {
        return Some(dir.into());
    }
    let service = Path::new("/run/credentials/steward.service");
    service.is_dir().then(|| service.to_path_buf())
}

/// The path of the credential `name` when it exists. A credential that is there but can't
/// be read, or whose secret is `configured` as well, is an error, not a silent choice.
fn secret_credential(
    directory: Option<&Path>,
    name: &str,
    configured: bool,
    secret: &str,
) -> anyhow::Result<Option<PathBuf>> {
    let Some(directory) = directory else {
        return Ok(None);
    };
    let path = directory.join(name);
    match std::fs::metadata(&path) {
        Ok(_) if configured => bail!(
            "{secret} is both configured and a systemd credential ({}): keep one",
            path.display()
        ),
        Ok(_) => Ok(Some(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| {
            format!(
                "cannot read the credential {} (run console commands as the steward user)",
                path.display()
            )
        }),
    }
}

impl Config {
    /// The server key as configured: `security.secret_key`, else the file named by
    /// `security.secret_key_file`. `None` when neither is set: then `data_dir/secret.key`
    /// holds it (created on first start). A key that is not base64 of 32 bytes, or a
    /// file that can't be read, is an error naming the setting.
    pub fn configured_server_key(&self) -> anyhow::Result<Option<[u8; 32]>> {
        let security = &self.security;
        if !security.secret_key.is_empty() {
            return decode_server_key(&security.secret_key)
                .context("security.secret_key")
                .map(Some);
        }
        if security.secret_key_file.as_os_str().is_empty() {
            return Ok(None);
        }
        let text =
            read_secret_file(&security.secret_key_file).context("security.secret_key_file")?;
        decode_server_key(&text)
            .with_context(|| {
                format!(
                    "security.secret_key_file {}",
                    security.secret_key_file.display()
                )
            })
            .map(Some)
    }
}

/// A server key from its text form, base64 of 32 bytes.
pub fn decode_server_key(text: &str) -> anyhow::Result<[u8; 32]> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| anyhow::anyhow!("the server key is not base64 (it must be base64 of 32 random bytes, e.g. from `openssl rand -base64 32`)"))?;
    let length = bytes.len();
    bytes.try_into().map_err(|_| {
        anyhow::anyhow!("the server key is {length} bytes long; it must be 32 (base64 of 32 random bytes, e.g. from `openssl rand -base64 32`)")
    })
}

/// Reads a secret from a file, without the trailing newline editors and `echo` add.
pub fn read_secret_file(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read secret file {}", path.display()))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_owned())
}
