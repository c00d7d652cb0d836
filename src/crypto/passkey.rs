//! The WebAuthn relying party (webauthn-rs) of this deployment, built from `public_url`.

use std::sync::Arc;

use url::{Host, Url};
use webauthn_rs::{Webauthn, WebauthnBuilder};

/// The relying party: id = the public URL's host, origin = the public URL. None when the
/// host is an IP address, which browsers refuse as a relying party id: passkeys are then
/// unavailable (and the console hides them).
pub fn relying_party(public_url: &str, name: &str) -> anyhow::Result<Option<Arc<Webauthn>>> {
    let url = Url::parse(public_url)?;
    let rp_id = match url.host() {
        Some(Host::Domain(domain)) => domain.to_owned(),
        _ => return Ok(None),
    };
    // the origin is scheme://host[:port]: a public URL with a path still has its origin
    let origin = Url::parse(&url.origin().ascii_serialization())?;
    let webauthn = WebauthnBuilder::new(&rp_id, &origin)?
        .rp_name(name)
        .build()?;
    Ok(Some(Arc::new(webauthn)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ip_address_has_no_relying_party() {
        assert!(
            relying_party("http://127.0.0.1:8080", "S")
                .unwrap()
                .is_none()
        );
        assert!(relying_party("http://[::1]:8080", "S").unwrap().is_none());
        assert!(
            relying_party("http://localhost:8080", "S")
                .unwrap()
                .is_some()
        );
        assert!(
            relying_party("https://accounts.example.org/base", "S")
                .unwrap()
                .is_some()
        );
    }
}
