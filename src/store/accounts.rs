//! The volunteers' accounts on disk (`accounts.json`, 0600): each one's name, role and
//! password hash, or the one-time code with which its owner chooses their own password. The
//! server keeps them in memory, read again only when the file changed.
//!
//! The rules that keep the admin area reachable live here, beside the data they guard:
//! names are unique (ignoring case), and the last enabled admin cannot be disabled.

use super::secrets::write_secret;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

const ACCOUNTS_FILE: &str = "accounts.json";
/// The one shared password of vitrine 0.1, turned into the first account on upgrade.
const SINGLE_PASSWORD_FILE: &str = "admin-password";
/// The name of the account the single password becomes.
pub const UPGRADED_ACCOUNT: &str = "admin";
/// A shop has a few dozen volunteers at most; the file stays small whatever is posted.
pub const MAX_ACCOUNTS: usize = 200;
/// How long an invitation (or a reset) code works.
pub const INVITATION_DAYS: i64 = 7;

/// Read-modify-write of the file, one at a time within this process.
static WRITING: Mutex<()> = Mutex::new(());

/// What an account may do: every account edits the screen; admins also manage accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Volunteer,
}

/// A one-time code waiting to be redeemed: only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// SHA-256 (hex) of the code in its normalised form.
    pub code_hash: String,
    pub expires: DateTime<Utc>,
}

/// One volunteer's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Typed at login and shown in the history; unique ignoring case.
    pub name: String,
    pub role: Role,
    /// The argon2 PHC string; `None` until an invitation is redeemed, or after a reset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<Invitation>,
    pub created: DateTime<Utc>,
}

impl Account {
    fn is_enabled_admin(&self) -> bool {
        self.role == Role::Admin && !self.disabled
    }
}

/// Whether the account at `i` is the only enabled admin left.
fn is_last_admin(accounts: &[Account], i: usize) -> bool {
    accounts[i].is_enabled_admin()
        && !accounts
            .iter()
            .enumerate()
            .any(|(j, a)| j != i && a.is_enabled_admin())
}

/// Why a change to the accounts was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("no account has this name")]
    Unknown,
    #[error("an account already has this name")]
    Taken,
    #[error("the last admin cannot be disabled")]
    LastAdmin,
    #[error("too many accounts ({MAX_ACCOUNTS} at most)")]
    Full,
    #[error("wrong code")]
    WrongCode,
    #[error("the code has expired")]
    Expired,
    #[error("the account is disabled")]
    Disabled,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// An account name as typed: one line, 1 to 40 characters, spaces around it dropped.
