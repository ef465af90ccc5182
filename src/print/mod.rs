//! The paper side of the community: the QR poster for the till and the printable guide.
//!
//! Both are built from the same content document as the screen, in the display's language
//! (the guide in its second one too).

mod colours;
mod fit;
mod guide;
mod measure;
mod move_head;
mod poster;

use crate::content::Content;
use crate::error::AppError;
use crate::http::conditional::revalidated;
use crate::i18n::Catalogue;
use crate::{assets, qr, AppState};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use base64::Engine;
use maud::Markup;
use sha2::Digest;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/poster", get(poster_page))
        .route("/guide", get(guide_page))
}

/// What the poster and the guide are made of.
pub struct PrintView<'a> {
    pub content: &'a Content,
    /// The community QR code as an inline SVG element (generator output only).
    pub qr_svg: &'a str,
    /// During a move, the next platform's QR code, likewise.
    pub next_qr_svg: Option<&'a str>,
}

async fn poster_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    printed(&state, &headers, "poster", poster::page)
}

async fn guide_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    printed(&state, &headers, "guide", guide::page)
}

/// A rendered printable page and its one inline style block (the coop's colours, the type
/// size the page plan chose), which the page's CSP lists by hash.
pub struct Printed {
    pub html: Markup,
    pub style: String,
}

/// Answers 304 when the browser already has this revision, else renders the page.
fn printed(
    state: &AppState,
    headers: &HeaderMap,
    kind: &str,
    view: fn(&PrintView<'_>) -> Printed,
) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    let etag = format!(
        "\"{}-{}-{kind}\"",
        snapshot.etag.trim_matches('"'),
        assets::build_id()
    );
    let mut style_hash = None;
    let mut response = revalidated(
        headers,
        &etag,
        "no-cache",
        HeaderValue::from_static("text/html; charset=utf-8"),
        || {
            let content = &snapshot.content;
            let qr_svg =
                qr::inline_svg(&content.community.invite_link).map_err(AppError::internal)?;
            let next_qr_svg = match content.next_joinable() {
                Some(next) => Some(qr::inline_svg(&next.invite_link).map_err(AppError::internal)?),
                None => None,
            };
            let page = view(&PrintView {
                content,
                qr_svg: &qr_svg,
                next_qr_svg: next_qr_svg.as_deref(),
            });
            style_hash = Some(
                base64::engine::general_purpose::STANDARD
                    .encode(sha2::Sha256::digest(page.style.as_bytes())),
            );
            Ok(Body::from(page.html.into_string()))
        },
    )?;
    if let Some(hash) = style_hash {
        let csp = HeaderValue::from_str(&crate::security::csp_with_style_hash(&hash))
            .map_err(AppError::internal)?;
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    Ok(response)
}

/// The HTML document of a printable page: its title, the print stylesheet and script, and
/// its inline style.
fn document(t: &Catalogue, title: &str, style: String, body: Markup) -> Printed {
    let html = crate::layout::page(
        crate::layout::Head {
            lang: t.lang,
            title,
            stylesheet: "print.css",
            script: Some("print.js"),
            inline_style: Some(&style),
        },
        body,
    );
    Printed { html, style }
}

/// The bar above a printable page on screen: the print button, a hint, and a warning when the
/// QR code still leads to the example link. Never printed.
fn print_bar(t: &Catalogue, example_link: bool) -> Markup {
    maud::html! {
        div.print-bar {
            button #print-button type="button" { (t.say("print_button")) }
            p.hint { (typeset(t.say("print_hint"), t)) }
            @if example_link {
                p.warning role="alert" { (typeset(t.say("example_link_warning"), t)) }
            }
        }
    }
}

/// The catalogue's language's typography (`i18n::typography`).
fn typeset(text: &str, t: &Catalogue) -> String {
    match crate::content::ScreenLanguage::from_code(t.lang) {
        Some(lang) => crate::i18n::typography::typeset(text, lang),
        None => text.to_owned(),
    }
}
