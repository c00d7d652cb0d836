//! Integration tests: the real server on a loopback port, a real SQLite file, real SMTP.

mod account;
mod admin;
mod admin_links;
mod admin_list;
mod admin_page;
mod bad_input;
mod commands;
mod console;
mod credentials;
mod email_change;
mod faults;
mod guards;
mod hosting;
mod logs;
mod metrics;
mod openapi;
mod outbox;
mod pages_errors;
mod password_reset;
mod proxy;
mod registration;
mod sessions;
mod support;
mod two_factor;
