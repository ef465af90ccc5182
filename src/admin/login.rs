//! Signing in and out: the login page, the first start's setup (the first account, with the
//! setup code), and the welcome page where a volunteer redeems their one-time code.

use super::account_views::{self as views, SetupView};
use super::request::{safe_next, see_other, Ui};
use crate::auth::{
    check_new_password, code_hash, ensure_setup_code, normalize_code, Blocked, PasswordProblem,
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, SESSION,
};
use crate::error::AppError;
use crate::http::peer::Peer;
use crate::i18n::{account_catalogue, AccountCatalogue};
use crate::store::{clean_name, Account, AccountError, Role};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

/// The pages anyone may open (paths relative to `/admin`).
pub fn router() -> Router<AppState> {
    // Tiny forms: a bigger body is refused from its `Content-Length` (413), before the
    // throttle, the accounts file or a hash is reached.
    super::small_forms::limited(
        Router::new()
            .route("/login", get(login_page).post(login))
            .route("/setup", get(login_page).post(setup))
            .route("/welcome", get(welcome_page).post(welcome)),
    )
}

/// Signed in: the session cookie, and on to `to`.
pub fn signed_in(state: &AppState, account: &str, stamp: &str, to: &str) -> Response {
    let id = state.auth.sessions.create(account, stamp);
    let mut response = see_other(to);
    if let Some(cookie) = SESSION.set(&id) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

pub fn too_many(secs: u64, page: maud::Markup) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, HeaderValue::from(secs))],
        page,
    )
        .into_response()
}

/// What a refused attempt reads: how long to wait, and, when guesses from elsewhere locked
/// the account itself, that its owner may also ask an admin for a new code.
pub fn wait_message(t: &AccountCatalogue, blocked: Blocked) -> String {
    let wording = if blocked.account {
        t.account_locked
    } else {
        t.too_many_attempts
    };
    wording.replace("{minutes}", &blocked.secs.div_ceil(60).to_string())
}

