//! Admin sessions, kept in memory: random ids, idle and absolute expiry, a bounded count.

use super::Admin;
use base64::Engine;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A session unused this long is over.
pub const IDLE: Duration = Duration::from_secs(12 * 3600);
/// No session lasts longer than this, used or not.
pub const MAX_AGE: Duration = Duration::from_secs(7 * 24 * 3600);
/// More sessions than this means something is wrong; the least recently used go first.
const MAX_SESSIONS: usize = 1000;

/// `bytes` random bytes from the operating system, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system provides random bytes");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

struct Session {
    name: String,
    csrf: String,
    /// The password hash in force at login: a new password ends the session.
    password: String,
    created: Instant,
    last_seen: Instant,
}

impl Session {
    fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.last_seen) > IDLE || now.duration_since(self.created) > MAX_AGE
    }
}

#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Opens a session for `name` under the password hash `password`; returns its id.
    pub fn create(&self, name: &str, password: &str) -> String {
        let id = random_token(32);
        let now = Instant::now();
        let mut map = self.map.lock().expect("sessions lock");
        if map.len() >= MAX_SESSIONS {
            map.retain(|_, s| !s.expired(now));
        }
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.last_seen)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(
            id.clone(),
            Session {
                name: name.to_owned(),
                csrf: random_token(32),
                password: password.to_owned(),
                created: now,
                last_seen: now,
            },
        );
        id
    }

    /// The admin of a live session; an expired one, or one from before a password change, ends.
    pub fn get(&self, id: &str, current_password: &str) -> Option<Admin> {
        let now = Instant::now();
        let mut map = self.map.lock().expect("sessions lock");
        let session = map.get_mut(id)?;
        if session.expired(now) || session.password != current_password {
            map.remove(id);
            return None;
        }
        session.last_seen = now;
        Some(Admin {
            name: session.name.clone(),
            csrf: session.csrf.clone(),
        })
    }

    pub fn remove(&self, id: &str) {
        self.map.lock().expect("sessions lock").remove(id);
    }

    /// Ends every session (the password changed).
    pub fn clear(&self) {
        self.map.lock().expect("sessions lock").clear();
    }

    pub fn len(&self) -> usize {
        self.map.lock().expect("sessions lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_long_random_and_distinct() {
        let a = random_token(32);
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_token(32));
    }

    #[test]
    fn a_session_ends_when_the_password_changes() {
        let sessions = Sessions::default();
        let id = sessions.create("Ana", "hash1");
        assert_eq!(sessions.get(&id, "hash1").unwrap().name, "Ana");
        assert!(sessions.get(&id, "hash2").is_none());
        assert!(sessions.get(&id, "hash1").is_none(), "gone for good");
    }

    #[test]
    fn sessions_expire_when_idle_and_at_their_maximum_age() {
        let sessions = Sessions::default();
        let id = sessions.create("Ana", "h");
        let now = Instant::now();
        let mut map = sessions.map.lock().unwrap();
        let s = map.get_mut(&id).unwrap();
        assert!(!s.expired(now));
        s.last_seen = now.checked_sub(IDLE + Duration::from_secs(1)).unwrap();
        assert!(s.expired(now), "unused for too long");
        s.last_seen = now;
        s.created = now.checked_sub(MAX_AGE + Duration::from_secs(1)).unwrap();
        assert!(s.expired(now), "too old even if used");
        drop(map);
        assert!(sessions.get(&id, "h").is_none());
        assert!(sessions.is_empty(), "an expired session is forgotten");
    }

    #[test]
    fn the_count_is_bounded() {
        let sessions = Sessions::default();
        for _ in 0..MAX_SESSIONS + 10 {
            sessions.create("x", "h");
        }
        assert_eq!(sessions.len(), MAX_SESSIONS);
    }
}
