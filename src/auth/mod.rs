//! Who may change the screen: sessions, passwords, API tokens, and the guards around /admin.
//!
//! The admin area and the write API only trust a session cookie (with a synchronizer token
//! and an Origin check on every change) or an API token; see `guard` for the network rules.

mod cli;
mod guard;
mod pages;
mod password;
pub mod session;
pub mod testing;
mod throttle;
pub mod tokens;
mod views;

pub use cli::{passwd_command, token_command};
pub use guard::{guard, origin_matches_host, AccessList};
pub use password::{ensure_setup_code, MIN_PASSWORD_CHARS};

use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use password::Hasher;
use serde::de::DeserializeOwned;
use session::Sessions;
use throttle::Throttle;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "vitrine_session";

/// Everything the auth code keeps in memory for the server's lifetime.
pub struct Auth {
    pub sessions: Sessions,
    pub throttle: Throttle,
    pub hasher: Hasher,
    pub access: AccessList,
    /// Serializes password changes so two setups cannot both use the one-time code.
    pub(crate) password_change: tokio::sync::Mutex<()>,
}

impl Auth {
    pub fn new(access: AccessList) -> Auth {
        Auth {
            sessions: Sessions::default(),
            throttle: Throttle::default(),
            hasher: Hasher::default(),
            access,
            password_change: tokio::sync::Mutex::new(()),
        }
    }
}

/// The pages of the auth helper: login, first-start setup, logout, password, API tokens.
///
/// Their forms are tiny: a bigger body is refused from its `Content-Length` (413), before the
/// throttle, the password file or a hash is ever reached.
pub fn router() -> Router<AppState> {
    pages::router()
        .merge(tokens::router())
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            crate::limits::AUTH_FORM_BODY,
        ))
}

/// A logged-in admin. Extracting it requires a valid, unexpired session cookie.
///
/// Rejection: a GET/HEAD under /admin → 303 redirect to /admin/login?next=<path>;
/// anything else → 401 with a message.
#[derive(Debug, Clone)]
pub struct Admin {
    /// The first name typed at login; recorded as "saved by" in the history.
    pub name: String,
    /// The session's synchronizer token; every admin form carries it as hidden field `_csrf`.
    pub csrf: String,
}

/// The value of one cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v.trim())
        })
}

impl Admin {
    /// The admin of the request's session, if it is still valid.
    pub fn from_headers(headers: &HeaderMap, state: &AppState) -> Result<Option<Admin>, AppError> {
        let Some(id) = cookie(headers, SESSION_COOKIE) else {
            return Ok(None);
        };
        // Read on every request so a password changed with `vitrine passwd` ends the
        // sessions of a running server at once.
        let password = state
            .store
            .secrets()
            .password_hash()
            .map_err(AppError::internal)?;
        Ok(password.and_then(|phc| state.auth.sessions.get(id, &phc)))
    }
}

/// Why no admin could be extracted.
pub struct NotLoggedIn {
    redirect: Option<String>,
}

impl IntoResponse for NotLoggedIn {
    fn into_response(self) -> Response {
        match self.redirect {
            Some(to) => Redirect::to(&to).into_response(),
            None => AppError::Unauthorized(
                "session absente ou expirée : reconnectez-vous sur /admin/login".into(),
            )
            .into_response(),
        }
    }
}

fn login_redirect(parts: &Parts) -> Option<String> {
    let path = parts.uri.path();
    let under_admin = path == "/admin" || path.starts_with("/admin/");
    if !(under_admin && matches!(parts.method, Method::GET | Method::HEAD)) {
        return None;
    }
    let next = parts
        .uri
        .path_and_query()
        .map_or(path, |pq| pq.as_str())
        .to_owned();
    let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    Some(format!("/admin/login?{query}"))
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Admin::from_headers(&parts.headers, state) {
            Ok(Some(admin)) => Ok(admin),
            Ok(None) => Err(NotLoggedIn {
                redirect: login_redirect(parts),
            }
            .into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

/// What a refused form says: the page was probably open for too long, or came from elsewhere.
const RELOAD: &str =
    "formulaire refusé (jeton de sécurité absent, périmé ou venant d'un autre site) : \
     rechargez la page et recommencez";

/// For multipart uploads: the handler reads the `_csrf` field and checks it with this
/// (the Origin check is done by the middleware for every non-GET request).
pub fn check_csrf(admin: &Admin, token: &str) -> Result<(), AppError> {
    use sha2::{Digest, Sha256};
    // Compare digests so the time taken says nothing about how much of the token matched.
    let ok = !token.is_empty()
        && Sha256::digest(token.as_bytes()) == Sha256::digest(admin.csrf.as_bytes());
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden(RELOAD.into()))
    }
}

/// A state-changing urlencoded form: checks the session (Admin), the Origin header (must match
/// the Host; a missing Origin falls back to Referer; neither → refused), and the `_csrf`
/// field against the session's token, then deserializes the body into T (the `_csrf` field is
/// ignored by T). Rejection: 403 with a message that says to reload the page and try again.
pub struct AdminForm<T>(pub Admin, pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for AdminForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let admin = Admin::from_request_parts(&mut parts, state).await?;
        if !origin_matches_host(&parts.headers) {
            return Err(AppError::Forbidden(RELOAD.into()).into_response());
        }
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::UnsupportedMedia(
                "formulaire attendu (application/x-www-form-urlencoded)".into(),
            )
            .into_response());
        }
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            AppError::BadRequest(format!("formulaire illisible : {e}")).into_response()
        })?;
        let token = pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map_or("", |(_, v)| v.as_str());
        check_csrf(&admin, token).map_err(IntoResponse::into_response)?;
        let value = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            AppError::BadRequest(format!("formulaire incomplet ou invalide : {e}")).into_response()
        })?;
        Ok(AdminForm(admin, value))
    }
}
