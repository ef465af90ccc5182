//! Uploaded pictures: stored once, under the SHA-256 of their bytes, in `<data>/media/`.
//!
//! A picture is written before the save that uses it and taken back if that save fails
//! ([`PendingMedia`]); after every save, pictures that neither the content nor any revision of
//! the history uses any more are removed, so replaced pictures do not fill the card.

use super::{history, write_atomic, Store};
use crate::content::Content;
use crate::limits;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The extensions a stored picture may have; the caller has recognised the type from the bytes.
pub const MEDIA_EXTENSIONS: [&str; 3] = ["png", "jpg", "webp"];

/// Pictures written for a save still under way: never collected.
pub(super) type Pending = Arc<Mutex<HashSet<String>>>;

/// The pictures a document shows.
pub(super) fn used_by(content: &Content) -> impl Iterator<Item = &str> {
    content
        .announcements
        .iter()
        .filter_map(|a| a.image.as_deref())
        .chain(content.display.theme.logo.as_deref())
}

/// A picture just stored for a save under way. Dropped once the save is done (or refused):
/// if no content uses it then and it was not there before, it is removed.
pub struct PendingMedia {
    store: Arc<Store>,
    name: String,
    fresh: bool,
}

impl PendingMedia {
    /// `<sha256>.<ext>`, the name the content refers to.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for PendingMedia {
    fn drop(&mut self) {
        let mut pending = self.store.pending_media.lock().expect("media lock");
        pending.remove(&self.name);
        if !self.fresh || pending.contains(&self.name) {
            return;
        }
        let dir = self.store.dir().to_owned();
        let current = self.store.current();
        if !is_used(&dir, &current.content, &self.name) {
            remove(&dir, &self.name, "its save did not happen");
        }
    }
}

fn remove(dir: &Path, name: &str, why: &str) {
    // Its smaller copies first: a copy is never left without its picture.
    for side in limits::SCREEN_IMAGE_SIDES {
        let copy = copy_path(dir, side, name);
        if let Err(e) = std::fs::remove_file(&copy) {
            if e.kind() != io::ErrorKind::NotFound {
                tracing::warn!("cannot remove {}: {e}", copy.display());
            }
        }
    }
    match std::fs::remove_file(dir.join("media").join(name)) {
        Ok(()) => tracing::info!("picture {name} removed: {why}"),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!("cannot remove the picture {name}: {e}"),
    }
}

/// Where the copy of `name` whose longest side is `side` is kept: `media/<side>/<name>`.
fn copy_path(dir: &Path, side: u32, name: &str) -> PathBuf {
    dir.join("media").join(side.to_string()).join(name)
}

/// Whether `current` or a revision of the history shows the picture `name` (in doubt, yes).
fn is_used(dir: &Path, current: &Content, name: &str) -> bool {
    used_by(current).any(|n| n == name) || history::any_mentions(dir, name).unwrap_or(true)
}

/// Removes, among `candidates`, the pictures that `current`, the history and the saves under
/// way do not use. A save passes the pictures of the revisions it made the history forget
/// (usually none), so its cost does not grow with the history.
pub(super) fn collect_unused(
    dir: &Path,
    current: &Content,
    pending: &Pending,
    candidates: impl IntoIterator<Item = String>,
) {
    let mut candidates: Vec<String> = candidates
        .into_iter()
        .filter(|n| crate::content::is_image_name(n))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    // Held while deleting, so a picture being stored now is either pending or not yet there.
    let pending = pending.lock().expect("media lock");
    for name in candidates {
        if !pending.contains(&name) && !is_used(dir, current, &name) {
            remove(dir, &name, "no revision of the history uses it any more");
        }
    }
}

