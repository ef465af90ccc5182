//! Helpers shared by the integration tests: a real vitrine server, in-process, on loopback.
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

pub mod browser;

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
    pub fn start_with(content: &Content) -> TestServer {
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
        }];
    }
    c.validate().expect("test content is valid");
    c
}

/// `seed` repeated and cut to exactly `len` characters.
pub fn fill(seed: &str, len: usize) -> String {
    seed.chars().cycle().take(len).collect::<String>()
}

/// A response read off a real socket.
pub struct RawResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` over a plain HTTP/1.1 connection (`Connection: close`), with extra header lines.
pub fn http_get(addr: SocketAddr, path: &str, extra: &[&str]) -> std::io::Result<RawResponse> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for line in extra {
        request.push_str(line);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw).ok_or_else(|| {
        std::io::Error::other(format!(
            "not an HTTP response: {}",
            String::from_utf8_lossy(&raw)
        ))
    })
}

fn parse_response(raw: &[u8]) -> Option<RawResponse> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(RawResponse {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n")?;
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).ok()?.trim(), 16).ok()?;
        data = &data[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
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
