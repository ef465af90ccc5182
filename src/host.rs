//! The names the admin area and the write API answer to, against DNS rebinding: a page of
//! `evil.example` whose name was re-pointed at the Pi sends `Host: evil.example` (and a
//! matching `Origin`), which the same-origin check alone would take for our own page.
//!
//! Allowed: an IP literal, `localhost`, a `.local` name (mDNS, e.g. `vitrine.local`), and the
//! names given with `--host` / `VITRINE_HOSTS`. A request without `Host` (HTTP/1.0, scripts)
//! cannot come from a rebound browser page and is let through.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::str::FromStr;

/// Extra names (`--host`), lowercase, without port.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostList(pub Vec<String>);

impl FromStr for HostList {
    type Err = String;

    /// A comma-separated list of names: `ecran.otsokop.org,caisse`.
    fn from_str(s: &str) -> Result<Self, String> {
        s.split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| {
                let ok = n.len() <= 253
                    && n.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
                if ok {
                    Ok(n.to_ascii_lowercase())
                } else {
                    Err(format!(
                        "'{n}' is not a host name: write names without port or scheme, \
                         e.g. ecran.otsokop.org,caisse"
                    ))
                }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(HostList)
    }
}

/// The name part of a `Host` value: `[::1]:8080` → `::1`, `pi.local:8080` → `pi.local`.
fn name_of(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

impl HostList {
    /// Whether a request with this `Host` header value may reach the admin area.
    pub fn allows(&self, host: &str) -> bool {
        let name = name_of(host.trim())
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        name.parse::<IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || (name.ends_with(".local") && name.len() > ".local".len())
            || self.0.contains(&name)
    }

    /// Whether the request's `Host` (if any) is allowed.
    pub fn allows_request(&self, headers: &HeaderMap) -> bool {
        match headers.get(header::HOST) {
            None => true,
            Some(v) => v.to_str().is_ok_and(|h| self.allows(h)),
        }
    }
}

/// The refusal of a foreign `Host`, in both languages (no session tells us which).
pub fn refusal() -> Response {
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        "Nom d'hôte inconnu : ouvrez l'administration par l'adresse IP de l'écran, par \
         localhost ou par un nom en .local ; un autre nom doit être donné à vitrine avec \
         --host (VITRINE_HOSTS).\n\
         Unknown host name: open the admin area by the screen's IP address, localhost or a \
         .local name; another name must be given to vitrine with --host (VITRINE_HOSTS).\n",
    )
        .into_response()
}

/// Middleware for a router that must only answer its own names (the admin area, the write API).
pub async fn layer(
    State(hosts): State<std::sync::Arc<HostList>>,
    req: Request,
    next: Next,
) -> Response {
    if !hosts.allows_request(req.headers()) {
        return refusal();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_local_names_and_given_names_pass() {
        let hosts: HostList = "ecran.otsokop.org, Caisse".parse().unwrap();
        for ok in [
            "192.168.1.20:8080",
            "127.0.0.1",
            "[::1]:8080",
            "[fe80::1]",
            "localhost:8080",
            "vitrine.local",
            "VITRINE.LOCAL:8080",
            "vitrine.local.",
            "ecran.otsokop.org",
            "caisse:8080",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:8080",
            "local",
            ".local",
            "localhost.evil.example",
            "vitrine.local.evil.example",
            "ecran.otsokop.org.evil.example",
            "",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }

    #[test]
    fn bad_names_say_what_to_write() {
        let err = "http://x.org/".parse::<HostList>().unwrap_err();
        assert!(err.contains("e.g. ecran.otsokop.org"), "{err}");
        assert_eq!("".parse::<HostList>().unwrap(), HostList::default());
    }
}
