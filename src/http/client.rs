//! Who is calling: the client's address (behind trusted proxies) and user agent, for
//! the API and the pages alike.

use std::net::IpAddr;

use poem::Request;

use crate::service::ClientInfo;

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
