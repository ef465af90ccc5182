//! The last revisions of the content, one file each, so a mistake can be undone: the last
//! [`KEEP_COUNT`] and every one of the last [`KEEP_DAYS`] days whatever their size (a flood of
//! big saves cannot push out yesterday's work), and older ones while the whole history stays
//! within [`MAX_BYTES`]; consecutive moves by one person make one revision.

use super::{write_atomic, Snapshot};
use crate::content::ids::Origin;
use crate::content::Content;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Revisions always kept, whatever their size: a busy morning does not push out yesterday.
pub const KEEP_COUNT: usize = 50;
/// Days of revisions always kept, however many saves they hold and whatever their size: a
/// mistake noticed weeks later can still be undone.
pub const KEEP_DAYS: i64 = 30;
/// Revisions older than both are kept while the history takes no more than this on the SD
/// card (and reads to show its page); the oldest go first, and the log and the dashboard say so.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// Moves by one person within this time of each other make one revision.
pub const COALESCE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How many revisions are kept at least (the history page's promise).
pub const HISTORY_LEN: usize = KEEP_COUNT;

/// One saved revision, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Identifier of the revision in the history (its file name).
    pub id: String,
    pub etag: String,
    pub saved_at: DateTime<Utc>,
    pub saved_by: String,
    /// The tags of the revisions merged into this one (a person's consecutive moves): a form
    /// opened at one of them still finds what it was opened on.
    pub merged: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    saved_at: DateTime<Utc>,
    saved_by: String,
    etag: String,
    content: Content,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged: Vec<String>,
}

fn history_dir(dir: &Path) -> PathBuf {
    dir.join("history")
}

/// Whether `id` can only name a file of the history directory.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// Records a saved snapshot; returns its identifier, for [`remove`] if the save fails later.
pub fn append(dir: &Path, snapshot: &Snapshot, merged: Vec<String>) -> io::Result<String> {
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
        merged,
    };
    let bytes = serde_json::to_vec(&record).map_err(io::Error::other)?;
    write_atomic(&hdir.join(format!("{id}.json")), &bytes, 0o644)?;
    Ok(id)
}