pub fn problem_message(t: &AccountCatalogue, p: PasswordProblem) -> String {
    match p {
        PasswordProblem::TooShort(n) => t
            .password_too_short
            .replace("{n}", &n.to_string())
            .replace("{min}", &MIN_PASSWORD_CHARS.to_string()),
        PasswordProblem::TooLong => t
            .password_too_long
            .replace("{max}", &MAX_PASSWORD_CHARS.to_string()),
        PasswordProblem::Differ => t.passwords_differ.to_owned(),
    }
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// The setup page. It never says where the code is kept on the server: whoever opens
/// `/admin` is told to read the server's log or to run `vitrine passwd` there.
fn setup_page(ui: &Ui, next: &str, name: &str, code: &str, error: Option<&str>) -> maud::Markup {
    views::setup(
        ui,
        account_catalogue(ui.lang),
        &SetupView {
            next,
            name,
            code,
            error,
        },
    )
}

async fn login_page(
    State(state): State<AppState>,
    ui: Ui,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    let next = safe_next(q.next.as_deref());
    let accounts = state.store.accounts();
    if accounts.is_empty().map_err(AppError::internal)? {
        // The code is made at start; if it was deleted since, make a new one rather than
        // leave nobody able to get in.
        let secrets = state.store.secrets();
        if secrets.setup_code().map_err(AppError::internal)?.is_none() {
            if let Some(code) =
                ensure_setup_code(&secrets, &accounts).map_err(AppError::internal)?
            {
                tracing::warn!(
                    "no account yet. New setup code: {code} (also in {})",
                    secrets.setup_code_path().display()
                );
            }
        }
        return Ok(setup_page(&ui, next, "", "", None).into_response());
    }
    if state
        .auth
        .signed_in(&headers, &accounts)
        .map_err(AppError::internal)?
        .is_some()
    {
        return Ok(see_other(next));
    }
    Ok(views::login(&ui, t, next, "", None).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// A hash verified against when the name has no password, so that the time taken does not
/// tell which names have an account. Made once, at the first such login.
static NO_SUCH_PASSWORD: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

async fn login(
    State(state): State<AppState>,
    ui: Ui,
    Peer(ip): Peer,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    let next = safe_next(form.next.as_deref());
    let refuse = |status: StatusCode, name: &str, message: &str| {
        (status, views::login(&ui, t, next, name, Some(message))).into_response()
    };
    let accounts = state.store.accounts();
    if accounts.is_empty().map_err(AppError::internal)? {
        return Ok(see_other("/admin/login"));
    }
    let Some(name) = clean_name(&form.name) else {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.name,
            t.name_required,
        ));
    };
    let account = accounts.find(&name).map_err(AppError::internal)?;
    // Guesses at an existing account count for it from every address.
    let target = account.as_ref().map(|a| a.name.clone());
    let target = target.as_deref();
    // Counted before the slow hash, so parallel guesses cannot pass the limit.
    if let Err(blocked) = state.auth.throttle.attempt(ip, target) {
        let page = views::login(&ui, t, next, &form.name, Some(&wait_message(t, blocked)));
        return Ok(too_many(blocked.secs, page));
    }
    let stamp = account.as_ref().and_then(|a| a.password.clone());
    let code_typed = crate::auth::looks_like_code(&form.password);
    let hasher = &state.auth.hasher;
    let verified = async {
        let checked = match &stamp {
            Some(stamp) => stamp.clone(),
            None => NO_SUCH_PASSWORD
                .get_or_try_init(|| hasher.hash(crate::auth::random_token(16)))
                .await?
                .clone(),
        };
        hasher.verify(form.password, checked).await
    }
    .await;
    // A hash refused for a full queue was never checked: it does not count.
    let right =
        verified.inspect_err(|_| state.auth.throttle.refund(ip, target))? && stamp.is_some();
    let (Some(account), Some(stamp), true) = (account, stamp, right) else {
        tracing::warn!(%ip, name, "admin login failed: wrong name or password");
        if code_typed {
            let page = views::login_after_code(&ui, t, next, &name);
            return Ok((StatusCode::UNAUTHORIZED, page).into_response());
        }
        return Ok(refuse(StatusCode::UNAUTHORIZED, &name, t.wrong_password));
    };
    if account.disabled {
        tracing::warn!(%ip, name = account.name, "admin login refused: account disabled");
        return Ok(refuse(StatusCode::FORBIDDEN, &name, t.account_disabled));
    }
    state.auth.throttle.succeeded(ip, target);
    tracing::info!(%ip, name = account.name, "admin logged in");
    Ok(signed_in(&state, &account.name, &stamp, next))
}

#[derive(Deserialize)]
struct SetupForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
    next: Option<String>,
}

async fn setup(
    State(state): State<AppState>,
    ui: Ui,
    Peer(ip): Peer,
    Form(form): Form<SetupForm>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    let next = safe_next(form.next.as_deref());
    // Once the code was right, it stays in the form: a mistyped password costs no new trip
    // to the server's log.
    let refuse = |status: StatusCode, code: &str, message: &str| {
        (
            status,
            setup_page(&ui, next, &form.name, code, Some(message)),
        )
            .into_response()
    };
    if let Err(blocked) = state.auth.throttle.attempt(ip, None) {
        let page = setup_page(&ui, next, &form.name, "", Some(&wait_message(t, blocked)));
        return Ok(too_many(blocked.secs, page));
    }
    // One setup at a time, so the one-time code really works once.
    let _one_at_a_time = state.auth.account_change.lock().await;
    let accounts = state.store.accounts();
    if !accounts.is_empty().map_err(AppError::internal)? {
        // Someone else set up first: nothing was guessed, so nothing counts.
        state.auth.throttle.refund(ip, None);
        return Ok(see_other("/admin/login"));
    }
    let secrets = state.store.secrets();
    let expected = secrets.setup_code().map_err(AppError::internal)?;
    let typed = normalize_code(&form.code);
    let code_ok =
        expected.is_some_and(|code| !typed.is_empty() && code_hash(&code) == code_hash(&typed));
    if !code_ok {
        tracing::warn!(%ip, "admin setup failed: wrong setup code");
        return Ok(refuse(StatusCode::UNAUTHORIZED, "", t.wrong_code));
    }
    state.auth.throttle.succeeded(ip, None);
    let Some(name) = clean_name(&form.name) else {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            form.code.trim(),
            t.name_required,
        ));
    };
    if let Err(p) = check_new_password(&form.password, &form.password2) {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            form.code.trim(),
            &problem_message(t, p),
        ));
    }
    let phc = state.auth.hasher.hash(form.password.clone()).await?;
    accounts
        .create(Account {
            name: name.clone(),
            role: Role::Admin,
            password: Some(phc.clone()),
            disabled: false,
            invitation: None,
            created: chrono::Utc::now(),
        })
        .map_err(AppError::internal)?;
    secrets.remove_setup_code().map_err(AppError::internal)?;
    tracing::info!(%ip, name, "first admin account created with the setup code");
    Ok(signed_in(&state, &name, &phc, next))
}

