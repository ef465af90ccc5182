//! The admin app's error pages: whatever goes wrong under `/admin` — a refusal, an unknown
//! address, a broken form, a fault — a browser gets a page in the admin's language, never JSON.

use super::request::language;
use super::views::{page as shell, Ctx, Nav};
use crate::content::Language;
use crate::error::{AppError, Said};
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
    /// What the handler said (in French: the English page gives the status's own text).
    Said(String),
    Nothing,
}

/// An error page of the admin app.
pub fn page(lang: Language, status: StatusCode, why: Why) -> Response {
    let t = admin_catalogue(lang);
    let (title, text) = match status.as_u16() {
        400 | 415 | 422 => (t.error_bad_request, t.error_bad_request_text),
        401 => (t.error_signed_out, t.error_signed_out_text),
        403 => (t.error_forbidden, t.error_forbidden_text),
        404 => (t.error_not_found, t.error_not_found_text),
        405 => (t.error_method, t.error_method_text),
        413 => (t.too_big_title, t.upload_body_too_big),
        429 => (t.error_too_many, t.error_too_many_text),
        400..=499 => (t.error_bad_request, t.error_bad_request_text),
        _ => (t.error_internal, t.error_internal_text),
    };
    let detail = match why {
        Why::Network => Some(t.error_network.to_owned()),
        Why::Origin => Some(t.error_origin.to_owned()),
        Why::Said(said) if lang == Language::Fr && status != StatusCode::INTERNAL_SERVER_ERROR => {
            Some(said)
        }
        _ => None,
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
            p {
                @if status == StatusCode::UNAUTHORIZED {
                    a.button href="/admin/login" { (t.error_log_in) }
                } @else {
                    a.button href="/admin" { (t.error_back) }
                }
            }
        },
    );
    (status, markup).into_response()
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
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_html(response.headers()) {
        return response;
    }
    let said = response.extensions().get::<Said>().map(|s| s.0.clone());
    let (parts, body) = response.into_parts();
    let said = match said {
        Some(said) => Some(said),
        None => axum::body::to_bytes(body, MAX_DETAIL_BYTES)
            .await
            .ok()
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
            .filter(|s| !s.is_empty()),
    };
    let mut page = page(lang, status, said.map_or(Why::Nothing, Why::Said));
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
