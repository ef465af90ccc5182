//! The fence around the whole admin app, attached to its router as a layer: only the allowed
//! networks come in, every change comes from a page of this site, and every answer carries
//! headers that keep it out of other sites' frames and out of caches.

use super::errors;
use super::request::language;
use crate::auth::origin_matches_host;
use crate::http::peer::peer;
use crate::security::CSP;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The fence itself (see the module).
pub async fn fence(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = language(req.headers());
    let mut response = if !state.auth.access.allows(peer(req.extensions())) {
        errors::page(lang, StatusCode::FORBIDDEN, errors::Why::Network)
    } else if !is_safe(req.method()) && !origin_matches_host(req.headers()) {
        errors::page(lang, StatusCode::FORBIDDEN, errors::Why::Origin)
    } else {
        next.run(req).await
    };
    admin_headers(response.headers_mut());
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
