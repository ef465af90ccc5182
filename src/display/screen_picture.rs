//! The picture of this machine's real screen: the kiosk takes one (`grim`) every few minutes
//! and when the dashboard asks, and sends it over loopback (`POST /api/screen/picture`, from
//! this machine only). One is kept, small, in memory, with what was seen in it: mostly black
//! while the shop is open, or unchanged while the slides should be turning.

use crate::error::{AppError, Refusal};
use crate::limits;
use crate::picture::Glance;
use crate::store::Snapshot;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use std::sync::Mutex;
use std::time::Duration;

/// A screen whose picture is black on at least this share of its pixels is "mostly black".
pub const MOSTLY_BLACK: f32 = 0.95;
/// Two prints whose cells all differ by at most this much (of 255) are the same picture: the
/// slide's progress bar alone, moved by a second, differs by more.
const SAME_PRINT: u8 = 3;
/// How long after a dashboard's request the kiosk is still expected to answer it.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// What the screen should be doing when a picture arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// Within opening hours (or something pinned, or a clock that cannot be trusted).
    pub awake: bool,
    /// While two slides or more turn: the longest slide's time, and the whole round's.
    pub turning: Option<Turning>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turning {
    pub longest: Duration,
    pub round: Duration,
}

/// The kept picture and what it says.
#[derive(Debug, Clone)]
pub struct Shot {
    pub jpeg: Bytes,
    pub width: u32,
    pub height: u32,
    pub taken: DateTime<Utc>,
    /// Mostly black while the screen should be awake.
    pub dark: bool,
    /// The screen has shown this very picture since then, while the slides should have
    /// turned: a frozen screen.
    pub frozen_since: Option<DateTime<Utc>>,
    /// It differs from the picture before it, both taken while the slides should turn: the
    /// screen is seen moving.
    pub moving: bool,
    print: Vec<u8>,
    /// When the run of identical pictures this one ends began.
    same_since: DateTime<Utc>,
    turning: Option<Turning>,
}

#[derive(Default)]
struct Inner {
    shot: Option<Shot>,
    /// When a volunteer last asked for a picture.
    asked: Option<DateTime<Utc>>,
}

/// The one picture kept, and whether one was asked for.
#[derive(Default)]
pub struct ScreenPicture(Mutex<Inner>);

impl ScreenPicture {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().expect("screen picture lock")
    }

    /// A volunteer wants to see the screen now.
    pub fn ask(&self, now: DateTime<Utc>) {
        self.lock().asked = Some(now);
    }

    /// When a volunteer asked for a picture that has not come yet.
    pub fn asked(&self) -> Option<DateTime<Utc>> {
        let inner = self.lock();
        let asked = inner.asked?;
        match &inner.shot {
            Some(shot) if shot.taken >= asked => None,
            _ => Some(asked),
        }
    }

    /// Whether the kiosk should take a picture now.
    pub fn wanted(&self) -> bool {
        self.asked().is_some()
    }

    pub fn latest(&self) -> Option<Shot> {
        self.lock().shot.clone()
    }

    /// Keeps `glance`, taken at `now`, in place of the last picture. Answers when the kiosk
    /// should take another to tell a frozen screen from a slide that came round again: a little
    /// more than the longest slide later, well within one round.
    pub fn record(&self, glance: Glance, now: DateTime<Utc>, expected: Expected) -> Option<u64> {
        let mut inner = self.lock();
        let previous = inner.shot.take();
        let same = previous
            .as_ref()
            .is_some_and(|p| same_print(&p.print, &glance.print));
        // The run goes on only while the slides were meant to turn at both pictures.
        let (same_since, mut frozen_since) = match &previous {
            Some(p) if same && p.turning.is_some() && expected.turning.is_some() => {
                (p.same_since, p.frozen_since)
            }
            _ => (now, None),
        };
        let mut again = None;
        if let (Some(turning), Some(p)) = (expected.turning, previous.as_ref()) {
            let gap = (now - p.taken).to_std().unwrap_or_default();
            // Identical after longer than a slide lasts and sooner than a round: the slide
            // should have changed and cannot have come round again.
            if same && gap > turning.longest && gap < turning.round {
                frozen_since.get_or_insert(same_since);
            }
            if gap >= turning.round && frozen_since.is_none() {
                again = Some(turning.longest.as_secs() + 1);
            }
        } else if let Some(turning) = expected.turning {
            again = Some(turning.longest.as_secs() + 1);
        }
        inner.shot = Some(Shot {
            jpeg: Bytes::from(glance.jpeg),
            width: glance.width,
            height: glance.height,
            taken: now,
            dark: expected.awake && glance.dark >= MOSTLY_BLACK,
            frozen_since: frozen_since.filter(|_| expected.turning.is_some()),
            moving: !same
                && expected.turning.is_some()
                && previous.as_ref().is_some_and(|p| p.turning.is_some()),
            print: glance.print,
            same_since,
            turning: expected.turning,
        });
        again
    }
}

