//! API tokens: made once (only their hash is kept), listed, revoked; and checked for the API.

use super::views::{self, TokensView};
use super::AdminForm;
use crate::error::AppError;
use crate::i18n::auth::auth_catalogue;
use crate::store::{Secrets, StoredToken};
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

async fn list(
    State(state): State<AppState>,
    admin: super::Admin,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let tokens = state.store.secrets().tokens().map_err(AppError::internal)?;
    let view = TokensView {
        tokens: &tokens,
        created: None,
        error: None,
    };
    Ok(views::tokens(auth_catalogue(&headers), &admin, &view).into_response())
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
        let tokens = secrets.tokens().map_err(AppError::internal)?;
        let view = TokensView {
            tokens: &tokens,
            created: None,
            error: Some(t.token_label_rule),
        };
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            views::tokens(t, &admin, &view),
        )
            .into_response());
    };
    let token = create_token(&secrets, &label).map_err(AppError::internal)?;
    tracing::info!(name = admin.name, label, "API token created");
    let tokens = secrets.tokens().map_err(AppError::internal)?;
    let view = TokensView {
        tokens: &tokens,
        created: Some((&label, &token)),
        error: None,
    };
    Ok(views::tokens(t, &admin, &view).into_response())
}

async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm(admin, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    if !state
        .store
        .secrets()
        .revoke_token(&id)
        .map_err(AppError::internal)?
    {
        return Err(AppError::NotFound);
    }
    tracing::info!(name = admin.name, id, "API token revoked");
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
