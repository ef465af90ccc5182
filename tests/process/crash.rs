//! Crash consistency: SIGKILL the real server in the middle of a stream of saves, restart it,
//! and the content file is whole and is a revision that was acknowledged (or the one in flight).

use crate::common;

use common::binary::{request, start, vitrine};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn read_content(addr: std::net::SocketAddr) -> (String, Value) {
    let reply = request(addr, "GET", "/api/content", &[], b"").expect("GET /api/content");
    assert_eq!(reply.status, 200);
    let etag = reply.header("etag").expect("an ETag").to_owned();
    (
        etag,
        serde_json::from_slice(&reply.body).expect("JSON content"),
    )
}

#[test]
fn a_killed_server_leaves_an_acknowledged_revision() {
    let data = tempfile::tempdir().unwrap();
    let made = vitrine()
        .args(["token", "crash-test", "--data"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let token = String::from_utf8(made.stdout).unwrap().trim().to_owned();
    let auth = format!("Bearer {token}");

    for round in 0..3 {
        let server = Arc::new(Mutex::new(start(data.path())));
        let addr = server.lock().unwrap().addr;
        let (mut etag, mut doc) = read_content(addr);
        if round > 0 {
            // What the restarted server shows is what the file holds.
            let file = std::fs::read(data.path().join("content.json")).unwrap();
            let on_disk = vitrine::content::parse_json(&file).expect("content.json parses");
            assert_eq!(serde_json::to_value(on_disk).unwrap(), doc);
        }

        let acknowledged = Arc::new(AtomicUsize::new(0));
        let kill_after = 4 + round * 3;
        let killer = {
            let (server, acknowledged) = (server.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(60);
                while acknowledged.load(Ordering::SeqCst) < kill_after && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
                // Child::kill sends SIGKILL: no chance to finish anything.
                server.lock().unwrap().child.kill().unwrap();
            })
        };

        let mut last_acked = doc.clone();
        let mut in_flight = None;
        for i in 0..1000 {
            let mut next = doc.clone();
            next["community"]["name"] = json!(format!("Tour {round}, révision {i}"));
            next["tips"][0]["text"] = json!(format!("Texte {i} ").repeat(20));
            in_flight = Some(next.clone());
            let body = next.to_string();
            let headers = [
                ("Authorization", auth.as_str()),
                ("Content-Type", "application/json"),
                ("If-Match", etag.as_str()),
            ];
            match request(addr, "PUT", "/api/content", &headers, body.as_bytes()) {
                Ok(reply) if reply.status == 200 => {
                    etag = reply.header("etag").unwrap().to_owned();
                    doc = next.clone();
                    last_acked = next;
                    in_flight = None;
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                }
                Ok(reply) => panic!(
                    "PUT refused: {} {}",
                    reply.status,
                    String::from_utf8_lossy(&reply.body)
                ),
                // The server died under us: the request may or may not have been saved.
                Err(_) => break,
            }
        }
        killer.join().unwrap();
        assert!(
            acknowledged.load(Ordering::SeqCst) >= kill_after,
            "saves went through before the kill"
        );
        drop(server);

        let file = std::fs::read(data.path().join("content.json")).expect("content.json exists");
        let content = vitrine::content::parse_json(&file).expect("content.json is whole and valid");
        let on_disk = serde_json::to_value(content).unwrap();
        assert!(
            on_disk == last_acked || in_flight.as_ref() == Some(&on_disk),
            "round {round}: the file holds {} but the last acknowledged was {}",
            on_disk["community"]["name"],
            last_acked["community"]["name"]
        );
    }
    // And a last start shows it.
    let server = start(data.path());
    let (_, shown) = read_content(server.addr);
    assert!(shown["community"]["name"]
        .as_str()
        .unwrap()
        .starts_with("Tour 2"));
}
