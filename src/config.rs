//! Configuration: built-in defaults → config.toml → `STEWARD_*` environment.
//!
//! Every key has a default, so `steward serve` runs with no file at all. Unknown keys are
//! an error naming the key. Secrets may come from files (`*_file`) or from systemd
//! credentials (`steward_smtp_password`, `steward_secret_key`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// The effective configuration of one process.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub mail: MailConfig,
    pub security: SecurityConfig,
    pub jobs: JobsConfig,
    pub log: LogConfig,
    pub terms: TermsConfig,
    pub plans: Vec<PlanConfig>,
    /// The systemd credentials the secrets were read from (for the start-up log).
    #[serde(skip)]
    pub credentials_used: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            server: ServerConfig::default(),
            mail: MailConfig::default(),
            security: SecurityConfig::default(),
            jobs: JobsConfig::default(),
            log: LogConfig::default(),
            terms: TermsConfig::default(),
            plans: default_plans(),
            credentials_used: Vec::new(),
        }
    }
}

fn default_plans() -> Vec<PlanConfig> {
    let plan = |id: &str, name: &str, kind, max_hosts, trial_days| PlanConfig {
        id: id.into(),
        name: name.into(),
        kind,
        max_hosts,
        trial_days,
    };
    vec![
        plan(
            "managed-homeserver",
            "Managed homeserver",
            PlanKind::ManagedHomeserver,
            1,
            0,
        ),
        plan("element-one", "Element One", PlanKind::ElementOne, 1, 0),
        plan(
            "on-premise-trial",
            "On-premise trial",
            PlanKind::OnPremiseTrial,
            3,
            30,
        ),
    ]
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// Base of every link in mail; the address people reach Steward at.
    pub public_url: String,
    /// Folder of the database, the secret key and (with the file transport) mail.
    pub data_dir: PathBuf,
    /// Folder whose templates override the embedded ones (same relative names); empty: none.
    pub templates_dir: PathBuf,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Where `GET /metrics` is served: empty for the main address, or an address of
    /// its own (e.g. `127.0.0.1:9100`), and then only there.
    pub metrics_bind: String,
    /// Reverse proxies (addresses or networks, e.g. `127.0.0.1`, `10.0.0.0/8`) whose
    /// `X-Forwarded-For` names the client. Empty: the peer is the client.
    pub trusted_proxies: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: "http://127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            templates_dir: PathBuf::new(),
            max_body_bytes: 64 * 1024,
            metrics_bind: String::new(),
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// Deliver over SMTP (`[mail.smtp]`).
    Smtp,
    /// Write each mail as an .eml file to `data_dir/outbox` (the default: no server needed).
    File,
    /// Only log that a mail would have been sent.
    Log,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    pub transport: MailTransport,
    pub from: String,
    pub smtp: SmtpConfig,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            transport: MailTransport::File,
            from: "Steward <noreply@localhost>".into(),
            smtp: SmtpConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text (only for a relay on the same machine or a trusted network).
    None,
    /// Plain connection upgraded with STARTTLS (port 587); refuses servers without it.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: String,
    pub password: String,
    pub password_file: PathBuf,
    /// Seconds a connection or a command may take before the try counts as failed.
    pub timeout_seconds: u64,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        Self {
            host: "localhost".into(),
            port: 587,
            tls: SmtpTls::Starttls,
            username: String::new(),
            password: String::new(),
            password_file: PathBuf::new(),
            timeout_seconds: 30,
        }
    }
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &redact(&self.password))
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// Base64 of 32 bytes; empty: read `secret_key_file`, or data_dir/secret.key.
    pub secret_key: String,
    pub secret_key_file: PathBuf,
    pub argon2_memory_kib: u32,
    pub argon2_time_cost: u32,
    pub argon2_parallelism: u32,
    /// Password hashes computed at once; 0: one per core.
    pub hash_concurrency: usize,
    pub password_min_length: usize,
    /// Sign-in attempts per client IP per minute (token bucket); 0 turns it off.
    pub sign_in_per_ip_per_minute: u32,
    pub email_verification_ttl_hours: i64,
    pub email_change_ttl_hours: i64,
    pub password_reset_ttl_minutes: i64,
    /// How long the link of an invitation (an account an admin made) works.
    pub invite_ttl_hours: i64,
    pub session_idle_days: i64,
    pub session_absolute_days: i64,
    /// How long a reauthentication (or a sign-in) allows sensitive actions.
    pub reauthentication_minutes: i64,
    pub mfa_ticket_minutes: i64,
    pub totp_enrollment_minutes: i64,
    /// The name authenticator apps show next to the account.
    pub totp_issuer: String,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            secret_key: String::new(),
            secret_key_file: PathBuf::new(),
            argon2_memory_kib: 19456,
            argon2_time_cost: 2,
            argon2_parallelism: 1,
            hash_concurrency: 0,
            password_min_length: 12,
            sign_in_per_ip_per_minute: 60,
            email_verification_ttl_hours: 24,
            email_change_ttl_hours: 24,
            password_reset_ttl_minutes: 60,
            invite_ttl_hours: 72,
            session_idle_days: 14,
            session_absolute_days: 30,
            reauthentication_minutes: 10,
            mfa_ticket_minutes: 5,
            totp_enrollment_minutes: 15,
            totp_issuer: "Steward".into(),
        }
    }
}

