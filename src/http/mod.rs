//! What the API and the pages share over HTTP: who is calling, and how a domain error
//! answers. Nothing below (service/, jobs/, db/) imports it.

pub mod client;
pub mod error;
