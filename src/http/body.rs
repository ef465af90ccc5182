//! Request bodies: read whole up to a limit, and their declared type.

use crate::error::{AppError, Refusal};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap};

/// Whether the request's `Content-Type` is `mime` (parameters such as `charset` aside).
pub fn has_type(headers: &HeaderMap, mime: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(mime))
}

/// The whole body, refused with `too_large` as soon as it is known to exceed `limit` bytes
/// (from `Content-Length`, or while reading), so memory never holds more than `limit`.
pub async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    too_large: impl Fn() -> AppError,
) -> Result<Bytes, AppError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let is_limit = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if is_limit {
            too_large()
        } else {
            tracing::info!("request body unreadable: {e}");
            AppError::BadRequest(Refusal::BodyUnreadable)
        }
    })
}
