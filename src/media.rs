//! `GET /media/{name}`: the pictures uploaded for announcements and the logo.

use crate::content::is_image_name;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/media/{name}", get(serve))
}

async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    if !is_image_name(&name) {
        return Err(AppError::NotFound);
    }
    let mime = match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("jpg") => "image/jpeg",
        _ => "image/webp",
    };
    let bytes = state
        .store
        .read_media(&name)
        .await
        .map_err(|_| AppError::NotFound)?;
    // The name is the content's hash: it never changes.
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response())
}
