//! Who is asking (máy gửi yêu cầu), for limits on public forms and lookups: the connection's
//! address; behind a trusted reverse proxy, the address that proxy saw (the last address of
//! `X-Forwarded-For` not itself a trusted proxy); without either (a request made in process),
//! the visitor's session, else one shared "anonymous".

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use super::{AppError, AppState, Ctx};

/// The key a request's client is counted under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client(pub String);

/// The client's address: `connection` itself unless it is one of `trusted` proxies, in which
/// case the right-most address of `X-Forwarded-For` that is not a trusted proxy (the one the
/// outermost trusted proxy saw). Addresses written by the client itself further left are never
/// believed, so writing the header does not change who one is counted as.
pub fn client_address(headers: &HeaderMap, connection: IpAddr, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&connection) {
        return connection;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.into_iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(a) if trusted.contains(&a) => continue,
            Ok(a) => return a,
            // Unreadable: nothing further left can be believed.
            Err(_) => break,
        }
    }
    connection
}

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(ConnectInfo(addr)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            let ip = client_address(&parts.headers, addr.ip(), &state.config.trusted_proxies);
            return Ok(Client(ip.to_string()));
        }
        let ctx = Ctx::from_request_parts(parts, state).await?;
        Ok(Client(ctx.session.as_ref().map_or_else(
            || "anonymous".to_owned(),
            |s| s.token_hash.clone(),
        )))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn a_direct_client_cannot_name_itself() {
        let h = forwarded("198.51.100.9");
        assert_eq!(
            client_address(&h, ip("203.0.113.7"), &[]),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(&h, ip("203.0.113.7"), &[ip("10.0.0.1")]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_address_they_saw_counts() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client wrote 198.51.100.9 itself; the outer proxy saw 203.0.113.7.
        let h = forwarded("198.51.100.9, 203.0.113.7, 10.0.0.2");
        assert_eq!(
            client_address(&h, ip("10.0.0.1"), &trusted),
            ip("203.0.113.7")
        );
        // A proxy that forwards nothing: the proxy itself.
        assert_eq!(
            client_address(&HeaderMap::new(), ip("10.0.0.1"), &trusted),
            ip("10.0.0.1")
        );
        // An unreadable hop stops the walk: nothing written left of it is believed.
        let h = forwarded("198.51.100.9, not-an-address, 10.0.0.2");
        assert_eq!(client_address(&h, ip("10.0.0.1"), &trusted), ip("10.0.0.1"));
    }
}
