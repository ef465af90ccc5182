//! `/admin/accounts` (admins only): one account per volunteer. An admin creates an account
//! with a one-time code, shown once, that its owner redeems on `/admin/welcome` with a password
//! of their own; gives a new code to whoever forgot theirs (a reset); disables an account;
//! makes an account admin or volunteer.

use super::account_views::{self as views, AccountsView};
use super::form::AdminForm;
use super::request::Ui;
use super::who;
use crate::auth::{code_hash, new_setup_code, Volunteer};
use crate::error::AppError;
use crate::i18n::{account_catalogue, AccountCatalogue};
use crate::store::{
    clean_name, same_name, Account, AccountError, Invitation, Role, INVITATION_DAYS,
};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list).post(invite))
        .route("/accounts/{name}/reset", post(reset))
        .route("/accounts/{name}/disable", post(disable))
        .route("/accounts/{name}/enable", post(enable))
        .route("/accounts/{name}/admin", post(make_admin))
        .route("/accounts/{name}/volunteer", post(make_volunteer))
}

/// What the page shows besides the list.
#[derive(Default)]
struct Outcome<'a> {
    code: Option<(&'a str, &'a str, DateTime<Utc>)>,
    error: Option<&'a str>,
    name: &'a str,
}

fn render(
    state: &AppState,
    ui: &Ui,
    volunteer: &Volunteer,
    status: StatusCode,
    outcome: Outcome<'_>,
) -> Result<Response, AppError> {
    let accounts = state.store.accounts().list().map_err(AppError::internal)?;
    let view = AccountsView {
        accounts: &accounts,
        code: outcome.code,
        error: outcome.error,
        name: outcome.name,
        now: Utc::now(),
    };
    let page = views::accounts(ui, account_catalogue(ui.lang), who(volunteer), &view);
    Ok((status, page).into_response())
}

/// A fresh one-time code and what the account keeps of it.
fn new_code(now: DateTime<Utc>) -> (String, Invitation) {
    let code = new_setup_code();
    let invitation = Invitation {
        code_hash: code_hash(&code),
        expires: now + chrono::Duration::days(INVITATION_DAYS),
    };
    (code, invitation)
}

/// The refusal of a change, said on the page, with its status.
fn refusal(
    t: &'static AccountCatalogue,
    e: AccountError,
) -> Result<(StatusCode, &'static str), AppError> {
    Ok(match e {
        AccountError::Taken => (StatusCode::CONFLICT, t.name_taken),
        AccountError::LastAdmin => (StatusCode::CONFLICT, t.last_admin),
        AccountError::Full => (StatusCode::UNPROCESSABLE_ENTITY, t.too_many_accounts),
        AccountError::Unknown => (StatusCode::NOT_FOUND, t.no_such_account),
        AccountError::Io(e) => return Err(AppError::from_io(e)),
        e => return Err(AppError::internal(e)),
    })
}

async fn list(
    State(state): State<AppState>,
    volunteer: Volunteer,
    ui: Ui,
) -> Result<Response, AppError> {
    render(&state, &ui, &volunteer, StatusCode::OK, Outcome::default())
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    name: String,
    /// A checkbox: present (`on`) when ticked.
    admin: Option<String>,
}

async fn invite(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(volunteer, form): AdminForm<InviteForm>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    let Some(name) = clean_name(&form.name) else {
        let outcome = Outcome {
            error: Some(t.name_required),
            name: &form.name,
            ..Outcome::default()
        };
        return render(
            &state,
            &ui,
            &volunteer,
            StatusCode::UNPROCESSABLE_ENTITY,
            outcome,
        );
    };
    let now = Utc::now();
    let (code, invitation) = new_code(now);
    let expires = invitation.expires;
    let role = if form.admin.is_some() {
        Role::Admin
    } else {
        Role::Volunteer
    };
    let _one_at_a_time = state.auth.account_change.lock().await;
    let created = state.store.accounts().create(Account {
        name: name.clone(),
        role,
        password: None,
        disabled: false,
        invitation: Some(invitation),
        created: now,
    });
    if let Err(e) = created {
        let (status, message) = refusal(t, e)?;
        let outcome = Outcome {
            error: Some(message),
            name: &name,
            ..Outcome::default()
        };
        return render(&state, &ui, &volunteer, status, outcome);
    }
    tracing::info!(
        by = volunteer.name,
        name,
        ?role,
        "account created with a one-time code"
    );
    let outcome = Outcome {
        code: Some((&name, &code, expires)),
        ..Outcome::default()
    };
    render(&state, &ui, &volunteer, StatusCode::OK, outcome)
}