impl Shot {
    /// Whether the slides were meant to turn when it was taken.
    pub fn turning(&self) -> bool {
        self.turning.is_some()
    }
}

fn same_print(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= SAME_PRINT)
}

/// Whether the slides turn in `snapshot` now, and how long the longest and a whole round take:
/// the slides the display shows in turn (the groups counted as one page; more pages only make
/// the round longer). Nothing turns while something is pinned.
pub fn turning(snapshot: &Snapshot, clock: &crate::clock::Clock) -> Option<Turning> {
    let visible = super::visible_now(snapshot, clock);
    if visible.pin.is_some() {
        return None;
    }
    let c = &snapshot.content;
    let s = &c.slides;
    let mut times = Vec::new();
    if s.community.enabled {
        times.push(s.community.seconds);
    }
    if s.groups.enabled && c.groups.iter().any(|g| !g.hidden) {
        times.push(s.groups.seconds);
    }
    if s.tips.enabled {
        times.extend(visible.tips.iter().map(|_| s.tips.seconds));
    }
    if s.announcements.enabled {
        times.extend(
            visible
                .announcements
                .iter()
                .map(|_| s.announcements.seconds),
        );
    }
    (times.len() >= 2).then(|| Turning {
        longest: Duration::from_secs(times.iter().copied().max().unwrap_or(0).into()),
        round: Duration::from_secs(times.iter().map(|&t| u64::from(t)).sum()),
    })
}

/// The last picture as a response (`/admin/screen.jpg`, `GET /api/screen/picture`): never
/// kept by a browser or a proxy; 404 before the kiosk sent one.
pub fn jpeg(state: &AppState) -> Result<Response, AppError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let shot = state.screen_picture.latest().ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg".to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (
                header::LAST_MODIFIED,
                shot.taken.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            ),
        ],
        shot.jpeg,
    )
        .into_response())
}

/// The kiosk's route, fenced to this machine, with its own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/screen/picture", post(receive))
        .route_layer(from_fn(this_machine_only))
        .layer(DefaultBodyLimit::max(limits::SCREEN_PICTURE_BYTES))
}

/// Only this machine's kiosk may send its screen: anyone else gets 403.
async fn this_machine_only(request: Request, next: Next) -> Result<Response, AppError> {
    let local = crate::http::peer::peer(request.extensions()).is_some_and(|a| a.is_loopback());
    if !local {
        return Err(AppError::Forbidden(Refusal::ThisMachineOnly));
    }
    Ok(next.run(request).await)
}

