//! A stranger on the shop's Wi-Fi cannot knock the screen over: slow and half-sent requests
//! are closed, connections are capped with a reserve for this machine, small forms refuse big
//! bodies before any work, parallel guesses never pass the throttle, parallel token changes
//! lose nothing, and foreign Host names are refused on the admin area.
//! (The load figures themselves come from bench/hardening.sh.)

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::auth::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use vitrine::connections::Caps;
use vitrine::server::Timeouts;
use vitrine::store::Store;
use vitrine::AppState;

const PASSWORD: &str = "une phrase assez longue";

/// A server on loopback with short timeouts and small caps, stopped when dropped.
pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
    _data: tempfile::TempDir,
}

impl Server {
    pub(crate) fn start(timeouts: Timeouts, caps: Caps) -> Server {
        Server::start_with(timeouts, caps, |_| {})
    }

    /// A server whose data folder `prepare` fills first (accounts, tokens, content).
    pub(crate) fn start_with(
        timeouts: Timeouts,
        caps: Caps,
        prepare: impl FnOnce(&Store),
    ) -> Server {
        let data = tempfile::tempdir().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let store = Store::open(data.path()).unwrap();
        prepare(&store);
        let (stop, mut stopped) = watch::channel(false);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let (state, shutdown) = AppState::new(store);
                let signal = async move {
                    let _ = stopped.wait_for(|s| *s).await;
                };
                vitrine::server::serve_with(listener, state, shutdown, signal, timeouts, caps)
                    .await
                    .unwrap();
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        });
        Server {
            addr,
            stop,
            thread: Some(thread),
            _data: data,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub(crate) fn short_timeouts() -> Timeouts {
    Timeouts {
        headers: Duration::from_secs(1),
        body_idle: Duration::from_secs(1),
        request: Duration::from_secs(3),
        write_stall: Duration::from_secs(1),
    }
}

/// A connection from the loopback address `from` (127.0.0.x), as from another machine.
pub(crate) fn connect_from(from: &str, to: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    let std_socket = socket_into_std(socket, to);
    std_socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    std_socket
}

/// Connects a bound tokio socket on a throwaway runtime and hands back the std stream.
fn socket_into_std(socket: tokio::net::TcpSocket, to: SocketAddr) -> std::net::TcpStream {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let stream = rt.block_on(socket.connect(to)).unwrap();
    let std = stream.into_std().unwrap();
    std.set_nonblocking(false).unwrap();
    std
}

/// Reads until the server closes the connection; `Err` if it is still open after `bound`.
pub(crate) fn closed_within(stream: &mut TcpStream, bound: Duration) -> Result<Vec<u8>, String> {
    let start = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while start.elapsed() < bound {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            // A reset is a close too.
            Err(_) => return Ok(got),
        }
    }
    Err(format!("still open after {bound:?}"))
}

fn get_status(addr: SocketAddr) -> u16 {
    common::http_get(addr, "/healthz", &[]).unwrap().status
}

#[test]
fn a_connection_that_never_finishes_its_headers_is_closed() {
    let server = Server::start(short_timeouts(), Caps::default());
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: vitrine.local\r\nX-Slow: ")
        .unwrap();
    let mut silent = TcpStream::connect(server.addr).unwrap();
    // Meanwhile the screen is served.
    assert_eq!(get_status(server.addr), 200);
    closed_within(&mut slow, Duration::from_secs(10)).expect("half-sent headers");
    closed_within(&mut silent, Duration::from_secs(10)).expect("a connection that says nothing");
}

#[test]
fn an_idle_kept_alive_connection_is_closed() {
    let server = Server::start(short_timeouts(), Caps::default());
    let mut conn = TcpStream::connect(server.addr).unwrap();
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: vitrine.local\r\n\r\n")
        .unwrap();
    let answer = closed_within(&mut conn, Duration::from_secs(10)).expect("idle keep-alive");
    assert!(answer.starts_with(b"HTTP/1.1 200"), "answered first");
}

#[test]
fn a_body_that_stalls_is_cut_off() {
    let server = Server::start(short_timeouts(), Caps::default());
    let mut conn = TcpStream::connect(server.addr).unwrap();
    conn.write_all(
        b"PUT /api/content HTTP/1.1\r\nHost: vitrine.local\r\nContent-Type: application/json\r\n\
          Authorization: Bearer vitrine_x\r\nIf-Match: \"x\"\r\nContent-Length: 100000\r\n\r\n{\"a\":",
    )
    .unwrap();
    closed_within(&mut conn, Duration::from_secs(10)).expect("a stalled body");
}