/// Removes the smaller copies whose picture is gone (a power cut between the two removals).
pub(super) fn drop_orphan_copies(dir: &Path) {
    for side in limits::SCREEN_IMAGE_SIDES {
        let folder = dir.join("media").join(side.to_string());
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !dir.join("media").join(&name).is_file() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Every picture stored in `dir`, for the collection at start-up.
pub(super) fn stored(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("media"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

impl Store {
    /// Stores a picture for a save about to be made and returns it as pending; its name is
    /// `<sha256>.<ext>`. Storing the same picture twice is harmless.
    pub async fn save_media(
        self: &Arc<Self>,
        bytes: Vec<u8>,
        ext: &str,
    ) -> io::Result<PendingMedia> {
        if !MEDIA_EXTENSIONS.contains(&ext) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a picture extension",
            ));
        }
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = format!("{hex}.{ext}");
        let dir = self.dir().join("media");
        let path = dir.join(&name);
        self.pending_media
            .lock()
            .expect("media lock")
            .insert(name.clone());
        // Pending before it exists, so the collection of unused pictures never sees it bare.
        let mut pending = PendingMedia {
            store: self.clone(),
            name,
            fresh: false,
        };
        let fresh = tokio::task::spawn_blocking(move || -> io::Result<bool> {
            // Same name, same bytes: a picture already there need not be written again.
            if path.exists() {
                return Ok(false);
            }
            std::fs::create_dir_all(&dir)?;
            write_atomic(&path, &bytes, 0o644)?;
            Ok(true)
        })
        .await
        .map_err(|e| io::Error::other(e.to_string()))??;
        pending.fresh = fresh;
        Ok(pending)
    }

    /// The smaller copy of a stored picture, if it was made already (`side`: one of
    /// [`limits::SCREEN_IMAGE_SIDES`], `name`: a picture's name).
    pub async fn read_screen_copy(&self, side: u32, name: &str) -> io::Result<Vec<u8>> {
        if !limits::SCREEN_IMAGE_SIDES.contains(&side) || !crate::content::is_image_name(name) {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such copy"));
        }
        // Never a copy whose picture is gone (removed while the copy was being made).
        if !tokio::fs::try_exists(self.dir().join("media").join(name)).await? {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "its picture is gone",
            ));
        }
        tokio::fs::read(copy_path(self.dir(), side, name)).await
    }

    /// Keeps the smaller copy of a stored picture, made from it; nothing when the picture
    /// itself is gone meanwhile (its copies go with it).
    pub async fn save_screen_copy(&self, side: u32, name: &str, bytes: Vec<u8>) -> io::Result<()> {
        if !limits::SCREEN_IMAGE_SIDES.contains(&side) || !crate::content::is_image_name(name) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "no such copy"));
        }
        let dir = self.dir().to_owned();
        let name = name.to_owned();
        tokio::task::spawn_blocking(move || {
            let path = copy_path(&dir, side, &name);
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            write_atomic(&path, &bytes, 0o644)?;
            // Removed meanwhile (the collection takes copies first, then the picture).
            if !dir.join("media").join(&name).is_file() {
                let _ = std::fs::remove_file(&path);
            }
            Ok(())
        })
        .await
        .map_err(|e| io::Error::other(e.to_string()))?
    }

    /// Whether a picture of this name is stored.
    pub fn has_media(&self, name: &str) -> bool {
        crate::content::is_image_name(name) && self.dir().join("media").join(name).is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{is_image_name, Announcement};

    fn open() -> (tempfile::TempDir, Arc<Store>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        (dir, store)
    }

    #[tokio::test]
    async fn names_are_content_hashes_and_files_land_in_media() {
        let (_dir, store) = open();
        let pending = store.save_media(b"abc".to_vec(), "png").await.unwrap();
        let name = pending.name().to_owned();
        assert!(is_image_name(&name), "{name}");
        assert!(name.starts_with("ba7816bf8f01cfea414140de5dae2223"));
        let again = store.save_media(b"abc".to_vec(), "png").await.unwrap();
        assert_eq!(again.name(), name);
        assert_eq!(store.read_media(&name).await.unwrap(), b"abc");
        assert!(store.has_media(&name));
        assert!(!store.has_media("../content.json"));
        assert!(store.save_media(b"<svg/>".to_vec(), "svg").await.is_err());
    }

    async fn save_with_image(
        store: &Store,
        image: Option<&str>,
    ) -> Result<(), super::super::SaveError> {
        let mut c = store.current().content.clone();
        c.announcements = vec![Announcement {
            title: "Photo".into(),
            text: String::new(),
            image: image.map(str::to_owned),
            ..Default::default()
        }];
        let etag = store.current().etag.clone();
        store.save(c, &etag, "test").await.map(|_| ())
    }

    #[tokio::test]
    async fn a_picture_is_kept_only_with_the_save_that_uses_it() {
        let (_dir, store) = open();
        // Stored, then its save refused (stale): removed when the upload is done.
        let refused = store.save_media(b"refused".to_vec(), "jpg").await.unwrap();
        let name = refused.name().to_owned();
        let mut c = store.current().content.clone();
        c.announcements[0].image = Some(name.clone());
        assert!(store.save(c, "\"stale\"", "x").await.is_err());
        drop(refused);
        assert!(!store.has_media(&name));

        // Stored and saved: kept.
        let kept = store.save_media(b"kept".to_vec(), "jpg").await.unwrap();
        let kept_name = kept.name().to_owned();
        save_with_image(&store, Some(&kept_name)).await.unwrap();
        drop(kept);
        assert!(store.has_media(&kept_name));
    }

    #[tokio::test]
    async fn pictures_no_revision_uses_are_removed() {
        let (_dir, store) = open();
        let first = store.save_media(b"first".to_vec(), "jpg").await.unwrap();
        let first_name = first.name().to_owned();
        save_with_image(&store, Some(&first_name)).await.unwrap();
        drop(first);
        // Replaced: still in the history, so kept for an undo.
        save_with_image(&store, None).await.unwrap();
        assert!(store.has_media(&first_name));
        // Once the revisions that used it have left the history (old, beyond the last fifty,
        // over the byte bound), it goes.
        super::super::history::tests::age(store.dir(), super::super::history::KEEP_DAYS + 1);
        for _ in 0..super::super::HISTORY_LEN {
            let mut c = store.current().content.clone();
            c.community.name = format!(
                "{} +",
                c.community.name.chars().take(60).collect::<String>()
            );
            let etag = store.current().etag.clone();
            store.save(c, &etag, "test").await.unwrap();
        }
        assert!(
            store.has_media(&first_name),
            "kept while the history is small"
        );
        let forgotten = super::super::history::trim_at(store.dir(), chrono::Utc::now(), 1);
        assert_eq!(forgotten.len(), 2);
        let pictures = forgotten.iter().flat_map(used_by).map(str::to_owned);
        collect_unused(
            store.dir(),
            &store.current().content,
            &store.pending_media,
            pictures,
        );
        assert!(!store.has_media(&first_name));
    }
}
