//! Login, first-start setup, logout and password change.

use super::password::{check_new_password, normalize_code, PasswordProblem};
use super::{cookie, guard, views, Admin, AdminForm, SESSION_COOKIE};
use crate::error::AppError;
use crate::i18n::auth::{auth_catalogue, AuthCatalogue};
use crate::AppState;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::net::{IpAddr, Ipv4Addr};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/login", get(login_page).post(login))
        .route("/admin/setup", get(login_page).post(setup))
        .route("/admin/logout", post(logout))
        .route("/admin/password", get(password_page).post(change_password))
}

/// The peer address of the connection, for throttling; unknown peers share one bucket.
pub struct Peer(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            guard::peer(&parts.extensions).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        ))
    }
}

/// Where to go after logging in: only a page of the admin area, never another site.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if (n == "/admin" || n.starts_with("/admin/") || n.starts_with("/admin?"))
                && !n.contains('\\')
                // A control character cannot go into the Location header.
                && !n.chars().any(char::is_control)
                && !n.contains("//") =>
        {
            n
        }
        _ => "/admin",
    }
}

/// The cookie of a new session. No `Secure` attribute: vitrine is served over plain HTTP
/// on the shop's LAN, where a Secure cookie would never be sent back.
fn session_cookie(id: &str) -> HeaderValue {
    let max_age = super::session::MAX_AGE.as_secs();
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}"
    ))
    .expect("base64url ids are valid header text")
}

fn clear_cookie() -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
    ))
    .expect("static cookie")
}

fn logged_in(id: &str, to: &str) -> Response {
    ([(header::SET_COOKIE, session_cookie(id))], Redirect::to(to)).into_response()
}

fn too_many(secs: u64, page: maud::Markup) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, HeaderValue::from(secs))],
        page,
    )
        .into_response()
}

fn wait_message(t: &AuthCatalogue, secs: u64) -> String {
    t.too_many_attempts
        .replace("{minutes}", &secs.div_ceil(60).to_string())
}

fn problem_message(t: &AuthCatalogue, p: PasswordProblem) -> String {
    match p {
        PasswordProblem::TooShort(n) => t
            .password_too_short
            .replace("{n}", &n.to_string())
            .replace("{min}", &super::MIN_PASSWORD_CHARS.to_string()),
        PasswordProblem::TooLong => t
            .password_too_long
            .replace("{max}", &super::password::MAX_PASSWORD_CHARS.to_string()),
        PasswordProblem::Differ => t.passwords_differ.to_owned(),
    }
}

/// A first name for the history: one line, 1 to 40 characters.
fn clean_name(name: &str) -> Option<String> {
    let name = name.trim();
    let n = name.chars().count();
    ((1..=40).contains(&n) && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

fn setup_page(
    state: &AppState,
    t: &AuthCatalogue,
    next: &str,
    name: &str,
    error: Option<&str>,
) -> maud::Markup {
    let path = state.store.secrets().setup_code_path();
    views::setup(
        t,
        &views::SetupView {
            next,
            name,
            code_path: &path.display().to_string(),
            error,
        },
    )
}

async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let t = auth_catalogue(&headers);
    let next = safe_next(q.next.as_deref());
    if state
        .store
        .secrets()
        .password_hash()
        .map_err(AppError::internal)?
        .is_none()
    {
        // The code is made at start; if it was deleted since, make a new one rather than
        // leave nobody able to get in.
        let secrets = state.store.secrets();
        if secrets.setup_code().map_err(AppError::internal)?.is_none() {
            if let Some(code) = super::ensure_setup_code(&secrets).map_err(AppError::internal)? {
                tracing::warn!(
                    "no admin password yet. New setup code: {code} (also in {})",
                    secrets.setup_code_path().display()
                );
            }
        }
        return Ok(setup_page(&state, t, next, "", None).into_response());
    }
    if Admin::from_headers(&headers, &state)?.is_some() {
        return Ok(Redirect::to(next).into_response());
    }
    Ok(views::login(t, next, "", None).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    Peer(ip): Peer,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let t = auth_catalogue(&headers);
    let next = safe_next(form.next.as_deref());
    let Some(phc) = state
        .store
        .secrets()
        .password_hash()
        .map_err(AppError::internal)?
    else {
        return Ok(Redirect::to("/admin/login").into_response());
    };
    let Some(name) = clean_name(&form.name) else {
        let page = views::login(t, next, &form.name, Some(t.name_required));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // Counted before the slow hash, so parallel guesses cannot pass the limit.
    if let Err(secs) = state.auth.throttle.attempt(ip) {
        let page = views::login(t, next, &form.name, Some(&wait_message(t, secs)));
        return Ok(too_many(secs, page));
    }
    let verified = state.auth.hasher.verify(form.password, phc.clone()).await;
    let right = verified.inspect_err(|_| state.auth.throttle.refund(ip))?;
    if !right {
        tracing::warn!(%ip, "admin login failed: wrong password");
        let page = views::login(t, next, &name, Some(t.wrong_password));
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    }
    state.auth.throttle.succeeded(ip);
    tracing::info!(%ip, name, "admin logged in");
    let id = state.auth.sessions.create(&name, &phc);
    Ok(logged_in(&id, next))
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
    Peer(ip): Peer,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Result<Response, AppError> {
    let t = auth_catalogue(&headers);
    let next = safe_next(form.next.as_deref());
    let refuse = |status: StatusCode, message: &str| {
        (
            status,
            setup_page(&state, t, next, &form.name, Some(message)),
        )
            .into_response()
    };
    if let Err(secs) = state.auth.throttle.attempt(ip) {
        let page = setup_page(&state, t, next, &form.name, Some(&wait_message(t, secs)));
        return Ok(too_many(secs, page));
    }
    // One setup at a time, so the one-time code really works once.
    let _guard = state.auth.password_change.lock().await;
    let secrets = state.store.secrets();
    if secrets
        .password_hash()
        .map_err(AppError::internal)?
        .is_some()
    {
        return Ok(Redirect::to("/admin/login").into_response());
    }
    let expected = secrets.setup_code().map_err(AppError::internal)?;
    let typed = normalize_code(&form.code);
    let code_ok = expected.is_some_and(|code| {
        use sha2::{Digest, Sha256};
        !typed.is_empty()
            && Sha256::digest(normalize_code(&code).as_bytes()) == Sha256::digest(typed.as_bytes())
    });
    if !code_ok {
        tracing::warn!(%ip, "admin setup failed: wrong setup code");
        return Ok(refuse(StatusCode::UNAUTHORIZED, t.wrong_code));
    }
    state.auth.throttle.succeeded(ip);
    let Some(name) = clean_name(&form.name) else {
        return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, t.name_required));
    };
    if let Err(p) = check_new_password(&form.password, &form.password2) {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &problem_message(t, p),
        ));
    }
    let phc = state.auth.hasher.hash(form.password.clone()).await?;
    secrets
        .set_password_hash(&phc)
        .map_err(AppError::internal)?;
    state.auth.sessions.clear();
    tracing::info!(%ip, name, "admin password set with the setup code");
    let id = state.auth.sessions.create(&name, &phc);
    Ok(logged_in(&id, next))
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    AdminForm(admin, _): AdminForm<serde::de::IgnoredAny>,
) -> Response {
    if let Some(id) = cookie(&headers, SESSION_COOKIE) {
        state.auth.sessions.remove(id);
    }
    tracing::info!(name = admin.name, "admin logged out");
    (
        [(header::SET_COOKIE, clear_cookie())],
        Redirect::to("/admin/login"),
    )
        .into_response()
}

