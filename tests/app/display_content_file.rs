//! The content file on disk: a broken one never stops the display, it keeps the last good
//! content (or the built-in default) and says so loudly in the log; hand edits are picked up.

use crate::common;

use common::{http_get, logs_of, TestServer};
use std::time::{Duration, Instant};
use vitrine::content::default_content;
use vitrine::store::Store;

/// Files an admin, a bad disk or a half-finished copy could leave behind.
fn broken_files() -> Vec<(&'static str, Vec<u8>)> {
    let mut valid = serde_json::to_value(default_content()).unwrap();
    let mut too_many = valid.clone();
    too_many["groups"] = serde_json::Value::Array(vec![valid["groups"][0].clone(); 201]);
    let mut empty_name = valid.clone();
    empty_name["community"]["name"] = "".into();
    let mut unknown = valid.clone();
    unknown["surprise"] = true.into();
    let mut wrong_type = valid.clone();
    wrong_type["slides"]["tips"]["seconds"] = "dix".into();
    let truncated = serde_json::to_vec(&valid).unwrap()[..200].to_vec();
    valid["display"]["theme"]["accent"] = "red; } body { display: none".into();
    vec![
        ("empty", Vec::new()),
        ("not JSON", b"{ this is not json".to_vec()),
        ("binary", vec![0xff, 0xfe, 0x00, 0x80, 0x01]),
        ("truncated", truncated),
        ("null", b"null".to_vec()),
        ("an array", b"[]".to_vec()),
        ("201 groups", serde_json::to_vec(&too_many).unwrap()),
        ("empty name", serde_json::to_vec(&empty_name).unwrap()),
        ("unknown field", serde_json::to_vec(&unknown).unwrap()),
        ("wrong type", serde_json::to_vec(&wrong_type).unwrap()),
        ("CSS in a colour", serde_json::to_vec(&valid).unwrap()),
    ]
}

#[test]
fn a_broken_file_at_start_shows_the_default_and_says_so() {
    for (what, bytes) in broken_files() {
        let data = tempfile::tempdir().unwrap();
        let path = data.path().join("content.json");
        std::fs::write(&path, &bytes).unwrap();
        let (store, logs) = logs_of(|| Store::open(data.path()));
        let store = store.unwrap_or_else(|e| panic!("{what}: the store must open: {e}"));
        assert_eq!(store.current().content, default_content(), "{what}");
        assert!(logs.contains("ERROR"), "{what}: logged as an error: {logs}");
        assert!(
            logs.contains("content.json") && logs.contains("unusable"),
            "{what}: the log names the file: {logs}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{what}: the file is left for a human"
        );
    }
}

#[test]
fn a_broken_file_at_start_shows_the_last_good_content() {
    let server = TestServer::start();
    let saved = server.save(|c| c.community.name = "Bonne version".into());
    let dir = server.data_dir().to_owned();
    std::fs::write(dir.join("content.json"), b"{ broken").unwrap();
    let (store, logs) = logs_of(|| Store::open(&dir));
    assert_eq!(store.unwrap().current().content, saved.content);
    assert!(logs.contains("last good"), "{logs}");
}

#[test]
fn a_content_file_that_is_a_folder_does_not_stop_the_display() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("content.json")).unwrap();
    let (store, logs) = logs_of(|| Store::open(data.path()));
    assert_eq!(store.unwrap().current().content, default_content());
    assert!(logs.contains("ERROR"), "{logs}");
}

/// Polls `GET /` until its body satisfies `check`, or fails after `deadline`.
fn wait_for_page(server: &TestServer, deadline: Duration, check: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let page = http_get(server.addr, "/", &[]).unwrap();
        assert_eq!(page.status, 200);
        let text = page.text();
        if check(&text) {
            return text;
        }
        assert!(start.elapsed() < deadline, "page never changed as expected");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_running_display_picks_up_a_hand_edit_and_ignores_a_broken_one() {
    let server = TestServer::start();
    let path = server.data_dir().join("content.json");
    let mut edited = default_content();
    edited.community.name = "Modifié à la main".into();
    std::fs::write(&path, serde_json::to_vec_pretty(&edited).unwrap()).unwrap();
    // The watcher looks every 2 s.
    wait_for_page(&server, Duration::from_secs(10), |p| {
        p.contains("Modifié à la main")
    });

    std::fs::write(&path, b"{ \"community\": ").unwrap();
    // Give the watcher several looks at the broken file; the page must stay the good one.
    let until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < until {
        let page = http_get(server.addr, "/", &[]).unwrap();
        assert_eq!(page.status, 200);
        assert!(page.text().contains("Modifié à la main"));
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(server.store.current().content, edited);

    edited.community.name = "Réparé".into();
    std::fs::write(&path, serde_json::to_vec_pretty(&edited).unwrap()).unwrap();
    wait_for_page(&server, Duration::from_secs(10), |p| p.contains("Réparé"));
}