impl std::fmt::Debug for SecurityConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecurityConfig")
            .field("secret_key", &redact(&self.secret_key))
            .field("secret_key_file", &self.secret_key_file)
            .field("argon2_memory_kib", &self.argon2_memory_kib)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    /// How often an idle worker looks for jobs that came due (a retry) or that another
    /// process queued, in milliseconds. Jobs this process queues wake the workers at once.
    pub poll_interval_ms: u64,
    /// Mails sent at once.
    pub mail_concurrency: usize,
    /// Tries of one mail before it is marked failed (and shown to admins).
    pub mail_max_attempts: u32,
    /// Seconds before the first retry; each further retry waits twice as long.
    pub mail_retry_base_seconds: u64,
    /// Longest wait between two tries, in seconds.
    pub mail_retry_max_seconds: u64,
    /// When maintenance runs (cron, with a seconds field): resuming lost mail and
    /// deletions, ending trials, purging what expired.
    pub maintenance_schedule: String,
    /// Rows deleted per transaction by deletion jobs: smaller keeps other writers'
    /// waits shorter, larger finishes sooner.
    pub deletion_batch_size: i64,
}

impl Default for JobsConfig {
    fn default() -> Self {
        Self {
            poll_interval_ms: 1000,
            mail_concurrency: 8,
            mail_max_attempts: 10,
            mail_retry_base_seconds: 15,
            mail_retry_max_seconds: 3600,
            maintenance_schedule: "*/30 * * * * *".into(),
            deletion_batch_size: 500,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub format: LogFormat,
    /// A tracing filter (`info`, `steward=debug,info`); RUST_LOG overrides it.
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Human,
            level: "info".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TermsConfig {
    pub version: String,
    pub url: String,
}

impl Default for TermsConfig {
    fn default() -> Self {
        Self {
            version: "2024-01".into(),
            url: "https://example.org/terms".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    ManagedHomeserver,
    ElementOne,
    OnPremiseTrial,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanConfig {
    pub id: String,
    pub name: String,
    pub kind: PlanKind,
    #[serde(default = "one")]
    pub max_hosts: u32,
    #[serde(default)]
    pub trial_days: u32,
}

fn one() -> u32 {
    1
}

const ENV_PREFIX: &str = "STEWARD_";

impl Config {
    /// Loads the configuration: defaults, then the file (`path`, or `./config.toml`, or
    /// `/etc/steward/config.toml`, whichever exists first), then the environment.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Config> {
        let file = match path {
            Some(p) => {
                if !p.exists() {
                    bail!("config file {} does not exist", p.display());
                }
                Some(p.to_path_buf())
            }
            None => ["./config.toml", "/etc/steward/config.toml"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.exists()),
        };
        Self::from_figment(Self::figment(file.as_deref()))
    }

    /// The provider chain, apart so tests can run it under `figment::Jail`.
    pub fn figment(file: Option<&Path>) -> Figment {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment.merge(
            Env::prefixed(ENV_PREFIX)
                // STEWARD_CONFIG names the file (the CLI reads it), it is not a key
                .ignore(&["config"])
                .map(|key| {
                    let key = key.as_str().to_ascii_lowercase().replace("__", ".");
                    // DESIGN.md's example `STEWARD_SMTP__PASSWORD`: accept it as a
                    // short form of STEWARD_MAIL__SMTP__PASSWORD.
                    if key.starts_with("smtp.") {
                        format!("mail.{key}").into()
                    } else {
                        key.into()
                    }
                }),
        )
    }

    pub fn from_figment(figment: Figment) -> anyhow::Result<Config> {
        let mut config: Config = figment.extract().map_err(|e| {
            // figment's message names the key and the source it came from
            anyhow::anyhow!("invalid configuration: {e}")
        })?;
        config.resolve_secret_files()?;
        config.validate()?;
        Ok(config)
    }

    fn resolve_secret_files(&mut self) -> anyhow::Result<()> {
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

    fn validate(&self) -> anyhow::Result<()> {
        let url = self.server.public_url.trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("server.public_url must start with http:// or https:// (got {url:?})");
        }
        self.metrics_bind()?;
        self.trusted_proxies()?;
        if self.security.password_min_length < 8 {
            bail!("security.password_min_length must be at least 8");
        }
        if self.security.argon2_memory_kib < 8 * self.security.argon2_parallelism.max(1) {
            bail!("security.argon2_memory_kib is too small for argon2_parallelism");
        }
        if self.jobs.mail_max_attempts == 0 || self.jobs.mail_concurrency == 0 {
            bail!("jobs.mail_max_attempts and jobs.mail_concurrency must be at least 1");
        }
        if self.jobs.deletion_batch_size < 1 {
            bail!("jobs.deletion_batch_size must be at least 1");
        }
        <cron::Schedule as std::str::FromStr>::from_str(&self.jobs.maintenance_schedule).map_err(|e| {
            anyhow::anyhow!(
                "jobs.maintenance_schedule {:?} is not a cron schedule (sec min hour day month weekday): {e}",
                self.jobs.maintenance_schedule
            )
        })?;
        let mut ids = std::collections::HashSet::new();
        for plan in &self.plans {
            if !ids.insert(plan.id.as_str()) {
                bail!("plans: the id {:?} is used twice", plan.id);
            }
        }
        Ok(())
    }

    /// `server.trusted_proxies` as networks (a bare address is a network of one).
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<ipnet::IpNet>> {
        self.server
            .trusted_proxies
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                entry
                    .parse::<ipnet::IpNet>()
                    .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| {
                        anyhow::anyhow!(
                            "server.trusted_proxies: {entry:?} is not an address or network (like 10.0.0.0/8)"
                        )
                    })
            })
            .collect()
    }

    /// The separate address of `/metrics`, if one is configured.
    pub fn metrics_bind(&self) -> anyhow::Result<Option<SocketAddr>> {
        match self.server.metrics_bind.trim() {
            "" => Ok(None),
            addr => addr.parse().map(Some).map_err(|_| {
                anyhow::anyhow!(
                    "server.metrics_bind {addr:?} is not an address like 127.0.0.1:9100"
                )
            }),
        }
    }

    /// `public_url` without a trailing slash, ready to append a path.
    pub fn public_url(&self) -> &str {
        self.server.public_url.trim_end_matches('/')
    }

    pub fn database_path(&self) -> PathBuf {
        self.server.data_dir.join("steward.db")
    }

    /// The effective configuration as TOML, with every secret replaced.
    pub fn redacted_toml(&self) -> anyhow::Result<String> {
        let mut copy = self.clone();
        copy.mail.smtp.password = redact(&copy.mail.smtp.password).into();
        copy.security.secret_key = redact(&copy.security.secret_key).into();
        Ok(toml::to_string_pretty(&copy)?)
    }
}

fn redact(secret: &str) -> &'static str {
    if secret.is_empty() { "" } else { "(redacted)" }
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

/// Reads a secret from a file, without the trailing newline editors and `echo` add.
pub fn read_secret_file(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read secret file {}", path.display()))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_owned())
}

#[cfg(test)]
// figment::Jail's closures return figment::Error, which is large; not ours to shrink
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    fn load_in_jail(jail: &Jail, file: Option<&str>) -> anyhow::Result<Config> {
        let path = file.map(|f| jail.directory().join(f));
        Config::from_figment(Config::figment(path.as_deref()))
    }

    #[test]
    fn defaults_need_no_file() {
        Jail::expect_with(|jail| {
            let c = load_in_jail(jail, None).unwrap();
            assert_eq!(c.server.bind.to_string(), "127.0.0.1:8080");
            assert_eq!(c.server.data_dir, PathBuf::from("./data"));
            assert_eq!(c.mail.transport, MailTransport::File);
            assert_eq!(c.security.argon2_memory_kib, 19456);
            Ok(())
        });
    }

    #[test]
    fn file_then_env_with_double_underscore() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "c.toml",
                "[server]\nbind = \"0.0.0.0:9000\"\n[mail]\ntransport = \"smtp\"\n[mail.smtp]\nport = 25\n",
            )?;
            jail.set_env("STEWARD_MAIL__SMTP__PORT", "2525");
            jail.set_env("STEWARD_SMTP__PASSWORD", "hunter2hunter2");
            jail.set_env("STEWARD_CONFIG", "ignored-by-the-loader");
            let c = load_in_jail(jail, Some("c.toml")).unwrap();
            assert_eq!(c.server.bind.port(), 9000);
            assert_eq!(c.mail.transport, MailTransport::Smtp);
            assert_eq!(c.mail.smtp.port, 2525);
            assert_eq!(c.mail.smtp.password, "hunter2hunter2");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_are_named() {
        Jail::expect_with(|jail| {
            jail.create_file("c.toml", "[server]\nbindd = \"0.0.0.0:9000\"\n")?;
            let err = load_in_jail(jail, Some("c.toml")).unwrap_err().to_string();
            assert!(err.contains("bindd"), "{err}");
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.set_env("STEWARD_SECURITY__NOPE", "1");
            let err = load_in_jail(jail, None).unwrap_err().to_string();
            assert!(err.contains("nope"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn proxy_and_metrics_addresses_are_checked() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "c.toml",
                "[server]\ntrusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\", \"::1\"]\n",
            )?;
            let c = load_in_jail(jail, Some("c.toml")).unwrap();
            assert_eq!(c.trusted_proxies().unwrap().len(), 3);
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.create_file("c.toml", "[server]\ntrusted_proxies = [\"the proxy\"]\n")?;
            let err = load_in_jail(jail, Some("c.toml")).unwrap_err().to_string();
            assert!(
                err.contains("trusted_proxies") && err.contains("the proxy"),
                "{err}"
            );
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.set_env("STEWARD_SERVER__METRICS_BIND", "everywhere");
            let err = load_in_jail(jail, None).unwrap_err().to_string();
            assert!(err.contains("metrics_bind"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn secrets_from_files_and_redacted() {
        Jail::expect_with(|jail| {
            jail.create_file("pw", "s3cret-from-file\n")?;
            let pw = jail.directory().join("pw");
            jail.set_env(
                "STEWARD_MAIL__SMTP__PASSWORD_FILE",
                pw.display().to_string(),
            );
            let c = load_in_jail(jail, None).unwrap();
            assert_eq!(c.mail.smtp.password, "s3cret-from-file");
            let shown = c.redacted_toml().unwrap();
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("(redacted)"));
            Ok(())
        });
    }

    #[test]
    fn password_and_password_file_conflict() {
        Jail::expect_with(|jail| {
            jail.create_file("pw", "x")?;
            jail.set_env("STEWARD_MAIL__SMTP__PASSWORD", "y");
            jail.set_env(
                "STEWARD_MAIL__SMTP__PASSWORD_FILE",
                jail.directory().join("pw").display().to_string(),
            );
            assert!(load_in_jail(jail, None).is_err());
            Ok(())
        });
    }

    #[test]
    fn systemd_credentials_fill_the_secrets_and_never_silently_override_the_file() {
        Jail::expect_with(|jail| {
            jail.create_dir("creds")?;
            jail.create_file("creds/steward_smtp_password", "from-credential\n")?;
            jail.create_file("creds/steward_secret_key", "a2V5")?;
            let creds = jail.directory().join("creds");
            jail.set_env("CREDENTIALS_DIRECTORY", creds.display().to_string());
            let c = load_in_jail(jail, None).unwrap();
            assert_eq!(c.mail.smtp.password, "from-credential");
            assert_eq!(c.security.secret_key_file, creds.join("steward_secret_key"));

            // configured as well: which one wins would be a guess, so it is an error
            jail.set_env("STEWARD_MAIL__SMTP__PASSWORD", "from-config");
            let err = load_in_jail(jail, None).unwrap_err().to_string();
            assert!(err.contains("steward_smtp_password"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn missing_credentials_leave_the_configuration_alone() {
        Jail::expect_with(|jail| {
            jail.create_dir("empty")?;
            let empty = jail.directory().join("empty");
            jail.set_env("CREDENTIALS_DIRECTORY", empty.display().to_string());
            jail.set_env("STEWARD_MAIL__SMTP__PASSWORD", "from-config");
            let c = load_in_jail(jail, None).unwrap();
            assert_eq!(c.mail.smtp.password, "from-config");
            assert!(c.security.secret_key_file.as_os_str().is_empty());
            Ok(())
        });
    }

    #[test]
    fn the_shipped_config_toml_is_the_defaults() {
        // config.toml documents every key with its default: it must load, and change nothing.
        // Loading reads CREDENTIALS_DIRECTORY, which the credential tests set for a while:
        // Jails run one at a time, so inside one this test never sees their folder.
        Jail::expect_with(|_| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
            let from_file = Config::from_figment(
                Figment::from(Serialized::defaults(Config::default()))
                    .merge(Toml::file_exact(&path)),
            )
            .unwrap();
            assert_eq!(
                toml::to_string(&from_file).unwrap(),
                toml::to_string(&Config::default()).unwrap()
            );
            Ok(())
        });
    }
}
