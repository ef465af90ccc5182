//! Files embedded in the binary (styles, scripts), served with content-hash ETags.

use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "assets/static/"]
struct Static;

/// Long cache for URLs that carry the file's hash: they change whenever the file does.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/assets/{*path}", get(serve))
}

fn hash_of(name: &str) -> Option<String> {
    let file = Static::get(name)?;
    Some(
        file.metadata
            .sha256_hash()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// The URL of an embedded file, with its hash so browsers may cache it for good.
pub fn url(name: &str) -> String {
    match hash_of(name) {
        Some(hash) => format!("/assets/{name}?v={hash}"),
        None => format!("/assets/{name}"),
    }
}

/// A short fingerprint of all embedded files: changes when an upgrade changes any of them.
pub fn build_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let mut names: Vec<_> = Static::iter().collect();
        names.sort();
        let joined: String = names.iter().filter_map(|n| hash_of(n)).collect();
        let digest = <sha2::Sha256 as sha2::Digest>::digest(joined.as_bytes());
        digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
    })
}

#[derive(Deserialize)]
struct Version {
    v: Option<String>,
}

async fn serve(Path(path): Path<String>, Query(q): Query<Version>, headers: HeaderMap) -> Response {
    let Some(file) = Static::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let hash = hash_of(&path).unwrap_or_default();
    let etag = format!("\"{hash}\"");
    let cache = if q.v.as_deref() == Some(hash.as_str()) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let mime = HeaderValue::from_str(file.metadata.mimetype())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    crate::http::conditional::revalidated(&headers, &etag, cache, mime, || {
        Ok(Body::from(file.data))
    })
    .unwrap_or_else(IntoResponse::into_response)
}
