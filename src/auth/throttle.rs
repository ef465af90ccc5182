//! Login throttling per peer address: a few failures, then a pause (429 with Retry-After).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per address within [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Addresses remembered at most, so a flood of addresses cannot exhaust memory.
const MAX_ADDRESSES: usize = 10_000;

struct Failures {
    count: u32,
    first: Instant,
}

#[derive(Default)]
pub struct Throttle {
    map: Mutex<HashMap<IpAddr, Failures>>,
}

/// One IPv6 host usually owns a whole /64: count it as one address.
fn key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

impl Throttle {
    /// `Err(seconds to wait)` when this address failed too often lately.
    pub fn check(&self, ip: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let mut map = self.map.lock().expect("throttle lock");
        let Some(f) = map.get(&key(ip)) else {
            return Ok(());
        };
        let elapsed = now.duration_since(f.first);
        if elapsed >= WINDOW {
            map.remove(&key(ip));
            return Ok(());
        }
        if f.count >= MAX_FAILURES {
            return Err((WINDOW - elapsed).as_secs().max(1));
        }
        Ok(())
    }

    pub fn failed(&self, ip: IpAddr) {
        let now = Instant::now();
        let mut map = self.map.lock().expect("throttle lock");
        if map.len() >= MAX_ADDRESSES && !map.contains_key(&key(ip)) {
            map.retain(|_, f| now.duration_since(f.first) < WINDOW);
            if map.len() >= MAX_ADDRESSES {
                if let Some(oldest) = map.iter().min_by_key(|(_, f)| f.first).map(|(k, _)| *k) {
                    map.remove(&oldest);
                }
            }
        }
        let f = map.entry(key(ip)).or_insert(Failures {
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

    pub fn succeeded(&self, ip: IpAddr) {
        self.map.lock().expect("throttle lock").remove(&key(ip));
    }

    pub fn len(&self) -> usize {
        self.map.lock().expect("throttle lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_allowed_failures_and_only_that_address() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            assert!(t.check(a).is_ok());
            t.failed(a);
        }
        let wait = t.check(a).unwrap_err();
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert!(t.check(b).is_ok());
    }

    #[test]
    fn an_ipv6_prefix_counts_as_one_address() {
        let t = Throttle::default();
        for i in 0..MAX_FAILURES {
            t.failed(format!("2001:db8::{i}").parse().unwrap());
        }
        assert!(t.check("2001:db8::ffff".parse().unwrap()).is_err());
    }

    #[test]
    fn the_map_is_bounded() {
        let t = Throttle::default();
        for i in 0..(MAX_ADDRESSES as u32 + 50) {
            t.failed(IpAddr::V4(i.into()));
        }
        assert!(t.len() <= MAX_ADDRESSES);
    }
}