/// `POST /api/screen/picture`: a PNG or JPEG of the whole screen. Answers `again_in` (seconds)
/// when another picture soon would tell whether the screen is frozen.
async fn receive(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<serde_json::Value>, AppError> {
    let glance = crate::picture::glance(body.to_vec())
        .await
        .map_err(|e| AppError::Unprocessable(Refusal::ScreenPictureUnreadable(e.to_string())))?;
    let (awake, _) = super::awake(&state).await;
    let snapshot = state.store.current();
    let expected = Expected {
        awake,
        turning: turning(&snapshot, &state.clock).filter(|_| awake),
    };
    let again = state
        .screen_picture
        .record(glance, state.clock.now(), expected);
    Ok(Json(serde_json::json!({ "again_in": again })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glance(level: u8, dark: f32) -> Glance {
        Glance {
            jpeg: vec![0xFF, 0xD8],
            width: 480,
            height: 270,
            dark,
            print: vec![level; 32 * 18],
        }
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    const TURNING: Expected = Expected {
        awake: true,
        turning: Some(Turning {
            longest: Duration::from_secs(15),
            round: Duration::from_secs(45),
        }),
    };

    #[test]
    fn the_same_picture_within_a_round_but_after_a_slide_is_a_frozen_screen() {
        let pictures = ScreenPicture::default();
        assert_eq!(pictures.record(glance(90, 0.0), at(0), TURNING), Some(16));
        assert_eq!(pictures.record(glance(90, 0.0), at(17), TURNING), None);
        assert_eq!(pictures.latest().unwrap().frozen_since, Some(at(0)));
        // Still the same five minutes later: still frozen since the first.
        pictures.record(glance(91, 0.0), at(317), TURNING);
        assert_eq!(pictures.latest().unwrap().frozen_since, Some(at(0)));
        assert!(!pictures.latest().unwrap().moving);
        // It moves again.
        pictures.record(glance(140, 0.0), at(617), TURNING);
        assert_eq!(pictures.latest().unwrap().frozen_since, None);
        assert!(pictures.latest().unwrap().moving);
    }

    #[test]
    fn the_same_slide_a_round_later_or_within_its_own_time_is_no_proof() {
        let pictures = ScreenPicture::default();
        pictures.record(glance(90, 0.0), at(0), TURNING);
        pictures.record(glance(90, 0.0), at(10), TURNING);
        assert_eq!(pictures.latest().unwrap().frozen_since, None);
        // A whole round later (45 s): the same slide may simply be back; another is asked for.
        assert_eq!(pictures.record(glance(90, 0.0), at(300), TURNING), Some(16));
        assert_eq!(pictures.latest().unwrap().frozen_since, None);
    }

    #[test]
    fn one_slide_or_a_pin_never_makes_a_frozen_screen() {
        let still = Expected {
            awake: true,
            turning: None,
        };
        let pictures = ScreenPicture::default();
        assert_eq!(pictures.record(glance(90, 0.0), at(0), still), None);
        pictures.record(glance(90, 0.0), at(20), still);
        assert_eq!(pictures.latest().unwrap().frozen_since, None);
    }

    #[test]
    fn black_counts_only_while_the_screen_should_be_on() {
        let pictures = ScreenPicture::default();
        pictures.record(glance(0, 0.99), at(0), TURNING);
        assert!(pictures.latest().unwrap().dark);
        let asleep = Expected {
            awake: false,
            turning: None,
        };
        pictures.record(glance(0, 0.99), at(60), asleep);
        assert!(!pictures.latest().unwrap().dark);
        pictures.record(glance(200, 0.5), at(120), TURNING);
        assert!(!pictures.latest().unwrap().dark);
    }

    #[test]
    fn a_request_is_wanted_until_a_picture_taken_after_it_comes() {
        let pictures = ScreenPicture::default();
        assert!(!pictures.wanted());
        pictures.ask(at(100));
        assert!(pictures.wanted());
        pictures.record(glance(90, 0.0), at(90), TURNING);
        assert!(pictures.wanted(), "a picture from before the request");
        pictures.record(glance(90, 0.0), at(110), TURNING);
        assert!(!pictures.wanted());
        assert_eq!(pictures.asked(), None);
    }
}
