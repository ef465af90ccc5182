//! Login throttling per peer address and per account: a few attempts, then a pause (429 with
//! Retry-After). Guesses at one account count for it from every address, and only its
//! owner's good login clears them.
//!
//! An attempt is counted *before* its password is hashed, and given back when it succeeds, so
//! a burst of parallel guesses cannot slip more than the allowed number past the check.
//! IPv6: each address (/128) has the budget of an IPv4 address, and its /64 a larger shared
//! one, since one host may take many addresses of its /64 (see README, "Login throttling").

use crate::limits::{
    LOGIN_FAILURES, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_PREFIX, LOGIN_WINDOW,
    THROTTLE_ADDRESSES,
};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

const WINDOW: std::time::Duration = LOGIN_WINDOW;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Address(IpAddr),
    /// The first 64 bits of an IPv6 address.
    Prefix(u64),
    /// An existing account's name, lower-cased: whatever address the guesses come from.
    Account(String),
    /// What one address tried against one account, so that the account's owner logging in
    /// gives back that address's failures against them, and no others.
    Pair(IpAddr, String),
}

struct Failures {
    count: u32,
    first: Instant,
}

/// Why an attempt was refused, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    /// Seconds until the budget is back.
    pub secs: u64,
    /// The account's own budget is spent (guesses from anywhere), not this address's.
    pub account: bool,
}

#[derive(Default)]
pub struct Throttle {
    map: Mutex<HashMap<Key, Failures>>,
}

/// The buckets an attempt draws from, with their budgets (a pair has none of its own).
fn keys(ip: IpAddr, account: Option<&str>) -> Vec<(Key, u32)> {
    let ip = ip.to_canonical();
    let mut keys = vec![(Key::Address(ip), LOGIN_FAILURES)];
    if let IpAddr::V6(v6) = ip {
        let prefix = (u128::from(v6) >> 64) as u64;
        keys.push((Key::Prefix(prefix), LOGIN_FAILURES_PER_PREFIX));
    }
    if let Some(name) = account {
        let name = name.trim().to_lowercase();
        keys.push((Key::Pair(ip, name.clone()), u32::MAX));
        keys.push((Key::Account(name), LOGIN_FAILURES_PER_ACCOUNT));
    }
    keys
}