#[test]
fn connections_are_capped_but_this_machine_always_gets_through() {
    let caps = Caps {
        network: 4,
        per_peer: 2,
        local_reserve: 2,
    };
    let server = Server::start(Timeouts::default(), caps);
    // Two laptops take every network slot (two each) and hold them without a word.
    let held: Vec<TcpStream> = ["127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3"]
        .iter()
        .map(|from| connect_from(from, server.addr))
        .collect();
    // Accepted connections are counted once the server took them: wait until one more from
    // a laptop is turned away, with a bound.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut turned_away = loop {
        // A laptop that already holds its share is turned away (a newcomer would take a slot
        // from whoever holds the most: tests/app/strangers.rs).
        let mut extra = connect_from("127.0.0.2", server.addr);
        let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: vitrine.local\r\n\r\n");
        let answer = closed_within(&mut extra, Duration::from_secs(5)).unwrap();
        if answer.starts_with(b"HTTP/1.1 503") {
            break answer;
        }
        assert!(Instant::now() < deadline, "never turned away");
    };
    turned_away.truncate(200);
    assert!(
        String::from_utf8_lossy(&turned_away).contains("Retry-After"),
        "{}",
        String::from_utf8_lossy(&turned_away)
    );
    // The kiosk browser and the watchdog (127.0.0.1) use the reserve.
    assert_eq!(get_status(server.addr), 200);
    assert_eq!(get_status(server.addr), 200);
    drop(held);
}

/// A urlencoded POST of `password` to `path`, its size given in `Content-Length` (or not).
fn big_form(path: &str, password: String, cookie: Option<&str>, length: bool) -> Request<Body> {
    let body = serde_urlencoded::to_string([("name", "Maite".to_owned()), ("password", password)])
        .unwrap();
    let mut req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if length {
        req = req.header(header::CONTENT_LENGTH, body.len());
    }
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let body = if length {
        Body::from(body)
    } else {
        // No length announced: the limit then cuts the body off while it is read.
        Body::from_stream(futures_util::stream::iter(
            body.into_bytes()
                .chunks(1024)
                .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
                .collect::<Vec<_>>(),
        ))
    };
    req.body(body).unwrap()
}

