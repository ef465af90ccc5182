//! Forged requests: the same-origin check of every change a browser sends, and the
//! synchronizer token each session's forms carry.

use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};

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

/// Whether a form's `_csrf` field is the session's token. Digests are compared, so the
/// time taken says nothing about how much of the token matched.
pub fn check_csrf(expected: &str, sent: &str) -> bool {
    !sent.is_empty() && Sha256::digest(sent.as_bytes()) == Sha256::digest(expected.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

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
    fn the_token_must_be_the_sessions() {
        assert!(check_csrf("abc", "abc"));
        assert!(!check_csrf("abc", "abd"));
        assert!(!check_csrf("", ""));
    }
}
