//! Cookies: read from a request, and set with attributes decided here, once, for all of them.
//!
//! Every cookie is `HttpOnly` (no script reads any) and has no `Secure` attribute: vitrine is
//! served over plain HTTP on the shop's LAN, where a Secure cookie would never come back.

use axum::http::{header, HeaderMap, HeaderValue};
use std::time::Duration;

/// Whether a cookie goes with requests that start on another site.
#[derive(Debug, Clone, Copy)]
pub enum SameSite {
    /// Never: the session and what only follows a form of ours.
    Strict,
    /// On top-level links too: a preference, harmless to carry.
    Lax,
}

/// One cookie of vitrine: its name and where and how long it lives.
#[derive(Debug, Clone, Copy)]
pub struct Cookie {
    pub name: &'static str,
    /// The paths it is sent back to.
    pub path: &'static str,
    pub same_site: SameSite,
    pub max_age: Duration,
}

impl Cookie {
    /// Its value in a request.
    pub fn read<'a>(&self, headers: &'a HeaderMap) -> Option<&'a str> {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                (k == self.name).then_some(v.trim())
            })
    }

    /// The `Set-Cookie` value that stores `value`; `None` if `value` cannot be a cookie.
    pub fn set(&self, value: &str) -> Option<HeaderValue> {
        self.header(value, self.max_age.as_secs())
    }

    /// The `Set-Cookie` value that makes the browser forget it.
    pub fn clear(&self) -> HeaderValue {
        self.header("", 0)
            .expect("a cookie name and path are header text")
    }

    fn header(&self, value: &str, max_age: u64) -> Option<HeaderValue> {
        let same_site = match self.same_site {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
        };
        let ok = value
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, ';' | ',' | '"' | '\\'));
        ok.then(|| {
            HeaderValue::from_str(&format!(
                "{}={value}; HttpOnly; SameSite={same_site}; Path={}; Max-Age={max_age}",
                self.name, self.path
            ))
            .ok()
        })
        .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Cookie = Cookie {
        name: "lang",
        path: "/admin",
        same_site: SameSite::Lax,
        max_age: Duration::from_secs(60),
    };

    #[test]
    fn a_cookie_is_found_among_others_and_set_with_its_attributes() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; lang=en; b=2"),
        );
        assert_eq!(C.read(&h), Some("en"));
        let other = Cookie { name: "x", ..C };
        assert_eq!(other.read(&h), None);
        assert_eq!(
            C.set("en").unwrap(),
            "lang=en; HttpOnly; SameSite=Lax; Path=/admin; Max-Age=60"
        );
        assert!(C.set("a;b").is_none(), "no attribute smuggled in a value");
        assert!(C.clear().to_str().unwrap().contains("Max-Age=0"));
    }
}
