//! The commands for the person at the console: users, API tokens, backups. They open
//! the database directly (with the server running or not); mail they cause is sent by
//! the server's queue.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};

use crate::clock::{Clock, Timestamp};
use crate::config::{Config, Database};
use crate::db::admin::UserFilter;
use crate::service::admin::{self, Actor, NewUser};
use crate::service::webhooks::endpoints;
use crate::service::{ClientInfo, Page};
use crate::state::AppState;

async fn open(config: Config) -> anyhow::Result<AppState> {
    AppState::open(config, Clock::system()).await
}

fn read_password_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("reading the password from stdin")?;
    let password = text.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!("no password on stdin");
    }
    Ok(password)
}

/// Writes one line to standard output. A reader that went away (`steward … | head`)
/// is an error the caller passes up, which `main` ends on quietly; `println!` panics.
pub fn say(line: std::fmt::Arguments<'_>) -> anyhow::Result<()> {
    use std::io::Write as _;
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

/// Whether `err` is a write to a pipe whose reader closed it.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn console() -> ClientInfo {
    ClientInfo {
        ip: None,
        user_agent: Some("steward (console)".into()),
    }
}

/// `steward user create`: a verified account, with a password from stdin or none.
pub async fn create_user(
    config: Config,
    email: &str,
    is_admin: bool,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let password = if password_stdin {
        Some(read_password_stdin()?)
    } else {
        None
    };
    let state = open(config).await?;
    let user = admin::create_user(
        &state,
        &Actor::Console,
        NewUser {
            email: email.to_owned(),
            display_name: None,
            password,
            is_admin,
            email_verified: true,
            send_invite: false,
            locale: None,
        },
        &console(),
    )
    .await
    .map_err(describe)?;
    say(format_args!(
        "created {} ({}){}",
        user.account.email,
        user.account.id,
        if is_admin { ", admin" } else { "" }
    ))?;
    if user.account.password_hash.is_none() {
        say(format_args!(
            "it has no password yet: `steward user reset-password --email {email}` prints a link to set one"
        ))?;
    }
    Ok(())
}

/// `steward user reset-password`: with `--password-stdin` sets that password; without,
/// prints a single-use link to a page where the person chooses one. Either way, every
/// session of the account ends (the link's, once it is used).
pub async fn reset_password(
    config: Config,
    email: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let password = if password_stdin {
        Some(read_password_stdin()?)
    } else {
        None
    };
    let state = open(config).await?;
    let id = find(&state, email).await?;
    match password {
        Some(password) => {
            admin::set_password(&state, &Actor::Console, id, &password, true, &console())
                .await
                .map_err(describe)?;
            say(format_args!(
                "password set for {email}; every session of the account ended"
            ))?;
        }
        None => {
            let link = admin::console_password_link(&state, id, &console())
                .await
                .map_err(describe)?;
            let minutes = state.config.security.password_reset_ttl_minutes;
            eprintln!(
                "Hand this link to the owner of {email}; it works once, for {minutes} minutes:"
            );
            say(format_args!("{link}"))?;
        }
    }
    Ok(())
}

/// `steward user deactivate` and `reactivate`.
pub async fn set_active(config: Config, email: &str, active: bool) -> anyhow::Result<()> {
    let state = open(config).await?;
    let id = find(&state, email).await?;
    admin::set_active(&state, &Actor::Console, id, active, &console())
        .await
        .map_err(describe)?;
    if active {
        say(format_args!("{email} can sign in again"))?;
    } else {
        say(format_args!(
            "{email} is deactivated; every session of the account ended"
        ))?;
    }
    Ok(())
}

/// `steward user delete --yes`: marks the account; the server's deletion job removes it.
pub async fn delete_user(config: Config, email: &str) -> anyhow::Result<()> {
    let state = open(config).await?;
    let id = find(&state, email).await?;
    admin::delete_user(&state, &Actor::Console, id, &console())
        .await
        .map_err(describe)?;
    say(format_args!(
        "{email} is being deleted, with everything it owns"
    ))?;
    Ok(())
}

