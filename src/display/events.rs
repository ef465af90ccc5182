//! Server-sent events: tells every open display which revision is current, and keeps the
//! list of connected screens (see `screens`) for as long as each stream is open.

use super::connected_screens::{Screen, MAX_SHOWN_LEN};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Extension;
use futures_util::stream::{Stream, StreamExt};
use serde::Deserialize;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;
use tokio_stream::wrappers::WatchStream;

/// How soon a display retries after losing the server.
const RETRY: Duration = Duration::from_secs(2);
/// Also how soon a closed screen leaves the list: the next keep-alive finds it gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often the page's tag is looked at without a save: announcements with a first or a
/// last day come and go at midnight, at most this long after it.
/// Also how late a slide enters or leaves its days and hours.
const DAY_CHECK: Duration = Duration::from_secs(60);
/// Looked at just after a pin's end, so that the clock says it has ended.
const PIN_END_SLACK: Duration = Duration::from_millis(200);

#[derive(Deserialize)]
pub struct Opened {
    /// The page tag of the revision the page shows (`/events?shown=…`).
    shown: Option<String>,
    /// Present when the page is an admin's preview (`/?preview`, the dashboard's), no screen.
    preview: Option<String>,
}

/// One `revision` event now and one on every change; ends when the server shuts down.
pub async fn stream(
    State(state): State<AppState>,
    Query(opened): Query<Opened>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: axum::http::HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let shown = opened.shown.filter(|s| !s.is_empty());
    if shown.as_ref().is_some_and(|s| s.len() > MAX_SHOWN_LEN) {
        return Err(AppError::BadRequest(crate::error::Refusal::ShownTooLong {
            max: MAX_SHOWN_LEN,
        }));
    }
    let address = peer.map(|Extension(ConnectInfo(a))| a.ip().to_canonical());
    let watch = match opened.preview {
        Some(_) => state.screens.open_preview(address),
        None => state.screens.open(Screen {
            address,
            shown,
            engine: headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|agent| agent.to_str().ok())
                .and_then(super::engine::engine_of),
            since: chrono::Utc::now(),
        }),
    };
    let Some(watch) = watch else {
        // The display's script opens the stream again a moment later.
        return Err(AppError::Crowded(crate::error::Refusal::TooManyDisplays));
    };
    let pages = state.pages.clone();
    let store = state.store.clone();
    // The clock's own changes: a slide entering or leaving its hours, a pin's end. Looked at
    // again after each save too, so that a pin saved just now ends on its second.
    let looks = (store, pages.clone(), state.store.subscribe());
    let later = futures_util::stream::unfold(looks, |(store, pages, mut saves)| async move {
        let now = pages.clock().now();
        let wait = super::pin_ends(&store.current().content, now)
            .and_then(|end| (end - now).to_std().ok())
            .map_or(DAY_CHECK, |left| left.min(DAY_CHECK) + PIN_END_SLACK);
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            changed = saves.changed() => {
                // The server is shutting down: the stream ends with it anyway.
                if changed.is_err() {
                    tokio::time::sleep(wait).await;
                }
            }
        }
        Some((store.current(), (store, pages, saves)))
    });
    let mut last_sent = None;
    let changes = futures_util::stream::select(WatchStream::new(state.store.subscribe()), later);
    let revisions = changes.filter_map(move |snapshot| {
        // Held by the stream: the screen stays listed until the stream is dropped.
        let _listed = &watch;
        // The page's own tag, so the display can tell whether it is behind.
        let etag = pages
            .get(&snapshot)
            .map(|p| p.etag.clone())
            .unwrap_or_else(|_| snapshot.etag.clone());
        // Said once per tag: the look at the clock repeats what did not change.
        let new = last_sent.as_ref() != Some(&etag);
        last_sent = Some(etag.clone());
        let event = new.then(|| Ok(Event::default().event("revision").data(etag).retry(RETRY)));
        std::future::ready(event)
    });
    let stop = async move { state.stopping().await };
    Ok(Sse::new(revisions.take_until(stop)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}
