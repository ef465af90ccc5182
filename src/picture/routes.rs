//! `GET /media/{name}`: the pictures uploaded for announcements and the logo, and
//! `GET /media/{side}/{name}`: a smaller copy of one, for a screen smaller than the picture
//! (made from it on first request, kept beside it, removed with it).

use crate::content::is_image_name;
use crate::error::AppError;
use crate::limits::SCREEN_IMAGE_SIDES;
use crate::store::Store;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// Whose turn it is to make a screen copy (pictures are decoded one at a time anyway).
static MAKING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/media/{name}", get(serve))
        .route("/media/{side}/{name}", get(serve_copy))
}

/// The type of a stored picture, from its first bytes (a copy may be a PNG or a JPEG).
fn mime_of(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if bytes.starts_with(b"\xff\xd8") {
        "image/jpeg"
    } else {
        "image/webp"
    }
}

/// A picture, to be kept by the browser for good: its name is its content's hash.
fn picture(bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(mime_of(&bytes)),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    if !is_image_name(&name) {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .store
        .read_media(&name)
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok(picture(bytes))
}

async fn serve_copy(
    State(state): State<AppState>,
    Path((side, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let side = side
        .parse::<u32>()
        .ok()
        .filter(|s| SCREEN_IMAGE_SIDES.contains(s) && is_image_name(&name))
        .ok_or(AppError::NotFound)?;
    if let Ok(bytes) = state.store.read_screen_copy(side, &name).await {
        return Ok(picture(bytes));
    }
    // Made in a task of its own: a screen that goes away mid-way still leaves the copy made,
    // and the next request finds it instead of decoding again.
    let made = tokio::spawn(make_copy(state.store.clone(), side, name.clone()))
        .await
        .map_err(|e| AppError::Internal(format!("making a copy of {name}: {e}")))?;
    match made? {
        Some(bytes) => Ok(picture(bytes)),
        // A stored picture this version cannot read again: the picture itself, under its own
        // address (never cached as if it were the copy).
        None => Ok(Redirect::temporary(&format!("/media/{name}")).into_response()),
    }
}

/// The copy of `name` that fits `side`, made from the stored picture and kept; none when the
/// picture cannot be read again.
async fn make_copy(
    store: Arc<Store>,
    side: u32,
    name: String,
) -> Result<Option<Vec<u8>>, AppError> {
    // One copy made at a time, and asked for again once it is our turn: a burst of first
    // requests holds nothing while it waits, and the copy is made once, not once per request.
    let _turn = MAKING.lock().await;
    if let Ok(bytes) = store.read_screen_copy(side, &name).await {
        return Ok(Some(bytes));
    }
    let original = store
        .read_media(&name)
        .await
        .map_err(|_| AppError::NotFound)?;
    let fitted = match crate::picture::fit_within(original, side).await {
        Ok(fitted) => fitted,
        Err(e) => {
            tracing::warn!("cannot make the {side} px copy of {name}: {e}");
            return Ok(None);
        }
    };
    // Not kept (a full disk, say): served all the same, and made again next time.
    if let Err(e) = store
        .save_screen_copy(side, &name, fitted.bytes.clone())
        .await
    {
        tracing::warn!("cannot keep the {side} px copy of {name}: {e}");
    }
    Ok(Some(fitted.bytes))
}
