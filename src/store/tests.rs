//! The store's own checks: saves, restarts, stale and invalid saves, hand edits, failed writes.

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
