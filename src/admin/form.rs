//! The forms of signed-in volunteers: the session's anti-forgery token checked, then the
//! fields read. (The fence has already checked that the request comes from this site.)

use crate::auth::Volunteer;
use crate::error::{AppError, Refusal};
use crate::http::body::has_type;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// For multipart uploads, whose handler reads the `_csrf` field itself.
pub fn check_csrf(volunteer: &Volunteer, token: &str) -> Result<(), AppError> {
    if crate::auth::check_csrf(&volunteer.csrf, token) {
        Ok(())
    } else {
        // The page was probably open for too long, or came from elsewhere.
        Err(AppError::Forbidden(Refusal::StaleForm))
    }
}

/// A state-changing urlencoded form of a signed-in volunteer: checks the `_csrf` field
/// against the session's token, then deserializes the body into T (which ignores `_csrf`).
/// Rejection: 403 with a message that says to reload the page and try again.
pub struct AdminForm<T>(pub Volunteer, pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for AdminForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let volunteer = Volunteer::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if !has_type(&parts.headers, "application/x-www-form-urlencoded") {
            return Err(AppError::UnsupportedMedia(Refusal::FormExpected).into_response());
        }
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let unreadable = |e: serde_urlencoded::de::Error| {
            tracing::info!("admin form refused: {e}");
            AppError::BadRequest(Refusal::FormUnreadable).into_response()
        };
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(unreadable)?;
        let token = pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map_or("", |(_, v)| v.as_str());
        check_csrf(&volunteer, token).map_err(IntoResponse::into_response)?;
        let value = serde_urlencoded::from_bytes(&bytes).map_err(unreadable)?;
        Ok(AdminForm(volunteer, value))
    }
}
