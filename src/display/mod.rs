//! The till screen: the rotating page, its live event stream, and the QR code files.

mod events;
pub mod paginate;
mod view;

pub use view::theme_style;

use crate::error::AppError;
use crate::http::conditional::{not_modified, revalidated};
use crate::store::Snapshot;
use crate::{assets, qr, security, AppState};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::{Arc, RwLock};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(display_page))
        .route("/events", get(events::stream))
        .route("/qr.svg", get(qr_svg))
        .route("/qr.png", get(qr_png))
}

/// The display page of one content revision, rendered once and served as bytes.
pub struct RenderedPage {
    pub etag: String,
    pub html: Bytes,
    pub csp: HeaderValue,
    /// The entity tag of the content it was rendered from.
    revision: String,
}

/// Keeps the rendering of the current revision.
#[derive(Default)]
pub struct PageCache(RwLock<Option<Arc<RenderedPage>>>);

impl PageCache {
    /// The page of `snapshot`, rendered now if the cached one is of another revision.
    pub fn get(&self, snapshot: &Snapshot) -> Result<Arc<RenderedPage>, AppError> {
        // Compared without building the page's tag: this runs on every request.
        if let Some(page) = self.0.read().expect("page cache lock").as_ref() {
            if page.revision == snapshot.etag {
                return Ok(page.clone());
            }
        }
        let etag = format!(
            "\"{}-{}\"",
            snapshot.etag.trim_matches('"'),
            assets::build_id()
        );
        let page = Arc::new(render(snapshot, etag)?);
        *self.0.write().expect("page cache lock") = Some(page.clone());
        Ok(page)
    }
}

fn render(snapshot: &Snapshot, etag: String) -> Result<RenderedPage, AppError> {
    let content = &snapshot.content;
    let qr_svg = qr::inline_svg(&content.community.invite_link).map_err(AppError::internal)?;
    let markup = view::page(&view::DisplayView {
        content,
        etag: &etag,
        qr_svg: &qr_svg,
        build: assets::build_id(),
    });
    let style_hash = base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(theme_style(&content.display.theme)));
    let csp = HeaderValue::from_str(&security::csp_with_style_hash(&style_hash))
        .map_err(AppError::internal)?;
    Ok(RenderedPage {
        etag,
        html: Bytes::from(markup.into_string()),
        csp,
        revision: snapshot.etag.clone(),
    })
}

async fn display_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let page = state.pages.get(&state.store.current())?;
    let mut response = revalidated(
        &headers,
        &page.etag,
        "no-cache",
        HeaderValue::from_static("text/html; charset=utf-8"),
        || Ok(Body::from(page.html.clone())),
    )?;
    // The page's own CSP (it allows its theme's inline style), also on a 304.
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, page.csp.clone());
    Ok(response)
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
