//! Loading: built-in defaults, then config.toml, then the `STEWARD_*` environment; a key
//! no section knows is an error naming it, and a loaded configuration is a valid one.

use std::path::{Path, PathBuf};

use anyhow::bail;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};

use super::Config;

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
        config.resolve_database_url()?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> anyhow::Result<()> {
        check_public_url(&self.server.public_url)?;
        tracing_subscriber::EnvFilter::try_new(&self.log.level).map_err(|e| {
            anyhow::anyhow!(
                "log.level {:?} is not a log filter (like `info` or `steward=debug,info`): {e}",
                self.log.level
            )
        })?;
        self.configured_server_key()?;
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
        if self.jobs.heartbeat_seconds == 0 || self.jobs.lost_after_seconds < 1 {
            bail!("jobs.heartbeat_seconds and jobs.lost_after_seconds must be at least 1");
        }
        if self.jobs.deletion_batch_size < 1 {
            bail!("jobs.deletion_batch_size must be at least 1");
        }
        if self.webhooks.keep_deliveries_days == 0 {
            bail!("webhooks.keep_deliveries_days must be at least 1");
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
}

/// `server.public_url` begins every link in mail: an absolute http(s) URL with a host,
/// and nothing after the path (a query or fragment would end up in the middle of links).
fn check_public_url(raw: &str) -> anyhow::Result<()> {
    let wrong = |why: &str| {
        anyhow::anyhow!(
            "server.public_url {raw:?} {why}: it must be an absolute http:// or https:// URL, \
             like https://accounts.example.org"
        )
    };
    if raw.trim() != raw {
        return Err(wrong("has spaces around it"));
    }
    let url = url::Url::parse(raw).map_err(|e| wrong(&format!("is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(wrong("does not start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(wrong("has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(wrong("has a query, a fragment or a user name"));
    }
    Ok(())
}
