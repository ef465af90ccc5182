//! Helpers shared by the integration tests: a real vitrine server, in-process, on loopback;
//! `oneshot` (the app without a socket), `auth` and `admin` (signed-in requests), `binary`
//! (the real binary as a child process, and a bare HTTP client), `browser` (headless chromium),
//! `paper` (printing to PDF and reading it back).
//!
//! `TestServer::start()` binds `127.0.0.1:0`, opens a store in a fresh temporary data
//! directory and runs `vitrine::server::serve_until` on a runtime of its own thread, so that
//! synchronous tests (the browser ones) and async tests can both use it. The test keeps the
//! store (`server.store`) to save content the way the admin area does.
//!
//! ```ignore
//! let mut server = TestServer::start();                  // default content
//! let server = TestServer::start_with(&content);         // content.json written before start
//! server.url;                                            // "http://127.0.0.1:PORT"
//! server.save(|c| c.community.name = "X".into());        // through the store, from sync code
//! server.stop();                                         // graceful, like SIGTERM; port closed
//! server.write_content(&content); server.start_again();  // same port, same data dir
//! ```
#![allow(dead_code)]

pub mod admin;
pub mod auth;
pub mod binary;
pub mod browser;
pub mod cdp;
pub mod oneshot;
pub mod paper;
pub mod slides;

pub use binary::Response as RawResponse;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use vitrine::content::{default_content, Content};
use vitrine::store::{Snapshot, Store};
use vitrine::AppState;

/// How long a stopping server may take to close its connections before it is dropped.
const DRAIN: Duration = Duration::from_secs(5);

/// A running vitrine on loopback, stopped when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
    pub addr: SocketAddr,
    /// The store the server shows; saving through it is what the admin area does.
    pub store: Arc<Store>,
    /// The server's clock, which a test may set (a planned switch, a wrong clock).
    pub clock: Arc<vitrine::clock::Clock>,
    /// The last picture of the screen the kiosk sent.
    pub screen_picture: Arc<vitrine::display::screen_picture::ScreenPicture>,
    data: tempfile::TempDir,
    runtime: Option<tokio::runtime::Handle>,
    stop: Option<watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// A server on the embedded default content.
    pub fn start() -> TestServer {
        let data = tempfile::tempdir().expect("temporary data directory");
        Self::launch(data, 0)
    }

    /// A server whose data directory holds `content` as its `content.json` before it starts.
    #[track_caller]
    pub fn start_with(content: &Content) -> TestServer {
        let _timed = browser::Timed::new("server");
        let data = tempfile::tempdir().expect("temporary data directory");
        write_content_file(data.path(), content);
        Self::launch(data, 0)
    }

    fn launch(data: tempfile::TempDir, port: u16) -> TestServer {
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", port))
            .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:{port}: {e}"));
        std_listener
            .set_nonblocking(true)
            .expect("non-blocking socket");
        let addr = std_listener.local_addr().expect("bound address");
        let store = Store::open(data.path()).expect("store opens in a temporary directory");
        let (state, shutdown) = AppState::new(store);
        let store = state.store.clone();
        let clock = state.clock.clone();
        let screen_picture = state.screen_picture.clone();
        let (stop_tx, stop_rx) = watch::channel(false);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let handle = runtime.handle().clone();
        let thread = std::thread::Builder::new()
            .name(format!("vitrine-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let listener =
                        tokio::net::TcpListener::from_std(std_listener).expect("tokio listener");
                    let mut asked = stop_rx.clone();
                    let signal = async move {
                        let _ = asked.wait_for(|stop| *stop).await;
                    };
                    let serving = vitrine::server::serve_until(listener, state, shutdown, signal);
                    let mut stopping = stop_rx;
                    let deadline = async move {
                        let _ = stopping.wait_for(|stop| *stop).await;
                        tokio::time::sleep(DRAIN).await;
                    };
                    tokio::select! {
                        result = serving => result.expect("server ran"),
                        _ = deadline => eprintln!("test server: connections still open after {DRAIN:?}, dropped"),
                    }
                });
                // Whatever a handler left running goes with the runtime, like a real exit.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })
            .expect("server thread");
        TestServer {
            url: format!("http://{addr}"),
            addr,
            store,
            clock,
            screen_picture,
            data,
            runtime: Some(handle),
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// The data directory of this server.
    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// Saves the current content changed by `edit` through the store, as the admin area does.
    ///
    /// For synchronous tests; async tests call `server.store.save(..).await` themselves.
    pub fn save(&self, edit: impl FnOnce(&mut Content)) -> Arc<Snapshot> {
        let current = self.store.current();
        let mut content = current.content.clone();
        edit(&mut content);
        let runtime = self.runtime.as_ref().expect("server is running");
        runtime
            .block_on(self.store.save(content, &current.etag, "test"))
            .unwrap_or_else(|e| panic!("save refused: {e}"))
    }

    /// Stops the server as SIGTERM does and waits until it no longer listens.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            thread.join().expect("server thread ended cleanly");
        }
        self.runtime = None;
    }

    /// Replaces `content.json` on disk, as a hand edit would; meant for a stopped server.
    pub fn write_content(&self, content: &Content) {
        write_content_file(self.data.path(), content);
    }

    /// Starts a stopped server again on the same port with the same data directory.
    pub fn start_again(&mut self) {
        assert!(self.thread.is_none(), "stop the server first");
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().expect("tempdir"));
        let again = Self::launch(data, self.addr.port());
        let old = std::mem::replace(self, again);
        drop(old);
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn write_content_file(dir: &Path, content: &Content) {
    let bytes = serde_json::to_vec_pretty(content).expect("content serializes");
    std::fs::write(dir.join("content.json"), bytes).expect("content.json written");
}

