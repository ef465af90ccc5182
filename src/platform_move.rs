//! The planned switch to the next platform: on its date, once, and never on a clock that is
//! obviously wrong. Undoing it from the history is respected: it does not come back by itself.

use crate::content::{check_clock, NextPlatform, WrongClock};
use crate::store::Store;
use crate::AppState;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Who the history names for a switch made on its date.
pub const SWITCH_AUTHOR: &str = "vitrine (date prévue)";
/// How often the date is looked at: a switch happens at most this long after midnight.
pub const CHECK_EVERY: Duration = Duration::from_secs(30);

/// What a look at the date found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No move, no date, or not yet.
    NotDue,
    /// The next platform is now the community.
    Switched,
    /// The date has come but the clock cannot be trusted.
    ClockWrong(WrongClock),
    /// The date has come but this very switch was made and then undone.
    Undone,
    /// The save failed (logged); tried again at the next look.
    Failed,
}

/// When the newest revision was saved, as the history says.
pub fn newest_saved(store: &Store) -> Option<DateTime<Utc>> {
    let from_history = store
        .history()
        .ok()
        .and_then(|h| h.first().map(|e| e.saved_at));
    from_history.max(store.current().saved.as_ref().map(|(at, _)| *at))
}

/// Whether the server's clock is plausible now.
pub fn clock(state: &AppState) -> Result<(), WrongClock> {
    check_clock(state.clock.now(), newest_saved(&state.store))
}

/// Whether the history holds an automatic switch to exactly this platform and link.
pub fn was_undone(store: &Store, next: &NextPlatform) -> bool {
    let Ok(entries) = store.history() else {
        return false;
    };
    entries
        .iter()
        .filter(|e| e.saved_by == SWITCH_AUTHOR)
        .filter_map(|e| store.history_content(&e.id).ok())
        .any(|c| {
            c.community.platform == next.platform && c.community.invite_link == next.invite_link
        })
}

/// Switches if the date has come, the clock is right and this switch was not undone.
pub async fn switch_if_due(state: &AppState) -> Outcome {
    let snapshot = state.store.current();
    let content = &snapshot.content;
    if !content.switch_due(state.clock.today()) {
        return Outcome::NotDue;
    }
    if let Err(wrong) = clock(state) {
        return Outcome::ClockWrong(wrong);
    }
    let Some(next) = content.next_joinable() else {
        return Outcome::NotDue;
    };
    if was_undone(&state.store, next) {
        return Outcome::Undone;
    }
    let Some(switched) = content.switched(state.clock.now()) else {
        return Outcome::NotDue;
    };
    match state
        .store
        .save(switched, &snapshot.etag, SWITCH_AUTHOR)
        .await
    {
        Ok(_) => {
            tracing::info!("the planned switch to {} is done", next.platform.label());
            Outcome::Switched
        }
        Err(e) => {
            tracing::warn!("the planned switch waits: {e}");
            Outcome::Failed
        }
    }
}

/// Looks at the date every [`CHECK_EVERY`] until the server stops.
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(CHECK_EVERY);
    loop {
        tokio::select! {
            _ = tick.tick() => { switch_if_due(&state).await; }
            _ = state.stopping() => return,
        }
    }
}
