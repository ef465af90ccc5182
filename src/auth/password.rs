//! Password hashing (argon2id on a thread of its own, with bounded reused memory, behind a
//! bounded queue) and one-time codes (the setup code of the first start, invitations and
//! resets).

use crate::error::AppError;
use crate::limits;
use crate::store::{Accounts, Secrets};
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

/// Long enough to resist guessing, short enough to type on a shop laptop.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longer inputs are refused before hashing.
pub const MAX_PASSWORD_CHARS: usize = 200;
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
///
/// For the CLI; the server hashes on its [`Hasher`] thread.
pub fn hash_blocking(password: &str) -> Result<String, String> {
    hash_with(&mut Memory::default(), password)
}

/// The most memory a stored hash may ask for (a hand-edited file cannot make us allocate GBs).
const MAX_HASH_BLOCKS: usize = 64 * 1024;
/// Capacity of the block buffer: above glibc's largest mmap threshold (32 MiB), so the buffer
/// is a mapping of its own that goes back to the system when dropped, rather than a hole in a
/// malloc arena that stays resident for good.
const MEMORY_CAPACITY_BLOCKS: usize = 33 * 1024;

/// argon2's working memory, kept between hashes by the thread that owns it.
#[derive(Default)]
struct Memory(Vec<Block>);

impl Memory {
    fn blocks(&mut self, count: usize) -> &mut [Block] {
        if self.0.capacity() < count {
            self.0 = Vec::with_capacity(count.max(MEMORY_CAPACITY_BLOCKS));
        }
        self.0.resize(count, Block::default());
        &mut self.0[..count]
    }
}

fn hash_with(memory: &mut Memory, password: &str) -> Result<String, String> {
    let params = Params::default();
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            &salt,
            &mut out,
            memory.blocks(params.block_count()),
        )
        .map_err(|e| e.to_string())?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
        salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
        hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
    };
    Ok(phc.to_string())
}

fn verify_with(memory: &mut Memory, password: &str, phc: &str) -> bool {
    let mut check = || -> Option<bool> {
        let hash = PasswordHash::new(phc).ok()?;
        let algorithm = Algorithm::try_from(hash.algorithm.as_str()).ok()?;
        let version = match hash.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let params = Params::try_from(&hash).ok()?;
        let (salt, expected) = (hash.salt?, hash.hash?);
        if params.block_count() > MAX_HASH_BLOCKS {
            tracing::error!("the stored password hash asks for too much memory: ignored");
            return Some(false);
        }
        let mut out = vec![0u8; expected.len()];
        Argon2::new(algorithm, version, params.clone())
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt.as_ref(),
                &mut out,
                memory.blocks(params.block_count()),
            )
            .ok()?;
        // `Output` compares in constant time.
        Some(Output::new(&out).ok()? == expected)
    };
    check().unwrap_or(false)
}

enum Work {
    Hash(String),
    Verify { password: String, phc: String },
}

enum Outcome {
    Hashed(Result<String, String>),
    Verified(bool),
}

struct Job {
    work: Work,
    reply: tokio::sync::oneshot::Sender<Outcome>,
}

/// Runs argon2 on [`HASH_THREADS`](limits::HASH_THREADS) threads of its own, each reusing
/// one block of memory, behind a queue of [`HASH_QUEUE`](limits::HASH_QUEUE) requests.
#[derive(Default)]
pub struct Hasher {
    queue: OnceLock<SyncSender<Job>>,
    verified: Arc<AtomicU64>,
}

impl Hasher {
    /// How many passwords were checked so far (tests count them: never more than the throttle
    /// lets through).
    pub fn verifications(&self) -> u64 {
        self.verified.load(Ordering::SeqCst)
    }

