//! The admin area: for now only a page that says who is logged in (the full area comes next).

use crate::auth::Admin;
use crate::i18n::auth::auth_catalogue;
use crate::AppState;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin", get(dashboard))
}

async fn dashboard(admin: Admin, headers: HeaderMap) -> Response {
    crate::auth::placeholder_dashboard(auth_catalogue(&headers), &admin).into_response()
}
