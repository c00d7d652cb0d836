//! Integration tests: the real server on a loopback port, a real SQLite file, real SMTP.

mod account;
mod bad_input;
mod credentials;
mod openapi;
mod outbox;
mod registration;
mod sessions;
mod support;
mod two_factor;
