//! The fence around /admin and the write API: allowed networks, same-origin changes, and
//! headers that keep admin pages out of other sites' frames and out of caches.

use crate::security::CSP;
use crate::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// The networks allowed to reach /admin and the write API (`--admin-from`); empty = everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessList(pub Vec<IpNet>);

impl FromStr for AccessList {
    type Err = String;

    /// A comma-separated list of networks (`192.168.1.0/24`) or single addresses.
    fn from_str(s: &str) -> Result<Self, String> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<IpNet>()
                    .or_else(|_| p.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "'{p}' is neither a network nor an address: \
                             write for example 192.168.1.0/24,127.0.0.1"
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(AccessList)
    }
}

impl AccessList {
    pub fn everyone() -> AccessList {
        AccessList(Vec::new())
    }

    /// Whether a peer may reach the admin area. An unknown peer passes only an open list.
    pub fn allows(&self, peer: Option<IpAddr>) -> bool {
        if self.0.is_empty() {
            return true;
        }
        peer.is_some_and(|ip| {
            let ip = ip.to_canonical();
            self.0.iter().any(|net| net.contains(&ip))
        })
    }
}

/// The `host[:port]` part of an absolute http(s) URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Whether the request says it comes from a page of this very site.
///
/// Browsers send `Origin` with every POST; if a privacy setting removed it, `Referer` is used.
/// Neither (or `Origin: null`, sent by sandboxed frames) → not trusted.
pub fn origin_matches_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    source
        .and_then(authority)
        .is_some_and(|a| !a.is_empty() && a.eq_ignore_ascii_case(host))
}

fn is_admin_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn refuse(message: &'static str) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        message,
    )
        .into_response()
}

/// The peer address of the TCP connection (never a header a client could write).
pub fn peer(req_extensions: &axum::http::Extensions) -> Option<IpAddr> {
    req_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_canonical())
}

/// Middleware for the whole app; only /admin and non-GET /api requests are concerned.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let admin = is_admin_path(path);
    let write_api = path.starts_with("/api/") && !is_safe(req.method());
    if !admin && !write_api {
        return next.run(req).await;
    }
    if !state.hosts.allows_request(req.headers()) {
        return crate::host::refusal();
    }
    if !state.auth.access.allows(peer(req.extensions())) {
        return refuse(
            "Administration réservée à certains réseaux (option --admin-from) : \
             connectez-vous depuis le réseau du magasin.\n\
             Administration only allowed from some networks (--admin-from).",
        );
    }
    // On the API, only a request the browser authenticates by itself (the session cookie)
    // can be forged cross-site. A script with a token sends no Origin, and a browser cannot
    // add an Authorization header cross-site without a CORS preflight, which we never grant;
    // with neither, the API answers 401 anyway.
    let forgeable = admin || {
        let headers = req.headers();
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer "));
        !bearer && super::cookie(headers, super::SESSION_COOKIE).is_some()
    };
    if !is_safe(req.method()) && forgeable && !origin_matches_host(req.headers()) {
        return refuse(
            "Requête refusée : elle ne vient pas d'une page de cet écran (en-tête Origin \
             absent ou d'un autre site). Rechargez la page d'administration et recommencez.\n\
             Refused: not sent from a page of this site (Origin missing or foreign).",
        );
    }
    let mut response = next.run(req).await;
    if admin {
        admin_headers(response.headers_mut());
    }
    response
}

/// Admin pages: never framed by anyone, never stored by a cache.
fn admin_headers(headers: &mut HeaderMap) {
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(CSP)
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .chain(["frame-ancestors 'none'"])
        .collect::<Vec<_>>()
        .join("; ");
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Under `no-referrer` browsers send `Origin: null` with every form, which the Origin
    // check must refuse; `same-origin` lets our own forms say where they come from while
    // still telling other sites nothing.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn origin_must_name_this_host() {
        use header::{HOST, ORIGIN, REFERER};
        let host = (HOST, "pi.local:8080");
        assert!(origin_matches_host(&headers(&[
            host.clone(),
            (ORIGIN, "http://pi.local:8080")
        ])));
        assert!(!origin_matches_host(&headers(&[
            host.clone(),
            (ORIGIN, "http://evil.example")
        ])));
        assert!(!origin_matches_host(&headers(&[
            host.clone(),
            (ORIGIN, "null")
        ])));
        assert!(!origin_matches_host(&headers(&[
            host.clone(),
            (ORIGIN, "http://pi.local:8080.evil")
        ])));
        assert!(origin_matches_host(&headers(&[
            host.clone(),
            (REFERER, "http://pi.local:8080/admin")
        ])));
        assert!(!origin_matches_host(&headers(&[host])));
    }

    #[test]
    fn access_lists_parse_and_match() {
        let list: AccessList = "192.168.1.0/24, 127.0.0.1".parse().unwrap();
        assert!(list.allows(Some("192.168.1.40".parse().unwrap())));
        assert!(list.allows(Some("::ffff:127.0.0.1".parse().unwrap())));
        assert!(!list.allows(Some("10.0.0.1".parse().unwrap())));
        assert!(!list.allows(None));
        assert!(AccessList::everyone().allows(None));
        let err = "192.168.1.0/33".parse::<AccessList>().unwrap_err();
        assert!(err.contains("192.168.1.0/24"), "{err}");
    }
}
