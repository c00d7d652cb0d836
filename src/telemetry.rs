//! Logging: human-readable lines by default, JSON with `[log] format = "json"`.
//! Every line of a request carries its request id (the span the middleware opens).

use std::ffi::OsString;
use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber; RUST_LOG, when set, overrides `[log] level`.
pub fn init(config: &LogConfig) {
    let from_env = std::env::var("RUST_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let directives = match from_env {
        Some(rust_log) if EnvFilter::try_new(&rust_log).is_ok() => rust_log,
        Some(rust_log) => {
            eprintln!(
                "steward: RUST_LOG {rust_log:?} is not a log filter; using log.level {:?}",
                config.level
            );
            config.level.clone()
        }
        // the loaded configuration's level is a valid filter (Config::load checks it)
        None => config.level.clone(),
    };
    let filter = quiet_poem(
        EnvFilter::try_new(&directives).unwrap_or_else(|_| EnvFilter::new("info")),
        &directives,
    );
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR"),
        ));
    let _ = match config.format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
    };
}

/// poem's server announces each listener, its start and its stop at info level, beside
/// Steward's own "listening" line: the same news twice. Unless the filter names poem,
/// only its warnings and errors are shown.
fn quiet_poem(filter: EnvFilter, directives: &str) -> EnvFilter {
    if directives.contains("poem") {
        return filter;
    }
    match "poem::server=warn".parse() {
        Ok(directive) => filter.add_directive(directive),
        Err(_) => filter,
    }
}

/// Whether log lines carry colour codes. Only on a terminal: in a file, a pipe or the
/// journal they are noise around every word. And never when `NO_COLOR` holds anything
/// (no-color.org: an empty value counts as unset).
fn colour(stderr_is_terminal: bool, no_color: Option<OsString>) -> bool {
    stderr_is_terminal && no_color.is_none_or(|value| value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::colour;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour(true, None));
        assert!(colour(true, Some("".into())), "an empty NO_COLOR is unset");
        assert!(!colour(true, Some("1".into())));
        assert!(!colour(false, None), "a file, a pipe, the journal");
        assert!(!colour(false, Some("1".into())));
    }
}
