//! The last revisions of the content, one file each, so a mistake can be undone.

use super::{write_atomic, Snapshot};
use crate::content::Content;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many revisions are kept.
pub const HISTORY_LEN: usize = 20;

/// One saved revision, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Identifier of the revision in the history (its file name).
    pub id: String,
    pub etag: String,
    pub saved_at: DateTime<Utc>,
    pub saved_by: String,
}

#[derive(Serialize, Deserialize)]
struct Record {
    saved_at: DateTime<Utc>,
    saved_by: String,
    etag: String,
    content: Content,
}

fn history_dir(dir: &Path) -> PathBuf {
    dir.join("history")
}

/// Whether `id` can only name a file of the history directory.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// Records a saved snapshot; returns its identifier, for [`remove`] if the save fails later.
pub fn append(dir: &Path, snapshot: &Snapshot) -> io::Result<String> {
    let (saved_at, saved_by) = snapshot
        .saved
        .clone()
        .unwrap_or_else(|| (Utc::now(), String::new()));
    let hdir = history_dir(dir);
    fs::create_dir_all(&hdir)?;
    let id = format!(
        "{:019}-{}",
        saved_at.timestamp_nanos_opt().unwrap_or_default(),
        snapshot.etag.trim_matches('"')
    );
    let record = Record {
        saved_at,
        saved_by,
        etag: snapshot.etag.clone(),
        content: snapshot.content.clone(),
    };
    let bytes = serde_json::to_vec(&record).map_err(io::Error::other)?;
    write_atomic(&hdir.join(format!("{id}.json")), &bytes, 0o644)?;
    Ok(id)
}

/// Takes back a revision whose save failed after it was recorded.
pub fn remove(dir: &Path, id: &str) {
    if !is_id(id) {
        return;
    }
    let path = history_dir(dir).join(format!("{id}.json"));
    if let Err(e) = fs::remove_file(&path) {
        tracing::error!(
            "cannot take back {} after a failed save: {e}",
            path.display()
        );
    }
}

/// Forgets the oldest revisions beyond [`HISTORY_LEN`]; a failure only leaves one too many.
pub fn trim(dir: &Path) {
    let Ok(ids) = ids(dir) else {
        return;
    };
    for old in ids.into_iter().skip(HISTORY_LEN) {
        let path = history_dir(dir).join(format!("{old}.json"));
        if let Err(e) = fs::remove_file(&path) {
            tracing::warn!("cannot forget the old revision {}: {e}", path.display());
        }
    }
}

/// Identifiers of the recorded revisions, newest first.
fn ids(dir: &Path) -> io::Result<Vec<String>> {
    let mut ids: Vec<String> = match fs::read_dir(history_dir(dir)) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let id = name.strip_suffix(".json")?;
                is_id(id).then(|| id.to_owned())
            })
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    ids.sort_unstable_by(|a, b| b.cmp(a));
    Ok(ids)
}

fn read_record(dir: &Path, id: &str) -> io::Result<Record> {
    if !is_id(id) {
        return Err(io::Error::new(io::ErrorKind::NotFound, "no such revision"));
    }
    let bytes = fs::read(history_dir(dir).join(format!("{id}.json")))?;
    serde_json::from_slice(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// The documents of every recorded revision; unreadable records are skipped (they can never
/// be restored either).
pub fn contents(dir: &Path) -> io::Result<Vec<Content>> {
    Ok(ids(dir)?
        .into_iter()
        .filter_map(|id| read_record(dir, &id).ok().map(|r| r.content))
        .collect())
}

/// The recorded revisions, newest first; unreadable records are skipped.
pub fn list(dir: &Path) -> io::Result<Vec<HistoryEntry>> {
    Ok(ids(dir)?
        .into_iter()
        .filter_map(|id| {
            let r = read_record(dir, &id).ok()?;
            Some(HistoryEntry {
                id,
                etag: r.etag,
                saved_at: r.saved_at,
                saved_by: r.saved_by,
            })
        })
        .collect())
}

/// The content of one recorded revision, validated again.
pub fn read(dir: &Path, id: &str) -> io::Result<Content> {
    let content = read_record(dir, id)?.content;
    content
        .validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[tokio::test]
    async fn keeps_only_the_last_revisions_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for i in 0..HISTORY_LEN + 3 {
            let mut c = store.current().content.clone();
            c.community.name = format!("Version {i}");
            let etag = store.current().etag.clone();
            store.save(c, &etag, "test").await.unwrap();
        }
        let list = store.history().unwrap();
        assert_eq!(list.len(), HISTORY_LEN);
        let newest = store.history_content(&list[0].id).unwrap();
        assert_eq!(
            newest.community.name,
            format!("Version {}", HISTORY_LEN + 2)
        );
        assert!(store.history_content("../content").is_err());
    }
}