#[tokio::test]
async fn an_oversized_login_body_is_refused_before_any_work() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let reply = send(
        &state,
        big_form("/admin/login", "x".repeat(2_000_000), None, true),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        state.auth.hasher.verifications(),
        0,
        "no password was hashed"
    );
    // A page that says what to fix in that form, in French by default, not upload wording.
    assert!(
        reply.header(header::CONTENT_TYPE).starts_with("text/html"),
        "{:?}",
        reply.headers
    );
    assert!(
        reply.body.contains("Formulaire bien trop long"),
        "{}",
        reply.body
    );
    assert!(reply
        .body
        .contains("mot de passe de 200 caractères au plus"));
    assert!(
        reply.body.contains(r#"href="/admin/login""#),
        "back to the form"
    );
    assert!(!reply.body.contains("16 Mo"), "{}", reply.body);
    // And the attempt did not count: the right password still works at once.
    assert_eq!(log_in(&state, PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_oversized_small_form_is_explained_in_the_admins_language() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    // A body sent without its length is cut off at the limit as well.
    let english = format!("{cookie}; lang=en");
    let reply = send(
        &state,
        big_form("/admin/login", "x".repeat(100_000), Some("lang=en"), false),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.body.contains("Form far too long"), "{}", reply.body);
    assert!(reply.body.contains("a password of at most 200 characters"));
    assert_eq!(state.auth.hasher.verifications(), 0);
    // The password form and the token forms, signed in, say the same.
    for (path, back) in [
        ("/admin/password", "/admin/password"),
        ("/admin/tokens", "/admin/tokens"),
        ("/admin/tokens/abc/revoke", "/admin/tokens"),
    ] {
        let reply = send(
            &state,
            big_form(path, "x".repeat(10_000), Some(&english), true),
        )
        .await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
        assert!(
            reply.body.contains("Form far too long"),
            "{path}: {}",
            reply.body
        );
        assert!(
            reply.body.contains(&format!(r#"href="{back}""#)),
            "{path}: {}",
            reply.body
        );
    }
    // A small form of ordinary size still goes through to its handler.
    assert_eq!(log_in(&state, PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_parallel_wrong_passwords_get_five_checks_then_429() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let before = state.auth.hasher.verifications();
    let tries: Vec<_> = (0..60)
        .map(|i| {
            let state = state.clone();
            tokio::spawn(async move { log_in(&state, &format!("wrong password {i}")).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tries {
        statuses.push(t.await.unwrap());
    }
    let wrong = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let throttled = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((wrong, throttled), (5, 55), "{statuses:?}");
    assert_eq!(state.auth.hasher.verifications() - before, 5);
    // The 61st, even with the right password, waits too: it is not even checked.
    assert_eq!(
        log_in(&state, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(state.auth.hasher.verifications() - before, 5);
}

fn created_token(body: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(body);
    let sel = scraper::Selector::parse("code.token").unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_token_creates_and_revokes_all_take_effect() {
    let (dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    let csrf = csrf_of(&get(&state, "/admin/tokens", Some(&cookie)).await.body);
    let made: Vec<_> = (0..30)
        .map(|i| {
            let (state, cookie, csrf) = (state.clone(), cookie.clone(), csrf.clone());
            tokio::spawn(async move {
                let label = format!("script {i}");
                let fields = [("_csrf", csrf.as_str()), ("label", label.as_str())];
                send(&state, form("/admin/tokens", &fields, Some(&cookie))).await
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for m in made {
        let reply = m.await.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        tokens.push(created_token(&reply.body).expect("the new token is shown"));
    }
    assert_eq!(tokens.len(), 30);
    let secrets = state.store.secrets();
    let accounts = state.store.accounts().list().unwrap();
    for token in &tokens {
        assert!(
            vitrine::auth::tokens::verify_token(&secrets, &accounts, token)
                .unwrap()
                .is_some(),
            "a token shown as created works"
        );
    }
    let ids: Vec<String> = secrets
        .tokens()
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids.len(), 30);
    let revokes: Vec<_> = ids[..20]
        .iter()
        .map(|id| {
            let (state, cookie, csrf) = (state.clone(), cookie.clone(), csrf.clone());
            let path = format!("/admin/tokens/{id}/revoke");
            tokio::spawn(async move {
                send(&state, form(&path, &[("_csrf", &csrf)], Some(&cookie)))
                    .await
                    .status
            })
        })
        .collect();
    for r in revokes {
        assert_eq!(r.await.unwrap(), StatusCode::SEE_OTHER);
    }
    let left = secrets.tokens().unwrap();
    assert_eq!(left.len(), 10);
    let working = tokens
        .iter()
        .filter(|t| {
            vitrine::auth::tokens::verify_token(&secrets, &accounts, t)
                .unwrap()
                .is_some()
        })
        .count();
    assert_eq!(working, 10, "every revoked token stopped working");
    let file = std::fs::read(dir.path().join("api-tokens.json")).unwrap();
    serde_json::from_slice::<serde_json::Value>(&file).expect("the file is valid JSON");
    let temporaries = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(temporaries, 0);
}

#[tokio::test]
async fn a_damaged_token_file_is_said_and_repaired_from_the_admin_area() {
    let (dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    std::fs::write(dir.path().join("api-tokens.json"), b"[{\"id\": broken").unwrap();
    let page = get(&state, "/admin/tokens", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("api-tokens.json"),
        "the page names the file"
    );
    assert_eq!(
        page.attrs("form[action='/admin/tokens/reset']", "method")
            .len(),
        1
    );
    // The API says what is wrong instead of a bare 500.
    let req = Request::put("/api/content")
        .header(header::HOST, HOST)
        .header(header::AUTHORIZATION, "Bearer vitrine_anything")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let api = send(&state, req).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "{}", api.body);
    assert!(api.body.contains("/admin/tokens"), "{}", api.body);
    let csrf = csrf_of(&page.body);
    let reset = send(
        &state,
        form("/admin/tokens/reset", &[("_csrf", &csrf)], Some(&cookie)),
    )
    .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    let made = send(
        &state,
        form(
            "/admin/tokens",
            &[("_csrf", &csrf), ("label", "again")],
            Some(&cookie),
        ),
    )
    .await;
    let token = created_token(&made.body).expect("a token can be made again");
    assert!(vitrine::auth::tokens::verify_token(
        &state.store.secrets(),
        &state.store.accounts().list().unwrap(),
        &token
    )
    .unwrap()
    .is_some());
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("api-tokens.json.damaged-")
        })
        .count();
    assert_eq!(kept, 1, "the damaged file is kept aside");
}

#[tokio::test]
async fn a_foreign_host_is_refused_on_the_admin_area_and_the_write_api() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let mut login = form_with_origin(
        "/admin/login",
        &[("name", "Maite"), ("password", PASSWORD)],
        None,
        Some("http://evil.example"),
    );
    login
        .headers_mut()
        .insert(header::HOST, "evil.example".parse().unwrap());
    let reply = send(&state, login).await;
    assert_eq!(
        reply.status,
        StatusCode::MISDIRECTED_REQUEST,
        "{}",
        reply.body
    );
    assert!(reply.body.contains("--host"), "{}", reply.body);
    let put = Request::put("/api/content")
        .header(header::HOST, "evil.example:8080")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(
        send(&state, put).await.status,
        StatusCode::MISDIRECTED_REQUEST
    );
    // The screen itself answers whatever name it is reached by.
    let page = Request::get("/")
        .header(header::HOST, "evil.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&state, page).await.status, StatusCode::OK);
    // An address, localhost and .local names are ours.
    for host in ["192.168.1.20:8080", "localhost:8080", "vitrine.local"] {
        let req = Request::get("/admin/login")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&state, req).await.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn a_next_with_a_control_character_still_logs_in() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let reply = send(
        &state,
        form(
            "/admin/login",
            &[
                ("name", "Maite"),
                ("password", PASSWORD),
                ("next", "/admin/groups\u{1}"),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/admin");
    assert!(reply
        .header(header::SET_COOKIE)
        .starts_with("vitrine_session="));
}

#[test]
fn headers_beyond_the_buffer_are_refused_and_ordinary_ones_served() {
    let server = Server::start(Timeouts::default(), Caps::default());
    // 400 KB of one header, never finished: refused at hyper's buffer (431), long before the
    // header timeout could close it (that would close without an answer).
    let mut big = TcpStream::connect(server.addr).unwrap();
    big.write_all(b"GET / HTTP/1.1\r\nHost: vitrine.local\r\nX-Padding: ")
        .unwrap();
    let padding = vec![b'a'; 400_000];
    // The server may close while this is still being sent: what it answered is read below.
    let _ = big.write_all(&padding);
    let answer = closed_within(&mut big, Duration::from_secs(30)).expect("refused and closed");
    assert!(
        answer.starts_with(b"HTTP/1.1 431"),
        "{}",
        String::from_utf8_lossy(&answer[..answer.len().min(200)])
    );
    // A browser's ordinary headers, with a few KiB of cookies, are served.
    let cookie = format!("lang=fr; other={}", "c".repeat(4000));
    let reply = common::http_get(server.addr, "/healthz", &[("Cookie", &cookie)]).unwrap();
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_multipart_form_with_too_many_fields_or_too_much_text_is_refused() {
    let v = common::admin::Volunteer::new("Alice");
    let before = v.etag();
    let etag = v.etag();
    let many: Vec<(String, String)> = (0..100).map(|i| (format!("f{i}"), "y".into())).collect();
    let mut fields: Vec<(&str, &str)> = vec![("etag", &etag), ("title", "x")];
    fields.extend(many.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let reply = v.upload("/admin/announcements", &fields, None, true).await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    assert!(reply.body.contains("<html"), "a page: {}", reply.body);
    // Five fields of 60 KiB each: every one under its own limit, together too much text.
    let text = "t".repeat(60 * 1024);
    let fields: Vec<(&str, &str)> = vec![
        ("etag", &etag),
        ("title", "x"),
        ("a", &text),
        ("b", &text),
        ("c", &text),
        ("d", &text),
        ("e", &text),
    ];
    let reply = v.upload("/admin/announcements", &fields, None, true).await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    assert_eq!(v.etag(), before, "nothing saved");
    // The same form with its ordinary fields goes through.
    let reply = v
        .upload(
            "/admin/announcements",
            &[("etag", &etag), ("title", "Marché du samedi"), ("text", "")],
            None,
            true,
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_ne!(v.etag(), before);
}
