//! The display over real TCP: the page, the health check, and the event stream that tells
//! open screens about a new revision, which ends cleanly when the server shuts down.

use crate::common;

use common::{http_get, TestServer};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

#[test]
fn the_page_and_the_health_check_answer_over_tcp() {
    let server = TestServer::start();
    let health = http_get(server.addr, "/healthz", &[]).unwrap();
    assert_eq!(health.status, 200);

    let page = http_get(server.addr, "/", &[]).unwrap();
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let length: usize = page.header("content-length").unwrap().parse().unwrap();
    assert_eq!(
        length,
        page.body.len(),
        "rendered once, sent with its length"
    );
    assert!(page
        .text()
        .contains(&server.store.current().content.community.name));
    let etag = page.header("etag").unwrap().to_owned();
    let again = http_get(server.addr, "/", &[("If-None-Match", &etag)]).unwrap();
    assert_eq!(again.status, 304);

    let zipped = http_get(server.addr, "/", &[("Accept-Encoding", "gzip")]).unwrap();
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
    assert!(
        zipped.body.len() * 3 < page.body.len(),
        "the page compresses well"
    );
}

/// An open `GET /events`, read as a browser would.
struct EventStream {
    socket: TcpStream,
    buffer: String,
}

impl EventStream {
    fn open(addr: SocketAddr) -> EventStream {
        let mut socket = TcpStream::connect(addr).unwrap();
        socket
            .write_all(
                format!(
                    "GET /events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
                )
                .as_bytes(),
            )
            .unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        EventStream {
            socket,
            buffer: String::new(),
        }
    }

    /// Reads until `deadline`; returns false once the server closed the stream.
    fn read_some(&mut self, deadline: Instant) -> bool {
        let mut chunk = [0u8; 4096];
        while Instant::now() < deadline {
            match self.socket.read(&mut chunk) {
                Ok(0) => return false,
                Ok(n) => {
                    self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
                    return true;
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return false,
            }
        }
        true
    }

    /// The data of the next `revision` event, if one comes within `wait`.
    fn next_revision(&mut self, wait: Duration) -> Option<String> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(start) = self.buffer.find("event: revision\n") {
                let rest = &self.buffer[start..];
                if let Some(data) = rest.find("data: ") {
                    if let Some(end) = rest[data..].find('\n') {
                        let value = rest[data + 6..data + end].to_owned();
                        self.buffer = rest[data + end..].to_owned();
                        return Some(value);
                    }
                }
            }
            if Instant::now() >= deadline || !self.read_some(deadline) {
                return None;
            }
        }
    }

    /// Whether the server ends the stream within `wait`.
    fn ends_within(&mut self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            if !self.read_some(deadline) {
                return true;
            }
        }
        false
    }
}

#[test]
fn the_event_stream_announces_the_revision_at_once_and_after_each_save() {
    let server = TestServer::start();
    let mut events = EventStream::open(server.addr);
    assert!(events.buffer.is_empty());
    let first = events
        .next_revision(Duration::from_secs(2))
        .expect("a revision event as soon as the stream opens");
    let page_tag = http_get(server.addr, "/", &[]).unwrap();
    assert_eq!(
        page_tag.header("etag"),
        Some(first.as_str()),
        "it names the page's tag"
    );
    assert!(events.buffer.is_empty() || !events.buffer.contains("revision"));

    server.save(|c| c.community.name = "Nouvelle communauté".into());
    let second = events
        .next_revision(Duration::from_secs(2))
        .expect("a revision event after a save");
    assert_ne!(second, first);
    let page = http_get(server.addr, "/", &[]).unwrap();
    assert_eq!(page.header("etag"), Some(second.as_str()));
    assert!(page.text().contains("Nouvelle communauté"));
}

#[test]
fn the_stream_asks_browsers_to_retry_quickly() {
    let server = TestServer::start();
    let mut raw = EventStream::open(server.addr);
    raw.read_some(Instant::now() + Duration::from_secs(2));
    let retry = raw
        .buffer
        .lines()
        .find_map(|l| l.strip_prefix("retry: "))
        .and_then(|v| v.trim().parse::<u64>().ok())
        .expect("a retry field");
    assert!(retry <= 5000, "retry in {retry} ms");
}

#[test]
fn a_graceful_shutdown_ends_open_event_streams() {
    let mut server = TestServer::start();
    let mut streams: Vec<EventStream> = (0..3).map(|_| EventStream::open(server.addr)).collect();
    for s in &mut streams {
        s.next_revision(Duration::from_secs(2)).unwrap();
    }
    let addr = server.addr;
    let started = Instant::now();
    server.stop();
    // The test server drops connections still open after 5 s; a clean stop is much sooner.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the server waited for its streams: {:?}",
        started.elapsed()
    );
    for s in &mut streams {
        assert!(s.ends_within(Duration::from_secs(2)), "stream closed");
    }
    assert!(
        TcpStream::connect(addr).is_err(),
        "nothing listens any more"
    );
}
