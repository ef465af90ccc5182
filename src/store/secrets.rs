//! The admin's secrets on disk: the one-time setup code and API token hashes (all 0600).

use super::write_atomic;
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

    pub fn setup_code(&self) -> io::Result<Option<String>> {
        read_optional(&self.path(SETUP_CODE_FILE))
    }

    pub fn set_setup_code(&self, code: &str) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        write_secret(&self.path(SETUP_CODE_FILE), format!("{code}\n").as_bytes())
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

    /// The API tokens, oldest first. A missing file means none.
    pub fn tokens(&self) -> io::Result<Vec<StoredToken>> {
        match fs::read(self.path(TOKENS_FILE)) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn write_tokens(&self, tokens: &[StoredToken]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let bytes = serde_json::to_vec_pretty(tokens).map_err(io::Error::other)?;
        write_secret(&self.path(TOKENS_FILE), &bytes)
    }

    pub fn add_token(&self, token: StoredToken) -> io::Result<()> {
        let mut tokens = self.tokens()?;
        tokens.push(token);
        self.write_tokens(&tokens)
    }

    /// Removes a token by id; false when there was none with that id.
    pub fn revoke_token(&self, id: &str) -> io::Result<bool> {
        let mut tokens = self.tokens()?;
        let before = tokens.len();
        tokens.retain(|t| t.id != id);
        if tokens.len() == before {
            return Ok(false);
        }
        self.write_tokens(&tokens)?;
        Ok(true)
    }
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
}
