//! The admin app's error pages: whatever goes wrong under `/admin` — a refusal, an unknown
//! address, a broken form, a fault — a browser gets a page in the admin's language, never JSON,
//! that says what happened and leads back (to the login, then to the form it came from, whose
//! text the browser kept as a draft). A script that asks for JSON still gets JSON.

use super::request::{language, safe_next};
use super::views::{page as shell, Ctx, Nav};
use crate::content::Language;
use crate::error::{AppError, Refusal};
use crate::i18n::admin_catalogue;
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::html;

/// The most of a refusal's plain-text body that is read to show it on the page.
const MAX_DETAIL_BYTES: usize = 4096;
/// Headers of the original answer that still mean something on the page.
const KEPT: [header::HeaderName; 4] = [
    header::ALLOW,
    header::RETRY_AFTER,
    header::WWW_AUTHENTICATE,
    header::SET_COOKIE,
];

/// Why a request was refused, beyond its status.
pub enum Why {
    /// Outside the networks of `--admin-from`.
    Network,
    /// A change that does not come from a page of this site.
    Origin,
    /// A form whose anti-forgery token is missing or no longer the session's (opened before a
    /// new login, or long ago): reloading it gives a good one, and the draft its text.
    StaleForm,
    /// What the handler refused, worded here in the admin's language.
    Said(AppError),
    Nothing,
}

/// An error page of the admin app, with no page to go back to.
pub fn page(lang: Language, status: StatusCode, why: Why) -> Response {
    page_from(lang, status, why, None)
}

/// An error page of the admin app; `back` is the admin page the refused request came from.
pub fn page_from(lang: Language, status: StatusCode, why: Why, back: Option<&str>) -> Response {
    let t = admin_catalogue(lang);
    let (title, text) = match status.as_u16() {
        403 if matches!(why, Why::StaleForm) => (t.error_stale_form, t.error_stale_form_text),
        400 | 415 | 422 => (t.error_bad_request, t.error_bad_request_text),
        401 => (t.error_signed_out, t.error_signed_out_text),
        403 => (t.error_forbidden, t.error_forbidden_text),
        404 => (t.error_not_found, t.error_not_found_text),
        405 => (t.error_method, t.error_method_text),
        413 => (t.too_big_title, t.upload_body_too_big),
        429 => (t.error_too_many, t.error_too_many_text),
        507 => (t.error_disk_full, t.disk_full),
        400..=499 => (t.error_bad_request, t.error_bad_request_text),
        _ => (t.error_internal, t.error_internal_text),
    };
    let detail = match why {
        Why::Network => Some(t.error_network.to_owned()),
        Why::Origin => Some(t.error_origin.to_owned()),
        // The page's own text says what a signed-out save and a full disk are; a fault's
        // cause is for the log.
        Why::Said(said) if !matches!(status.as_u16(), 401 | 500 | 507) => Some(said.say(lang)),
        _ => None,
    };
    let login = match back {
        Some(back) => format!(
            "/admin/login?{}",
            serde_urlencoded::to_string([("next", back)]).unwrap_or_default()
        ),
        None => "/admin/login".to_owned(),
    };
    let ctx = Ctx {
        t,
        lang,
        who: None,
        flash: None,
        path: "/admin",
    };
    let markup = shell(
        &ctx,
        title,
        Nav::None,
        html! {
            @if let Some(detail) = &detail {
                p.lead.error role="alert" { (detail) }
            }
            p { (text) }
            p.actions {
                @if status == StatusCode::UNAUTHORIZED {
                    a.button.primary href=(login) { (t.error_log_in) }
                } @else if let Some(back) = back.filter(|_| status != StatusCode::NOT_FOUND) {
                    a.button.primary href=(back) { (t.error_back_to_form) }
                    " "
                    a.button href="/admin" { (t.error_back) }
                } @else {
                    a.button.primary href="/admin" { (t.error_back) }
                }
            }
        },
    );
    (status, markup).into_response()
}

/// Whether a script asked for JSON (and not a page): it keeps the JSON answer.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

/// The admin page a request came from, as a path, when its `Referer` is of this same host
/// (our pages send it under `Referrer-Policy: same-origin`).
pub fn came_from(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let path = rest.strip_prefix(host)?;
    let path = path.split('#').next().unwrap_or(path);
    let safe = safe_next(Some(path));
    (safe == path && path.starts_with("/admin") && !path.starts_with("/admin/login"))
        .then(|| path.to_owned())
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The layer that turns every error answer of the admin app that is not already a page
/// (an `AppError`, an extractor's plain-text refusal) into one.
pub async fn as_pages(req: Request, next: Next) -> Response {
    let lang = language(req.headers());
    let json = wants_json(req.headers());
    let back = came_from(req.headers());
    let response = next.run(req).await;
    let status = response.status();
    if json
        || !(status.is_client_error() || status.is_server_error())
        || is_html(response.headers())
    {
        return response;
    }
    let said = response.extensions().get::<AppError>().cloned();
    let (parts, body) = response.into_parts();
    // An extractor's plain-text refusal is axum's technical English: the page's own text
    // says what to do, the detail goes to the log.
    if said.is_none() {
        if let Ok(bytes) = axum::body::to_bytes(body, MAX_DETAIL_BYTES).await {
            tracing::debug!(%status, detail = %String::from_utf8_lossy(&bytes), "admin refusal");
        }
    }
    let why = match said {
        Some(AppError::Forbidden(Refusal::StaleForm)) => Why::StaleForm,
        Some(said) => Why::Said(said),
        None => Why::Nothing,
    };
    let mut page = page_from(lang, status, why, back.as_deref());
    for name in KEPT {
        for value in parts.headers.get_all(&name) {
            page.headers_mut().append(name.clone(), value.clone());
        }
    }
    page
}

/// An address of the admin area that no page serves.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
