//! Configuration: its sections and their defaults, the `Config` of one process.
//!
//! Every key has a default, so `steward serve` runs with no file at all. load.rs reads
//! defaults → config.toml → `STEWARD_*` environment and names any unknown key; secrets.rs
//! takes secrets from files (`*_file`) or systemd credentials (`steward_smtp_password`,
//! `steward_secret_key`).

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

mod database;
mod jobs;
mod load;
mod secrets;
#[cfg(test)]
mod tests;
mod webhooks;

pub use database::{Database, DatabaseConfig, redact_url};
pub use jobs::JobsConfig;
pub use webhooks::WebhooksConfig;

pub use secrets::{
    CREDENTIAL_SECRET_KEY, CREDENTIAL_SMTP_PASSWORD, decode_server_key, read_secret_file,
};

/// The effective configuration of one process.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub mail: MailConfig,
    pub security: SecurityConfig,
    pub jobs: JobsConfig,
    pub webhooks: WebhooksConfig,
    pub log: LogConfig,
    pub terms: TermsConfig,
    pub console: ConsoleConfig,
    pub i18n: I18nConfig,
    pub plans: Vec<PlanConfig>,
    /// The systemd credentials the secrets were read from (for the start-up log).
    #[serde(skip)]
    pub credentials_used: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            server: ServerConfig::default(),
            database: DatabaseConfig::default(),
            mail: MailConfig::default(),
            security: SecurityConfig::default(),
            jobs: JobsConfig::default(),
            webhooks: WebhooksConfig::default(),
            log: LogConfig::default(),
            terms: TermsConfig::default(),
            console: ConsoleConfig::default(),
            i18n: I18nConfig::default(),
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
            public_url: "http://localhost:8080".into(),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for people, coloured only on a terminal and never with `NO_COLOR` set.
    Human,
    /// One JSON object a line, for a log collector.
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

/// The account console and the mail: what the product is called, and where people get
/// help (shown in every page's footer and at the end of every mail when set).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsoleConfig {
    pub product_name: String,
    /// A page where people get help, e.g. `https://example.org/help`.
    pub support_url: String,
    /// An address people write to for help, used when `support_url` is empty.
    pub support_email: String,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self {
            product_name: "Steward".into(),
            support_url: String::new(),
            support_email: String::new(),
        }
    }
}

impl ConsoleConfig {
    /// The product's name: the configured one, or "Steward" when it is left blank.
    pub fn product_name(&self) -> &str {
        match self.product_name.trim() {
            "" => "Steward",
            name => name,
        }
    }

    /// Where to get help, as a link: the support page, else a mailto: link, else none.
    pub fn support_link(&self) -> Option<String> {
        let url = self.support_url.trim();
        let email = self.support_email.trim();
        if !url.is_empty() {
            Some(url.to_owned())
        } else if !email.is_empty() {
            Some(format!("mailto:{email}"))
        } else {
            None
        }
    }

    /// What the support link says: the address, or the page's address.
    pub fn support_label(&self) -> Option<String> {
        let url = self.support_url.trim();
        let email = self.support_email.trim();
        if !url.is_empty() {
            Some(url.to_owned())
        } else if !email.is_empty() {
            Some(email.to_owned())
        } else {
            None
        }
    }
}

/// The languages of pages and mail: which ones people may choose, and the one for
/// everyone who has not (an account without a locale, a browser asking for none of them).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct I18nConfig {
    pub default_locale: String,
    /// Offered in the language picker and accepted as an account's `locale`; each one
    /// ships with Steward or has its messages in the templates folder.
    pub available: Vec<String>,
}

impl Default for I18nConfig {
    fn default() -> Self {
        Self {
            default_locale: "en".into(),
            available: ["en", "de", "fr", "es"].map(String::from).to_vec(),
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

impl Config {
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

    /// The effective configuration as TOML, with every secret replaced.
    pub fn redacted_toml(&self) -> anyhow::Result<String> {
        let mut copy = self.clone();
        copy.mail.smtp.password = redact(&copy.mail.smtp.password).into();
        copy.security.secret_key = redact(&copy.security.secret_key).into();
        copy.database.url = redact_url(&copy.database.url);
        Ok(toml::to_string_pretty(&copy)?)
    }
}

fn redact(secret: &str) -> &'static str {
    if secret.is_empty() { "" } else { "(redacted)" }
}
