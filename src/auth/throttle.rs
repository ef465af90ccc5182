//! Login throttling per peer address: a few attempts, then a pause (429 with Retry-After).
//!
//! An attempt is counted *before* its password is hashed, and given back when it succeeds, so
//! a burst of parallel guesses cannot slip more than the allowed number past the check.
//! IPv6: each address (/128) has the budget of an IPv4 address, and its /64 a larger shared
//! one, since one host may take many addresses of its /64 (see README, "Login throttling").

use crate::limits::{LOGIN_FAILURES, LOGIN_FAILURES_PER_PREFIX, LOGIN_WINDOW, THROTTLE_ADDRESSES};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

const WINDOW: std::time::Duration = LOGIN_WINDOW;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Address(IpAddr),
    /// The first 64 bits of an IPv6 address.
    Prefix(u64),
}

struct Failures {
    count: u32,
    first: Instant,
}

#[derive(Default)]
pub struct Throttle {
    map: Mutex<HashMap<Key, Failures>>,
}

/// The buckets an address draws from, with their budgets.
fn keys(ip: IpAddr) -> Vec<(Key, u32)> {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let prefix = (u128::from(v6) >> 64) as u64;
            vec![
                (Key::Address(IpAddr::V6(v6)), LOGIN_FAILURES),
                (Key::Prefix(prefix), LOGIN_FAILURES_PER_PREFIX),
            ]
        }
        v4 => vec![(Key::Address(v4), LOGIN_FAILURES)],
    }
}

impl Throttle {
    /// Counts one attempt from `ip`, or `Err(seconds to wait)` when its budget is spent.
    ///
    /// Call it before checking the password; call [`Throttle::succeeded`] when it was right.
    pub fn attempt(&self, ip: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let mut map = self.map.lock().expect("throttle lock");
        let keys = keys(ip);
        for (key, budget) in &keys {
            if let Some(f) = map.get(key) {
                let elapsed = now.duration_since(f.first);
                if elapsed < WINDOW && f.count >= *budget {
                    return Err((WINDOW - elapsed).as_secs().max(1));
                }
            }
        }
        for (key, _) in keys {
            if map.len() >= THROTTLE_ADDRESSES && !map.contains_key(&key) {
                make_room(&mut map, now);
            }
            let f = map.entry(key).or_insert(Failures {
                count: 0,
                first: now,
            });
            if now.duration_since(f.first) >= WINDOW {
                *f = Failures {
                    count: 0,
                    first: now,
                };
            }
            f.count += 1;
        }
        Ok(())
    }

    /// The attempt was right: the address starts afresh, its /64 gets that attempt back.
    pub fn succeeded(&self, ip: IpAddr) {
        let mut map = self.map.lock().expect("throttle lock");
        for (key, _) in keys(ip) {
            match key {
                Key::Address(_) => {
                    map.remove(&key);
                }
                Key::Prefix(_) => {
                    if let Some(f) = map.get_mut(&key) {
                        f.count = f.count.saturating_sub(1);
                    }
                }
            }
        }
    }

    /// The attempt was never checked (the hashing queue was full): it does not count.
    pub fn refund(&self, ip: IpAddr) {
        let mut map = self.map.lock().expect("throttle lock");
        for (key, _) in keys(ip) {
            if let Some(f) = map.get_mut(&key) {
                f.count = f.count.saturating_sub(1);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.map.lock().expect("throttle lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Forgets expired entries, then the oldest one if the map is still full.
fn make_room(map: &mut HashMap<Key, Failures>, now: Instant) {
    map.retain(|_, f| now.duration_since(f.first) < WINDOW);
    if map.len() >= THROTTLE_ADDRESSES {
        if let Some(oldest) = map.iter().min_by_key(|(_, f)| f.first).map(|(k, _)| *k) {
            map.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_allowed_attempts_and_only_that_address() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..LOGIN_FAILURES {
            assert!(t.attempt(a).is_ok());
        }
        let wait = t.attempt(a).unwrap_err();
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert!(t.attempt(b).is_ok());
    }

    #[test]
    fn a_right_password_gives_the_address_its_budget_back() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..LOGIN_FAILURES - 1 {
            t.attempt(a).unwrap();
        }
        t.attempt(a).unwrap();
        t.succeeded(a);
        for _ in 0..LOGIN_FAILURES {
            assert!(t.attempt(a).is_ok());
        }
    }

    #[test]
    fn one_ipv6_address_is_blocked_not_its_whole_network() {
        let t = Throttle::default();
        let attacker: IpAddr = "2001:db8::bad".parse().unwrap();
        for _ in 0..LOGIN_FAILURES {
            t.attempt(attacker).unwrap();
        }
        assert!(t.attempt(attacker).is_err());
        assert!(
            t.attempt("2001:db8::a11c".parse().unwrap()).is_ok(),
            "a colleague on the same /64 may still log in"
        );
    }

    #[test]
    fn addresses_of_one_ipv6_network_share_a_larger_budget() {
        let t = Throttle::default();
        let mut allowed = 0;
        for i in 0..(LOGIN_FAILURES_PER_PREFIX + 20) {
            if t.attempt(format!("2001:db8::{:x}", i + 1).parse().unwrap())
                .is_ok()
            {
                allowed += 1;
            }
        }
        assert_eq!(allowed, LOGIN_FAILURES_PER_PREFIX);
        assert!(t.attempt("2001:db9::1".parse().unwrap()).is_ok());
    }

    #[test]
    fn the_map_is_bounded() {
        let t = Throttle::default();
        for i in 0..(THROTTLE_ADDRESSES as u32 + 50) {
            let _ = t.attempt(IpAddr::V4(i.into()));
        }
        assert!(t.len() <= THROTTLE_ADDRESSES);
    }
}
