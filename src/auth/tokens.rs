//! API tokens: made once (only their hash is kept), listed, revoked; and checked for the API.

use super::views::{self, TokensView};
use super::AdminForm;
use crate::error::AppError;
use crate::i18n::auth::auth_catalogue;
use crate::store::{is_damaged, Secrets, StoredToken};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Every token starts with this, so a leaked one is easy to recognise in a log or a repo.
const PREFIX: &str = "vitrine_";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/tokens", get(list).post(create))
        .route("/admin/tokens/{id}/revoke", post(revoke))
        .route("/admin/tokens/reset", post(reset))
}

fn hash_hex(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token name: one line, 1 to 40 characters.
pub fn clean_label(label: &str) -> Option<String> {
    let label = label.trim();
    let n = label.chars().count();
    ((1..=40).contains(&n) && !label.chars().any(char::is_control)).then(|| label.to_owned())
}

/// Makes a token, stores its hash, and returns the token itself (to be shown once).
pub fn create_token(secrets: &Secrets, label: &str) -> std::io::Result<String> {
    let token = format!("{PREFIX}{}", super::session::random_token(32));
    secrets.add_token(StoredToken {
        id: super::session::random_token(6),
        label: label.to_owned(),
        hash: hash_hex(&token),
        created: chrono::Utc::now(),
    })?;
    Ok(token)
}

/// The label of the stored token matching `token`, if any. Tokens carry 256 random bits,
/// so a plain SHA-256 is enough: there is nothing to brute-force.
pub fn verify_token(secrets: &Secrets, token: &str) -> std::io::Result<Option<String>> {
    let hash = hash_hex(token.trim());
    Ok(secrets
        .tokens()?
        .into_iter()
        .find(|t| t.hash == hash)
        .map(|t| t.label))
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

/// The page of the token list; a damaged file is said, with the way to repair it.
fn page(
    t: &'static crate::i18n::auth::AuthCatalogue,
    admin: &super::Admin,
    secrets: &Secrets,
    created: Option<(&str, &str)>,
    error: Option<&str>,
) -> Result<maud::Markup, AppError> {
    let (tokens, damaged) = match secrets.tokens() {
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
    Ok(views::tokens(t, admin, &view))
}

async fn list(
    State(state): State<AppState>,
    admin: super::Admin,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let t = auth_catalogue(&headers);
    Ok(page(t, &admin, &state.store.secrets(), None, None)?.into_response())
}

#[derive(Deserialize)]
struct NewToken {
    #[serde(default)]
    label: String,
}

async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    AdminForm(admin, form): AdminForm<NewToken>,
) -> Result<Response, AppError> {
    let t = auth_catalogue(&headers);
    let secrets = state.store.secrets();
    let Some(label) = clean_label(&form.label) else {
        let page = page(t, &admin, &secrets, None, Some(t.token_label_rule))?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let made = {
        let label = label.clone();
        blocking(&state, move |secrets| create_token(&secrets, &label)).await
    };
    let token = match made {
        Ok(token) => token,
        // The page says the file is damaged and how to repair it.
        Err(e) if is_damaged(&e) => {
            let page = page(t, &admin, &secrets, None, None)?;
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(AppError::internal(e)),
    };
    tracing::info!(name = admin.name, label, "API token created");
    Ok(page(t, &admin, &secrets, Some((&label, &token)), None)?.into_response())
}

async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    AdminForm(admin, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    let revoked = {
        let id = id.clone();
        blocking(&state, move |secrets| secrets.revoke_token(&id)).await
    };
    match revoked {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) if is_damaged(&e) => {
            let t = auth_catalogue(&headers);
            let page = page(t, &admin, &state.store.secrets(), None, None)?;
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(AppError::internal(e)),
    }
    tracing::info!(name = admin.name, id, "API token revoked");
    Ok(Redirect::to("/admin/tokens").into_response())
}

/// Sets a damaged token file aside and starts an empty list.
async fn reset(
    State(state): State<AppState>,
    AdminForm(admin, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    let aside = blocking(&state, |secrets| secrets.reset_tokens())
        .await
        .map_err(AppError::internal)?;
    if let Some(aside) = aside {
        tracing::warn!(
            name = admin.name,
            "API token list started afresh; the old file is kept as {}",
            aside.display()
        );
    }
    Ok(Redirect::to("/admin/tokens").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_until_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        let token = create_token(&secrets, "export").unwrap();
        assert!(token.starts_with(PREFIX));
        let stored = secrets.tokens().unwrap();
        assert!(!serde_json::to_string(&stored).unwrap().contains(&token));
        assert_eq!(
            verify_token(&secrets, &token).unwrap().as_deref(),
            Some("export")
        );
        assert_eq!(verify_token(&secrets, "vitrine_guess").unwrap(), None);
        secrets.revoke_token(&stored[0].id).unwrap();
        assert_eq!(verify_token(&secrets, &token).unwrap(), None);
    }
}
