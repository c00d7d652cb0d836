//! `[database]`: SQLite in the data folder (the default), or a PostgreSQL server that
//! several instances share.

use std::path::PathBuf;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use super::Config;
use super::secrets::read_secret_file;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// Empty: SQLite at `data_dir/steward.db`. `postgres://user@host/db`: PostgreSQL,
    /// the job queue included.
    pub url: String,
    /// A file holding the URL (which may carry a password), instead of `url`.
    pub url_file: PathBuf,
    /// Connections each instance opens at most; 0: 8 on SQLite, 16 on PostgreSQL.
    pub max_connections: u32,
}

/// Where the data lives, as the configuration says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl std::fmt::Display for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => f.write_str(&redact_url(url)),
        }
    }
}

impl Config {
    /// The database in use: PostgreSQL when `database.url` is set, else the SQLite file
    /// in the data folder.
    pub fn database(&self) -> Database {
        if self.database.url.is_empty() {
            Database::Sqlite(self.database_path())
        } else {
            Database::Postgres(self.database.url.clone())
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.server.data_dir.join("steward.db")
    }

    /// Reads `database.url_file` into `database.url` and checks the URL's scheme.
    pub(super) fn resolve_database_url(&mut self) -> anyhow::Result<()> {
        let database = &mut self.database;
        if !database.url_file.as_os_str().is_empty() {
            if !database.url.is_empty() {
                bail!("database: set either url or url_file, not both");
            }
            database.url = read_secret_file(&database.url_file).context("database.url_file")?;
        }
        let url = database.url.trim();
        if !url.is_empty() && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
            bail!(
                "database.url must be empty (SQLite in server.data_dir) or a postgres:// URL, \
                 not {:?}",
                redact_url(url)
            );
        }
        database.url = url.to_owned();
        Ok(())
    }
}

/// A database URL with its password, if any, replaced: safe for logs and `config show`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:(redacted)@{host}{tail}")
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_in_a_log_never_shows_its_password() {
        assert_eq!(
            redact_url("postgres://steward:hunter2@db.internal:5432/steward?sslmode=require"),
            "postgres://steward:(redacted)@db.internal:5432/steward?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://steward@db/steward"),
            "postgres://steward@db/steward"
        );
    }

    #[test]
    fn only_postgres_urls_are_taken() {
        let mut config = Config::default();
        config.database.url = "mysql://root:pw@db/x".into();
        let err = config.resolve_database_url().unwrap_err().to_string();
        assert!(err.contains("postgres://"), "{err}");
        assert!(
            !err.contains("pw@"),
            "the password stays out of the message: {err}"
        );
        config.database.url = " postgres://s@db/steward ".into();
        config.resolve_database_url().unwrap();
        assert_eq!(
            config.database(),
            Database::Postgres("postgres://s@db/steward".into())
        );
    }
}
