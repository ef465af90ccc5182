//! The till screen: the rotating page, its live event stream, and the QR code files.

pub mod connected_screens;
pub mod engine;
mod events;
mod moment;
pub mod paginate;
pub mod preview;
mod rotation;
pub mod screen_picture;
mod served;
mod slide_languages;
mod view;

pub use moment::{pin_ends, visible, visible_now, Visible};
pub use served::{PageCache, RenderedPage};
pub use view::theme_style;

use crate::error::AppError;
use crate::http::conditional::{not_modified, revalidated};
use crate::store::Store;
use crate::{qr, AppState};
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;

pub fn router(state: &AppState) -> Router<AppState> {
    // `GET /`, the busiest route, holds only what it reads: axum clones a route's handler and
    // state for every request, and the whole state would be seven counted pointers and a
    // channel receiver to clone and drop each time.
    let page = Router::new()
        .route("/", get(display_page))
        .with_state(PageState::from_ref(state));
    Router::new()
        .merge(page)
        .route("/events", get(events::stream))
        .route("/qr.svg", get(qr_svg))
        .route("/qr.png", get(qr_png))
        .route("/api/screen/local", get(local_screen))
        .merge(screen_picture::router())
}

/// What `GET /` takes of the state: two shared pointers rather than a copy of all of it
/// (the event stream's receiver among them).
#[derive(Clone)]
struct PageState {
    store: Arc<Store>,
    pages: Arc<PageCache>,
}

impl FromRef<AppState> for PageState {
    fn from_ref(state: &AppState) -> PageState {
        PageState {
            store: state.store.clone(),
            pages: state.pages.clone(),
        }
    }
}

/// `GET /`: the request is taken whole, so its headers are read in place, not copied.
async fn display_page(
    State(state): State<PageState>,
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

/// The PNG takes tens of milliseconds to draw: drawn once per link, off the async workers.
async fn qr_png(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    let etag = format!("\"{}-png\"", snapshot.etag.trim_matches('"'));
    if not_modified(&headers, &etag) {
        return qr_file(&state, &headers, "png");
    }
    let png = qr::png_cached(&snapshot.content.community.invite_link)
        .await
        .map_err(AppError::internal)?;
    revalidated(
        &headers,
        &etag,
        "no-cache",
        HeaderValue::from_static("image/png"),
        || Ok(Body::from(png)),
    )
}

/// Whether the screen should be on now, and whether the clock is obviously wrong (then the
/// hours cannot be trusted and the screen stays on).
pub async fn awake(state: &AppState) -> (bool, bool) {
    let snapshot = state.store.current();
    let clock_wrong = crate::platform_move::clock(state).await.is_err();
    let now = state
        .clock
        .now()
        .with_timezone(&chrono::Local)
        .naive_local();
    // Something a volunteer pinned just now is meant to be seen, even after closing time.
    let pinned = visible_now(&snapshot, &state.clock).pin.is_some();
    let awake = clock_wrong || pinned || snapshot.content.display.opening_hours.is_awake(&now);
    (awake, clock_wrong)
}

/// Whether this machine's own screen (the kiosk's browser, on loopback) has the page open, and
/// for how many seconds it has not: the kiosk restarts its browser when that lasts.
/// It also says whether the dashboard asked for a picture of the screen (`picture_wanted`).
async fn local_screen(State(state): State<AppState>) -> Json<serde_json::Value> {
    let report = state.screens.report();
    let engine = report
        .listed
        .iter()
        .rev()
        .find(|s| s.is_local())
        .and_then(|s| s.engine.clone());
    Json(serde_json::json!({
        "connected": report.local > 0,
        "engine": engine,
        "missing_for": report.no_local_for.as_secs(),
        "picture_wanted": state.screen_picture.wanted(),
    }))
}
