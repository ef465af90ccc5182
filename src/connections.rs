//! Who gets a connection slot: a cap for the network, a few per address (an IPv6 /64 counts
//! as one), a reserve that only this machine (the kiosk browser, the watchdog's health check)
//! may use, and, when the network is full, a newcomer's slot taken from whoever holds most.

use crate::limits;
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The caps that apply, once fitted to the descriptor limit of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Connections from the network (and from this machine, before the reserve).
    pub network: usize,
    pub per_peer: usize,
    /// Extra slots for 127.0.0.1 and ::1 only.
    pub local_reserve: usize,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            network: limits::MAX_CONNECTIONS,
            per_peer: limits::MAX_CONNECTIONS_PER_PEER,
            local_reserve: limits::LOCAL_RESERVE,
        }
    }
}

impl Caps {
    /// The caps for a process that may open `descriptors` files: every connection and the
    /// files it may open stay below the limit, so `accept` never fails for lack of them.
    pub fn fitted(descriptors: Option<u64>) -> Caps {
        let caps = Caps::default();
        let Some(limit) = descriptors.and_then(|d| usize::try_from(d).ok()) else {
            return caps;
        };
        let room = limit.saturating_sub(limits::FILE_DESCRIPTOR_RESERVE + caps.local_reserve);
        let network = caps.network.min(room).max(8);
        Caps {
            network,
            per_peer: caps.per_peer.min(network),
            local_reserve: caps.local_reserve,
        }
    }

    /// The caps for the soft descriptor limit of this process.
    pub fn for_this_process() -> Caps {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        Caps::fitted(limit)
    }
}

/// Whom a connection is counted against: an IPv4 address, or an IPv6 address's /64 (one
/// phone with privacy addresses takes as many addresses of its /64 as it likes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeerKey {
    V4(std::net::Ipv4Addr),
    V6Prefix(u64),
}

impl PeerKey {
    pub fn of(ip: IpAddr) -> PeerKey {
        match ip.to_canonical() {
            IpAddr::V4(v4) => PeerKey::V4(v4),
            IpAddr::V6(v6) => PeerKey::V6Prefix((u128::from(v6) >> 64) as u64),
        }
    }
}

/// The connections open now, by address.
pub struct Admission {
    caps: Caps,
    open: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    network: usize,
    local: usize,
    next_id: u64,
    /// Each address's open connections, oldest first, with the way to close each one.
    per_peer: HashMap<PeerKey, BTreeMap<u64, oneshot::Sender<()>>>,
}

impl Counts {
    /// Closes the oldest connection of the address that holds the most, if it holds more
    /// than one above `mine`: a newcomer takes a slot from a hoarder, never from its equal.
    fn evict_for(&mut self, mine: usize) -> bool {
        let Some((&key, held)) = self.per_peer.iter().max_by_key(|(_, held)| held.len()) else {
            return false;
        };
        if held.len() <= mine + 1 {
            return false;
        }
        let held = self.per_peer.get_mut(&key).expect("just found");
        let Some((_, close)) = held.pop_first() else {
            return false;
        };
        if held.is_empty() {
            self.per_peer.remove(&key);
        }
        self.network -= 1;
        // The connection may already be ending; its slot is free either way.
        let _ = close.send(());
        true
    }
}

/// A held slot; dropping it (when the connection ends) frees it.
pub struct Slot {
    admission: Arc<Admission>,
    peer: PeerKey,
    /// `None` for a slot of the local reserve, which is never taken back.
    id: Option<u64>,
    evicted: Option<oneshot::Receiver<()>>,
}

impl Slot {
    /// Resolves when the connection must close because a newcomer took its slot (the
    /// network is full and its address holds more than its share).
    pub async fn taken_back(&mut self) {
        match self.evicted.as_mut() {
            Some(rx) => {
                if rx.await.is_err() {
                    std::future::pending::<()>().await
                }
            }
            None => std::future::pending::<()>().await,
        }
    }
}

/// Whether this address is this very machine; nobody on the network can send from it.
fn is_this_machine(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4 == std::net::Ipv4Addr::LOCALHOST,
        IpAddr::V6(v6) => v6 == std::net::Ipv6Addr::LOCALHOST,
    }
}

impl Admission {
    pub fn new(caps: Caps) -> Arc<Admission> {
        Arc::new(Admission {
            caps,
            open: Mutex::new(Counts::default()),
        })
    }

    pub fn caps(&self) -> Caps {
        self.caps
    }

    /// A slot for a connection from `peer`, or `None` when it must be turned away.
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<Slot> {
        let local = is_this_machine(peer);
        self.admit_as(peer.to_canonical(), local)
    }

    /// [`admit`](Self::admit) for a connection that reached us on our address `to`: one that
    /// comes from that very address is this machine too (the watchdog's health check when the
    /// server listens on a LAN address, a kiosk browser pointed at that address).
    pub fn admit_to(self: &Arc<Self>, peer: IpAddr, to: IpAddr) -> Option<Slot> {
        let local = is_this_machine(peer) || peer.to_canonical() == to.to_canonical();
        self.admit_as(peer.to_canonical(), local)
    }

