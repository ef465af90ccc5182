//! Password hashing (argon2id, off the async runtime, a few at a time) and one-time codes
//! (the setup code of the first start, invitations and resets).

use crate::error::AppError;
use crate::store::{Accounts, Secrets};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Long enough to resist guessing, short enough to type on a shop laptop.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longer inputs are refused before hashing.
pub const MAX_PASSWORD_CHARS: usize = 200;
/// Hashes running at once: each takes ~19 MiB and a core for a fraction of a second on a Pi 3.
const CONCURRENT_HASHES: usize = 2;
/// Requests allowed to wait for a hash; beyond, a flood is told to come back later.
const MAX_WAITING: usize = 16;
/// Setup-code letters: no 0/O, 1/I/L, so it can be read off a terminal and typed.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Why a new password is refused; each page says it in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Holds the typed length.
    TooShort(usize),
    TooLong,
    Differ,
}

/// Checks a new password and its confirmation.
pub fn check_new_password(password: &str, again: &str) -> Result<(), PasswordProblem> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort(n));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    if password != again {
        return Err(PasswordProblem::Differ);
    }
    Ok(())
}

/// argon2id with the crate's default parameters (19 MiB, 2 passes): ~0.3 s on a Pi 3.
pub fn hash_blocking(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn verify_blocking(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Runs hashes on the blocking pool, at most [`CONCURRENT_HASHES`] at a time.
pub struct Hasher {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            permits: Arc::new(Semaphore::new(CONCURRENT_HASHES)),
            waiting: AtomicUsize::new(0),
        }
    }
}

/// Counts a request among those waiting for a hash, for as long as it waits.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Hasher {
    /// A turn to hash: refused (429, retry in a few seconds) when too many already wait.
    async fn turn(&self) -> Result<tokio::sync::SemaphorePermit<'_>, AppError> {
        let waiting = Waiting(&self.waiting);
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
            return Err(AppError::TooManyRequests(5));
        }
        let permit = self.permits.acquire().await.map_err(AppError::internal)?;
        drop(waiting);
        Ok(permit)
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let _permit = self.turn().await?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)
    }

    pub async fn verify(&self, password: String, phc: String) -> Result<bool, AppError> {
        if password.chars().count() > MAX_PASSWORD_CHARS {
            return Ok(false);
        }
        let _permit = self.turn().await?;
        tokio::task::spawn_blocking(move || verify_blocking(&password, &phc))
            .await
            .map_err(AppError::internal)
    }
}

/// A fresh setup code, three groups of four: `7KQ4-M2XH-9PRT` (about 59 bits).
pub fn new_setup_code() -> String {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    let chars: Vec<char> = bytes
        .iter()
        // 256 % 31 leaves a slight bias, harmless here: the code is throttled and used once.
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed code in the form it is compared: capitals, no spaces or dashes.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// How a one-time code (setup, invitation, reset) is kept: SHA-256 of its normalised form,
/// hex. Codes are random and throttled, so a plain hash is enough.
pub fn code_hash(code: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(normalize_code(code).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// At start: when no account exists, makes sure a setup code does, and returns it.
pub fn ensure_setup_code(secrets: &Secrets, accounts: &Accounts) -> io::Result<Option<String>> {
    if !accounts.is_empty()? {
        secrets.remove_setup_code()?;
        return Ok(None);
    }
    if let Some(code) = secrets.setup_code()? {
        return Ok(Some(code));
    }
    let code = new_setup_code();
    secrets.set_setup_code(&code)?;
    Ok(Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash_blocking("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify_blocking("correct horse battery", &phc));
        assert!(!verify_blocking("correct horse batterY", &phc));
        assert!(!verify_blocking("x", "not a hash"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn only_a_few_hashes_run_and_a_flood_is_turned_away() {
        let hasher = Arc::new(Hasher::default());
        // Hold every permit, as two slow hashes would.
        let held = hasher
            .permits
            .clone()
            .acquire_many_owned(CONCURRENT_HASHES as u32)
            .await
            .unwrap();
        let waiters: Vec<_> = (0..MAX_WAITING)
            .map(|_| {
                let hasher = hasher.clone();
                tokio::spawn(async move { hasher.verify("x".repeat(12), "bad".into()).await })
            })
            .collect();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while hasher.waiting.load(Ordering::SeqCst) < MAX_WAITING {
            assert!(std::time::Instant::now() < deadline, "waiters never queued");
            tokio::task::yield_now().await;
        }
        let refused = hasher.verify("y".repeat(12), "bad".into()).await;
        assert!(matches!(refused, Err(AppError::TooManyRequests(_))));
        drop(held);
        for w in waiters {
            assert!(!w.await.unwrap().unwrap(), "each waiter got its turn");
        }
        assert_eq!(hasher.waiting.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn setup_codes_are_easy_to_type() {
        let code = new_setup_code();
        assert_eq!(code.len(), 14, "{code}");
        assert_eq!(code.matches('-').count(), 2);
        assert_eq!(
            normalize_code(&code.to_lowercase().replace('-', " ")),
            code.replace('-', "")
        );
        assert_ne!(code, new_setup_code());
    }

    #[test]
    fn short_or_mismatched_passwords_say_why() {
        assert_eq!(
            check_new_password("court", "court"),
            Err(PasswordProblem::TooShort(5))
        );
        assert_eq!(
            check_new_password("assez long oui", "assez long non"),
            Err(PasswordProblem::Differ)
        );
        assert!(check_new_password("assez long oui", "assez long oui").is_ok());
    }

    #[test]
    fn the_setup_code_is_made_once_and_retired_by_the_first_account() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        let accounts = Accounts::new(dir.path());
        let code = ensure_setup_code(&secrets, &accounts).unwrap().unwrap();
        assert_eq!(
            ensure_setup_code(&secrets, &accounts).unwrap().as_deref(),
            Some(code.as_str())
        );
        assert_eq!(code_hash(&code.to_lowercase()), code_hash(&code));
        accounts
            .create(crate::store::Account {
                name: "Maite".into(),
                role: crate::store::Role::Admin,
                password: Some("$argon2id$x".into()),
                disabled: false,
                invitation: None,
                created: chrono::Utc::now(),
            })
            .unwrap();
        assert_eq!(ensure_setup_code(&secrets, &accounts).unwrap(), None);
        assert_eq!(secrets.setup_code().unwrap(), None, "retired");
    }
}