/// `steward healthcheck`: GET /readyz on the configured address, over plain HTTP/1.0.
pub async fn healthcheck(config: &Config) -> anyhow::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut addr = config.server.bind;
    // a wildcard bind answers on loopback
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            std::net::SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let probe = async {
        let mut stream = tokio::net::TcpStream::connect(addr)
            .await
            .with_context(|| format!("nothing answers on {addr}"))?;
        stream
            .write_all(format!("GET /readyz HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
            .await?;
        let mut head = vec![0u8; 64];
        let n = stream.read(&mut head).await?;
        let line = String::from_utf8_lossy(&head[..n]);
        let status = line.split_whitespace().nth(1).unwrap_or("").to_owned();
        anyhow::Ok(status)
    };
    let status = tokio::time::timeout(std::time::Duration::from_secs(5), probe)
        .await
        .context("no answer within 5 s")??;
    if status == "200" {
        Ok(())
    } else {
        bail!("/readyz answered {status}")
    }
}

/// `steward user list`
pub async fn list_users(config: Config, query: Option<String>) -> anyhow::Result<()> {
    let state = open(config).await?;
    let filter = UserFilter {
        query,
        status: None,
    };
    let mut cursor = None;
    say(format_args!(
        "{:<36}  {:<32}  {:<11}  {:<5}  {:<3}",
        "id", "email", "status", "admin", "2fa"
    ))?;
    loop {
        let (users, next, _) = admin::users(&state, filter.clone(), Page::new(Some(200), cursor))
            .await
            .map_err(describe)?;
        for u in users {
            let a = &u.account;
            say(format_args!(
                "{:<36}  {:<32}  {:<11}  {:<5}  {:<3}",
                a.id.to_string(),
                a.email,
                a.status,
                if a.is_admin { "yes" } else { "" },
                if u.two_factor_enabled { "on" } else { "" }
            ))?;
        }
        match next {
            Some(id) => cursor = Some(id.to_string()),
            None => return Ok(()),
        }
    }
}

/// `steward token create`: prints the token once.
pub async fn create_token(
    config: Config,
    name: &str,
    expires_days: Option<i64>,
) -> anyhow::Result<()> {
    let state = open(config).await?;
    let expires = expires_days.map(|d| Timestamp(state.clock.now().0 + d * 86_400));
    let (token, secret) =
        admin::create_api_token(&state, &Actor::Console, name, expires, &console())
            .await
            .map_err(describe)?;
    eprintln!(
        "API token {:?} ({}); it is shown only now:",
        token.name, token.id
    );
    say(format_args!("{secret}"))?;
    Ok(())
}

/// `steward webhook add URL`: registers an endpoint and prints its secret (only now).
pub async fn add_webhook(
    config: Config,
    url: &str,
    events: Vec<String>,
    description: Option<String>,
) -> anyhow::Result<()> {
    let state = open(config).await?;
    let input = endpoints::NewEndpoint {
        url: url.to_owned(),
        events: if events.is_empty() {
            vec!["*".into()]
        } else {
            events
        },
        description,
        enabled: None,
    };
    let (endpoint, secret) = endpoints::create(&state, &Actor::Console, input, &console())
        .await
        .map_err(describe)?;
    eprintln!(
        "webhook {} for {} ({}); its secret is shown only now:",
        endpoint.id,
        endpoint.url,
        endpoint.events.join(", ")
    );
    say(format_args!("{secret}"))?;
    Ok(())
}

/// `steward webhook list`: one endpoint a line (id, on/off, events, URL).
pub async fn list_webhooks(config: Config) -> anyhow::Result<()> {
    let state = open(config).await?;
    for e in endpoints::list(&state).await.map_err(describe)? {
        let on = if e.enabled { "on" } else { "off" };
        say(format_args!(
            "{}\t{on}\t{}\t{}",
            e.id,
            e.events.join(","),
            e.url
        ))?;
    }
    Ok(())
}

/// `steward webhook remove ID`.
pub async fn remove_webhook(config: Config, id: &str) -> anyhow::Result<()> {
    let state = open(config).await?;
    let id = id.parse().context("not a webhook id")?;
    endpoints::delete(&state, &Actor::Console, id, &console())
        .await
        .map_err(describe)?;
    eprintln!("webhook {id} removed");
    Ok(())
}

/// `steward backup PATH`: a consistent copy of the live database (VACUUM INTO), also
/// while the server writes. Refuses to overwrite.
pub async fn backup(config: Config, path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!(
            "{} exists already: choose a new file (a backup never overwrites)",
            path.display()
        );
    }
    let database = config.database();
    if let Database::Postgres(_) = database {
        bail!(
            "steward backup copies the SQLite file; this installation runs on PostgreSQL: \
             back it up with pg_dump (README, \"Backups\")"
        );
    }
    let db = crate::db::connect(&database, 1, None).await?;
    let target = path.to_str().context("the backup path is not UTF-8")?;
    crate::db::backup_into(&db, target)
        .await
        .with_context(|| format!("writing the backup to {}", path.display()))?;
    db.close().await;
    let key = config.server.data_dir.join("secret.key");
    say(format_args!("backup written to {}", path.display()))?;
    if config.security.secret_key.is_empty()
        && config.security.secret_key_file.as_os_str().is_empty()
        && key.exists()
    {
        say(format_args!(
            "also keep a copy of {}: without it, authenticator apps stop working",
            key.display()
        ))?;
    }
    Ok(())
}

