//! `/admin/tokens`: API tokens for scripts, made (shown once), listed with who made them, revoked.

use super::account_views::{self as views, TokensView};
use super::form::AdminForm;
use super::request::{see_other, Ui};
use super::who;
use crate::auth::tokens::{clean_label, create_token};
use crate::auth::Volunteer;
use crate::error::AppError;
use crate::i18n::account_catalogue;
use crate::store::{is_damaged, Secrets};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

/// Its forms are tiny: a bigger body is refused from its `Content-Length` (413).
pub fn router() -> Router<AppState> {
    super::small_forms::limited(
        Router::new()
            .route("/tokens", get(list).post(create))
            .route("/tokens/{id}/revoke", post(revoke))
            .route("/tokens/reset", post(reset)),
    )
}

/// Runs a change of the token file off the async workers: it waits for the file's lock.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    change: impl FnOnce(Secrets) -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    let secrets = state.store.secrets();
    tokio::task::spawn_blocking(move || change(secrets))
        .await
        .map_err(std::io::Error::other)?
}

fn render(
    state: &AppState,
    ui: &Ui,
    volunteer: &Volunteer,
    status: StatusCode,
    created: Option<(&str, &str)>,
    error: Option<&str>,
) -> Result<Response, AppError> {
    // A damaged file is said on the page, with the way to repair it.
    let (tokens, damaged) = match state.store.secrets().tokens() {
        Ok(tokens) => (tokens, None),
        Err(e) if is_damaged(&e) => (Vec::new(), Some(e.to_string())),
        Err(e) => return Err(AppError::internal(e)),
    };
    let view = TokensView {
        tokens: &tokens,
        created,
        error,
        damaged: damaged.as_deref(),
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
    let made = {
        let (label, by) = (label.clone(), volunteer.name.clone());
        blocking(&state, move |secrets| {
            create_token(&secrets, &label, Some(&by))
        })
        .await
    };
    let token = match made {
        Ok(token) => token,
        Err(e) if is_damaged(&e) => {
            return render(&state, &ui, &volunteer, StatusCode::CONFLICT, None, None)
        }
        Err(e) => return Err(AppError::internal(e)),
    };
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
    ui: Ui,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    let revoked = {
        let id = id.clone();
        blocking(&state, move |secrets| secrets.revoke_token(&id)).await
    };
    match revoked {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) if is_damaged(&e) => {
            return render(&state, &ui, &volunteer, StatusCode::CONFLICT, None, None)
        }
        Err(e) => return Err(AppError::internal(e)),
    }
    tracing::info!(name = volunteer.name, id, "API token revoked");
    Ok(see_other("/admin/tokens"))
}

/// Sets a damaged token file aside (kept, renamed) and starts an empty list.
async fn reset(
    State(state): State<AppState>,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    let aside = blocking(&state, |secrets| secrets.reset_tokens())
        .await
        .map_err(AppError::internal)?;
    if let Some(aside) = aside {
        tracing::warn!(
            name = volunteer.name,
            "API token list started afresh; the old file is kept as {}",
            aside.display()
        );
    }
    Ok(see_other("/admin/tokens"))
}
