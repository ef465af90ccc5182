//! Every route of the display, driven without a socket (`tower::ServiceExt::oneshot`):
//! status, content type, entity tags and 304, the security headers, compression, 404s.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::oneshot::{fresh, send_from, Reply};
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;
use vitrine::AppState;

/// A shopper's phone on the shop network.
const PEER: &str = "192.0.2.30:40000";

struct App {
    state: AppState,
    _data: tempfile::TempDir,
}

fn app() -> App {
    let (data, state) = fresh();
    App { state, _data: data }
}

async fn get(app: &App, uri: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    send_from(&app.state, request.body(Body::empty()).unwrap(), PEER).await
}

/// The files a display needs, with the type each must have.
const CACHEABLE: [(&str, &str); 5] = [
    ("/", "text/html; charset=utf-8"),
    ("/qr.svg", "image/svg+xml"),
    ("/qr.png", "image/png"),
    ("/assets/display.css", "text/css"),
    ("/assets/display.js", "text/javascript"),
];

#[tokio::test]
async fn every_file_route_answers_with_its_type_an_etag_and_304_when_unchanged() {
    let app = app();
    for (uri, mime) in CACHEABLE {
        let first = get(&app, uri, &[]).await;
        assert_eq!(first.status, StatusCode::OK, "{uri}");
        assert!(
            first.header(header::CONTENT_TYPE).starts_with(mime),
            "{uri}: {}",
            first.header(header::CONTENT_TYPE)
        );
        assert!(!first.bytes.is_empty(), "{uri}");
        let etag = first.header(header::ETAG).to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && etag.len() > 4,
            "{uri}: a quoted strong tag, got {etag}"
        );

        let again = get(&app, uri, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(again.bytes.is_empty(), "{uri}: a 304 has no body");
        assert_eq!(again.header(header::ETAG), etag, "{uri}");

        // A browser holding several tags, one of them current.
        let list = format!("\"stale\", {etag}");
        let listed = get(&app, uri, &[(header::IF_NONE_MATCH, &list)]).await;
        assert_eq!(listed.status, StatusCode::NOT_MODIFIED, "{uri}: {list}");

        let weak = format!("W/{etag}");
        let weakly = get(&app, uri, &[(header::IF_NONE_MATCH, &weak)]).await;
        assert_eq!(weakly.status, StatusCode::NOT_MODIFIED, "{uri}: {weak}");

        let stale = get(&app, uri, &[(header::IF_NONE_MATCH, "\"stale\"")]).await;
        assert_eq!(stale.status, StatusCode::OK, "{uri}");
        assert_eq!(stale.bytes, first.bytes, "{uri}: same bytes every time");
    }
}

