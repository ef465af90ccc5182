//! The store: the only part of vitrine that touches the data directory.
//!
//! It holds the current content, publishes every change to whoever listens (the display,
//! the event stream), saves atomically with optimistic concurrency, and keeps a history.

mod accounts;
mod atomic;
mod history;
mod lock;
mod pictures;
mod secrets;

pub use accounts::{
    clean_name, same_name, Account, AccountError, Accounts, Invitation, Role, INVITATION_DAYS,
    MAX_ACCOUNTS, UPGRADED_ACCOUNT,
};
pub use atomic::write_atomic;
pub use history::{HistoryEntry, HISTORY_LEN};
pub use pictures::{PendingMedia, MEDIA_EXTENSIONS};
pub use secrets::{is_damaged, Secrets, StoredToken};

use crate::content::ids::Origin;
use crate::content::{self, default_content, Content, Invalid};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tokio::sync::watch;

const CONTENT_FILE: &str = "content.json";

/// One revision of the content, as published to the display and the API.
#[derive(Debug)]
pub struct Snapshot {
    pub content: Content,
    /// Quoted strong entity tag derived from the document's bytes.
    pub etag: String,
    /// When and by whom it was saved; `None` for the embedded default.
    pub saved: Option<(DateTime<Utc>, String)>,
}

impl Snapshot {
    fn new(content: Content, saved: Option<(DateTime<Utc>, String)>) -> Self {
        let etag = etag_of(&content);
        Snapshot {
            content,
            etag,
            saved,
        }
    }

    /// The document as pretty JSON, the form it has on disk and in the API.
    pub fn to_json(&self) -> Vec<u8> {
        to_json(&self.content)
    }
}

fn to_json(content: &Content) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(content).expect("content serializes");
    bytes.push(b'\n');
    bytes
}

/// The entity tag a document has once saved.
pub fn etag_of(content: &Content) -> String {
    let hash = Sha256::digest(to_json(content));
    let hex: String = hash.iter().take(10).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Why a save was refused.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("le contenu a été modifié entre-temps par quelqu'un d'autre")]
    Stale { current: Arc<Snapshot> },
    #[error("{0}")]
    Invalid(Invalid),
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
}

/// What a volunteer reads when the disk refused a save.
fn io_message(e: &io::Error) -> String {
    if is_disk_full(e) {
        "le disque de l'écran est plein : rien n'a été enregistré, l'écran garde le contenu \
         précédent. Libérez de la place (anciennes photos, journaux) puis recommencez"
            .to_owned()
    } else {
        format!("écriture impossible dans le dossier de données : {e}")
    }
}

/// Whether an error means the data disk (or the user's quota) is full.
pub fn is_disk_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// The content store of one data directory.
pub struct Store {
    dir: PathBuf,
    tx: watch::Sender<Arc<Snapshot>>,
    write: tokio::sync::Mutex<()>,
    /// Modification stamp of `content.json` as last read or written by us.
    seen: Mutex<Option<(SystemTime, u64)>>,
    /// Pictures stored for saves under way, which the collection of unused ones leaves alone.
    pending_media: pictures::Pending,
    /// Old revisions the history's size bound forgot since the server started.
    forgotten: Arc<Mutex<Option<Forgotten>>>,
    /// The accounts file as last read, kept until it changes.
    accounts: accounts::Cache,
}

/// Revisions the history forgot for its size (older than 30 days, beyond the last 50): said
/// on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forgotten {
    pub count: usize,
    pub last: DateTime<Utc>,
}

