//! The `steward` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use steward::config::Config;

/// Steward: a self-hosted account control panel.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// The configuration file (default: ./config.toml, then /etc/steward/config.toml).
    #[arg(long, short, global = true, env = "STEWARD_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server: HTTP API, pages and background jobs (migrations run first).
    Serve,
    /// Create the database or bring it up to date, then exit.
    Migrate,
    /// Ask the running server whether it is ready (GET /readyz on server.bind): exit 0
    /// when it is, 1 when not. For probes and scripts.
    Healthcheck,
    /// Print the OpenAPI document (JSON, or YAML with --yaml).
    Openapi {
        #[arg(long)]
        yaml: bool,
    },
    /// Configuration tools.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Manage users from the console.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Admin API tokens for scripts.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Webhook endpoints: where events are sent, signed.
    Webhook {
        #[command(subcommand)]
        command: WebhookCommand,
    },
    /// Print the manual page (roff), for packaging.
    #[command(hide = true)]
    Manpage,
    /// Copy the live database to PATH (safe while the server runs; never overwrites).
    ///
    /// Restore: stop the server, copy the backup over data_dir/steward.db (and remove
    /// steward.db-wal and steward.db-shm), put back data_dir/secret.key, start it.
    Backup { path: PathBuf },
    /// The database: moving an installation to PostgreSQL.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Copy this installation's SQLite database (stop the server first) into an empty
    /// PostgreSQL database, which is migrated first; the rows of each table are counted
    /// on both sides.
    Copy {
        /// The PostgreSQL database, e.g. postgres://steward@db.internal/steward.
        #[arg(long, value_name = "URL")]
        to: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a verified account.
    Create {
        #[arg(long)]
        email: String,
        /// Make it an admin.
        #[arg(long)]
        admin: bool,
        /// Read its password from standard input (else it has none yet).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a single-use link that lets the owner set a new password, or set one from
    /// standard input. The account's sessions end.
    ResetPassword {
        #[arg(long)]
        email: String,
        /// Read the password from standard input instead of printing a link.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts (optionally those whose email or name contains QUERY).
    List {
        #[arg(long)]
        query: Option<String>,
    },
    /// Deactivate an account: its sessions end at once and sign-in is refused.
    Deactivate {
        #[arg(long)]
        email: String,
    },
    /// Let a deactivated account sign in again.
    Reactivate {
        #[arg(long)]
        email: String,
    },
    /// Delete an account and everything it owns, for good (the server's job queue does it).
    Delete {
        #[arg(long)]
        email: String,
        /// Required: deleting can't be undone.
        #[arg(long, required = true)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an admin API token and print it (only this once).
    Create {
        #[arg(long)]
        name: String,
        /// Days until it stops working; never when absent.
        #[arg(long)]
        expires_days: Option<i64>,
    },
}

#[derive(Subcommand)]
enum WebhookCommand {
    /// Register a webhook endpoint and print its signing secret (only this once).
    Add {
        /// Where events are POSTed (http or https).
        url: String,
        /// An event type to send (repeat for several); every event when absent.
        #[arg(long = "events", value_delimiter = ',')]
        events: Vec<String>,
        #[arg(long)]
        description: Option<String>,
    },
    /// List the webhook endpoints: id, on/off, events, URL.
    List,
    /// Remove a webhook endpoint and its delivery log.
    Remove { id: String },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the effective configuration (secrets redacted) and exit non-zero if invalid.
    Check,
}

fn main() -> ExitCode {
    steward::memory::init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // the reader of a pipe (`steward openapi | head`) stopped reading: done, quietly
        Err(e) if steward::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("steward: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Openapi { yaml } => {
            let doc = if yaml {
                steward::app::openapi_yaml()
            } else {
                steward::app::openapi_json()
            };
            steward::cli::say(format_args!("{doc}"))?;
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            let config = Config::load(cli.config.as_deref())?;
            // the SMTP transport's pool is built on a runtime, as in `serve`
            runtime()?.block_on(async { steward::state::check(&config) })?;
            let toml = config.redacted_toml()?;
            steward::cli::say(format_args!("{}", toml.trim_end()))?;
            Ok(())
        }
        Command::Manpage => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(())
        }
        Command::Healthcheck => {
            let config = Config::load(cli.config.as_deref())?;
            let ready = runtime()?.block_on(steward::cli::healthcheck(&config));
            match ready {
                Ok(()) => {
                    steward::cli::say(format_args!("ready"))?;
                    Ok(())
                }
                Err(e) => {
                    eprintln!("steward: not ready: {e:#}");
                    std::process::exit(1);
                }
            }
        }
        Command::Migrate => {
            let config = Config::load(cli.config.as_deref())?;
            steward::telemetry::init(&config.log);
            runtime()?.block_on(async {
                std::fs::create_dir_all(&config.server.data_dir)?;
                let database = config.database();
                let pool =
                    steward::db::connect(&database, config.database.max_connections, None).await?;
                steward::db::migrate(&pool).await?;
                pool.close().await;
                eprintln!("steward: database {database} is up to date");
                Ok(())
            })
        }
        Command::User { command } => {
            let config = Config::load(cli.config.as_deref())?;
            steward::telemetry::init(&steward::config::LogConfig {
                level: "warn".into(),
                ..config.log.clone()
            });
            runtime()?.block_on(async move {
                match command {
                    UserCommand::Create {
                        email,
                        admin,
                        password_stdin,
                    } => steward::cli::create_user(config, &email, admin, password_stdin).await,
                    UserCommand::ResetPassword {
                        email,
                        password_stdin,
                    } => steward::cli::reset_password(config, &email, password_stdin).await,
                    UserCommand::List { query } => steward::cli::list_users(config, query).await,
                    UserCommand::Deactivate { email } => {
                        steward::cli::set_active(config, &email, false).await
                    }
                    UserCommand::Reactivate { email } => {
                        steward::cli::set_active(config, &email, true).await
                    }
                    UserCommand::Delete { email, .. } => {
                        steward::cli::delete_user(config, &email).await
                    }
                }
            })
        }
        Command::Token {
            command: TokenCommand::Create { name, expires_days },
        } => {
            let config = Config::load(cli.config.as_deref())?;
            steward::telemetry::init(&steward::config::LogConfig {
                level: "warn".into(),
                ..config.log.clone()
            });
            runtime()?.block_on(steward::cli::create_token(config, &name, expires_days))
        }
        Command::Webhook { command } => {
            let config = Config::load(cli.config.as_deref())?;
            steward::telemetry::init(&steward::config::LogConfig {
                level: "warn".into(),
                ..config.log.clone()
            });
            runtime()?.block_on(async {
                match command {
                    WebhookCommand::Add {
                        url,
                        events,
                        description,
                    } => steward::cli::add_webhook(config, &url, events, description).await,
                    WebhookCommand::List => steward::cli::list_webhooks(config).await,
                    WebhookCommand::Remove { id } => {
                        steward::cli::remove_webhook(config, &id).await
                    }
                }
            })
        }
        Command::Backup { path } => {
            let config = Config::load(cli.config.as_deref())?;
            runtime()?.block_on(steward::cli::backup(config, &path))
        }
        Command::Db {
            command: DbCommand::Copy { to },
        } => {
            let config = Config::load(cli.config.as_deref())?;
            runtime()?.block_on(steward::cli::copy_database(config, &to))
        }
        Command::Serve => {
            let config = Config::load(cli.config.as_deref())?;
            steward::telemetry::init(&config.log);
            runtime()?.block_on(steward::app::run(config))
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
