//! The JSON API for scripts: read the whole content (public), replace it (authenticated).

use crate::display::not_modified;
use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/content", get(get_content))
}

/// The content as JSON, with its entity tag; 304 when the client already has it.
async fn get_content(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    let etag = HeaderValue::from_str(&snapshot.etag).map_err(AppError::internal)?;
    let common = [
        (header::ETAG, etag),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if not_modified(&headers, &snapshot.etag) {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    Ok((
        common,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        snapshot.to_json(),
    )
        .into_response())
}
