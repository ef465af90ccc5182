//! The JSON API for scripts: read the whole content (public), replace it (authenticated).
//!
//! A replacement is all or nothing: it names the revision it started from (`If-Match`), is
//! checked whole, and saved atomically by the store, or refused with a 4xx that says why.

mod openapi;

use crate::auth::{tokens, Admin};
use crate::content::{self, Content, FieldError};
use crate::display::revalidated;
use crate::error::AppError;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

/// The largest document accepted: the real one is a few kilobytes.
pub const MAX_BODY: usize = 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/content", get(get_content).put(put_content))
        .route("/api/openapi.json", get(openapi::document))
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
    pub fields: Option<Vec<FieldError>>,
}

/// A refusal; a 401 also tells the client how to authenticate.
fn refusal(err: AppError) -> Response {
    let challenge = matches!(err, AppError::Unauthorized(_));
    let mut response = err.into_response();
    if challenge {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"vitrine\""),
        );
    }
    response
}

/// Who is asking: a bearer token (`token:<label>`) or a logged-in admin (their name).
fn author(headers: &HeaderMap, state: &AppState) -> Result<String, AppError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                AppError::Unauthorized(
                    "en-tête Authorization mal formé : écrivez « Authorization: Bearer <jeton> »"
                        .into(),
                )
            })?;
        return match tokens::verify_token(&state.store.secrets(), token) {
            Ok(Some(label)) => Ok(format!("token:{label}")),
            Ok(None) => Err(AppError::Unauthorized(
                "jeton inconnu ou révoqué : créez-en un avec `vitrine token` ou dans /admin/tokens"
                    .into(),
            )),
            Err(e) if crate::store::is_damaged(&e) => {
                tracing::error!(
                    "!!! {e}: no API token works until it is repaired at /admin/tokens"
                );
                Err(AppError::Unavailable(
                    "la liste des jetons d'API est abîmée : aucun jeton ne fonctionne tant \
                     qu'un administrateur ne l'a pas réparée sur /admin/tokens"
                        .into(),
                ))
            }
            Err(e) => Err(AppError::internal(e)),
        };
    }
    match Admin::from_headers(headers, state)? {
        Some(admin) => Ok(admin.name),
        None => Err(AppError::Unauthorized(
            "authentification requise : envoyez « Authorization: Bearer <jeton> » \
             (jeton créé avec `vitrine token`) ou connectez-vous sur /admin"
                .into(),
        )),
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
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

async fn read_body(headers: &HeaderMap, body: Body) -> Result<Vec<u8>, AppError> {
    let too_large = || {
        AppError::TooLarge(format!(
            "document trop gros : {} Mio au plus (le contenu réel fait quelques Kio)",
            MAX_BODY / (1024 * 1024)
        ))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(e) => {
            let is_limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if is_limit {
                Err(too_large())
            } else {
                Err(AppError::BadRequest(format!(
                    "corps de requête illisible : {e}"
                )))
            }
        }
    }
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
        (status = 422, description = "Invalid document; `fields` lists each problem", body = ApiError),
        (status = 428, description = "If-Match missing", body = ApiError),
    )
)]
async fn put_content(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;
    let result = async {
        let by = author(headers, &state)?;
        if !is_json(headers) {
            return Err(AppError::UnsupportedMedia(
                "envoyez le document en JSON (Content-Type: application/json)".into(),
            ));
        }
        let etag = if_match(headers, &state.store.current().etag)?;
        let bytes = read_body(headers, body).await?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            AppError::BadRequest(format!("le document n'est pas de l'UTF-8 valide : {e}"))
        })?;
        serde_json::from_str::<serde::de::IgnoredAny>(text)
            .map_err(|e| AppError::BadRequest(format!("JSON mal formé : {e}")))?;
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