async fn welcome_page(ui: Ui) -> Response {
    let t = account_catalogue(ui.lang);
    views::welcome(&ui, t, "", "", None).into_response()
}

#[derive(Deserialize)]
struct WelcomeForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn welcome(
    State(state): State<AppState>,
    ui: Ui,
    Peer(ip): Peer,
    Form(form): Form<WelcomeForm>,
) -> Result<Response, AppError> {
    let t = account_catalogue(ui.lang);
    // What was typed stays in the form, the code included: a mistyped password costs no
    // new code.
    let typed = form.code.trim().to_owned();
    let refuse = |status: StatusCode, code: &str, message: &str| {
        (
            status,
            views::welcome(&ui, t, &form.name, code, Some(message)),
        )
            .into_response()
    };
    let Some(name) = clean_name(&form.name) else {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &typed,
            t.name_required,
        ));
    };
    if let Err(p) = check_new_password(&form.password, &form.password2) {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &typed,
            &problem_message(t, p),
        ));
    }
    let target = state
        .store
        .accounts()
        .find(&name)
        .map_err(AppError::internal)?
        .map(|a| a.name);
    let target = target.as_deref();
    // Counted before the slow hash, as a login is.
    if let Err(blocked) = state.auth.throttle.attempt(ip, target) {
        let page = views::welcome(&ui, t, &form.name, "", Some(&wait_message(t, blocked)));
        return Ok(too_many(blocked.secs, page));
    }
    let hashed = state.auth.hasher.hash(form.password.clone()).await;
    let phc = hashed.inspect_err(|_| state.auth.throttle.refund(ip, target))?;
    let _one_at_a_time = state.auth.account_change.lock().await;
    let redeemed =
        state
            .store
            .accounts()
            .redeem(&name, &code_hash(&form.code), &phc, chrono::Utc::now());
    match redeemed {
        Ok(account) => {
            state.auth.throttle.succeeded(ip, target);
            tracing::info!(%ip, name = account.name, "volunteer chose their password with their code");
            Ok(signed_in(&state, &account.name, &phc, "/admin"))
        }
        Err(AccountError::Expired) => Ok(refuse(StatusCode::GONE, "", t.invitation_expired)),
        Err(AccountError::Disabled) => Ok(refuse(StatusCode::FORBIDDEN, "", t.account_disabled)),
        Err(AccountError::WrongCode) => {
            tracing::warn!(%ip, name, "welcome refused: wrong name or code");
            Ok(refuse(StatusCode::UNAUTHORIZED, "", t.wrong_invitation))
        }
        Err(e) => Err(AppError::internal(e)),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    super::form::AdminForm(volunteer, _): super::form::AdminForm<serde::de::IgnoredAny>,
) -> Response {
    if let Some(id) = SESSION.read(&headers) {
        state.auth.sessions.remove(id);
    }
    tracing::info!(name = volunteer.name, "admin logged out");
    let mut response = see_other("/admin/login");
    response
        .headers_mut()
        .append(header::SET_COOKIE, SESSION.clear());
    response
}