/// Gives ids, once, to the revisions written before items had them: from the oldest to the
/// newest, each item takes the id of the item of the same name (or renamed in place) in the
/// revision before it (the oldest: in `first`, the content it was saved over, when known),
/// so that each item keeps one id through the whole history. Each revision is rewritten in
/// place (its entity tag kept: a form opened before the upgrade still finds it). Returns the
/// newest revision, to give the content file its ids from.
pub fn give_ids(dir: &Path, first: Option<&Content>) -> io::Result<Option<Content>> {
    let mut before: Option<Content> = first.cloned();
    for id in ids(dir)?.iter().rev() {
        let mut record = read_record(dir, id)?;
        let missing = record.content.lacks_ids();
        let origin = before.as_ref().map_or(Origin::Disk, Origin::Like);
        record.content.give_ids(origin);
        if missing {
            let bytes = serde_json::to_vec(&record).map_err(io::Error::other)?;
            write_atomic(&history_dir(dir).join(format!("{id}.json")), &bytes, 0o644)?;
        }
        before = Some(record.content);
    }
    Ok(before.filter(|_| !ids(dir).unwrap_or_default().is_empty()))
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

/// When a revision was saved, from its identifier (no need to read it).
fn saved_at_of(id: &str) -> Option<DateTime<Utc>> {
    let nanos: i64 = id.split('-').next()?.parse().ok()?;
    Some(DateTime::from_timestamp_nanos(nanos))
}

/// Forgets the revisions beyond what is kept (see the module); returns the documents of the
/// revisions it forgot (usually none), whose pictures may now be unused. A failure only leaves
/// one too many.
pub fn trim(dir: &Path) -> Vec<Content> {
    trim_at(dir, Utc::now(), MAX_BYTES)
}

pub(super) fn trim_at(dir: &Path, now: DateTime<Utc>, max_bytes: u64) -> Vec<Content> {
    let mut forgotten = Vec::new();
    let Ok(ids) = ids(dir) else {
        return forgotten;
    };
    let oldest_kept = now - chrono::Duration::days(KEEP_DAYS);
    let mut bytes = 0u64;
    let mut full = false;
    for (i, id) in ids.into_iter().enumerate() {
        let path = history_dir(dir).join(format!("{id}.json"));
        bytes += fs::metadata(&path).map_or(0, |m| m.len());
        let recent = saved_at_of(&id).is_some_and(|at| at >= oldest_kept);
        if i < KEEP_COUNT || recent {
            continue;
        }
        full |= bytes > max_bytes;
        if !full {
            continue;
        }
        let record = read_record(dir, &id);
        match fs::remove_file(&path) {
            Ok(()) => {
                tracing::warn!(
                    "history: forgot the revision of {} (older than {KEEP_DAYS} days, beyond \
                     the last {KEEP_COUNT}) to keep the history within {} MiB",
                    saved_at_of(&id).map_or_else(String::new, |at| at.to_rfc3339()),
                    max_bytes / (1024 * 1024)
                );
                forgotten.extend(record.ok().map(|r| r.content))
            }
            Err(e) => tracing::warn!("cannot forget the old revision {}: {e}", path.display()),
        }
    }
    forgotten
}

/// Whether any recorded revision's file holds `needle` (a picture's hash name), newest first.
/// The bytes are searched, not parsed: a save that asks stays cheap however long the history,
/// and a false match only keeps a picture.
pub fn any_mentions(dir: &Path, needle: &str) -> io::Result<bool> {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    for id in ids(dir)? {
        match fs::read(history_dir(dir).join(format!("{id}.json"))) {
            Ok(bytes) if finder.find(&bytes).is_some() => return Ok(true),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Whether `b` differs from `a` only by the order of its lists (moves).
pub fn only_order_differs(a: &Content, b: &Content) -> bool {
    fn same_items<T: PartialEq>(a: &[T], b: &[T]) -> bool {
        a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
    }
    if a == b
        || !same_items(&a.groups, &b.groups)
        || !same_items(&a.tips, &b.tips)
        || !same_items(&a.announcements, &b.announcements)
    {
        return false;
    }
    let mut reordered = a.clone();
    reordered.groups = b.groups.clone();
    reordered.tips = b.tips.clone();
    reordered.announcements = b.announcements.clone();
    reordered == *b
}

/// The newest revision, if `snapshot` continues its moves: same person, soon after, and both
/// only moves; with its tag and those merged into it already. Once `snapshot` is recorded,
/// that revision is taken back, so the moves are one.
pub fn merged_into(dir: &Path, snapshot: &Snapshot) -> Option<(String, Vec<String>)> {
    let (at, by) = snapshot.saved.as_ref()?;
    let ids = ids(dir).ok()?;
    let (newest_id, before_id) = (ids.first()?, ids.get(1)?);
    let newest = read_record(dir, newest_id).ok()?;
    let soon = (*at - newest.saved_at)
        .to_std()
        .is_ok_and(|d| d <= COALESCE_WINDOW);
    if newest.saved_by != *by || !soon || !only_order_differs(&newest.content, &snapshot.content) {
        return None;
    }
    let before = read_record(dir, before_id).ok()?;
    // (Equal when the moves so far came back to where they started.)
    let merged =
        before.content == newest.content || only_order_differs(&before.content, &newest.content);
    let mut tags = newest.merged;
    tags.push(newest.etag);
    merged.then(|| (newest_id.clone(), tags))
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
                merged: r.merged,
            })
        })
        .collect())
}