impl Store {
    /// Opens the data directory, creating it if needed, and loads the content it holds.
    ///
    /// A missing content file means the embedded default; an unreadable or invalid one is
    /// reported in the log and replaced by the newest good revision of the history.
    pub fn open(dir: &Path) -> io::Result<Store> {
        std::fs::create_dir_all(dir)?;
        for folder in [dir.to_owned(), dir.join("history"), dir.join("media")] {
            match atomic::remove_leftovers(&folder) {
                Ok(0) => {}
                Ok(n) => tracing::warn!(
                    "removed {n} unfinished write(s) in {} (a power cut during a save)",
                    folder.display()
                ),
                Err(e) => tracing::warn!("cannot clean {}: {e}", folder.display()),
            }
        }
        let store = Store {
            dir: dir.to_owned(),
            tx: watch::Sender::new(Arc::new(Snapshot::new(default_content(), None))),
            write: tokio::sync::Mutex::new(()),
            seen: Mutex::new(None),
            pending_media: pictures::Pending::default(),
            forgotten: Arc::default(),
            accounts: accounts::Cache::default(),
        };
        match store.accounts().upgrade_single_password() {
            Ok(true) => tracing::warn!(
                "the admin password of the previous version is now the account \"{UPGRADED_ACCOUNT}\": \
                 log in with that name and the same password, then invite each volunteer \
                 (page Accounts)"
            ),
            Ok(false) => {}
            Err(e) => tracing::error!("cannot turn the old admin password into an account: {e}"),
        }
        match store.read_content_file() {
            Ok(None) => {
                tracing::info!("no {CONTENT_FILE} yet: showing the built-in default content")
            }
            Ok(Some(mut content)) => {
                // Who saved it, if the newest revision is this very document (by its tag as
                // written; the first start with ids compares the documents, their tags differ).
                let written = etag_of(&content);
                let upgraded = content.lacks_ids();
                if upgraded {
                    store.give_ids_once(&mut content);
                }
                let saved = store.history().ok().and_then(|h| {
                    let newest = h.into_iter().next()?;
                    let same = newest.etag == written
                        || (upgraded && store.history_content(&newest.id).ok()? == content);
                    same.then_some((newest.saved_at, newest.saved_by))
                });
                store
                    .tx
                    .send_replace(Arc::new(Snapshot::new(content, saved)));
            }
            Err(err) => {
                tracing::error!(
                    "!!! {} is unusable ({err}); showing the last good content instead. \
                     Fix the file or save from the admin area.",
                    store.content_path().display()
                );
                if let Some(snapshot) = store.newest_good_revision() {
                    store.tx.send_replace(Arc::new(snapshot));
                }
            }
        }
        pictures::collect_unused(
            &store.dir,
            &store.current().content,
            &store.pending_media,
            pictures::stored(&store.dir),
        );
        pictures::drop_orphan_copies(&store.dir);
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether saves can work: creates and removes an empty file in the data directory.
    ///
    /// Run once at start, so that a folder the server may not write is said at once in the
    /// log rather than discovered by the first volunteer who saves.
    pub fn check_writable(&self) -> io::Result<()> {
        let probe = self.dir.join(".write-check");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
            .or_else(|e| match e.kind() {
                // Left by a server killed between the two calls: it proves nothing, retry.
                io::ErrorKind::AlreadyExists => {
                    std::fs::remove_file(&probe)?;
                    std::fs::File::create_new(&probe)
                }
                _ => Err(e),
            })?;
        std::fs::remove_file(&probe)
    }

    fn content_path(&self) -> PathBuf {
        self.dir.join(CONTENT_FILE)
    }

    /// The content shown now.
    pub fn current(&self) -> Arc<Snapshot> {
        self.tx.borrow().clone()
    }

    /// A receiver that wakes on every new revision.
    pub fn subscribe(&self) -> watch::Receiver<Arc<Snapshot>> {
        self.tx.subscribe()
    }

    fn stamp(&self) -> Option<(SystemTime, u64)> {
        let meta = std::fs::metadata(self.content_path()).ok()?;
        Some((meta.modified().ok()?, meta.len()))
    }

    /// Reads `content.json`: `Ok(None)` when absent, an error when unreadable or invalid.
    /// Reads `content.json` as written (its items may lack ids: a file of an older version,
    /// or edited by hand).
    fn read_content_file(&self) -> Result<Option<Content>, String> {
        let stamp = self.stamp();
        *self.seen.lock().expect("stamp lock") = stamp;
        match std::fs::read(self.content_path()) {
            Ok(bytes) => content::parse_json(&bytes)
                .map(Some)
                .map_err(|e| e.to_string()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn newest_good_revision(&self) -> Option<Snapshot> {
        let entries = self.history().ok()?;
        entries.into_iter().find_map(|e| {
            let content = self.history_content(&e.id).ok()?;
            Some(Snapshot::new(content, Some((e.saved_at, e.saved_by))))
        })
    }

    /// Picks up a `content.json` changed by hand, if it changed since we last saw it.
    ///
    /// Returns true when new content was published. An invalid file is logged and ignored.
    pub fn reload_if_changed(&self) -> bool {
        // A save under way is ours: its file is published by the save itself, or not at all.
        let Ok(_no_save) = self.write.try_lock() else {
            return false;
        };
        let stamp = self.stamp();
        if stamp == *self.seen.lock().expect("stamp lock") {
            return false;
        }
        let current = self.current();
        match self.read_content_file() {
            Ok(Some(mut content)) => {
                // Items typed without an id keep their namesake's, or get one.
                content.give_ids(Origin::Since(&current.content));
                if content == self.current().content {
                    return false;
                }
                tracing::info!(
                    "{} changed on disk: showing it",
                    self.content_path().display()
                );
                self.tx.send_replace(Arc::new(Snapshot::new(
                    content,
                    Some((Utc::now(), "fichier".to_owned())),
                )));
                true
            }
            Ok(None) => false,
            Err(err) => {
                tracing::error!(
                    "!!! {} was changed but is unusable ({err}); still showing the last good content",
                    self.content_path().display()
                );
                false
            }
        }
    }

    /// Validates and saves a new revision, if `if_match` is the current entity tag.
    ///
    /// The revision is written to the history first, then `content.json` is replaced; only
    /// then is it published. If any write fails (a full card), nothing is applied: the history
    /// entry is taken back, `content.json` keeps the old content, no temporary file is left,
    /// and the file watcher has nothing new to pick up.
    pub async fn save(
        &self,
        mut content: Content,
        if_match: &str,
        by: &str,
    ) -> Result<Arc<Snapshot>, SaveError> {
        content.validate().map_err(SaveError::Invalid)?;
        let _guard = self.write.lock().await;
        let current = self.current();
        if current.etag != if_match {
            return Err(SaveError::Stale { current });
        }
        // Items sent without an id (a script's document) keep their namesake's, or get one.
        content.give_ids(Origin::Since(&current.content));
        let snapshot = Arc::new(Snapshot::new(content, Some((Utc::now(), by.to_owned()))));
        let dir = self.dir.clone();
        let bytes = snapshot.to_json();
        let entry = snapshot.clone();
        let pending = self.pending_media.clone();
        let forgotten_count = self.forgotten.clone();
        let written = tokio::task::spawn_blocking(move || -> io::Result<_> {
            let merged = history::merged_into(&dir, &entry);
            let tags = merged
                .as_ref()
                .map(|(_, tags)| tags.clone())
                .unwrap_or_default();
            let id = history::append(&dir, &entry, tags)?;
            let path = dir.join(CONTENT_FILE);
            if let Err(e) = write_atomic(&path, &bytes, 0o644) {
                history::remove(&dir, &id);
                return Err(e);
            }
            if let Some((merged, _)) = merged {
                history::remove(&dir, &merged);
            }
            let forgotten = history::trim(&dir);
            if !forgotten.is_empty() {
                let mut noted = forgotten_count.lock().expect("forgotten lock");
                let count = noted.map_or(0, |n| n.count) + forgotten.len();
                *noted = Some(Forgotten {
                    count,
                    last: Utc::now(),
                });
            }
            let pictures = forgotten
                .iter()
                .flat_map(pictures::used_by)
                .map(str::to_owned);
            pictures::collect_unused(&dir, &entry.content, &pending, pictures);
            // Saved from here on, whatever follows.
            let meta = std::fs::metadata(&path).ok();
            Ok(meta.and_then(|m| Some((m.modified().ok()?, m.len()))))
        })
        .await
        .map_err(|e| io::Error::other(e.to_string()));
        let stamp = match written {
            Ok(Ok(stamp)) => stamp,
            Ok(Err(e)) | Err(e) => {
                tracing::error!(by, "save refused, nothing changed: {e}");
                return Err(SaveError::Io(e));
            }
        };
        *self.seen.lock().expect("stamp lock") = stamp;
        self.tx.send_replace(snapshot.clone());
        tracing::info!(etag = %snapshot.etag, by, "content saved");
        Ok(snapshot)
    }

    /// Old revisions the history forgot for its size since the server started, if any.
    pub fn history_forgotten(&self) -> Option<Forgotten> {
        *self.forgotten.lock().expect("forgotten lock")
    }

    /// The saved revisions, newest first.
    pub fn history(&self) -> io::Result<Vec<HistoryEntry>> {
        history::list(&self.dir)
    }

    /// The bytes of an uploaded picture; `name` must be checked with `is_image_name` first.
    pub async fn read_media(&self, name: &str) -> io::Result<Vec<u8>> {
        if !content::is_image_name(name) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "not a picture name",
            ));
        }
        tokio::fs::read(self.dir.join("media").join(name)).await
    }

    /// The setup code and API tokens, in this data directory.
    pub fn secrets(&self) -> Secrets {
        Secrets::new(&self.dir)
    }

    /// The volunteers' accounts, in this data directory: read from the file only when it
    /// changed (a save here, or `vitrine passwd` beside the running server).
    pub fn accounts(&self) -> Accounts {
        Accounts::cached(&self.dir, &self.accounts)
    }

    /// The document of one revision of the history.
    pub fn history_content(&self, id: &str) -> io::Result<Content> {
        history::read(&self.dir, id)
    }

    /// The first start of a version with ids on a data folder written before: the history
    /// gets its ids once, from its oldest revision to its newest (`history::give_ids`), then
    /// `content` from the newest, and the content file is written again with them. Whatever
    /// fails is said in the log; `content` gets ids in any case.
    fn give_ids_once(&self, content: &mut Content) {
        let full = self.history().map_or(true, |h| h.len() >= HISTORY_LEN);
        let first = (!full).then(default_content);
        let newest = history::give_ids(&self.dir, first.as_ref()).unwrap_or_else(|e| {
            tracing::error!("cannot give ids to the history's revisions: {e}");
            None
        });
        content.give_ids(newest.as_ref().map_or(Origin::Disk, Origin::Like));
        match write_atomic(&self.content_path(), &to_json(content), 0o644) {
            Ok(()) => {
                *self.seen.lock().expect("stamp lock") = self.stamp();
                tracing::info!(
                    "gave each group, tip and announcement its id, in {} and its history",
                    CONTENT_FILE
                );
            }
            Err(e) => tracing::error!("cannot write the ids into {CONTENT_FILE}: {e}"),
        }
    }
}

#[cfg(test)]
mod tests;
