//! Server-sent events: tells every open display which revision is current.

use crate::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::WatchStream;

/// How soon a display retries after losing the server.
const RETRY: Duration = Duration::from_secs(2);
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One `revision` event now and one on every change; ends when the server shuts down.
pub async fn stream(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let pages = state.pages.clone();
    let revisions = WatchStream::new(state.store.subscribe()).map(move |snapshot| {
        // The page's own tag, so the display can tell whether it is behind.
        let etag = pages
            .get(&snapshot)
            .map(|p| p.etag.clone())
            .unwrap_or_else(|_| snapshot.etag.clone());
        Ok(Event::default().event("revision").data(etag).retry(RETRY))
    });
    let stop = async move { state.stopping().await };
    Sse::new(revisions.take_until(stop)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}