/// Refused on one's own account: the password page is for that, and disabling oneself
/// would lock one out.
fn not_yourself(
    state: &AppState,
    ui: &Ui,
    volunteer: &Volunteer,
    name: &str,
) -> Option<Result<Response, AppError>> {
    same_name(&volunteer.name, name).then(|| {
        let outcome = Outcome {
            error: Some(account_catalogue(ui.lang).not_yourself),
            ..Outcome::default()
        };
        render(state, ui, volunteer, StatusCode::CONFLICT, outcome)
    })
}

async fn reset(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ui: Ui,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    if let Some(refused) = not_yourself(&state, &ui, &volunteer, &name) {
        return refused;
    }
    let (code, invitation) = new_code(Utc::now());
    let expires = invitation.expires;
    let _one_at_a_time = state.auth.account_change.lock().await;
    match state.store.accounts().reset(&name, invitation) {
        Ok(account) => {
            tracing::info!(
                by = volunteer.name,
                name = account.name,
                "password reset: new one-time code"
            );
            state.auth.throttle.forget_account(&account.name);
            revoke_tokens(&state, &account.name, "reset").await;
            let outcome = Outcome {
                code: Some((&account.name, &code, expires)),
                ..Outcome::default()
            };
            render(&state, &ui, &volunteer, StatusCode::OK, outcome)
        }
        Err(e) => refused(&state, &ui, &volunteer, e),
    }
}

/// The API tokens an account made go with its right to write (they already stopped working:
/// `auth::tokens` checks the account on every use); said in the log.
async fn revoke_tokens(state: &AppState, name: &str, why: &'static str) {
    let (secrets, owner) = (state.store.secrets(), name.to_owned());
    match tokio::task::spawn_blocking(move || secrets.revoke_tokens_of(&owner)).await {
        Ok(Ok(0)) => {}
        Ok(Ok(n)) => tracing::warn!(name, why, "{n} API token(s) of the account revoked"),
        Ok(Err(e)) => tracing::warn!(
            name,
            "cannot remove the account's API tokens ({e}); they no longer work anyway"
        ),
        Err(e) => tracing::warn!(name, "cannot remove the account's API tokens: {e}"),
    }
}

/// The accounts page again, with why the store refused the change.
fn refused(
    state: &AppState,
    ui: &Ui,
    volunteer: &Volunteer,
    e: AccountError,
) -> Result<Response, AppError> {
    let (status, message) = refusal(account_catalogue(ui.lang), e)?;
    let outcome = Outcome {
        error: Some(message),
        ..Outcome::default()
    };
    render(state, ui, volunteer, status, outcome)
}

async fn set_disabled(
    state: AppState,
    name: String,
    ui: Ui,
    volunteer: Volunteer,
    disabled: bool,
) -> Result<Response, AppError> {
    if let Some(refused) = not_yourself(&state, &ui, &volunteer, &name) {
        return refused;
    }
    let _one_at_a_time = state.auth.account_change.lock().await;
    match state.store.accounts().set_disabled(&name, disabled) {
        Ok(account) => {
            tracing::info!(
                by = volunteer.name,
                name = account.name,
                disabled,
                "account changed"
            );
            if disabled {
                revoke_tokens(&state, &account.name, "disabled").await;
            }
            Ok(super::request::see_other("/admin/accounts"))
        }
        Err(e) => refused(&state, &ui, &volunteer, e),
    }
}

async fn disable(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ui: Ui,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    set_disabled(state, name, ui, volunteer, true).await
}

async fn enable(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ui: Ui,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    set_disabled(state, name, ui, volunteer, false).await
}

async fn set_role(
    state: AppState,
    name: String,
    ui: Ui,
    volunteer: Volunteer,
    role: Role,
) -> Result<Response, AppError> {
    if let Some(refused) = not_yourself(&state, &ui, &volunteer, &name) {
        return refused;
    }
    let _one_at_a_time = state.auth.account_change.lock().await;
    match state.store.accounts().set_role(&name, role) {
        Ok(account) => {
            tracing::info!(
                by = volunteer.name,
                name = account.name,
                ?role,
                "role changed"
            );
            if role != Role::Admin {
                revoke_tokens(&state, &account.name, "made a volunteer").await;
            }
            Ok(super::request::see_other("/admin/accounts"))
        }
        Err(e) => refused(&state, &ui, &volunteer, e),
    }
}

async fn make_admin(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ui: Ui,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    set_role(state, name, ui, volunteer, Role::Admin).await
}

async fn make_volunteer(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ui: Ui,
    AdminForm(volunteer, _): AdminForm<serde::de::IgnoredAny>,
) -> Result<Response, AppError> {
    set_role(state, name, ui, volunteer, Role::Volunteer).await
}