    fn queue(&self) -> &SyncSender<Job> {
        self.queue.get_or_init(|| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(limits::HASH_QUEUE);
            let rx = Arc::new(Mutex::new(rx));
            for i in 0..limits::HASH_THREADS {
                let rx = rx.clone();
                let verified = self.verified.clone();
                let spawned = std::thread::Builder::new()
                    .name(format!("vitrine-hash-{i}"))
                    .spawn(move || hashing_thread(&rx, &verified));
                if let Err(e) = spawned {
                    tracing::error!("cannot start a password hashing thread: {e}");
                }
            }
            tx
        })
    }

    /// Queues `work`; a full queue is answered at once with a "come back in a few seconds".
    async fn run(&self, work: Work) -> Result<Outcome, AppError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        match self.queue().try_send(Job { work, reply }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(AppError::TooManyRequests(5)),
            Err(TrySendError::Disconnected(_)) => {
                return Err(AppError::internal("no password hashing thread"))
            }
        }
        answer
            .await
            .map_err(|_| AppError::internal("the password hashing thread stopped"))
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        match self.run(Work::Hash(password)).await? {
            Outcome::Hashed(result) => result.map_err(AppError::internal),
            Outcome::Verified(_) => Err(AppError::internal("hashing thread mixed its answers")),
        }
    }

    pub async fn verify(&self, password: String, phc: String) -> Result<bool, AppError> {
        if password.chars().count() > MAX_PASSWORD_CHARS {
            return Ok(false);
        }
        match self.run(Work::Verify { password, phc }).await? {
            Outcome::Verified(ok) => Ok(ok),
            Outcome::Hashed(_) => Err(AppError::internal("hashing thread mixed its answers")),
        }
    }
}

/// Takes jobs until the [`Hasher`] is dropped; gives its memory back when idle.
fn hashing_thread(jobs: &Mutex<Receiver<Job>>, verified: &AtomicU64) {
    let mut memory = Memory::default();
    loop {
        let next = jobs
            .lock()
            .map_err(|_| RecvTimeoutError::Disconnected)
            .and_then(|rx| rx.recv_timeout(limits::HASH_MEMORY_KEEP));
        let job = match next {
            Ok(job) => job,
            Err(RecvTimeoutError::Timeout) => {
                memory = Memory::default();
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let outcome = match job.work {
            Work::Hash(password) => Outcome::Hashed(hash_with(&mut memory, &password)),
            Work::Verify { password, phc } => {
                verified.fetch_add(1, Ordering::SeqCst);
                Outcome::Verified(verify_with(&mut memory, &password, &phc))
            }
        };
        // The request may have gone (client closed): nobody to tell.
        let _ = job.reply.send(outcome);
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

/// Whether `typed` has the shape of a one-time code (`7KQ4-M2XH-9PRT`, in any case, with or
/// without its dashes or spaces): twelve characters of the codes' alphabet, nothing else.
pub fn looks_like_code(typed: &str) -> bool {
    let kept = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase());
    let mut n = 0;
    for c in kept {
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
            return false;
        }
        n += 1;
    }
    n == 12
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
        // Of no use any more. A folder that cannot be written (read-only) only keeps it a
        // little longer: that is no reason to say there is no account.
        if let Err(e) = secrets.remove_setup_code() {
            tracing::warn!("cannot remove the setup code, no longer needed: {e}");
        }
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
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        let mut memory = Memory::default();
        assert!(verify_with(&mut memory, "correct horse battery", &phc));
        assert!(!verify_with(&mut memory, "correct horse batterY", &phc));
        assert!(!verify_with(&mut memory, "x", "not a hash"));
        // A hash made by the crate's own API verifies too (passwords set by older versions).
        use argon2::password_hash::PasswordHasher;
        let theirs = Argon2::default()
            .hash_password(b"older password")
            .unwrap()
            .to_string();
        assert!(verify_with(&mut memory, "older password", &theirs));
        assert!(!verify_with(&mut memory, "older passworD", &theirs));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_beyond_the_queue_is_turned_away_and_the_rest_answered() {
        let hasher = Arc::new(Hasher::default());
        let phc = hash_blocking("correct horse battery").unwrap();
        let n = limits::HASH_QUEUE + limits::HASH_THREADS + 8;
        let tries: Vec<_> = (0..n)
            .map(|_| {
                let (hasher, phc) = (hasher.clone(), phc.clone());
                tokio::spawn(async move { hasher.verify("wrong password".into(), phc).await })
            })
            .collect();
        let mut refused = 0;
        for t in tries {
            match t.await.unwrap() {
                Ok(ok) => assert!(!ok),
                Err(AppError::TooManyRequests(_)) => refused += 1,
                Err(e) => panic!("{e}"),
            }
        }
        assert!(refused >= 1, "{n} at once cannot all queue");
        assert_eq!(hasher.verifications(), (n - refused) as u64);
        assert!(hasher
            .verify("correct horse battery".into(), phc)
            .await
            .unwrap());
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
