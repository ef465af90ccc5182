//! Conditional requests: entity tags, `If-None-Match` and the `304` that goes with them.

use crate::error::AppError;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A response that browsers keep and revalidate: `ETag` and `Cache-Control` on both answers,
/// `304` when the request's `If-None-Match` already names `etag`, else `body` (made only then)
/// with its `content_type`.
pub fn revalidated(
    request: &HeaderMap,
    etag: &str,
    cache_control: &'static str,
    content_type: HeaderValue,
    body: impl FnOnce() -> Result<Body, AppError>,
) -> Result<Response, AppError> {
    let common = [
        (
            header::ETAG,
            HeaderValue::from_str(etag).map_err(AppError::internal)?,
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        ),
    ];
    if not_modified(request, etag) {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    Ok((common, [(header::CONTENT_TYPE, content_type)], body()?).into_response())
}

/// Whether the request's `If-None-Match` names this entity tag (weak comparison, as
/// RFC 9110 asks for this header: `W/"x"` matches `"x"`).
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',').map(str::trim).any(|t| {
                t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag.trim_start_matches("W/")
            })
        })
}