impl Throttle {
    /// Counts one attempt from `ip` against `account` (an existing account's name, `None` for
    /// a name that has none or a setup code), or says why it is refused.
    ///
    /// Call it before checking the password; call [`Throttle::succeeded`] when it was right.
    pub fn attempt(&self, ip: IpAddr, account: Option<&str>) -> Result<(), Blocked> {
        let now = Instant::now();
        let mut map = self.map.lock().expect("throttle lock");
        let keys = keys(ip, account);
        for (key, budget) in &keys {
            if let Some(f) = map.get(key) {
                let elapsed = now.duration_since(f.first);
                if elapsed < WINDOW && f.count >= *budget {
                    return Err(Blocked {
                        secs: (WINDOW - elapsed).as_secs().max(1),
                        account: matches!(key, Key::Account(_)),
                    });
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

    /// The attempt was right: the account starts afresh, and the address (and its /64) get
    /// back what they tried against this account, this attempt included — never what they
    /// tried against another one, so a good login to one's own account does not buy more
    /// guesses at a colleague's.
    pub fn succeeded(&self, ip: IpAddr, account: Option<&str>) {
        let mut map = self.map.lock().expect("throttle lock");
        let keys = keys(ip, account);
        if account.is_none() {
            // A setup code: the address starts afresh, its /64 gets that attempt back.
            for (key, _) in keys {
                if let Key::Address(_) = key {
                    map.remove(&key);
                } else if let Some(f) = map.get_mut(&key) {
                    f.count = f.count.saturating_sub(1);
                }
            }
            return;
        }
        let given_back = keys
            .iter()
            .find(|(k, _)| matches!(k, Key::Pair(..)))
            .and_then(|(k, _)| map.remove(k))
            .map_or(1, |f| f.count);
        for (key, _) in keys {
            match key {
                Key::Account(_) => {
                    map.remove(&key);
                }
                Key::Address(_) | Key::Prefix(_) => {
                    if let Some(f) = map.get_mut(&key) {
                        f.count = f.count.saturating_sub(given_back);
                    }
                }
                Key::Pair(..) => {}
            }
        }
    }

    /// The attempt was never checked (the hashing queue was full): it does not count.
    pub fn refund(&self, ip: IpAddr, account: Option<&str>) {
        let mut map = self.map.lock().expect("throttle lock");
        for (key, _) in keys(ip, account) {
            if let Some(f) = map.get_mut(&key) {
                f.count = f.count.saturating_sub(1);
            }
        }
    }

    /// An admin gave the account a new code: its owner may use it at once, whatever others
    /// guessed at the name.
    pub fn forget_account(&self, account: &str) {
        let name = account.trim().to_lowercase();
        let mut map = self.map.lock().expect("throttle lock");
        map.remove(&Key::Account(name));
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
        if let Some(oldest) = map
            .iter()
            .min_by_key(|(_, f)| f.first)
            .map(|(k, _)| k.clone())
        {
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
            assert!(t.attempt(a, None).is_ok());
        }
        let wait = t.attempt(a, None).unwrap_err().secs;
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert!(t.attempt(b, None).is_ok());
    }

    #[test]
    fn a_right_password_gives_the_address_its_budget_back() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..LOGIN_FAILURES - 1 {
            t.attempt(a, None).unwrap();
        }
        t.attempt(a, None).unwrap();
        t.succeeded(a, None);
        for _ in 0..LOGIN_FAILURES {
            assert!(t.attempt(a, None).is_ok());
        }
    }

    #[test]
    fn one_ipv6_address_is_blocked_not_its_whole_network() {
        let t = Throttle::default();
        let attacker: IpAddr = "2001:db8::bad".parse().unwrap();
        for _ in 0..LOGIN_FAILURES {
            t.attempt(attacker, None).unwrap();
        }
        assert!(t.attempt(attacker, None).is_err());
        assert!(
            t.attempt("2001:db8::a11c".parse().unwrap(), None).is_ok(),
            "a colleague on the same /64 may still log in"
        );
    }

    #[test]
    fn addresses_of_one_ipv6_network_share_a_larger_budget() {
        let t = Throttle::default();
        let mut allowed = 0;
        for i in 0..(LOGIN_FAILURES_PER_PREFIX + 20) {
            if t.attempt(format!("2001:db8::{:x}", i + 1).parse().unwrap(), None)
                .is_ok()
            {
                allowed += 1;
            }
        }
        assert_eq!(allowed, LOGIN_FAILURES_PER_PREFIX);
        assert!(t.attempt("2001:db9::1".parse().unwrap(), None).is_ok());
    }

    #[test]
    fn guesses_at_one_account_count_from_every_address() {
        let t = Throttle::default();
        let mut checked = 0;
        for i in 1..=40u8 {
            let ip = IpAddr::V4([192, 0, 2, i].into());
            for _ in 0..LOGIN_FAILURES {
                if t.attempt(ip, Some("Admin")).is_ok() {
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, LOGIN_FAILURES_PER_ACCOUNT);
        let blocked = t
            .attempt("192.0.2.99".parse().unwrap(), Some("admin"))
            .unwrap_err();
        assert!(blocked.account);
        // Another account is not touched.
        assert!(t
            .attempt("192.0.2.99".parse().unwrap(), Some("bob"))
            .is_ok());
    }

    #[test]
    fn a_good_login_to_ones_own_account_buys_no_more_guesses_at_another() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let mut guesses = 0;
        for _ in 0..20 {
            for _ in 0..4 {
                if t.attempt(a, Some("admin")).is_ok() {
                    guesses += 1;
                }
            }
            if t.attempt(a, Some("ana")).is_ok() {
                t.succeeded(a, Some("ana"));
            }
        }
        assert!(guesses <= LOGIN_FAILURES, "{guesses} guesses at admin");
        // The owner's own good login clears the account's failures.
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        t.succeeded(b, Some("admin"));
        assert!(t.attempt(b, Some("admin")).is_ok());
    }

    #[test]
    fn the_map_is_bounded() {
        let t = Throttle::default();
        for i in 0..(THROTTLE_ADDRESSES as u32 + 50) {
            let _ = t.attempt(IpAddr::V4(i.into()), None);
        }
        assert!(t.len() <= THROTTLE_ADDRESSES);
    }
}
