//! Who may change the screen — the mechanism only: sessions, password hashing, login
//! throttling, API tokens and the checks against forged requests. The pages that use it are
//! the admin app's (`crate::admin`), the write API's check is the API's (`crate::api`).

mod access;
mod cli;
mod csrf;
mod password;
mod session;
mod throttle;
pub mod tokens;

pub use access::AccessList;
pub use cli::{passwd_command, token_command};
pub use csrf::{check_csrf, origin_matches_host};
pub use password::{
    check_new_password, code_hash, ensure_setup_code, hash_blocking, looks_like_code,
    new_setup_code, normalize_code, PasswordProblem, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};
pub use session::{random_token, Sessions, Volunteer, SESSION, SESSION_IDLE, SESSION_MAX_AGE};
pub use throttle::{Blocked, Throttle};

use crate::store::Accounts;
use axum::http::HeaderMap;
use password::Hasher;
use std::io;

/// Everything the auth code keeps in memory for the server's lifetime.
pub struct Auth {
    pub sessions: Sessions,
    pub throttle: Throttle,
    pub hasher: Hasher,
    /// The networks allowed to reach the admin area and the write API (`--admin-from`).
    pub access: AccessList,
    /// Serializes the changes of passwords and accounts, so a one-time code works once.
    pub account_change: tokio::sync::Mutex<()>,
}

impl Auth {
    pub fn new(access: AccessList) -> Auth {
        Auth {
            sessions: Sessions::default(),
            throttle: Throttle::default(),
            hasher: Hasher::default(),
            access,
            account_change: tokio::sync::Mutex::new(()),
        }
    }

    /// The volunteer whose session the request carries, while both the session and the
    /// account are good: the account still exists, is enabled, and has the password it had
    /// at login. Read on every request, so a disabled account or a password set with
    /// `vitrine passwd` ends the sessions of a running server at once.
    pub fn signed_in(
        &self,
        headers: &HeaderMap,
        accounts: &Accounts,
    ) -> io::Result<Option<Volunteer>> {
        let Some(id) = SESSION.read(headers) else {
            return Ok(None);
        };
        let accounts = accounts.list()?;
        Ok(self.sessions.get(id, |name, stamp| {
            accounts
                .iter()
                .find(|a| a.name == name && !a.disabled && a.password.as_deref() == Some(stamp))
                .map(|a| a.role)
        }))
    }
}
