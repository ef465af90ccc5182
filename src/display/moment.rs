//! The moment a page is drawn for: which tips and announcements their days and hours put on
//! the screen now, and whether something pinned holds it. Two moments that show the same
//! slides give the same page; the page's tag says which, so that the event stream tells the
//! screens when a slide enters or leaves its window, or a pin ends.

use crate::clock::Clock;
use crate::content::{check_clock, Content, Pin, Pinned};
use crate::store::Snapshot;
use chrono::{DateTime, Local, NaiveDateTime, Utc};
use std::fmt::Write;

/// What the clock puts on the screen at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    /// The tips shown, by index.
    pub tips: Vec<usize>,
    /// The announcements shown, by index.
    pub announcements: Vec<usize>,
    /// What holds the whole screen, if a pin does.
    pub pin: Option<Pinned>,
    /// Part of the page's tag: empty when nothing of the content depends on the time.
    pub key: String,
}

/// Whether anything of `content` depends on the date or the hour.
fn timed(content: &Content) -> bool {
    content.pin.is_some()
        || content.tips.iter().any(|t| !t.schedule.is_always())
        || content
            .announcements
            .iter()
            .any(|a| a.first_day.is_some() || a.last_day.is_some() || !a.schedule.is_always())
}

/// What is on the screen at `now`. On a clock that is obviously wrong (`trusted` false: a Pi
/// back from a power cut without network) days and hours cannot be told: every slide shows
/// rather than none, and no pin holds the screen (it might never end).
pub fn visible(content: &Content, now: DateTime<Utc>, trusted: bool) -> Visible {
    let local: NaiveDateTime = now.with_timezone(&Local).naive_local();
    let tips: Vec<usize> = (content.tips.iter().enumerate())
        .filter(|(_, t)| !t.hidden && (!trusted || t.schedule.is_on(&local)))
        .map(|(i, _)| i)
        .collect();
    let announcements: Vec<usize> = (content.announcements.iter().enumerate())
        .filter(|(_, a)| a.on_screen_today(local.date()) && (!trusted || a.schedule.is_on(&local)))
        .map(|(i, _)| i)
        .collect();
    let pin = content
        .pin
        .as_ref()
        .filter(|p| trusted && p.is_on(now))
        .map(|p: &Pin| p.shows.clone())
        .filter(|p| match p {
            // An announcement removed since it was pinned: the slides go on.
            Pinned::Announcement(_) => p.announcement_in(content).is_some(),
            _ => true,
        });
    let mut key = String::new();
    if timed(content) {
        let mask = |shown: &[usize]| shown.iter().fold(0u64, |m, i| m | 1 << (i % 64));
        let _ = write!(key, "t{:x}a{:x}", mask(&tips), mask(&announcements));
        match &pin {
            Some(Pinned::Community) => key.push_str("pc"),
            Some(p @ Pinned::Announcement(_)) => {
                let _ = write!(key, "pa{}", p.announcement_in(content).unwrap_or_default());
            }
            Some(Pinned::Message(_)) => key.push_str("pm"),
            None => {}
        }
    }
    Visible {
        tips,
        announcements,
        pin,
        key,
    }
}

/// What `clock` puts on the screen now of `snapshot`, the clock judged as the platform move
/// judges it (earlier than the build or than the newest save: wrong).
pub fn visible_now(snapshot: &Snapshot, clock: &Clock) -> Visible {
    let now = clock.now();
    let trusted = check_clock(now, snapshot.saved.as_ref().map(|(at, _)| *at)).is_ok();
    visible(&snapshot.content, now, trusted)
}

/// When the page may next change by itself: the end of a pin that holds the screen (windows
/// of days and hours open and close on the minute, looked at every minute).
pub fn pin_ends(content: &Content, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    content
        .pin
        .as_ref()
        .filter(|p| p.is_on(now))
        .map(|p| p.until)
}
