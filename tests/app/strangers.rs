//! A stranger on the shop's Wi-Fi, or a volunteer's script gone wild, cannot lock the others
//! out over real TCP: a newcomer takes a slot from whoever holds the most, event streams are
//! capped per address, big bodies are read a few at a time, and a response nobody reads is cut
//! off. (What it costs in memory and time: bench/hardening.sh.)

use crate::common;
use crate::hardening::{closed_within, connect_from, short_timeouts, Server};

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use vitrine::connections::Caps;
use vitrine::limits::{BODIES_READ_PER_PEER, EVENT_STREAMS_PER_PEER};
use vitrine::server::Timeouts;

/// Sends `request` on `conn` and reads the status code of the answer.
fn status_of(conn: &mut TcpStream, request: &str) -> u16 {
    conn.write_all(request.as_bytes()).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = [0u8; 12];
    conn.read_exact(&mut head).unwrap();
    let text = String::from_utf8_lossy(&head);
    text[9..12].parse().unwrap_or_else(|_| panic!("{text}"))
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: vitrine.local\r\n\r\n")
}

/// `GET path` from the loopback address `from`, on a new connection: its status.
fn get_from(from: &str, to: SocketAddr, path: &str) -> u16 {
    status_of(&mut connect_from(from, to), &get(path))
}

/// Connects from `from` until the server has counted what it already holds there (a new one
/// is refused with 503), within a bound.
fn wait_until_refused(from: &str, to: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut extra = connect_from(from, to);
        let _ = extra.write_all(get("/healthz").as_bytes());
        let answer = closed_within(&mut extra, Duration::from_secs(5)).unwrap_or_default();
        if answer.starts_with(b"HTTP/1.1 503") {
            return;
        }
        assert!(Instant::now() < deadline, "never refused");
    }
}

#[test]
fn an_address_holding_every_connection_cannot_keep_another_machine_out() {
    let caps = Caps {
        network: 12,
        per_peer: 12,
        local_reserve: 2,
    };
    let server = Server::start(Timeouts::default(), caps);
    let mut hoarded: Vec<TcpStream> = (0..12)
        .map(|_| connect_from("127.0.0.2", server.addr))
        .collect();
    wait_until_refused("127.0.0.2", server.addr);
    // Another machine's screen and its admin's login page still answer…
    let mut screen = connect_from("127.0.0.3", server.addr);
    assert_eq!(status_of(&mut screen, &get("/")), 200);
    let mut laptop = connect_from("127.0.0.4", server.addr);
    assert_eq!(status_of(&mut laptop, &get("/admin/login")), 200);
    // …because the hoarder gave up a connection for each of them.
    let mut closed = 0;
    for conn in &mut hoarded {
        if closed_within(conn, Duration::from_millis(300)).is_ok() {
            closed += 1;
        }
    }
    assert_eq!(closed, 2, "one slot taken back per newcomer");
    // The kiosk (this machine) always gets through.
    assert_eq!(get_from("127.0.0.1", server.addr, "/"), 200);
}

#[test]
fn one_address_gets_a_few_event_streams_and_the_next_is_refused() {
    let server = Server::start(Timeouts::default(), Caps::default());
    let mut streams = Vec::new();
    for _ in 0..EVENT_STREAMS_PER_PEER {
        let mut conn = connect_from("127.0.0.2", server.addr);
        assert_eq!(status_of(&mut conn, &get("/events")), 200);
        streams.push(conn);
    }
    let mut one_more = connect_from("127.0.0.2", server.addr);
    assert_eq!(status_of(&mut one_more, &get("/events")), 429);
    // Another screen, and the kiosk, still get theirs.
    let mut other = connect_from("127.0.0.3", server.addr);
    assert_eq!(status_of(&mut other, &get("/events")), 200);
    let mut kiosk = connect_from("127.0.0.1", server.addr);
    assert_eq!(status_of(&mut kiosk, &get("/events")), 200);
}

