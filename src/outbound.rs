//! Outbound HTTP for webhooks, guarded against server-side request forgery: only http
//! and https, every resolved address checked before connecting (loopback, private,
//! link-local, multicast, unspecified and similar ranges refused unless allowed), the
//! checked addresses are the ones connected to (no second lookup), no redirects, no
//! proxy, a timeout.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Why a URL or an address may not be called.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("not a valid URL")]
    Invalid,
    #[error("only http and https URLs are allowed")]
    Scheme,
    #[error("the URL has no host")]
    NoHost,
    #[error("{0} is a loopback, private, link-local or otherwise internal address")]
    Internal(IpAddr),
}

/// Whether `ip` is an address a webhook must not reach without
/// `allow_private_addresses`: anything but a public unicast address.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => internal_v6(v6),
    }
}

fn internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

fn internal_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // forms that carry an IPv4 address: judged by that address
    if let Some(v4) = ip.to_ipv4_mapped() {
        return internal_v4(v4);
    }
    let embedded = |hi: u16, lo: u16| Ipv4Addr::from(((hi as u32) << 16) | lo as u32);
    if s[0..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified() {
        // IPv4-compatible (deprecated), ::a.b.c.d
        return internal_v4(embedded(s[6], s[7]));
    }
    if s[0] == 0x64 && s[1] == 0xff9b {
        // NAT64 well-known prefix
        return internal_v4(embedded(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        // 6to4
        return internal_v4(embedded(s[1], s[2]));
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] == 0) // Teredo: tunnels to anywhere
        || (s[0] == 0x0100 && s[1..4] == [0, 0, 0]) // discard
}

/// Parses a webhook URL: http or https, with a host. An IP address as the host is
/// checked here; a name is checked when it is resolved ([`check_resolved`], and at every
/// connection by the client's resolver).
pub fn parse_url(raw: &str, allow_internal: bool) -> Result<Url, Refusal> {
    let url = Url::parse(raw.trim()).map_err(|_| Refusal::Invalid)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Scheme);
    }
    match url.host() {
        None => return Err(Refusal::NoHost),
        Some(Host::Ipv4(ip)) => check_ip(IpAddr::V4(ip), allow_internal)?,
        Some(Host::Ipv6(ip)) => check_ip(IpAddr::V6(ip), allow_internal)?,
        Some(Host::Domain(_)) => {}
    }
    Ok(url)
}

fn check_ip(ip: IpAddr, allow_internal: bool) -> Result<(), Refusal> {
    if !allow_internal && is_internal(ip) {
        return Err(Refusal::Internal(ip));
    }
    Ok(())
}

/// Resolves the URL's host now and checks every address. A name that does not resolve
/// (in 3 s) passes: it may exist later, and every connection checks again.
pub async fn check_resolved(url: &Url, allow_internal: bool) -> Result<(), Refusal> {
    let Some(Host::Domain(name)) = url.host() else {
        return Ok(());
    };
    // a slow resolver must not hold the admin's request: the send checks again anyway
    let lookup = tokio::time::timeout(Duration::from_secs(3), tokio::net::lookup_host((name, 0)));
    if let Ok(Ok(addrs)) = lookup.await {
        for addr in addrs {
            check_ip(addr.ip(), allow_internal)?;
        }
    }
    Ok(())
}

/// Resolves names for the webhook client and refuses a name with any internal
/// address, so the addresses connected to are the checked ones.
struct GuardedResolver {
    allow_internal: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let allow_internal = self.allow_internal;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            for addr in &addrs {
                check_ip(addr.ip(), allow_internal)?;
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// The HTTP client webhooks are sent with.
pub fn client(allow_internal: bool, timeout: Duration) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(timeout)
        .user_agent(concat!("Steward-Webhooks/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(Arc::new(GuardedResolver { allow_internal }))
        .build()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_refused() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "100.64.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "fec0::1",
        ] {
            let ip: IpAddr = bad.parse().unwrap();
            assert!(is_internal(ip), "{bad} allowed");
        }
        for good in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            let ip: IpAddr = good.parse().unwrap();
            assert!(!is_internal(ip), "{good} refused");
        }
    }

    #[test]
    fn urls_are_http_or_https_with_a_host() {
        assert!(parse_url("https://hooks.example.org/x", false).is_ok());
        assert_eq!(parse_url("ftp://example.org/", false), Err(Refusal::Scheme));
        assert_eq!(parse_url("file:///etc/passwd", false), Err(Refusal::Scheme));
        assert_eq!(parse_url("not a url", false), Err(Refusal::Invalid));
        assert!(matches!(
            parse_url("http://[::1]:8080/", false),
            Err(Refusal::Internal(_))
        ));
        assert!(matches!(
            parse_url("http://2130706433/", false),
            Err(Refusal::Internal(_))
        ));
        assert!(parse_url("http://127.0.0.1:9/", true).is_ok());
    }
}
