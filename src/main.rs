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
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the effective configuration (secrets redacted) and exit non-zero if invalid.
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
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
            println!("{doc}");
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            let config = Config::load(cli.config.as_deref())?;
            print!("{}", config.redacted_toml()?);
            Ok(())
        }
        Command::Migrate => {
            let config = Config::load(cli.config.as_deref())?;
            steward::telemetry::init(&config.log);
            runtime()?.block_on(async {
                std::fs::create_dir_all(&config.server.data_dir)?;
                let pool = steward::db::connect(&config.database_path()).await?;
                steward::db::migrate(&pool).await?;
                pool.close().await;
                eprintln!(
                    "steward: database {} is up to date",
                    config.database_path().display()
                );
                Ok(())
            })
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
