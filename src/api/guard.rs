//! The write API's own check, attached to its write routes: allowed networks, then who is
//! asking — an API token, or a signed-in volunteer's session from a page of this site.

use crate::auth::origin_matches_host;
use crate::auth::tokens::verify_token;
use crate::error::{AppError, Refusal};
use crate::http::peer::peer;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Who the history records as the author of an API change: an account's name, or the
/// account behind a token and the token's label.
#[derive(Debug, Clone)]
pub struct Author(pub String);

/// A refusal; a 401 also tells the client how to authenticate.
pub fn refusal(err: AppError) -> Response {
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

/// Lets a write through with its [`Author`], or refuses it with a JSON error.
pub async fn writer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if !state.hosts.allows_request(req.headers()) {
        return crate::host::refusal();
    }
    if !state.auth.access.allows(peer(req.extensions())) {
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({ "error":
                "modification réservée à certains réseaux (option --admin-from) : \
                 envoyez-la depuis le réseau du magasin" })),
        )
            .into_response();
    }
    match author(&req, &state) {
        Ok(author) => {
            req.extensions_mut().insert(author);
            next.run(req).await
        }
        Err(err) => refusal(err),
    }
}

fn author(req: &Request, state: &AppState) -> Result<Author, AppError> {
    let headers = req.headers();
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthorized(Refusal::BadAuthorization))?;
        // A script with a token sends no Origin, and a browser cannot add an Authorization
        // header cross-site without a CORS preflight, which we never grant.
        let accounts = state.store.accounts().list().map_err(AppError::from_io)?;
        return match verify_token(&state.store.secrets(), &accounts, token) {
            Ok(Some(holder)) => Ok(Author(holder.author())),
            Ok(None) => Err(AppError::Unauthorized(Refusal::UnknownToken)),
            Err(e) if crate::store::is_damaged(&e) => {
                tracing::error!(
                    "!!! {e}: no API token works until it is repaired at /admin/tokens"
                );
                Err(AppError::Unavailable(Refusal::TokensDamaged))
            }
            Err(e) => Err(AppError::internal(e)),
        };
    }
    let volunteer = state
        .auth
        .signed_in(headers, &state.store.accounts())
        .map_err(AppError::internal)?;
    match volunteer {
        // The session cookie is the one thing a browser sends by itself, so a forged
        // cross-site request would carry it: it counts only from a page of this site.
        Some(_) if !origin_matches_host(headers) => {
            Err(AppError::Forbidden(Refusal::ForeignOrigin))
        }
        Some(volunteer) => Ok(Author(volunteer.name)),
        None => Err(AppError::Unauthorized(Refusal::SignInNeeded)),
    }
}
