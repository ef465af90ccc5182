//! Sessions, kept in memory: random ids, idle and absolute expiry, a bounded count. A
//! session names its account and the password hash in force at login, so a new password,
//! a reset or a disabled account ends it.

use crate::http::cookies::{Cookie, SameSite};
use crate::limits::{MAX_SESSIONS, SESSIONS_PER_ACCOUNT};
use crate::store::Role;
use base64::Engine;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A session unused this long is over.
pub const SESSION_IDLE: Duration = Duration::from_secs(12 * 3600);
/// No session lasts longer than this, used or not.
pub const SESSION_MAX_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

/// The session cookie: sent to the whole site, as the API takes a session too.
pub const SESSION: Cookie = Cookie {
    name: "vitrine_session",
    path: "/",
    same_site: SameSite::Strict,
    max_age: SESSION_MAX_AGE,
};

/// `bytes` random bytes from the operating system, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system provides random bytes");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A signed-in volunteer, as the pages and the API see them.
#[derive(Debug, Clone)]
pub struct Volunteer {
    /// The account's name; recorded as "saved by" in the history.
    pub name: String,
    pub role: Role,
    /// The session's synchronizer token; every admin form carries it as hidden field `_csrf`.
    pub csrf: String,
}

impl Volunteer {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

struct Session {
    account: String,
    /// The password hash in force at login.
    stamp: String,
    csrf: String,
    created: Instant,
    last_seen: Instant,
}

impl Session {
    fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.last_seen) > SESSION_IDLE
            || now.duration_since(self.created) > SESSION_MAX_AGE
    }
}

#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Opens a session for `account` under its password hash `stamp`; returns its id.
    pub fn create(&self, account: &str, stamp: &str) -> String {
        let id = random_token(32);
        let now = Instant::now();
        let mut map = self.map.lock().expect("sessions lock");
        // One account's logins only ever push out that account's own oldest session.
        let mine = map.values().filter(|s| s.account == account).count();
        if mine >= SESSIONS_PER_ACCOUNT {
            if let Some(oldest) = map
                .iter()
                .filter(|(_, s)| s.account == account)
                .min_by_key(|(_, s)| s.last_seen)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
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
                account: account.to_owned(),
                stamp: stamp.to_owned(),
                csrf: random_token(32),
                created: now,
                last_seen: now,
            },
        );
        id
    }

    /// The volunteer of a live session, if `account_role(account, stamp)` still gives its
    /// account a role; an expired or refused session ends for good.
    pub fn get(
        &self,
        id: &str,
        account_role: impl FnOnce(&str, &str) -> Option<Role>,
    ) -> Option<Volunteer> {
        let now = Instant::now();
        let mut map = self.map.lock().expect("sessions lock");
        let session = map.get_mut(id)?;
        let role = (!session.expired(now))
            .then(|| account_role(&session.account, &session.stamp))
            .flatten();
        let Some(role) = role else {
            map.remove(id);
            return None;
        };
        session.last_seen = now;
        Some(Volunteer {
            name: session.account.clone(),
            role,
            csrf: session.csrf.clone(),
        })
    }

    pub fn remove(&self, id: &str) {
        self.map.lock().expect("sessions lock").remove(id);
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

    fn admin_if(stamp: &'static str) -> impl Fn(&str, &str) -> Option<Role> {
        move |_, s| (s == stamp).then_some(Role::Admin)
    }

    #[test]
    fn ids_are_long_random_and_distinct() {
        let a = random_token(32);
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_token(32));
    }

    #[test]
    fn a_session_ends_when_its_account_refuses_it() {
        let sessions = Sessions::default();
        let id = sessions.create("Ana", "hash1");
        assert_eq!(sessions.get(&id, admin_if("hash1")).unwrap().name, "Ana");
        assert!(sessions.get(&id, admin_if("hash2")).is_none());
        assert!(
            sessions.get(&id, admin_if("hash1")).is_none(),
            "gone for good"
        );
    }

    #[test]
    fn sessions_expire_when_idle_and_at_their_maximum_age() {
        let sessions = Sessions::default();
        let id = sessions.create("Ana", "h");
        let now = Instant::now();
        let mut map = sessions.map.lock().unwrap();
        let s = map.get_mut(&id).unwrap();
        assert!(!s.expired(now));
        s.last_seen = now
            .checked_sub(SESSION_IDLE + Duration::from_secs(1))
            .unwrap();
        assert!(s.expired(now), "unused for too long");
        s.last_seen = now;
        s.created = now
            .checked_sub(SESSION_MAX_AGE + Duration::from_secs(1))
            .unwrap();
        assert!(s.expired(now), "too old even if used");
        drop(map);
        assert!(sessions.get(&id, admin_if("h")).is_none());
        assert!(sessions.is_empty(), "an expired session is forgotten");
    }

    #[test]
    fn the_count_is_bounded() {
        let sessions = Sessions::default();
        for i in 0..MAX_SESSIONS + 10 {
            sessions.create(&format!("account {}", i % 300), "h");
        }
        assert_eq!(sessions.len(), MAX_SESSIONS);
    }

    #[test]
    fn one_account_logging_in_again_and_again_never_ends_anothers_session() {
        let sessions = Sessions::default();
        let admin = sessions.create("Admin", "a");
        for _ in 0..MAX_SESSIONS + 30 {
            sessions.create("Bob", "b");
        }
        assert!(sessions.get(&admin, admin_if("a")).is_some());
        assert_eq!(sessions.len(), SESSIONS_PER_ACCOUNT + 1);
    }
}