    fn admit_as(self: &Arc<Self>, peer: IpAddr, local: bool) -> Option<Slot> {
        let key = PeerKey::of(peer);
        let mut open = self.open.lock().expect("admission lock");
        let mine = open.per_peer.get(&key).map_or(0, BTreeMap::len);
        let room = local || mine < self.caps.per_peer;
        let network =
            room && (open.network < self.caps.network || (!local && open.evict_for(mine)));
        if !network {
            if !(local && open.local < self.caps.local_reserve) {
                return None;
            }
            open.local += 1;
            return Some(Slot {
                admission: self.clone(),
                peer: key,
                id: None,
                evicted: None,
            });
        }
        let (tx, rx) = oneshot::channel();
        let id = open.next_id;
        open.next_id += 1;
        open.network += 1;
        open.per_peer.entry(key).or_default().insert(id, tx);
        Some(Slot {
            admission: self.clone(),
            peer: key,
            id: Some(id),
            evicted: Some(rx),
        })
    }

    /// Connections open now (network slots, reserved slots).
    pub fn open(&self) -> (usize, usize) {
        let open = self.open.lock().expect("admission lock");
        (open.network, open.local)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.admission.open.lock().expect("admission lock");
        let Some(id) = self.id else {
            open.local -= 1;
            return;
        };
        let Some(held) = open.per_peer.get_mut(&self.peer) else {
            return; // taken back already, and counted then
        };
        if held.remove(&id).is_none() {
            return;
        }
        if held.is_empty() {
            open.per_peer.remove(&self.peer);
        }
        open.network -= 1;
        if open.per_peer.is_empty() {
            // A table grown by a flood would otherwise stay where it grew, on top of the
            // heap, and keep everything freed below it resident.
            open.per_peer.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn one_address_cannot_take_every_slot() {
        let a = Admission::new(Caps {
            network: 10,
            per_peer: 3,
            local_reserve: 2,
        });
        let held: Vec<_> = (0..3).filter_map(|_| a.admit(ip("192.0.2.1"))).collect();
        assert_eq!(held.len(), 3);
        assert!(a.admit(ip("192.0.2.1")).is_none());
        assert!(a.admit(ip("192.0.2.2")).is_some());
        drop(held);
        assert_eq!(a.open(), (0, 0));
        assert!(a.admit(ip("192.0.2.1")).is_some());
    }

    #[test]
    fn this_machine_gets_through_when_the_network_took_every_slot() {
        let a = Admission::new(Caps {
            network: 4,
            per_peer: 4,
            local_reserve: 2,
        });
        let network: Vec<_> = (1..=4)
            .filter_map(|i| a.admit(ip(&format!("192.0.2.{i}"))))
            .collect();
        assert_eq!(network.len(), 4);
        assert!(a.admit(ip("192.0.2.9")).is_none(), "the network is full");
        // Another loopback address is not this machine's browser: 127.0.0.1 only.
        assert!(a.admit(ip("127.0.0.2")).is_none());
        let kiosk = a.admit(ip("127.0.0.1")).expect("the reserve");
        let watchdog = a.admit(ip("::1")).expect("the reserve");
        assert!(
            a.admit(ip("127.0.0.1")).is_none(),
            "the reserve is bounded too"
        );
        drop((kiosk, watchdog));
        assert_eq!(a.open(), (4, 0));
        // Listening on a LAN address, the health check comes from that address: this machine.
        let probe = a
            .admit_to(ip("192.168.1.50"), ip("192.168.1.50"))
            .expect("the reserve");
        assert!(
            a.admit_to(ip("192.168.1.51"), ip("192.168.1.50")).is_none(),
            "a neighbour is not"
        );
        drop(probe);
    }

    #[test]
    fn a_newcomer_takes_a_slot_from_the_address_that_holds_the_most() {
        use futures_util::FutureExt;
        let a = Admission::new(Caps {
            network: 4,
            per_peer: 4,
            local_reserve: 1,
        });
        let mut hoarded: Vec<_> = (0..3).filter_map(|_| a.admit(ip("192.0.2.1"))).collect();
        let _other = a.admit(ip("192.0.2.2")).expect("a slot left");
        assert_eq!(hoarded.len(), 3);
        let _newcomer = a.admit(ip("192.0.2.3")).expect("taken from the hoarder");
        assert_eq!(a.open(), (4, 0));
        // The hoarder's oldest connection is told to close; the others stay.
        assert!(hoarded[0].taken_back().now_or_never().is_some());
        assert!(hoarded[1].taken_back().now_or_never().is_none());
        drop(hoarded.remove(0));
        assert_eq!(a.open(), (4, 0), "counted once");
        let _second = a
            .admit(ip("192.0.2.4"))
            .expect("taken from the hoarder again");
        // Now each address holds one: equals never push each other out.
        assert!(a.admit(ip("192.0.2.5")).is_none());
    }

    #[test]
    fn the_addresses_of_one_ipv6_network_count_as_one() {
        let a = Admission::new(Caps {
            network: 10,
            per_peer: 2,
            local_reserve: 1,
        });
        let held: Vec<_> = ["2001:db8::1", "2001:db8::2"]
            .iter()
            .filter_map(|s| a.admit(ip(s)))
            .collect();
        assert_eq!(held.len(), 2);
        assert!(a.admit(ip("2001:db8::3")).is_none(), "same /64");
        assert!(a.admit(ip("2001:db8:0:1::1")).is_some(), "another /64");
    }

    #[test]
    fn caps_fit_under_the_descriptor_limit() {
        let caps = Caps::fitted(Some(1024));
        assert!(
            caps.network + caps.local_reserve + limits::FILE_DESCRIPTOR_RESERVE <= 1024,
            "{caps:?}"
        );
        assert_eq!(caps.network, limits::MAX_CONNECTIONS);
        let small = Caps::fitted(Some(256));
        assert!(small.network + small.local_reserve + limits::FILE_DESCRIPTOR_RESERVE <= 256);
        assert_eq!(Caps::fitted(None), Caps::default());
    }
}