/// The default content with `n` groups spread over `categories` categories, every text at
/// its longest allowed length when `long` (the limits of `src/content/validate.rs`).
pub fn content_with_groups(n: usize, categories: usize, long: bool) -> Content {
    let mut c = default_content();
    c.groups = (0..n)
        .map(|i| vitrine::content::Group {
            name: if long {
                fill(&format!("Otsokop · Groupe {i} "), 80)
            } else {
                format!("Otsokop · Groupe {i}")
            },
            description: if long {
                fill(&format!("Description du groupe {i} "), 140)
            } else {
                format!("Le groupe numéro {i}")
            },
            category: if long {
                fill(&format!("Catégorie {} ", i % categories.max(1)), 40)
            } else {
                format!("Catégorie {}", i % categories.max(1))
            },
            link: None,
            in_community: i % 5 != 4,
            next: None,
            translations: Default::default(),
            ..Default::default()
        })
        .collect();
    if long {
        c.community.name = fill("Communauté Otsokop ", 80);
        c.community.call_to_action = fill("Scannez pour rejoindre ", 120);
        for tip in &mut c.tips {
            tip.title = fill(&format!("{} ", tip.title), 60);
            tip.text = fill(&format!("{} ", tip.text), 280);
        }
        c.announcements = vec![vitrine::content::Announcement {
            title: fill("Assemblée générale ", 80),
            text: fill(
                "Tous les membres sont invités à l'assemblée générale. ",
                400,
            ),
            image: None,
            ..Default::default()
        }];
    }
    c.validate().expect("test content is valid");
    c
}

/// A tool a test needs is missing. Under CI (`CI=true`, as `.ci/run` is run) the test fails,
/// because a test that cannot run proves nothing; on a developer's machine it prints why and
/// the caller skips.
pub fn tool_missing(what: &str) {
    let under_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !under_ci,
        "{what}, and under CI every test must run: install it in .ci/run"
    );
    eprintln!("SKIPPED: {what}");
}

/// `seed` repeated and cut to exactly `len` characters.
pub fn fill(seed: &str, len: usize) -> String {
    seed.chars().cycle().take(len).collect::<String>()
}

/// `GET path` on its own connection, with extra `(name, value)` headers.
pub fn http_get(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> std::io::Result<RawResponse> {
    binary::request(addr, "GET", path, headers, b"")
}

/// Everything logged while `f` runs on this thread, as text.
pub fn logs_of<T>(f: impl FnOnce() -> T) -> (T, String) {
    #[derive(Clone, Default)]
    struct Capture(Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Capture {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let value = tracing::subscriber::with_default(subscriber, f);
    let text = String::from_utf8_lossy(&capture.0.lock().unwrap()).into_owned();
    (value, text)
}
