//! Shared helpers of the auth and API tests: a fresh server state and one-line requests.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use vitrine::AppState;

#[allow(unused_imports)] // each test binary uses its own part
pub use super::oneshot::{fresh, send_from, send_to, sign_in, Reply, HOST, ORIGIN};

/// The peer address the auth and API tests come from.
pub const PEER: &str = "192.0.2.10:40000";

pub async fn send(state: &AppState, req: Request<Body>) -> Reply {
    send_from(state, req, PEER).await
}

pub async fn get(state: &AppState, path: &str, cookie: Option<&str>) -> Reply {
    let mut req = Request::get(path).header(header::HOST, HOST);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    send(state, req.body(Body::empty()).unwrap()).await
}

/// A urlencoded POST as a browser on our own page sends it (Origin of this site).
pub fn form(path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Request<Body> {
    form_with_origin(path, fields, cookie, Some(ORIGIN))
}

pub fn form_with_origin(
    path: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
    origin: Option<&str>,
) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
        .unwrap()
}

/// Makes the first account ("Maite", an admin) with the setup code, as whoever installs the
/// screen does; returns the session cookie.
pub async fn set_up(state: &AppState, password: &str) -> String {
    let code = vitrine::auth::ensure_setup_code(&state.store.secrets(), &state.store.accounts())
        .unwrap()
        .expect("no password yet, so a setup code");
    let reply = send(
        state,
        form(
            "/admin/setup",
            &[
                ("code", &code),
                ("name", "Maite"),
                ("password", password),
                ("password2", password),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    reply.session_cookie()
}

/// Logs in with the password; returns the reply (303 with a cookie when it worked).
pub async fn log_in(state: &AppState, password: &str) -> Reply {
    send(
        state,
        form(
            "/admin/login",
            &[("name", "Maite"), ("password", password)],
            None,
        ),
    )
    .await
}

/// The `_csrf` token of the first form on an admin page.
pub fn csrf_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=_csrf]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a _csrf field")
        .to_owned()
}
