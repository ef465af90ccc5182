//! The till screen: the rotating page, its live event stream, and the QR code files.

mod events;
pub mod paginate;
mod served;
mod view;

pub use served::{PageCache, RenderedPage};
pub use view::theme_style;

use crate::error::AppError;
use crate::{qr, AppState};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(display_page))
        .route("/events", get(events::stream))
        .route("/qr.svg", get(qr_svg))
        .route("/qr.png", get(qr_png))
        .route("/api/screen", get(screen))
}

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

/// `GET /`: the request is taken whole, so its headers are read in place, not copied.
async fn display_page(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, AppError> {
    Ok(state
        .pages
        .get(&state.store.current())?
        .response(request.headers()))
}

fn qr_file(state: &AppState, headers: &HeaderMap, ext: &str) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    let link = &snapshot.content.community.invite_link;
    let etag = format!("\"{}-{ext}\"", snapshot.etag.trim_matches('"'));
    let mime = match ext {
        "svg" => "image/svg+xml",
        _ => "image/png",
    };
    revalidated(
        headers,
        &etag,
        "no-cache",
        HeaderValue::from_static(mime),
        || {
            Ok(Body::from(match ext {
                "svg" => qr::svg(link).map_err(AppError::internal)?.into_bytes(),
                _ => qr::png(link).map_err(AppError::internal)?,
            }))
        },
    )
}

async fn qr_svg(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    qr_file(&state, &headers, "svg")
}

async fn qr_png(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    qr_file(&state, &headers, "png")
}

/// Whether the screen should be on now, for the kiosk's HDMI switch.
async fn screen(State(state): State<AppState>) -> Json<serde_json::Value> {
    let snapshot = state.store.current();
    let awake = snapshot
        .content
        .display
        .opening_hours
        .is_awake(&chrono::Local::now().naive_local());
    Json(serde_json::json!({ "awake": awake }))
}