async fn find(state: &AppState, email: &str) -> anyhow::Result<crate::ids::AccountId> {
    let mut conn = state.db.acquire().await?;
    crate::db::accounts::find_by_email(&mut conn, email.trim())
        .await?
        .map(|a| a.id)
        .with_context(|| format!("no account with the address {email}"))
}

fn describe(err: crate::service::Error) -> anyhow::Error {
    match err {
        crate::service::Error::Validation(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        crate::service::Error::Internal(e) => e,
        other => anyhow::anyhow!("{other}"),
    }
}

/// `steward db copy --to URL`: this SQLite installation into an empty PostgreSQL
/// database, migrated first (and the SQLite file brought up to date first, so both
/// have the same tables).
pub async fn copy_database(config: Config, to: &str) -> anyhow::Result<()> {
    let Database::Sqlite(path) = config.database() else {
        bail!(
            "this installation runs on PostgreSQL already (database.url): db copy reads a SQLite one"
        );
    };
    if !path.exists() {
        bail!("no database at {}: nothing to copy", path.display());
    }
    let target_database = Database::Postgres(to.to_owned());
    let source = crate::db::connect(&Database::Sqlite(path.clone()), 2, None).await?;
    crate::db::migrate(&source).await?;
    let target = crate::db::connect(&target_database, 2, None).await?;
    crate::db::migrate(&target)
        .await
        .with_context(|| format!("migrating {target_database}"))?;
    let copied = crate::db::copy::sqlite_to_postgres(&source, &target).await?;
    source.close().await;
    target.close().await;
    let total: i64 = copied.iter().map(|(_, n)| n).sum();
    for (table, rows) in &copied {
        say(format_args!("{table}: {rows}"))?;
    }
    say(format_args!(
        "copied {total} rows in {} tables from {} to {target_database}, each table counted on both sides",
        copied.len(),
        path.display()
    ))?;
    if config.configured_server_key()?.is_none() {
        let key = config.server.data_dir.join("secret.key");
        say(format_args!(
            "the server key is {}: PostgreSQL needs it configured, e.g. \
             security.secret_key_file = {:?} (or the steward_secret_key credential)",
            key.display(),
            key.display().to_string()
        ))?;
    }
    say(format_args!(
        "next: set database.url to the new database and start the server; the mail, webhooks and deletions still to do resume there"
    ))?;
    Ok(())
}
