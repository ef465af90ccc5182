//! Which screens have the display open: one entry per live event stream, bounded in number,
//! and how many streams each address may hold.

use crate::connections::PeerKey;
use crate::limits;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// At most this many screens are listed. Anyone on the shop's Wi-Fi may open event streams:
/// they can fill the list but never grow it; streams beyond it are only counted, and this
/// machine's own screen is counted apart, so the kiosk's watchdog never loses it.
pub const MAX_LISTED: usize = 16;
/// The longest revision tag a page may report (the display's own tags are under 80 bytes).
pub const MAX_SHOWN_LEN: usize = 128;
/// After this long without any screen, the dashboard says so loudly.
pub const UNWATCHED_AFTER: Duration = Duration::from_secs(180);

/// One open display page, as its event stream tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    /// The peer address of its connection; `None` when the server was given none (tests).
    pub address: Option<IpAddr>,
    /// The page tag of the revision the page says it shows.
    pub shown: Option<String>,
    /// The browser engine that shows it (`engine::engine_of` its User-Agent), when known.
    pub engine: Option<String>,
    pub since: DateTime<Utc>,
}

impl Screen {
    /// Whether the screen is this machine's own (the kiosk's browser, on loopback).
    pub fn is_local(&self) -> bool {
        self.address.is_some_and(|a| a.is_loopback())
    }
}

/// What the dashboard and the kiosk's watchdog read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The listed screens, the oldest first.
    pub listed: Vec<Screen>,
    /// Open streams that did not fit in the list.
    pub unlisted: usize,
    /// Open streams from loopback, listed or not.
    pub local: usize,
    /// How long no screen at all has been open (zero while one is).
    pub none_for: Duration,
    /// How long no loopback screen has been open (zero while one is).
    pub no_local_for: Duration,
}

impl Report {
    /// Whether the dashboard must warn that nobody is watching.
    pub fn unwatched(&self) -> bool {
        self.listed.is_empty() && self.unlisted == 0 && self.none_for >= UNWATCHED_AFTER
    }
}

/// The registry of open screens; an entry lives as long as its [`Watch`].
pub struct Screens(Arc<Mutex<Inner>>);

impl Default for Screens {
    /// A registry whose "nobody watching" clock starts now.
    fn default() -> Self {
        Screens(Arc::new(Mutex::new(Inner {
            started: Some(Instant::now()),
            ..Inner::default()
        })))
    }
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    listed: BTreeMap<u64, Screen>,
    unlisted: usize,
    local: usize,
    /// Since when no screen is open (`None`: since the server started).
    none_since: Option<Instant>,
    no_local_since: Option<Instant>,
    started: Option<Instant>,
    /// Open streams from the network (not this machine), in all and by address.
    network: usize,
    per_peer: HashMap<PeerKey, usize>,
}

impl Inner {
    fn open(&self) -> usize {
        self.listed.len() + self.unlisted
    }
}

/// Held by an event stream; dropping it (the stream ended) takes the screen off the list.
pub struct Watch {
    registry: Arc<Mutex<Inner>>,
    /// Whether it is a screen (listed or counted beyond the list), not an admin's preview.
    screen: bool,
    id: Option<u64>,
    local: bool,
    /// Counted against the network's caps: `Some(address)`, or `Some(None)` when unknown.
    counted: Option<Option<PeerKey>>,
}

/// Whether a stream comes from this very machine (the kiosk): never capped.
fn is_this_machine(address: Option<IpAddr>) -> bool {
    address.is_some_and(|a| {
        a.to_canonical() == IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
            || a == IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
    })
}

impl Screens {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().expect("screens lock")
    }

    /// Records a screen that just opened its event stream, or `None` when its address (an
    /// IPv6 /64) or the network already has as many streams as it may
    /// ([`limits::EVENT_STREAMS_PER_PEER`], [`limits::EVENT_STREAMS`]); this machine's are
    /// never refused.
    pub fn open(&self, screen: Screen) -> Option<Watch> {
        let local = screen.is_local();
        let mut inner = self.lock();
        let counted = admit(&mut inner, screen.address)?;
        let id = if inner.listed.len() < MAX_LISTED {
            let id = inner.next_id;
            inner.next_id += 1;
            inner.listed.insert(id, screen);
            Some(id)
        } else {
            inner.unlisted += 1;
            None
        };
        if local {
            inner.local += 1;
        }
        Some(Watch {
            registry: self.0.clone(),
            screen: true,
            id,
            local,
            counted,
        })
    }

    /// Records the event stream of an admin's preview of the display (the dashboard's): held
    /// to the same caps as a screen's, but no screen, so neither listed nor counted as one.
    pub fn open_preview(&self, address: Option<IpAddr>) -> Option<Watch> {
        let mut inner = self.lock();
        let counted = admit(&mut inner, address)?;
        Some(Watch {
            registry: self.0.clone(),
            screen: false,
            id: None,
            local: false,
            counted,
        })
    }

    pub fn report(&self) -> Report {
        let inner = self.lock();
        let now = Instant::now();
        let started = inner.started.unwrap_or(now);
        let idle = |since: Option<Instant>, open: bool| {
            if open {
                Duration::ZERO
            } else {
                now.saturating_duration_since(since.unwrap_or(started))
            }
        };
        Report {
            listed: inner.listed.values().cloned().collect(),
            unlisted: inner.unlisted,
            local: inner.local,
            none_for: idle(inner.none_since, inner.open() > 0),
            no_local_for: idle(inner.no_local_since, inner.local > 0),
        }
    }
}

