//! Signing in, as layers of the admin app: the pages behind the login see a [`Volunteer`],
//! put in the request by [`require_volunteer`]; the account pages also need an admin.

use crate::auth::Volunteer;
use crate::error::{AppError, Refusal};
use crate::AppState;
use axum::extract::{FromRequestParts, NestedPath, Request, State};
use axum::http::request::Parts;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Lets a request through with its [`Volunteer`] when its session is good. Otherwise a page
/// view goes to the login page (and back after), and anything else is refused (401).
pub async fn require_volunteer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    match state.auth.signed_in(req.headers(), &state.store.accounts()) {
        Ok(Some(volunteer)) => {
            req.extensions_mut().insert(volunteer);
            next.run(req).await
        }
        Ok(None) if matches!(*req.method(), Method::GET | Method::HEAD) => {
            let prefix = req
                .extensions()
                .get::<NestedPath>()
                .map_or("", |p| p.as_str());
            // The nested router sees `/admin` itself as `/`.
            let path = match req.uri().path() {
                "/" if !prefix.is_empty() => "",
                path => path,
            };
            let query = req
                .uri()
                .query()
                .map(|q| format!("?{q}"))
                .unwrap_or_default();
            let next = format!("{prefix}{path}{query}");
            let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
            super::request::see_other(&format!("/admin/login?{query}"))
        }
        Ok(None) => AppError::Unauthorized(Refusal::SessionExpired).into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}

/// Lets only admins through (to manage the accounts).
pub async fn require_admin(volunteer: Volunteer, req: Request, next: Next) -> Response {
    if volunteer.is_admin() {
        next.run(req).await
    } else {
        AppError::Forbidden(Refusal::AdminsOnly).into_response()
    }
}

/// The signed-in volunteer of a page behind [`require_volunteer`].
impl<S: Send + Sync> FromRequestParts<S> for Volunteer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<Volunteer>()
            .cloned()
            .ok_or_else(|| AppError::internal("a signed-in page outside require_volunteer"))
    }
}
