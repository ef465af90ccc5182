//! `GET /admin/announcements/{id}/preview` and `/admin/tips/{id}/preview`: one announcement or
//! tip alone, as the screen shows it, whatever its days and even hidden; linked from its form
//! (`lists::preview_link`).

use super::lists::gone;
use super::request::Ui;
use crate::auth::Volunteer;
use crate::content::ids::position;
use crate::display::preview::{page, Alone};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};

async fn preview(
    state: AppState,
    admin: Volunteer,
    ui: Ui,
    alone: Alone,
    list: &str,
) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    let Some((html, csp)) = page(&snapshot.content, alone)? else {
        return Ok(gone(&ui, &admin, &format!("/admin/{list}")));
    };
    let mut response = Html(html).into_response();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

pub async fn announcement(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let at = position(&state.store.current().content.announcements, &id);
    let alone = Alone::Announcement(at.unwrap_or(usize::MAX));
    preview(state, admin, ui, alone, "announcements").await
}

pub async fn tip(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let at = position(&state.store.current().content.tips, &id);
    preview(
        state,
        admin,
        ui,
        Alone::Tip(at.unwrap_or(usize::MAX)),
        "tips",
    )
    .await
}