/// Counts a stream from `address` against the network's caps: `None` when it is refused,
/// else what its `Watch` gives back (`None` inside for this machine's, never capped).
fn admit(inner: &mut Inner, address: Option<IpAddr>) -> Option<Option<Option<PeerKey>>> {
    let counted = (!is_this_machine(address)).then(|| address.map(PeerKey::of));
    if let Some(peer) = counted {
        let mine = peer
            .and_then(|p| inner.per_peer.get(&p).copied())
            .unwrap_or(0);
        if inner.network >= limits::EVENT_STREAMS || mine >= limits::EVENT_STREAMS_PER_PEER {
            return None;
        }
        inner.network += 1;
        if let Some(p) = peer {
            *inner.per_peer.entry(p).or_insert(0) += 1;
        }
    }
    Some(counted)
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut inner = self.registry.lock().expect("screens lock");
        match self.id {
            Some(id) => {
                inner.listed.remove(&id);
            }
            None if self.screen => inner.unlisted = inner.unlisted.saturating_sub(1),
            None => {}
        }
        if let Some(peer) = self.counted {
            inner.network -= 1;
            if let Some(p) = peer {
                if let Some(n) = inner.per_peer.get_mut(&p) {
                    *n -= 1;
                    if *n == 0 {
                        inner.per_peer.remove(&p);
                    }
                }
            }
        }
        let now = Instant::now();
        if self.local {
            inner.local = inner.local.saturating_sub(1);
            if inner.local == 0 {
                inner.no_local_since = Some(now);
            }
        }
        if self.screen && inner.open() == 0 {
            inner.none_since = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(address: &str) -> Screen {
        Screen {
            address: Some(address.parse().unwrap()),
            shown: Some("\"r1\"".into()),
            engine: Some("Chromium 156".into()),
            since: Utc::now(),
        }
    }

    #[test]
    fn a_screen_is_listed_while_its_stream_is_open() {
        let screens = Screens::default();
        assert_eq!(screens.report().listed.len(), 0);
        let watch = screens.open(screen("192.168.1.20")).unwrap();
        let report = screens.report();
        assert_eq!(
            report.listed,
            [screen("192.168.1.20")].map(|s| Screen {
                since: report.listed[0].since,
                ..s
            })
        );
        assert_eq!((report.local, report.none_for), (0, Duration::ZERO));
        drop(watch);
        let report = screens.report();
        assert!(report.listed.is_empty());
        assert_eq!(report.unlisted, 0);
    }

    #[test]
    fn the_list_is_bounded_and_the_local_screen_is_counted_beyond_it() {
        let screens = Screens::default();
        let strangers: Vec<Watch> = (0..MAX_LISTED + 5)
            .filter_map(|i| screens.open(screen(&format!("10.0.0.{i}"))))
            .collect();
        assert_eq!(strangers.len(), MAX_LISTED + 5);
        let own = screens.open(screen("127.0.0.1")).unwrap();
        let report = screens.report();
        assert_eq!(report.listed.len(), MAX_LISTED);
        assert_eq!(report.unlisted, 6);
        assert_eq!((report.local, report.no_local_for), (1, Duration::ZERO));
        drop(own);
        assert_eq!(screens.report().local, 0);
        drop(strangers);
        let report = screens.report();
        assert_eq!((report.listed.len(), report.unlisted), (0, 0));
    }

    #[test]
    fn streams_are_capped_per_address_and_ipv6_network_but_never_this_machines() {
        let screens = Screens::default();
        let mine: Vec<Watch> = (0..limits::EVENT_STREAMS_PER_PEER + 3)
            .filter_map(|_| screens.open(screen("192.168.1.20")))
            .collect();
        assert_eq!(mine.len(), limits::EVENT_STREAMS_PER_PEER);
        let phone: Vec<Watch> = (1..=limits::EVENT_STREAMS_PER_PEER + 3)
            .filter_map(|i| screens.open(screen(&format!("2001:db8::{i}"))))
            .collect();
        assert_eq!(phone.len(), limits::EVENT_STREAMS_PER_PEER, "one /64");
        assert!(screens.open(screen("192.168.1.21")).is_some());
        let kiosk: Vec<Watch> = (0..limits::EVENT_STREAMS_PER_PEER + 3)
            .filter_map(|_| screens.open(screen("127.0.0.1")))
            .collect();
        assert_eq!(kiosk.len(), limits::EVENT_STREAMS_PER_PEER + 3);
        drop(mine);
        assert!(screens.open(screen("192.168.1.20")).is_some(), "given back");
    }

    #[test]
    fn the_network_shares_a_total_of_streams() {
        let screens = Screens::default();
        let all: Vec<Watch> = (0..limits::EVENT_STREAMS + 10)
            .filter_map(|i| screens.open(screen(&format!("10.0.{}.{}", i / 200, i % 200))))
            .collect();
        assert_eq!(all.len(), limits::EVENT_STREAMS);
        assert!(screens.open(screen("127.0.0.1")).is_some(), "the kiosk");
    }

    #[test]
    fn nobody_watching_is_reported_only_after_a_while() {
        let screens = Screens::default();
        let report = screens.report();
        assert!(report.none_for < UNWATCHED_AFTER);
        assert!(!report.unwatched());
        let old = Report {
            none_for: UNWATCHED_AFTER,
            ..report
        };
        assert!(old.unwatched());
        let watched = Report {
            local: 1,
            listed: vec![screen("127.0.0.1")],
            ..old
        };
        assert!(!watched.unwatched());
    }
}
