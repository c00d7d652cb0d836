//! What the API and the pages share over HTTP: who is calling, and how a domain error
//! answers. Nothing below (service/, jobs/, db/) imports it.

pub mod client;
pub mod error;
pub mod locale;

/// The pages' Content-Security-Policy. Strict: our own stylesheet and nothing else, no
/// script, no frame; forms post only back here; images only ours (the one QR code page
/// adds `data:`, see `pages::render::allow_data_images`).
pub const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                            form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