pub fn clean_name(name: &str) -> Option<String> {
    let name = name.trim();
    let n = name.chars().count();
    ((1..=40).contains(&n) && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

/// Whether two names are the same account's.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// What identifies one version of the file: a save replaces it (new inode, new times).
type Stamp = (SystemTime, (i64, i64), u64, u64);

fn stamp_of(path: &Path) -> io::Result<Option<Stamp>> {
    use std::os::unix::fs::MetadataExt;
    match fs::metadata(path) {
        Ok(m) => Ok(Some((
            m.modified()?,
            (m.ctime(), m.ctime_nsec()),
            m.len(),
            m.ino(),
        ))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The accounts as last read or written, with the file's stamp then: every admin request
/// looks at the accounts, and reading and parsing the file each time is not needed.
#[derive(Debug, Clone, Default)]
pub struct Cache(Arc<Mutex<Option<Cached>>>);

/// The file's stamp when read, and the accounts it held.
type Cached = (Option<Stamp>, Arc<Vec<Account>>);

impl Cache {
    fn get(&self, stamp: Option<Stamp>) -> Option<Vec<Account>> {
        let held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.as_ref()
            .filter(|(s, _)| *s == stamp)
            .map(|(_, list)| list.as_ref().clone())
    }

    fn put(&self, stamp: Option<Stamp>, list: &[Account]) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((stamp, Arc::new(list.to_vec())));
    }
}

/// The accounts of one data directory. Cheap to build: it only remembers the folder (and,
/// for the server, the store's [`Cache`]).
#[derive(Debug, Clone)]
pub struct Accounts {
    dir: PathBuf,
    cache: Option<Cache>,
}

impl Accounts {
    pub fn new(dir: &Path) -> Accounts {
        Accounts {
            dir: dir.to_owned(),
            cache: None,
        }
    }

    /// The accounts of `dir`, read again only when the file changed since `cache` saw it.
    pub fn cached(dir: &Path, cache: &Cache) -> Accounts {
        Accounts {
            dir: dir.to_owned(),
            cache: Some(cache.clone()),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.join(ACCOUNTS_FILE)
    }

    /// Every account, oldest first. A missing file means none.
    pub fn list(&self) -> io::Result<Vec<Account>> {
        let Some(cache) = &self.cache else {
            return self.read();
        };
        // Stamped before reading: a change in between is read again next time.
        let stamp = stamp_of(&self.path())?;
        if let Some(list) = cache.get(stamp) {
            return Ok(list);
        }
        let list = self.read()?;
        cache.put(stamp, &list);
        Ok(list)
    }

    fn read(&self) -> io::Result<Vec<Account>> {
        match fs::read(self.path()) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    pub fn find(&self, name: &str) -> io::Result<Option<Account>> {
        Ok(self.list()?.into_iter().find(|a| same_name(&a.name, name)))
    }

    pub fn is_empty(&self) -> io::Result<bool> {
        Ok(self.list()?.is_empty())
    }

    fn write(&self, accounts: &[Account]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let bytes = serde_json::to_vec_pretty(accounts).map_err(io::Error::other)?;
        write_secret(&self.path(), &bytes)?;
        if let Some(cache) = &self.cache {
            cache.put(stamp_of(&self.path())?, accounts);
        }
        Ok(())
    }

    /// Applies `change` to the account named `name` and saves, or saves nothing.
    fn change(
        &self,
        name: &str,
        change: impl FnOnce(&mut Vec<Account>, usize) -> Result<(), AccountError>,
    ) -> Result<Account, AccountError> {
        let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
        // And one process at a time: `vitrine passwd` may run beside the server.
        let _flock = super::lock::exclusive(&self.dir)?;
        let mut accounts = self.read()?;
        let i = accounts
            .iter()
            .position(|a| same_name(&a.name, name))
            .ok_or(AccountError::Unknown)?;
        change(&mut accounts, i)?;
        self.write(&accounts)?;
        Ok(accounts[i].clone())
    }

    /// Adds a new account.
    pub fn create(&self, account: Account) -> Result<(), AccountError> {
        let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
        // And one process at a time: `vitrine passwd` may run beside the server.
        let _flock = super::lock::exclusive(&self.dir)?;
        let mut accounts = self.read()?;
        if accounts.iter().any(|a| same_name(&a.name, &account.name)) {
            return Err(AccountError::Taken);
        }
        if accounts.len() >= MAX_ACCOUNTS {
            return Err(AccountError::Full);
        }
        accounts.push(account);
        Ok(self.write(&accounts)?)
    }

    /// Sets an account's password; a pending code is then of no use.
    pub fn set_password(&self, name: &str, phc: &str) -> Result<Account, AccountError> {
        self.change(name, |accounts, i| {
            accounts[i].password = Some(phc.to_owned());
            accounts[i].invitation = None;
            Ok(())
        })
    }

    /// Forgets an account's password and gives it a new one-time code (a reset): its
    /// sessions end, and its owner chooses a new password with the code.
    pub fn reset(&self, name: &str, invitation: Invitation) -> Result<Account, AccountError> {
        self.change(name, |accounts, i| {
            accounts[i].password = None;
            accounts[i].invitation = Some(invitation);
            Ok(())
        })
    }

    /// The owner of an invitation chooses their password: the code works once, before it expires.
    pub fn redeem(
        &self,
        name: &str,
        code_hash: &str,
        phc: &str,
        now: DateTime<Utc>,
    ) -> Result<Account, AccountError> {
        let found = self.change(name, |accounts, i| {
            let account = &mut accounts[i];
            let Some(invitation) = &account.invitation else {
                return Err(AccountError::WrongCode);
            };
            if invitation.code_hash != code_hash {
                return Err(AccountError::WrongCode);
            }
            if invitation.expires <= now {
                return Err(AccountError::Expired);
            }
            if account.disabled {
                return Err(AccountError::Disabled);
            }
            account.password = Some(phc.to_owned());
            account.invitation = None;
            Ok(())
        });
        // Say nothing about which names exist.
        match found {
            Err(AccountError::Unknown) => Err(AccountError::WrongCode),
            other => other,
        }
    }

    /// Disables or enables an account; the last enabled admin stays enabled.
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<Account, AccountError> {
        self.change(name, |accounts, i| {
            if disabled && is_last_admin(accounts, i) {
                return Err(AccountError::LastAdmin);
            }
            accounts[i].disabled = disabled;
            Ok(())
        })
    }

    /// Makes an account an admin or a volunteer; the last enabled admin stays an admin.
    pub fn set_role(&self, name: &str, role: Role) -> Result<Account, AccountError> {
        self.change(name, |accounts, i| {
            if role != Role::Admin && is_last_admin(accounts, i) {
                return Err(AccountError::LastAdmin);
            }
            accounts[i].role = role;
            Ok(())
        })
    }

    /// At the first start after the upgrade from a single shared password: that password
    /// becomes the admin account [`UPGRADED_ACCOUNT`]. True when it did.
    pub fn upgrade_single_password(&self) -> io::Result<bool> {
        let single = self.dir.join(SINGLE_PASSWORD_FILE);
        if !single.exists() {
            return Ok(false);
        }
        let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
        // And one process at a time: `vitrine passwd` may run beside the server.
        let _flock = super::lock::exclusive(&self.dir)?;
        let phc = match fs::read_to_string(&single) {
            Ok(s) => s.trim().to_owned(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        let mut accounts = self.read()?;
        let upgraded = !phc.is_empty() && accounts.is_empty();
        if upgraded {
            accounts.push(Account {
                name: UPGRADED_ACCOUNT.to_owned(),
                role: Role::Admin,
                password: Some(phc),
                disabled: false,
                invitation: None,
                created: Utc::now(),
            });
            self.write(&accounts)?;
        }
        // Written first, removed after: a power cut in between leaves both, and the next
        // start only removes the old file.
        fs::remove_file(&single)?;
        Ok(upgraded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(name: &str, role: Role) -> Account {
        Account {
            name: name.into(),
            role,
            password: Some(format!("$argon2id${name}")),
            disabled: false,
            invitation: None,
            created: Utc::now(),
        }
    }

    #[test]
    fn names_are_unique_ignoring_case_and_the_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::new(dir.path());
        assert!(accounts.is_empty().unwrap());
        accounts.create(account("Maite", Role::Admin)).unwrap();
        assert!(matches!(
            accounts.create(account(" maite ", Role::Volunteer)),
            Err(AccountError::Taken)
        ));
        assert_eq!(accounts.find("MAITE").unwrap().unwrap().name, "Maite");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(ACCOUNTS_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn the_last_enabled_admin_cannot_be_disabled() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::new(dir.path());
        accounts.create(account("Maite", Role::Admin)).unwrap();
        accounts.create(account("Jon", Role::Volunteer)).unwrap();
        assert!(matches!(
            accounts.set_disabled("Maite", true),
            Err(AccountError::LastAdmin)
        ));
        assert!(accounts.set_disabled("Jon", true).unwrap().disabled);
        accounts.create(account("Ane", Role::Admin)).unwrap();
        assert!(accounts.set_disabled("Maite", true).unwrap().disabled);
        assert!(matches!(
            accounts.set_disabled("Ane", true),
            Err(AccountError::LastAdmin)
        ));
        assert!(!accounts.find("Ane").unwrap().unwrap().disabled);
        assert!(matches!(
            accounts.set_role("Ane", Role::Volunteer),
            Err(AccountError::LastAdmin)
        ));
        assert_eq!(
            accounts.set_role("Jon", Role::Admin).unwrap().role,
            Role::Admin
        );
        accounts.set_disabled("Jon", false).unwrap();
        assert_eq!(
            accounts.set_role("Ane", Role::Volunteer).unwrap().role,
            Role::Volunteer
        );
    }

    #[test]
    fn a_code_works_once_and_not_after_it_expires() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::new(dir.path());
        let now = Utc::now();
        let mut jon = account("Jon", Role::Volunteer);
        jon.password = None;
        jon.invitation = Some(Invitation {
            code_hash: "abc".into(),
            expires: now + chrono::Duration::days(INVITATION_DAYS),
        });
        accounts.create(jon).unwrap();
        assert!(matches!(
            accounts.redeem("Jon", "xyz", "$p", now),
            Err(AccountError::WrongCode)
        ));
        assert!(matches!(
            accounts.redeem("Nobody", "abc", "$p", now),
            Err(AccountError::WrongCode)
        ));
        accounts.set_disabled("Jon", true).unwrap();
        assert!(matches!(
            accounts.redeem("Jon", "abc", "$p", now),
            Err(AccountError::Disabled)
        ));
        assert!(accounts.find("Jon").unwrap().unwrap().password.is_none());
        accounts.set_disabled("Jon", false).unwrap();
        let late = now + chrono::Duration::days(INVITATION_DAYS) + chrono::Duration::seconds(1);
        assert!(matches!(
            accounts.redeem("Jon", "abc", "$p", late),
            Err(AccountError::Expired)
        ));
        let jon = accounts.redeem("jon", "abc", "$p", now).unwrap();
        assert_eq!(jon.password.as_deref(), Some("$p"));
        assert!(matches!(
            accounts.redeem("Jon", "abc", "$q", now),
            Err(AccountError::WrongCode)
        ));
    }

    #[test]
    fn the_single_password_becomes_the_first_account_once() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(SINGLE_PASSWORD_FILE), "$argon2id$old\n").unwrap();
        let accounts = Accounts::new(dir.path());
        assert!(accounts.upgrade_single_password().unwrap());
        let list = accounts.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, UPGRADED_ACCOUNT);
        assert_eq!(list[0].role, Role::Admin);
        assert_eq!(list[0].password.as_deref(), Some("$argon2id$old"));
        assert!(!dir.path().join(SINGLE_PASSWORD_FILE).exists());
        assert!(!accounts.upgrade_single_password().unwrap(), "only once");
        assert_eq!(accounts.list().unwrap(), list);
    }
}