/// The content of one recorded revision, validated again. (A revision saved before items had
/// ids got them once, at the upgrade: `give_ids`; one still without is given ids derived
/// from their names.)
pub fn read(dir: &Path, id: &str) -> io::Result<Content> {
    let mut content = read_record(dir, id)?.content;
    content.give_ids(Origin::Disk);
    content
        .validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(content)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::Store;

    async fn save_versions(store: &Store, n: usize) {
        for i in 0..n {
            let mut c = store.current().content.clone();
            c.community.name = format!("Version {i}");
            let etag = store.current().etag.clone();
            store.save(c, &etag, "test").await.unwrap();
        }
    }

    /// Makes every recorded revision `days` older, as if saved then.
    pub fn age(dir: &Path, days: i64) {
        for id in ids(dir).unwrap() {
            let at = saved_at_of(&id).unwrap() - chrono::Duration::days(days);
            let older = format!(
                "{:019}-{}",
                at.timestamp_nanos_opt().unwrap(),
                id.split_once('-').unwrap().1
            );
            let h = history_dir(dir);
            fs::rename(
                h.join(format!("{id}.json")),
                h.join(format!("{older}.json")),
            )
            .unwrap();
        }
    }

    #[tokio::test]
    async fn keeps_thirty_days_or_fifty_revisions_whichever_is_more_within_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Today's saves are all kept, however many.
        save_versions(&store, KEEP_COUNT + 10).await;
        let list = store.history().unwrap();
        assert_eq!(list.len(), KEEP_COUNT + 10);
        let newest = store.history_content(&list[0].id).unwrap();
        assert_eq!(newest.community.name, format!("Version {}", KEEP_COUNT + 9));
        assert!(store.history_content("../content").is_err());
        // However big today's revisions, the bytes bound never touches them.
        trim_at(dir.path(), Utc::now(), 1);
        assert_eq!(store.history().unwrap().len(), KEEP_COUNT + 10);
        // A month and more later, the older ones stay while the history is small enough…
        age(dir.path(), KEEP_DAYS + 1);
        trim(dir.path());
        assert_eq!(store.history().unwrap().len(), KEEP_COUNT + 10);
        // …and beyond the bytes bound only those beyond the last fifty go, the oldest first.
        trim_at(dir.path(), Utc::now(), 1);
        let kept = store.history().unwrap();
        assert_eq!(kept.len(), KEEP_COUNT);
        let newest = store.history_content(&kept[0].id).unwrap();
        assert_eq!(newest.community.name, format!("Version {}", KEEP_COUNT + 9));
    }

    #[tokio::test]
    async fn forgotten_revisions_are_returned_and_mentions_are_found_in_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        save_versions(&store, KEEP_COUNT + 2).await;
        assert!(any_mentions(dir.path(), "Version 0").unwrap());
        assert!(!any_mentions(dir.path(), "Version 99").unwrap());
        age(dir.path(), KEEP_DAYS + 1);
        let forgotten = trim_at(dir.path(), Utc::now(), 1);
        let names: Vec<_> = forgotten
            .iter()
            .map(|c| c.community.name.as_str())
            .collect();
        assert_eq!(names, ["Version 1", "Version 0"]);
        assert!(!any_mentions(dir.path(), "Version 0").unwrap());
        assert!(
            trim_at(dir.path(), Utc::now(), 1).is_empty(),
            "nothing more to forget"
        );
    }

    /// Moves the tip at `k` one place down, as the ↓ button does.
    async fn move_down(store: &Store, k: usize, by: &str) {
        let mut c = store.current().content.clone();
        c.tips.swap(k, k + 1);
        let etag = store.current().etag.clone();
        store.save(c, &etag, by).await.unwrap();
    }

    #[tokio::test]
    async fn consecutive_moves_by_one_person_are_one_revision() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut c = store.current().content.clone();
        let tip = c.tips[0].clone();
        c.tips = (0..10)
            .map(|i| crate::content::Tip {
                id: String::new(),
                title: format!("Astuce {i}"),
                ..tip.clone()
            })
            .collect();
        let etag = store.current().etag.clone();
        store.save(c, &etag, "test").await.unwrap();
        for k in 0..5 {
            move_down(&store, k, "Maïté").await;
        }
        assert_eq!(store.history().unwrap().len(), 2);
        assert_eq!(store.current().content.tips[5].title, "Astuce 0");
        move_down(&store, 6, "Bob").await;
        assert_eq!(store.history().unwrap().len(), 3);
        // A change that is not a move starts a new revision, and so do moves after it.
        save_versions(&store, 1).await;
        move_down(&store, 0, "test").await;
        move_down(&store, 1, "test").await;
        assert_eq!(store.history().unwrap().len(), 5);
    }
}
