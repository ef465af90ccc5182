//! `/admin/tokens`: API tokens for scripts, made (shown once), listed with who made them, revoked.

use super::account_views::{self as views, TokensView};
use super::form::AdminForm;
use super::request::{see_other, Ui};
use super::who;
use crate::auth::tokens::{clean_label, create_token};
use crate::auth::Volunteer;
use crate::error::AppError;
use crate::i18n::account_catalogue;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tokens", get(list).post(create))
        .route("/tokens/{id}/revoke", post(revoke))
}

fn render(
    state: &AppState,
    ui: &Ui,
    volunteer: &Volunteer,
    status: StatusCode,
    created: Option<(&str, &str)>,
    error: Option<&str>,
) -> Result<Response, AppError> {
    let tokens = state.store.secrets().tokens().map_err(AppError::internal)?;
    let view = TokensView {
        tokens: &tokens,
        created,
        error,
    };
    let page = views::tokens(ui, account_catalogue(ui.lang), who(volunteer), &view);
    Ok((status, page).into_response())
}

async fn list(
    State(state): State<AppState>,
    volunteer: Volunteer,
    ui: Ui,
) -> Result<Response, AppError> {
    render(&state, &ui, &volunteer, StatusCode::OK, None, None)
}

#[derive(Deserialize)]
struct NewToken {
    #[serde(default)]
    label: String,
}

async fn create(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(volunteer, form): AdminForm<NewToken>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    let Some(label) = clean_label(&form.label) else {
        return render(
            &state,
            &ui,
            &volunteer,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(t.token_label_rule),
        );
    };
    let token = create_token(&state.store.secrets(), &label, Some(&volunteer.name))
        .map_err(AppError::internal)?;
    tracing::info!(name = volunteer.name, label, "API token created");
    render(
        &state,
        &ui,
        &volunteer,
        StatusCode::OK,
        Some((&label, &token)),
        None,
    )
}

async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    if !state
        .store
        .secrets()
        .revoke_token(&id)
        .map_err(AppError::internal)?
    {
        return Err(AppError::NotFound);
    }
    tracing::info!(name = volunteer.name, id, "API token revoked");
    Ok(see_other("/admin/tokens"))
}
