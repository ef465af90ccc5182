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
            Ok(Some(content)) => {
                let saved = store.history().ok().and_then(|h| {
                    h.into_iter()
                        .next()
                        .filter(|e| e.etag == etag_of(&content))
                        .map(|e| (e.saved_at, e.saved_by))
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
        match self.read_content_file() {
            Ok(Some(content)) => {
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
        content: Content,
        if_match: &str,
        by: &str,
    ) -> Result<Arc<Snapshot>, SaveError> {
        content.validate().map_err(SaveError::Invalid)?;
        let _guard = self.write.lock().await;
        let current = self.current();
        if current.etag != if_match {
            return Err(SaveError::Stale { current });
        }
        let snapshot = Arc::new(Snapshot::new(content, Some((Utc::now(), by.to_owned()))));
        let dir = self.dir.clone();
        let bytes = snapshot.to_json();
        let entry = snapshot.clone();
        let pending = self.pending_media.clone();
        let written = tokio::task::spawn_blocking(move || -> io::Result<_> {
            let merged = history::merged_into(&dir, &entry);
            let id = history::append(&dir, &entry)?;
            let path = dir.join(CONTENT_FILE);
            if let Err(e) = write_atomic(&path, &bytes, 0o644) {
                history::remove(&dir, &id);
                return Err(e);
            }
            if let Some(merged) = merged {
                history::remove(&dir, &merged);
            }
            let forgotten = history::trim(&dir);
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

    /// The volunteers' accounts, in this data directory.
    pub fn accounts(&self) -> Accounts {
        Accounts::new(&self.dir)
    }

    /// The document of one revision of the history.
    pub fn history_content(&self, id: &str) -> io::Result<Content> {
        history::read(&self.dir, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    #[tokio::test]
    async fn saves_survive_a_restart_and_join_the_history() {
        let (dir, store) = open();
        let mut content = store.current().content.clone();
        content.community.name = "Nouveau nom".into();
        let etag = store.current().etag.clone();
        let saved = store.save(content.clone(), &etag, "alice").await.unwrap();
        assert_ne!(saved.etag, etag);
        drop(store);

        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.current().content, content);
        assert_eq!(store.current().saved.as_ref().unwrap().1, "alice");
        let history = store.history().unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(store.history_content(&history[0].id).unwrap(), content);
    }

    #[tokio::test]
    async fn a_stale_save_is_refused_and_changes_nothing() {
        let (_dir, store) = open();
        let first = store.current().etag.clone();
        let mut a = store.current().content.clone();
        a.community.name = "A".into();
        store.save(a.clone(), &first, "a").await.unwrap();
        let mut b = a.clone();
        b.community.name = "B".into();
        let err = store.save(b, &first, "b").await.unwrap_err();
        assert!(matches!(err, SaveError::Stale { .. }));
        assert_eq!(store.current().content.community.name, "A");
    }

    #[tokio::test]
    async fn invalid_content_is_refused() {
        let (dir, store) = open();
        let mut bad = store.current().content.clone();
        bad.community.name.clear();
        let etag = store.current().etag.clone();
        assert!(matches!(
            store.save(bad, &etag, "x").await,
            Err(SaveError::Invalid(_))
        ));
        assert!(!dir.path().join(CONTENT_FILE).exists());
    }

    #[tokio::test]
    async fn a_broken_file_keeps_the_last_good_content() {
        let (dir, store) = open();
        let mut good = store.current().content.clone();
        good.community.name = "Bonne version".into();
        let etag = store.current().etag.clone();
        store.save(good.clone(), &etag, "a").await.unwrap();

        std::fs::write(dir.path().join(CONTENT_FILE), b"{ not json").unwrap();
        assert!(!store.reload_if_changed());
        assert_eq!(store.current().content, good);

        // And at the next start too.
        let reopened = Store::open(dir.path()).unwrap();
        assert_eq!(reopened.current().content, good);
    }

    #[tokio::test]
    async fn a_hand_edited_file_is_picked_up() {
        let (dir, store) = open();
        let mut edited = store.current().content.clone();
        edited.tips.truncate(1);
        std::fs::write(
            dir.path().join(CONTENT_FILE),
            serde_json::to_vec(&edited).unwrap(),
        )
        .unwrap();
        assert!(store.reload_if_changed());
        assert_eq!(store.current().content, edited);
        assert!(!store.reload_if_changed());
    }

    #[tokio::test]
    async fn a_save_that_cannot_be_written_is_not_applied_by_any_path() {
        let (dir, store) = open();
        let mut first = store.current().content.clone();
        first.community.name = "Première".into();
        let etag = store.current().etag.clone();
        store.save(first.clone(), &etag, "a").await.unwrap();
        // content.json cannot be replaced (a folder took its place): the write fails after
        // the history entry and the temporary file were written.
        let path = dir.path().join(CONTENT_FILE);
        let kept = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), b"x").unwrap();
        let mut second = first.clone();
        second.community.name = "Seconde".into();
        let etag = store.current().etag.clone();
        let err = store.save(second, &etag, "b").await.unwrap_err();
        assert!(matches!(err, SaveError::Io(_)), "{err}");
        assert_eq!(store.current().content, first, "not published");
        assert_eq!(
            store.history().unwrap().len(),
            1,
            "the history entry was taken back"
        );
        assert!(
            !store.reload_if_changed(),
            "the watcher has nothing to publish"
        );
        assert_eq!(store.current().content, first);
        let leftovers: Vec<_> = ["", "history"]
            .iter()
            .flat_map(|sub| std::fs::read_dir(dir.path().join(sub)).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert_eq!(leftovers, Vec::<String>::new());
        // Once the disk takes writes again, the old content is there and saves work.
        std::fs::remove_dir_all(&path).unwrap();
        std::fs::write(&path, kept).unwrap();
        let reopened = Store::open(dir.path()).unwrap();
        assert_eq!(reopened.current().content, first);
    }

    #[test]
    fn a_full_disk_is_said_in_words() {
        let full = io::Error::from(io::ErrorKind::StorageFull);
        let message = SaveError::Io(full).to_string();
        assert!(
            message.contains("disque") && message.contains("plein"),
            "{message}"
        );
    }

    #[test]
    fn the_write_check_passes_in_a_writable_folder_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.check_writable().unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_write_check_fails_when_the_folder_cannot_take_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = Store::open(&data).unwrap();
        // A folder gone from under the server: no file can be made in it, even by root.
        std::fs::remove_dir(&data).unwrap();
        assert!(store.check_writable().is_err());
    }
}
