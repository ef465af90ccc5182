//! `/admin/password`: a volunteer changes their own password (their other sessions end).

use super::account_views as views;
use super::form::AdminForm;
use super::login::{problem_message, signed_in, too_many, wait_message};
use super::request::{see_other, Ui};
use super::who;
use crate::auth::{check_new_password, Volunteer};
use crate::error::AppError;
use crate::http::peer::Peer;
use crate::i18n::account_catalogue;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub async fn show(volunteer: Volunteer, ui: Ui) -> Response {
    let t = account_catalogue(ui.lang);
    views::password(&ui, t, who(&volunteer), None).into_response()
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

pub async fn change(
    State(state): State<AppState>,
    ui: Ui,
    Peer(ip): Peer,
    AdminForm(volunteer, form): AdminForm<PasswordForm>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    let refuse = |status: StatusCode, message: &str| {
        (
            status,
            views::password(&ui, t, who(&volunteer), Some(message)),
        )
            .into_response()
    };
    if let Err(blocked) = state.auth.throttle.attempt(ip, Some(&volunteer.name)) {
        let page = views::password(&ui, t, who(&volunteer), Some(&wait_message(t, blocked)));
        return Ok(too_many(blocked.secs, page));
    }
    let _one_at_a_time = state.auth.account_change.lock().await;
    let accounts = state.store.accounts();
    let current = accounts
        .find(&volunteer.name)
        .map_err(AppError::internal)?
        .and_then(|a| a.password);
    let Some(phc) = current else {
        return Ok(see_other("/admin/login"));
    };
    let verified = state.auth.hasher.verify(form.current, phc).await;
    if !verified.inspect_err(|_| state.auth.throttle.refund(ip, Some(&volunteer.name)))? {
        return Ok(refuse(StatusCode::UNAUTHORIZED, t.wrong_password));
    }
    state.auth.throttle.succeeded(ip, Some(&volunteer.name));
    if let Err(p) = check_new_password(&form.password, &form.password2) {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &problem_message(t, p),
        ));
    }
    let new = state.auth.hasher.hash(form.password.clone()).await?;
    accounts
        .set_password(&volunteer.name, &new)
        .map_err(AppError::internal)?;
    tracing::info!(
        name = volunteer.name,
        "password changed: the account's other sessions ended"
    );
    Ok(signed_in(&state, &volunteer.name, &new, "/admin"))
}
