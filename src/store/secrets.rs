//! The admin's secrets on disk: the one-time setup code and API token hashes (all 0600).
//!
//! Every change is made under the data folder's lock (see `lock`), so parallel requests and a
//! CLI run beside the server never lose each other's tokens, and is written atomically.

use super::{lock, write_atomic};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const SETUP_CODE_FILE: &str = "setup-code";
const TOKENS_FILE: &str = "api-tokens.json";
/// Only the service's own user may read secrets.
const SECRET_MODE: u32 = 0o600;

/// One API token as stored: never the token itself, only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredToken {
    /// Short public identifier, shown in the list and used to revoke it.
    pub id: String,
    pub label: String,
    /// SHA-256 of the token, hex.
    pub hash: String,
    pub created: DateTime<Utc>,
    /// The account that made it; `None` when made with `vitrine token` (or before accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// The secret files of one data directory. Cheap to build: it only remembers the folder.
#[derive(Debug, Clone)]
pub struct Secrets {
    dir: PathBuf,
}

/// Run as root (`sudo vitrine passwd`), a new secret would belong to root and the service
/// could not read it: give it to whoever owns the data folder, as the service's files are.
#[cfg(unix)]
fn give_to_folder_owner(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let folder = fs::metadata(path.parent().unwrap_or(Path::new(".")))?;
    let file = fs::metadata(path)?;
    if (file.uid(), file.gid()) != (folder.uid(), folder.gid()) {
        std::os::unix::fs::chown(path, Some(folder.uid()), Some(folder.gid()))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn give_to_folder_owner(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Writes a secret file: atomically, readable by its owner only, owned like its folder.
pub(super) fn write_secret(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic(path, bytes, SECRET_MODE)?;
    give_to_folder_owner(path)
}

fn read_optional(path: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(s) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

impl Secrets {
    pub fn new(dir: &Path) -> Secrets {
        Secrets {
            dir: dir.to_owned(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Runs `change` holding the folder's lock, which it creates if needed.
    pub(super) fn locked<T>(&self, change: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        fs::create_dir_all(&self.dir)?;
        let _held = lock::exclusive(&self.dir)?;
        change()
    }

    pub fn setup_code(&self) -> io::Result<Option<String>> {
        read_optional(&self.path(SETUP_CODE_FILE))
    }

    pub fn set_setup_code(&self, code: &str) -> io::Result<()> {
        self.locked(|| write_secret(&self.path(SETUP_CODE_FILE), format!("{code}\n").as_bytes()))
    }

    pub fn remove_setup_code(&self) -> io::Result<()> {
        match fs::remove_file(self.path(SETUP_CODE_FILE)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Where the setup code is written, to tell the installer.
    pub fn setup_code_path(&self) -> PathBuf {
        self.path(SETUP_CODE_FILE)
    }

    /// The API tokens, oldest first. A missing file means none; a damaged one is an
    /// `InvalidData` error (see [`is_damaged`]) until [`Secrets::reset_tokens`] is used.
    pub fn tokens(&self) -> io::Result<Vec<StoredToken>> {
        match fs::read(self.path(TOKENS_FILE)) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{} is damaged ({e})", self.path(TOKENS_FILE).display()),
                )
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn write_tokens(&self, tokens: &[StoredToken]) -> io::Result<()> {
        let bytes = serde_json::to_vec_pretty(tokens).map_err(io::Error::other)?;
        write_secret(&self.path(TOKENS_FILE), &bytes)
    }

    /// Adds a token; refused while the file is damaged, so no stored token is lost unseen.
    pub fn add_token(&self, token: StoredToken) -> io::Result<()> {
        self.locked(|| {
            let mut tokens = self.tokens()?;
            tokens.push(token);
            self.write_tokens(&tokens)
        })
    }

    /// Removes a token by id; false when there was none with that id.
    pub fn revoke_token(&self, id: &str) -> io::Result<bool> {
        self.locked(|| {
            let mut tokens = self.tokens()?;
            let before = tokens.len();
            tokens.retain(|t| t.id != id);
            if tokens.len() == before {
                return Ok(false);
            }
            self.write_tokens(&tokens)?;
            Ok(true)
        })
    }

    /// Removes every token made by the account `name`; returns how many went.
    pub fn revoke_tokens_of(&self, name: &str) -> io::Result<usize> {
        self.locked(|| {
            let mut tokens = self.tokens()?;
            let before = tokens.len();
            tokens.retain(|t| {
                !t.created_by
                    .as_deref()
                    .is_some_and(|by| super::same_name(by, name))
            });
            let gone = before - tokens.len();
            if gone > 0 {
                self.write_tokens(&tokens)?;
            }
            Ok(gone)
        })
    }

    /// Sets a damaged token file aside (renamed, never deleted) and starts an empty list:
    /// every token stops working and new ones can be made. Returns where the old file went.
    /// A healthy file is left alone: this repairs, it never wipes working tokens.
    pub fn reset_tokens(&self) -> io::Result<Option<PathBuf>> {
        self.locked(|| {
            let path = self.path(TOKENS_FILE);
            match self.tokens() {
                Ok(_) => return Ok(None),
                Err(e) if is_damaged(&e) => {}
                Err(e) => return Err(e),
            }
            let aside = self.path(&format!(
                "{TOKENS_FILE}.damaged-{}",
                Utc::now().format("%Y%m%d-%H%M%S")
            ));
            fs::rename(&path, &aside)?;
            self.write_tokens(&[])?;
            Ok(Some(aside))
        })
    }
}

/// Whether an error of [`Secrets::tokens`] means the file is damaged (not merely unreadable).
pub fn is_damaged(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::InvalidData
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn secrets_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        secrets.set_setup_code("ABCD-EFGH-JKMN").unwrap();
        let mode = fs::metadata(secrets.setup_code_path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            secrets.setup_code().unwrap().as_deref(),
            Some("ABCD-EFGH-JKMN")
        );
        secrets.remove_setup_code().unwrap();
        assert_eq!(secrets.setup_code().unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_written_by_root_belongs_to_the_folder_owner() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let service_user = 54321;
        if std::os::unix::fs::chown(dir.path(), Some(service_user), Some(service_user)).is_err() {
            eprintln!("skipped: changing owners needs root");
            return;
        }
        let secrets = Secrets::new(dir.path());
        secrets.set_setup_code("ABCD-EFGH-JKMN").unwrap();
        let meta = fs::metadata(secrets.setup_code_path()).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (service_user, service_user));
    }

    #[test]
    fn tokens_are_added_and_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        let token = StoredToken {
            id: "abc".into(),
            label: "script".into(),
            hash: "00".into(),
            created: Utc::now(),
            created_by: Some("Maite".into()),
        };
        secrets.add_token(token.clone()).unwrap();
        assert_eq!(secrets.tokens().unwrap(), vec![token]);
        assert!(!secrets.revoke_token("nope").unwrap());
        assert!(secrets.revoke_token("abc").unwrap());
        assert!(secrets.tokens().unwrap().is_empty());
    }

    fn token(id: &str) -> StoredToken {
        StoredToken {
            id: id.into(),
            label: "script".into(),
            hash: format!("{id}-hash"),
            created: Utc::now(),
            created_by: None,
        }
    }

    #[test]
    fn parallel_adds_and_revokes_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        for i in 0..10 {
            secrets.add_token(token(&format!("old{i}"))).unwrap();
        }
        std::thread::scope(|s| {
            for i in 0..10 {
                let (adder, revoker) = (secrets.clone(), secrets.clone());
                s.spawn(move || adder.add_token(token(&format!("new{i}"))).unwrap());
                s.spawn(move || assert!(revoker.revoke_token(&format!("old{i}")).unwrap()));
            }
        });
        let mut ids: Vec<_> = secrets
            .tokens()
            .unwrap()
            .into_iter()
            .map(|t| t.id)
            .collect();
        ids.sort();
        let expected: Vec<_> = (0..10).map(|i| format!("new{i}")).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn a_damaged_token_file_is_said_kept_and_can_be_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        fs::write(dir.path().join(TOKENS_FILE), b"[{\"id\": \"abc\", broken").unwrap();
        let err = secrets.tokens().unwrap_err();
        assert!(is_damaged(&err));
        assert!(
            err.to_string().contains("api-tokens.json is damaged"),
            "{err}"
        );
        assert!(
            secrets.add_token(token("x")).is_err(),
            "nothing written over it"
        );
        let aside = secrets.reset_tokens().unwrap().unwrap();
        assert!(fs::read(&aside).unwrap().starts_with(b"[{\"id\""));
        assert!(secrets.tokens().unwrap().is_empty());
        secrets.add_token(token("x")).unwrap();
        assert_eq!(secrets.tokens().unwrap().len(), 1);
    }
}