#[tokio::test]
async fn hashed_asset_urls_are_cached_for_good_plain_ones_revalidate() {
    let app = app();
    let page = String::from_utf8(get(&app, "/", &[]).await.bytes).unwrap();
    let html = scraper::Html::parse_document(&page);
    let css = scraper::Selector::parse("link[rel=stylesheet]").unwrap();
    let href = html
        .select(&css)
        .next()
        .unwrap()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(href.starts_with("/assets/display.css?v="), "{href}");
    let hashed = get(&app, &href, &[]).await;
    assert!(hashed.header(header::CACHE_CONTROL).contains("immutable"));
    let plain = get(&app, "/assets/display.css", &[]).await;
    assert_eq!(plain.header(header::CACHE_CONTROL), "no-cache");
    let wrong = get(&app, "/assets/display.css?v=0000", &[]).await;
    assert_eq!(wrong.header(header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn the_page_changes_its_etag_when_the_content_changes() {
    let app = app();
    let store = app.state.store.clone();
    let before = get(&app, "/", &[]).await;
    let old_tag = before.header(header::ETAG).to_owned();
    let mut content = store.current().content.clone();
    content.community.name = "Un autre nom".into();
    store
        .save(content, &store.current().etag, "test")
        .await
        .unwrap();
    let after = get(&app, "/", &[(header::IF_NONE_MATCH, &old_tag)]).await;
    assert_eq!(
        after.status,
        StatusCode::OK,
        "the old tag no longer matches"
    );
    assert_ne!(after.header(header::ETAG), old_tag);
    assert!(String::from_utf8(after.bytes)
        .unwrap()
        .contains("Un autre nom"));
}

/// The directives a strict policy has: nothing from elsewhere, nothing inline unlisted.
fn assert_strict_csp(uri: &str, csp: &str) {
    for needed in [
        "default-src 'none'",
        "script-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "frame-ancestors",
    ] {
        assert!(csp.contains(needed), "{uri}: CSP lacks {needed}: {csp}");
    }
    for forbidden in [
        "unsafe-inline",
        "unsafe-eval",
        "http:",
        "https:",
        "*",
        "data: 'self'",
    ] {
        assert!(
            !csp.contains(forbidden),
            "{uri}: CSP allows {forbidden}: {csp}"
        );
    }
}

#[tokio::test]
async fn every_response_carries_a_strict_csp_and_the_usual_security_headers() {
    let app = app();
    for uri in [
        "/",
        "/qr.svg",
        "/qr.png",
        "/healthz",
        "/api/screen",
        "/assets/display.css",
        "/assets/display.js",
        "/nowhere",
    ] {
        let answer = get(&app, uri, &[]).await;
        assert_strict_csp(uri, answer.header(header::CONTENT_SECURITY_POLICY));
        assert_eq!(
            answer.header(header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{uri}"
        );
        assert_eq!(
            answer.header(header::REFERRER_POLICY),
            "no-referrer",
            "{uri}"
        );
        assert!(
            answer.headers.contains_key(header::X_FRAME_OPTIONS),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_pages_inline_style_is_the_one_its_csp_allows() {
    use base64::Engine;
    use sha2::Digest;
    let app = app();
    let answer = get(&app, "/", &[]).await;
    let csp = answer.header(header::CONTENT_SECURITY_POLICY).to_owned();
    let html = scraper::Html::parse_document(std::str::from_utf8(&answer.bytes).unwrap());
    let styles: Vec<String> = html
        .select(&scraper::Selector::parse("style").unwrap())
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(styles.len(), 1, "one inline style block");
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&styles[0]));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    let inline_scripts = html
        .select(&scraper::Selector::parse("script:not([src])").unwrap())
        .count();
    assert_eq!(
        inline_scripts, 0,
        "no inline script: the CSP would block it"
    );
    let linked: Vec<_> = html
        .select(&scraper::Selector::parse("[src], [href]").unwrap())
        .collect();
    assert!(
        !linked.is_empty(),
        "the page's scripts and stylesheets were found"
    );
    for el in linked {
        let url = el.attr("src").or(el.attr("href")).unwrap();
        assert!(
            url.starts_with('/') || url.starts_with("data:"),
            "everything comes from this machine: {url}"
        );
    }
}

#[tokio::test]
async fn text_routes_are_gzipped_when_asked_and_decode_to_the_same_bytes() {
    let app = app();
    for uri in ["/", "/qr.svg", "/assets/display.css", "/assets/display.js"] {
        let plain = get(&app, uri, &[]).await;
        assert!(
            !plain.headers.contains_key(header::CONTENT_ENCODING),
            "{uri}"
        );
        let zipped = get(&app, uri, &[(header::ACCEPT_ENCODING, "gzip")]).await;
        assert_eq!(zipped.status, StatusCode::OK, "{uri}");
        assert_eq!(zipped.header(header::CONTENT_ENCODING), "gzip", "{uri}");
        assert!(zipped.bytes.len() < plain.bytes.len(), "{uri}: smaller");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(zipped.bytes.as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, plain.bytes, "{uri}");
        assert!(
            zipped.header(header::VARY).contains("accept-encoding"),
            "{uri}: caches must know"
        );
    }
}

#[tokio::test]
async fn health_and_screen_answer_json_and_text() {
    let app = app();
    let health = get(&app, "/healthz", &[]).await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(health
        .header(header::CONTENT_TYPE)
        .starts_with("text/plain"));
    let screen = get(&app, "/api/screen", &[]).await;
    assert_eq!(screen.status, StatusCode::OK);
    assert!(screen
        .header(header::CONTENT_TYPE)
        .starts_with("application/json"));
    let value: serde_json::Value = serde_json::from_slice(&screen.bytes).unwrap();
    // The default content keeps the screen on all the time.
    assert_eq!(value["awake"], serde_json::json!(true), "{value}");
}

#[tokio::test]
async fn the_event_stream_is_sse_and_uncompressed() {
    let app = app();
    let response = vitrine::app(app.state.clone())
        .oneshot(
            Request::get("/events")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert_eq!(headers[header::CONTENT_TYPE], "text/event-stream");
    // A gzip encoder would hold events back until its buffer fills.
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    let mut body = response.into_body();
    let frame = body.frame().await.unwrap().unwrap();
    let text = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
    assert!(text.contains("event: revision"), "{text}");
}

#[tokio::test]
async fn unknown_paths_and_traversal_attempts_are_404() {
    let app = app();
    for uri in [
        "/nowhere",
        "/index.html",
        "/assets/",
        "/assets/nothing.css",
        "/assets/../Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fsrc%2flib.rs",
        "/assets/..%5c..%5cCargo.toml",
        "/assets/display.css/../../Cargo.toml",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets/....//....//Cargo.toml",
        "/media/..%2f..%2fcontent.json",
        "/media/content.json",
        "/media/",
    ] {
        let answer = get(&app, uri, &[]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        let body = String::from_utf8_lossy(&answer.bytes);
        assert!(!body.contains("[package]"), "{uri} leaked a file");
        assert!(!body.contains("root:"), "{uri} leaked a file");
    }
}

#[tokio::test]
async fn a_post_to_the_display_is_refused_without_a_5xx() {
    let app = app();
    for uri in ["/", "/qr.svg", "/healthz", "/assets/display.css"] {
        let response = vitrine::app(app.state.clone())
            .oneshot(Request::post(uri).body(Body::from("x")).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{uri}");
    }
}
