//! Steward: a self-hosted account control panel in one binary.

/// The HTTP API (poem-openapi), its error body and middleware.
pub mod api;
/// The running app: shared state, routes, serving and shutdown.
pub mod app;
/// The console commands: users, API tokens, backups.
pub mod cli;
/// The clock every lifetime is measured with.
pub mod clock;
/// Configuration from defaults, config.toml and the environment.
pub mod config;
/// Password hashing, random tokens and digests.
pub mod crypto;
/// SQLite: pool, migrations, SQL per table family.
pub mod db;
/// What the API and the pages share over HTTP.
pub mod http;
/// Languages: Fluent messages and the choice of one.
pub mod i18n;
/// Typed UUIDv7 identifiers.
pub use steward_store::ids;
/// Attempts per client IP.
pub mod ip_limit;
/// The job queue, its workers and the sweep.
pub mod jobs;
/// Rendering and sending mail.
pub mod mail;

/// Returning freed memory to the operating system.
pub mod memory;
/// Prometheus metrics.
pub mod metrics;
/// Outbound HTTP for webhooks, guarded against SSRF.
pub mod outbound;
/// The HTML pages that email links open.
pub mod pages;
/// Business rules.
pub mod service;
/// What every request and job shares, and its construction.
pub mod state;
/// Logging setup.
pub mod telemetry;
/// Embedded, overridable templates.
pub mod templates;
/// Enums with one string form each.
pub use steward_store::text_enum;
