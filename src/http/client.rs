//! Who is calling: the client's address (behind trusted proxies) and user agent, for
//! the API and the pages alike.

use std::net::IpAddr;

use poem::Request;
use poem::http::header;

use crate::service::ClientInfo;
use crate::state::AppState;

/// The id of one request: in the log, the `x-request-id` header and every error body
/// or error page.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// The request's id (set by the edge middleware; empty outside it).
pub fn request_id(req: &Request) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default()
}

/// The client's address: the peer, or, when the peer is a trusted reverse proxy, the
/// nearest address in `X-Forwarded-For` that is not one of the trusted proxies.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub std::net::IpAddr);

/// Only a trusted proxy's word counts: anyone else can write any X-Forwarded-For.
pub fn client_ip(req: &Request, trusted: &[ipnet::IpNet]) -> Option<IpAddr> {
    let peer = req.remote_addr().as_socket_addr().map(|a| a.ip())?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|part| part.trim().parse())
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    // right to left: the last hop a trusted proxy saw first
    Some(
        forwarded
            .iter()
            .rev()
            .find(|ip| !is_trusted(ip))
            .copied()
            .unwrap_or(peer),
    )
}

/// The caller's address and user agent, as recorded on sessions.
pub fn client_info(req: &Request) -> ClientInfo {
    let user_agent = req
        .headers()
        .get(poem::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(512).collect());
    let ip = match req.extensions().get::<ClientIp>() {
        Some(client) => Some(client.0),
        None => req.remote_addr().as_socket_addr().map(|a| a.ip()),
    };
    ClientInfo {
        ip: ip.map(|ip| ip.to_string()),
        user_agent,
    }
}

/// A device name for a session made in a browser, from its user agent: "Firefox on
/// Linux", "Safari on iPhone"; "Web browser" when nothing is recognised.
pub fn device_name(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or_default();
    // order matters: Edge and Opera say "Chrome" too, Chrome says "Safari"
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| *name);
    let system = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => format!("Web browser on {s}"),
        (None, None) => "Web browser".to_owned(),
    }
}

/// The first offered language the browser asks for in `Accept-Language`, if any.
pub fn browser_locale<'a>(state: &'a AppState, req: &Request) -> Option<&'a str> {
    let asked = req.headers().get(poem::http::header::ACCEPT_LANGUAGE)?;
    state.templates.i18n().negotiate(asked.to_str().ok()?)
}

/// The value of the request's cookie `name`.
pub fn cookie(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::device_name;

    #[test]
    fn device_names_read_like_a_person_would_say_them() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device_name(Some(firefox)), "Firefox on Linux");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_name(Some(safari)), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                    Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
        assert_eq!(device_name(Some(edge)), "Edge on Windows");
        let chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 \
                      (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        assert_eq!(device_name(Some(chrome)), "Chrome on macOS");
        assert_eq!(device_name(Some("curl/8.5.0")), "Web browser");
        assert_eq!(device_name(None), "Web browser");
    }
}