#[test]
fn a_response_nobody_reads_is_cut_off_and_its_slot_given_back() {
    let caps = Caps {
        network: 8,
        per_peer: 1,
        local_reserve: 2,
    };
    let name = format!("{}.jpg", "ab".repeat(32));
    let size = 8 * 1024 * 1024;
    let prepared = name.clone();
    let server = Server::start_with(short_timeouts(), caps, move |store| {
        let media = store.dir().join("media");
        std::fs::create_dir_all(&media).unwrap();
        let mut bytes = vec![0xffu8, 0xd8];
        let mut x = 1u32;
        bytes.extend((0..size - 2).map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 24) as u8
        }));
        std::fs::write(media.join(prepared), bytes).unwrap();
    });
    // A client with a tiny window asks for a big picture and never reads it.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut slow = rt
        .block_on(socket.connect(server.addr))
        .unwrap()
        .into_std()
        .unwrap();
    slow.set_nonblocking(false).unwrap();
    slow.write_all(get(&format!("/media/{name}")).as_bytes())
        .unwrap();
    // While it holds the address's only slot, its neighbour connection is refused; once the
    // server gives up on it, the slot is free again.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut probe = connect_from("127.0.0.2", server.addr);
        let _ = probe.write_all(get("/healthz").as_bytes());
        let answer = closed_within(&mut probe, Duration::from_secs(5)).unwrap_or_default();
        if answer.starts_with(b"HTTP/1.1 200") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the unread response still holds its slot"
        );
    }
    let got = closed_within(&mut slow, Duration::from_secs(10)).expect("closed");
    assert!(got.len() < size, "cut off after {} bytes", got.len());
}

/// A PUT of the API's document that announces `announced` bytes and sends `sent` of them.
fn partial_put(
    from: &str,
    to: SocketAddr,
    token: &str,
    announced: usize,
    sent: usize,
) -> TcpStream {
    let mut conn = connect_from(from, to);
    let head = format!(
        "PUT /api/content HTTP/1.1\r\nHost: vitrine.local\r\nContent-Type: application/json\r\n\
         Authorization: Bearer {token}\r\nIf-Match: \"x\"\r\nContent-Length: {announced}\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).unwrap();
    conn.write_all(&vec![b' '; sent]).unwrap();
    conn
}

#[test]
fn a_script_sending_many_big_bodies_at_once_gets_a_few_read_and_the_rest_refused() {
    let token = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let made = token.clone();
    let server = Server::start_with(Timeouts::default(), Caps::default(), move |store| {
        *made.lock().unwrap() =
            vitrine::auth::tokens::create_token(&store.secrets(), "script", None).unwrap();
    });
    let token = token.lock().unwrap().clone();
    // Bodies that never finish hold their turns…
    let mut held: Vec<TcpStream> = (0..BODIES_READ_PER_PEER)
        .map(|_| partial_put("127.0.0.2", server.addr, &token, 1_048_000, 47_000))
        .collect();
    // …so the next from that address is refused at once, without its body being read.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut turns = Vec::new();
    let head = loop {
        let mut next = partial_put("127.0.0.2", server.addr, &token, 1_048_000, 1000);
        // A refusal comes at once; a body that got a turn (the server had not yet counted the
        // others) gets no answer before its timeout: kept open, and the next one tried.
        next.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        // The answer's head, read as soon as it comes (the server then closes on the unread
        // body, which may reset the connection).
        let mut head = Vec::new();
        let mut buf = [0u8; 2048];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            match next.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let head = String::from_utf8_lossy(&head).to_lowercase();
        if head.starts_with("http/1.1 503") {
            break head;
        }
        assert!(Instant::now() < deadline, "never refused: {head}");
        turns.push(next);
    };
    assert!(head.contains("retry-after"), "{head}");
    // Another machine's save is read, and the kiosk is served.
    let doc = common::http_get(server.addr, "/api/content", &[]).unwrap();
    let etag = doc.header("etag").unwrap().to_owned();
    let body = doc.text().replace("\"name\": \"", "\"name\": \"Z");
    let mut other = connect_from("127.0.0.3", server.addr);
    let request = format!(
        "PUT /api/content HTTP/1.1\r\nHost: vitrine.local\r\nContent-Type: application/json\r\n\
         Authorization: Bearer {token}\r\nIf-Match: {etag}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(status_of(&mut other, &request), 200);
    assert_eq!(get_from("127.0.0.1", server.addr, "/"), 200);
    for conn in &mut held {
        let _ = conn.write_all(b"x");
    }
}
