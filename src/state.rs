//! What every request and job shares: the database, configuration, clock, hashing,
//! mail, templates and the rest, and how they are opened at start-up. Imported by
//! api/, pages/, service/ and jobs/; it imports none of them.

use std::sync::Arc;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::PasswordHasher;
use crate::crypto::secret_box::SecretBox;
use crate::db;
use crate::ip_limit::IpLimiter;
use crate::mail::Mailer;
use crate::templates::Templates;

/// What every request and job shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Pool,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub hasher: PasswordHasher,
    pub mailer: Arc<Mailer>,
    pub templates: Arc<Templates>,
    /// Job work under way; shutdown waits for it (see `jobs::run`).
    pub tasks: tokio_util::task::TaskTracker,
    /// Cancelled when shutdown begins: HTTP stops accepting and jobs start no new work.
    pub stopping: CancellationToken,
    /// Seals TOTP secrets at rest under the server key.
    pub secrets: SecretBox,
    /// Sign-in and similar attempts per client IP.
    pub ip_limiter: IpLimiter,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Rings when a job is queued through `db`: the workers fetch it at once.
    pub job_bell: db::JobBell,
    /// Read-only connections for the session lookup of every authenticated request.
    pub readers: db::Readers,
    /// Sends webhooks: no redirects, the configured timeout, internal addresses refused.
    pub webhook_client: reqwest::Client,
    /// The WebAuthn relying party; None when `public_url` is on an IP address, where
    /// browsers refuse passkeys.
    pub passkeys: Option<Arc<webauthn_rs::Webauthn>>,
}

impl AppState {
    /// Opens the data folder and the database (applying migrations) and builds the
    /// services. Fails with a clear message when the folder can't be written.
    pub async fn open(config: Config, clock: Clock) -> anyhow::Result<Self> {
        let data_dir = &config.server.data_dir;
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        ensure_room(data_dir)?;
        // before the database: on PostgreSQL a key must be configured
        let secrets = SecretBox::from_config(&config)?;
        let job_bell = db::JobBell::new();
        let database = config.database();
        let db = db::connect(
            &database,
            config.database.max_connections,
            Some(job_bell.clone()),
        )
        .await?;
        db::migrate(&db).await?;
        let readers = db::Readers::open(&db).await?;
        let templates = Templates::new(Some(&config.server.templates_dir), &config.i18n)?;
        let mailer = Mailer::new(&config)?;
        let hasher = PasswordHasher::new(&config.security)?;
        check_server_key(&db, &secrets, clock.now()).await?;
        let ip_limiter = IpLimiter::new(config.security.sign_in_per_ip_per_minute);
        let webhook_client = crate::outbound::client(
            config.webhooks.allow_private_addresses,
            std::time::Duration::from_secs(config.webhooks.timeout_seconds),
        )?;
        let passkeys = crate::crypto::passkey::relying_party(
            config.public_url(),
            &config.security.totp_issuer,
        )
        .context("server.public_url cannot be a WebAuthn relying party")?;
        Ok(Self {
            db,
            config: Arc::new(config),
            clock,
            hasher,
            mailer: Arc::new(mailer),
            templates: Arc::new(templates),
            tasks: tokio_util::task::TaskTracker::new(),
            stopping: CancellationToken::new(),
            secrets,
            ip_limiter,
            metrics: Arc::default(),
            job_bell,
            readers,
            webhook_client,
            passkeys,
        })
    }
}

/// What [`AppState::open`] would refuse of `config`, checked without opening the
/// database or creating anything (`steward config check`): the templates folder, the
/// mail settings, the argon2 parameters, the server key and the data folder's kind.
pub fn check(config: &Config) -> anyhow::Result<()> {
    let data_dir = &config.server.data_dir;
    if data_dir.exists() && !data_dir.is_dir() {
        anyhow::bail!("server.data_dir {} is not a folder", data_dir.display());
    }
    Templates::new(Some(&config.server.templates_dir), &config.i18n)?;
    Mailer::new(config)?;
    crate::crypto::argon2_params(&config.security)?;
    SecretBox::check(config)?;
    Ok(())
}

/// What the seal holds: a constant, sealed under the server key.
const SEALED_CONSTANT: &[u8] = b"steward server key";

/// Refuses a server key other than the one the database was first used with (whose
/// seal the first start wrote): secrets sealed under it would be unreadable. Every
/// instance on one database must share the key.
async fn check_server_key(
    pool: &db::Pool,
    secrets: &SecretBox,
    now: crate::clock::Timestamp,
) -> anyhow::Result<()> {
    let mut tx = db::begin_write(pool, db::Lock::Global).await?;
    let sealed = match db::seal::find(&mut tx).await? {
        Some(sealed) => sealed,
        None => {
            db::seal::insert(&mut tx, &secrets.seal(SEALED_CONSTANT)?, now).await?;
            db::seal::find(&mut tx)
                .await?
                .context("the server key's seal was not written")?
        }
    };
    tx.commit().await?;
    match secrets.open(&sealed) {
        Ok(opened) if opened == SEALED_CONSTANT => Ok(()),
        _ => anyhow::bail!(
            "the server key is not the one this database was first used with: configure \
             that key again (security.secret_key, secret_key_file or the steward_secret_key \
             credential; on SQLite it may be data_dir/secret.key). With another key, the \
             authenticator apps and webhook signing keys stored here cannot be read"
        ),
    }
}

/// Room the data folder must have at start-up, for the database to grow and SQLite's
/// write-ahead log.
const START_UP_ROOM: usize = 1 << 20;

/// Fails, naming the folder and what is wrong with it, when the data folder is read-only
/// or full: SQLite alone would say "unable to open database file" or fail halfway
/// through a migration.
fn ensure_room(dir: &std::path::Path) -> anyhow::Result<()> {
    use std::io::{ErrorKind, Write};
    let probe = dir.join(".steward-space-check");
    let chunk = vec![0; 64 * 1024];
    let written = std::fs::File::create(&probe)
        .and_then(|mut f| (0..START_UP_ROOM / chunk.len()).try_for_each(|_| f.write_all(&chunk)));
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| {
        let what = match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                "has less than 1 MiB free: free some space (the database lives there)"
            }
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                "is not writable: the database lives there (server.data_dir; under systemd, \
                 StateDirectory= makes it)"
            }
            _ => "can not be written",
        };
        anyhow::anyhow!("the data folder {} {what} ({e})", dir.display())
    })
}
