//! The display page as served: rendered, gzipped and given its headers once per content
//! revision, so that a request only picks the bytes and the header map it needs.

use super::moment::{self, Visible};
use super::{theme_style, view};
use crate::clock::Clock;
use crate::error::AppError;
use crate::http::conditional::not_modified;
use crate::store::Snapshot;
use crate::{assets, qr, security};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::{Arc, RwLock};

/// One encoding of the page: its bytes, its entity tag and every header it is sent with.
struct Variant {
    etag: HeaderValue,
    body: Bytes,
    ok: HeaderMap,
    not_modified: HeaderMap,
}

/// The display page of one content revision, ready to send.
pub struct RenderedPage {
    /// The page's own tag: the one in its HTML, that the event stream announces.
    pub etag: String,
    plain: Variant,
    gzip: Variant,
    /// The entity tag of the content it was rendered from.
    revision: String,
    /// What the clock put on the screen when it was rendered (see `moment`): at another
    /// moment the same revision may show other slides, or a pin.
    moment: String,
}

/// Keeps the rendering of the current revision.
pub struct PageCache {
    page: RwLock<Option<Arc<RenderedPage>>>,
    /// The server's clock, which says the day for announcements' first and last days.
    clock: Arc<Clock>,
}

impl PageCache {
    pub fn new(clock: Arc<Clock>) -> PageCache {
        PageCache {
            page: RwLock::default(),
            clock,
        }
    }

    /// The page of `snapshot`, rendered now if the cached one is of another revision (or,
    /// with slides of some days and hours or a pin, of another moment).
    pub fn get(&self, snapshot: &Snapshot) -> Result<Arc<RenderedPage>, AppError> {
        let visible = moment::visible_now(snapshot, &self.clock);
        // Compared without building the page's tag: this runs on every request.
        if let Some(page) = self.page.read().expect("page cache lock").as_ref() {
            if page.revision == snapshot.etag && page.moment == visible.key {
                return Ok(page.clone());
            }
        }
        let page = Arc::new(render(snapshot, visible)?);
        *self.page.write().expect("page cache lock") = Some(page.clone());
        Ok(page)
    }

    /// The server's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }
}

impl RenderedPage {
    /// The answer to a `GET /` with these request headers: gzip when the browser takes it,
    /// `304` when it already holds this revision.
    pub fn response(&self, request: &HeaderMap) -> Response {
        let variant = if accepts_gzip(request) {
            &self.gzip
        } else {
            &self.plain
        };
        let (status, headers, body) = if self.is_held(request) {
            (
                StatusCode::NOT_MODIFIED,
                &variant.not_modified,
                Body::empty(),
            )
        } else {
            (
                StatusCode::OK,
                &variant.ok,
                Body::from(variant.body.clone()),
            )
        };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = headers.clone();
        response
    }

    /// Whether the request's `If-None-Match` names either encoding of this revision.
    fn is_held(&self, request: &HeaderMap) -> bool {
        [&self.plain.etag, &self.gzip.etag]
            .iter()
            .any(|tag| tag.to_str().is_ok_and(|tag| not_modified(request, tag)))
    }
}

/// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

fn render(snapshot: &Snapshot, visible: Visible) -> Result<RenderedPage, AppError> {
    let content = &snapshot.content;
    let on = if visible.key.is_empty() {
        String::new()
    } else {
        format!("-{}", visible.key)
    };
    let etag = format!(
        "\"{}-{}{on}\"",
        snapshot.etag.trim_matches('"'),
        assets::build_id()
    );
    let qr_svg = qr::inline_svg(&content.community.invite_link).map_err(AppError::internal)?;
    let next_qr_svg = match content.next_joinable() {
        Some(next) => Some(qr::inline_svg(&next.invite_link).map_err(AppError::internal)?),
        None => None,
    };
    let not_before = snapshot
        .saved
        .as_ref()
        .map(|(at, _)| *at)
        .into_iter()
        .chain([crate::content::built_not_before()])
        .max()
        .unwrap_or_else(crate::content::built_not_before);
    let markup = view::page(&view::DisplayView {
        content,
        visible: &visible,
        etag: &etag,
        qr_svg: &qr_svg,
        next_qr_svg: next_qr_svg.as_deref(),
        not_before,
        build: assets::build_id(),
        preview: false,
    });
    let html = Bytes::from(markup.into_string());
    let style_hash = base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(theme_style(&content.display.theme)));
    let csp = HeaderValue::from_str(&security::csp_with_style_hash(&style_hash))
        .map_err(AppError::internal)?;
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&html).map_err(AppError::internal)?;
    let gzipped = Bytes::from(encoder.finish().map_err(AppError::internal)?);
    let gzip_etag = format!("{}-gz\"", etag.trim_end_matches('"'));
    Ok(RenderedPage {
        plain: variant(&etag, html, None, &csp)?,
        gzip: variant(&gzip_etag, gzipped, Some("gzip"), &csp)?,
        etag,
        revision: snapshot.etag.clone(),
        moment: visible.key,
    })
}

fn variant(
    etag: &str,
    body: Bytes,
    encoding: Option<&'static str>,
    csp: &HeaderValue,
) -> Result<Variant, AppError> {
    let etag = HeaderValue::from_str(etag).map_err(AppError::internal)?;
    // What a 304 repeats of the 200 (RFC 9110, 15.4.5), then the page's own policy (it
    // allows its theme's inline style) and the usual security headers.
    let mut not_modified = HeaderMap::new();
    not_modified.insert(header::ETAG, etag.clone());
    not_modified.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    not_modified.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    not_modified.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    for (name, value) in security::HEADERS {
        not_modified
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    let mut ok = not_modified.clone();
    ok.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Some(encoding) = encoding {
        ok.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    Ok(Variant {
        etag,
        body,
        ok,
        not_modified,
    })
}

#[cfg(test)]
mod tests {
    use super::accepts_gzip;
    use axum::http::{header, HeaderMap, HeaderValue};

    fn accepts(value: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        accepts_gzip(&headers)
    }

    #[test]
    fn gzip_only_when_the_browser_takes_it() {
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts("*"));
        assert!(!accepts("br"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("identity"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