async fn password_page(admin: Admin, headers: HeaderMap) -> Response {
    views::password(auth_catalogue(&headers), &admin, None).into_response()
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn change_password(
    State(state): State<AppState>,
    Peer(ip): Peer,
    headers: HeaderMap,
    AdminForm(admin, form): AdminForm<PasswordForm>,
) -> Result<Response, AppError> {
    let t = auth_catalogue(&headers);
    let refuse = |status: StatusCode, message: &str| {
        (status, views::password(t, &admin, Some(message))).into_response()
    };
    if let Err(secs) = state.auth.throttle.attempt(ip) {
        let page = views::password(t, &admin, Some(&wait_message(t, secs)));
        return Ok(too_many(secs, page));
    }
    let _guard = state.auth.password_change.lock().await;
    let secrets = state.store.secrets();
    let Some(phc) = secrets.password_hash().map_err(AppError::internal)? else {
        return Ok(Redirect::to("/admin/login").into_response());
    };
    let verified = state.auth.hasher.verify(form.current, phc).await;
    if !verified.inspect_err(|_| state.auth.throttle.refund(ip))? {
        return Ok(refuse(StatusCode::UNAUTHORIZED, t.wrong_password));
    }
    state.auth.throttle.succeeded(ip);
    if let Err(p) = check_new_password(&form.password, &form.password2) {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &problem_message(t, p),
        ));
    }
    let new = state.auth.hasher.hash(form.password.clone()).await?;
    secrets
        .set_password_hash(&new)
        .map_err(AppError::internal)?;
    state.auth.sessions.clear();
    tracing::info!(
        name = admin.name,
        "admin password changed: every other session ended"
    );
    let id = state.auth.sessions.create(&admin.name, &new);
    Ok(logged_in(&id, "/admin"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_in_the_admin_area() {
        assert_eq!(safe_next(Some("/admin/groups?x=1")), "/admin/groups?x=1");
        assert_eq!(safe_next(Some("https://evil.example/")), "/admin");
        assert_eq!(safe_next(Some("//evil.example/admin")), "/admin");
        assert_eq!(safe_next(Some("/administrator")), "/admin");
        assert_eq!(safe_next(Some("/admin/\\evil")), "/admin");
        assert_eq!(safe_next(Some("/admin/\u{1}x")), "/admin");
        assert_eq!(safe_next(Some("/admin/\tx")), "/admin");
        assert_eq!(safe_next(Some("/admin/\r\nSet-Cookie:x")), "/admin");
        assert_eq!(safe_next(None), "/admin");
    }
}
