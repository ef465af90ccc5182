//! Request bodies: read whole up to a limit, their declared type, and how many big ones are
//! read at once.

use crate::connections::PeerKey;
use crate::error::{AppError, Refusal};
use crate::http::peer::peer;
use crate::limits;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Whether the request's `Content-Type` is `mime` (parameters such as `charset` aside).
pub fn has_type(headers: &HeaderMap, mime: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(mime))
}

/// The whole body, refused with `too_large` as soon as it is known to exceed `limit` bytes
/// (from `Content-Length`, or while reading), so memory never holds more than `limit`.
pub async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    too_large: impl Fn() -> AppError,
) -> Result<Bytes, AppError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let is_limit = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if is_limit {
            too_large()
        } else {
            tracing::info!("request body unreadable: {e}");
            AppError::BadRequest(Refusal::BodyUnreadable)
        }
    })
}

/// Who is reading a big body now: a bound for the whole network and one per address, so that
/// what bodies cost in memory together stays small whoever sends them ([`limits::BODIES_READ`]).
pub struct Readers {
    total: usize,
    per_peer: usize,
    open: Mutex<(usize, HashMap<PeerKey, usize>)>,
}

impl Default for Readers {
    fn default() -> Self {
        Readers::new(limits::BODIES_READ, limits::BODIES_READ_PER_PEER)
    }
}

/// A turn to read a body; dropping it (when the answer is made) gives it back.
pub struct Turn {
    readers: Arc<Readers>,
    peer: Option<PeerKey>,
}

impl Readers {
    pub fn new(total: usize, per_peer: usize) -> Readers {
        Readers {
            total,
            per_peer,
            open: Mutex::new((0, HashMap::new())),
        }
    }

    /// A turn for a body from `peer` (`None`: unknown, counted in the total only), or `None`
    /// when the network or this address already reads as many as it may.
    pub fn turn(self: &Arc<Self>, peer: Option<IpAddr>) -> Option<Turn> {
        let peer = peer.map(PeerKey::of);
        let mut open = self.open.lock().expect("readers lock");
        let mine = peer.and_then(|p| open.1.get(&p).copied()).unwrap_or(0);
        if open.0 >= self.total || mine >= self.per_peer {
            return None;
        }
        open.0 += 1;
        if let Some(p) = peer {
            *open.1.entry(p).or_insert(0) += 1;
        }
        Some(Turn {
            readers: self.clone(),
            peer,
        })
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut open = self.readers.open.lock().expect("readers lock");
        open.0 -= 1;
        if let Some(p) = self.peer {
            if let Some(n) = open.1.get_mut(&p) {
                *n -= 1;
                if *n == 0 {
                    open.1.remove(&p);
                }
            }
        }
    }
}

/// Whether a request may carry more than a small form: announced over
/// [`limits::AUTH_FORM_BODY`], or of a length it does not announce.
fn is_big(headers: &HeaderMap) -> bool {
    match headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
    {
        Some(n) => n
            .trim()
            .parse::<u64>()
            .map_or(true, |n| n > limits::AUTH_FORM_BODY as u64),
        None => headers.contains_key(header::TRANSFER_ENCODING),
    }
}

/// A layer for routes that read big bodies, inside their login or token check: a request
/// gets a turn or is refused at once (503, Retry-After) without a byte of its body read.
pub async fn one_at_a_time(
    State(readers): State<Arc<Readers>>,
    req: Request,
    next: Next,
) -> Response {
    if !is_big(req.headers()) {
        return next.run(req).await;
    }
    let Some(turn) = readers.turn(peer(req.extensions())) else {
        tracing::warn!(peer = ?peer(req.extensions()), "too many bodies read at once: one refused");
        let mut refused = AppError::Unavailable(Refusal::BusySaving).into_response();
        refused
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        return refused;
    };
    let response = next.run(req).await;
    drop(turn);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_bounded_in_all_and_per_address() {
        let readers = Arc::new(Readers::new(3, 2));
        let a = Some("192.0.2.1".parse().unwrap());
        let b = Some("192.0.2.2".parse().unwrap());
        let first = readers.turn(a).unwrap();
        let _second = readers.turn(a).unwrap();
        assert!(readers.turn(a).is_none(), "two per address");
        let _third = readers.turn(b).unwrap();
        assert!(readers.turn(b).is_none(), "three in all");
        drop(first);
        assert!(readers.turn(b).is_some(), "given back");
    }
}
