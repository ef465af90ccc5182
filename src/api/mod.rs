//! The JSON API for scripts and the kiosk: read the whole content and whether the screen
//! should be on (public), replace the content (with its own check, `guard`).
//!
//! A replacement is all or nothing: it names the revision it started from (`If-Match`), is
//! checked whole, and saved atomically by the store, or refused with a 4xx that says why.

mod guard;
mod openapi;

use crate::content::{self, Content};
use crate::error::{AppError, FieldReport, Refusal};
use crate::http::body::{has_type, read_limited};
use crate::http::conditional::revalidated;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use guard::{refusal, Author};
use serde::Serialize;
use utoipa::ToSchema;

/// The largest document accepted: the real one is a few kilobytes.
pub const MAX_BODY: usize = 1024 * 1024;

/// The API's routes; each write carries the API's own check.
pub fn router(state: &AppState) -> Router<AppState> {
    let write = from_fn_with_state(state.clone(), guard::writer);
    // The document is read a few at a time, and only once the token or session was checked.
    let turn = from_fn_with_state(state.bodies.clone(), crate::http::body::one_at_a_time);
    Router::new()
        .route(
            "/api/content",
            get(get_content).put(put_content.layer(turn).layer(write.clone())),
        )
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/screen", get(screen))
        .route("/api/screen/picture", get(screen_picture.layer(write)))
}

/// The last picture of the till's real screen, as the dashboard shows it (480 px, JPEG): for
/// a script that watches the screen. With a token, like the dashboard's login.
#[utoipa::path(
    get,
    path = "/api/screen/picture",
    tag = "screen",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The last picture the kiosk took of its screen", content_type = "image/jpeg"),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "The kiosk has sent no picture since the server started"),
    )
)]
async fn screen_picture(State(state): State<AppState>) -> Result<Response, AppError> {
    crate::display::screen_picture::jpeg(&state)
}

/// The content as JSON, with its entity tag; 304 when the client already has it.
#[utoipa::path(
    get,
    path = "/api/content",
    tag = "content",
    params(("If-None-Match" = Option<String>, Header, description = "ETag already held")),
    responses(
        (status = 200, description = "The whole content document", body = Content,
         headers(("ETag" = String, description = "Revision; send it back in If-Match"))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
    )
)]
async fn get_content(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    revalidated(
        &headers,
        &snapshot.etag,
        "no-cache",
        HeaderValue::from_static("application/json"),
        || Ok(Body::from(snapshot.to_json())),
    )
}

/// What a successful replacement answers.
#[derive(Serialize, ToSchema)]
pub struct Saved {
    /// The new revision's ETag.
    pub etag: String,
    /// Who the history records as author: the admin's name or `token:<label>`.
    pub saved_by: String,
}

/// Every refusal: a sentence that says what to fix, and the fields at fault for a 422.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldReport>>,
}

/// The strong entity tag the client read, from `If-Match`.
fn if_match(headers: &HeaderMap, current: &str) -> Result<String, AppError> {
    let value = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or(AppError::PreconditionRequired)?;
    let tags: Vec<&str> = value.split(',').map(str::trim).collect();
    if tags.contains(&"*") {
        // `*` would overwrite whatever is there without reading it first.
        return Err(AppError::PreconditionRequired);
    }
    Ok(tags
        .iter()
        .find(|t| **t == current)
        .unwrap_or(&tags[0])
        .to_string())
}

/// Replaces the whole content, if `If-Match` names the current revision.
#[utoipa::path(
    put,
    path = "/api/content",
    tag = "content",
    request_body(content = Content, content_type = "application/json",
                 description = "The whole document, as read from GET /api/content and changed"),
    params(("If-Match" = String, Header, description = "The ETag read by GET /api/content")),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Saved", body = Saved,
         headers(("ETag" = String, description = "The new revision"))),
        (status = 400, description = "Not UTF-8 or not JSON", body = ApiError),
        (status = 401, description = "No valid token or session", body = ApiError),
        (status = 403, description = "Network not allowed (--admin-from) or foreign Origin"),
        (status = 412, description = "Someone saved since your read: GET again, redo, retry", body = ApiError),
        (status = 413, description = "Over 1 MiB", body = ApiError),
        (status = 415, description = "Content-Type is not application/json", body = ApiError),
        (status = 503, description = "Too many documents being received at once (retry after Retry-After seconds), or the data folder refuses writes (read-only, not owned by the service): nothing saved, the message says what to do", body = ApiError),
        (status = 507, description = "The data disk is full: nothing saved", body = ApiError),
        (status = 422, description = "Invalid document; `fields` lists each problem", body = ApiError),
        (status = 428, description = "If-Match missing", body = ApiError),
    )
)]
async fn put_content(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;
    let result = async {
        let Author(by) = parts
            .extensions
            .get::<Author>()
            .cloned()
            .ok_or_else(|| AppError::internal("a write route without the API's check"))?;
        if !has_type(headers, "application/json") {
            return Err(AppError::UnsupportedMedia(Refusal::JsonExpected));
        }
        let etag = if_match(headers, &state.store.current().etag)?;
        let bytes = read_limited(headers, body, MAX_BODY, || {
            AppError::TooLarge(Refusal::DocumentTooBig {
                mib: MAX_BODY / (1024 * 1024),
            })
        })
        .await?;
        let text =
            std::str::from_utf8(&bytes).map_err(|_| AppError::BadRequest(Refusal::NotUtf8))?;
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| {
            AppError::BadRequest(Refusal::MalformedJson {
                line: e.line(),
                column: e.column(),
            })
        })?;
        let content = content::parse_json(text.as_bytes()).map_err(AppError::Invalid)?;
        let saved = state.store.save(content, &etag, &by).await?;
        let etag = HeaderValue::from_str(&saved.etag).map_err(AppError::internal)?;
        Ok((
            [(header::ETAG, etag)],
            Json(Saved {
                etag: saved.etag.clone(),
                saved_by: by,
            }),
        ))
    }
    .await;
    match result {
        Ok(saved) => saved.into_response(),
        Err(err) => refusal(err),
    }
}

/// Whether the screen should be on now.
#[derive(Serialize, ToSchema)]
pub struct ScreenState {
    /// Within the opening hours, or something is pinned on it (or the clock cannot be
    /// trusted): the screen stays on.
    pub awake: bool,
    /// The clock is obviously wrong (before this build, or after a power cut without network).
    pub clock_wrong: bool,
}

/// Whether the screen should be on now, for the kiosk's HDMI switch. On a clock that is
/// obviously wrong (`platform_move::clock`) the hours cannot be trusted: the screen stays on.
#[utoipa::path(
    get,
    path = "/api/screen",
    tag = "screen",
    responses((status = 200, description = "Whether the screen should be on now", body = ScreenState))
)]
async fn screen(State(state): State<AppState>) -> Json<ScreenState> {
    let (awake, clock_wrong) = crate::display::awake(&state).await;
    Json(ScreenState { awake, clock_wrong })
}
