//! Runs the application on a socket until SIGTERM or Ctrl-C, and watches the content file.

use crate::auth;
use crate::config::Config;
use crate::connections::{Admission, Caps};
use crate::store::Store;
use crate::{app, limits, AppState};
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_service::Service;

/// How often the content file is checked for changes made by hand.
const WATCH_INTERVAL: Duration = Duration::from_secs(2);

/// Why the server could not run; printed as one line by `main`.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot use the data folder {path}: {source}{hint}")]
    Data {
        path: String,
        source: io::Error,
        hint: &'static str,
    },
    #[error("cannot listen on {addr}: {source}{hint}")]
    Listen {
        addr: String,
        source: io::Error,
        hint: &'static str,
    },
    #[error("server stopped: {0}")]
    Io(#[from] io::Error),
}

/// Opens the store, binds the address and serves until a shutdown signal.
pub async fn run(config: Config) -> Result<(), ServeError> {
    let store = Store::open(&config.data_dir).map_err(|source| ServeError::Data {
        path: config.data_dir.display().to_string(),
        hint: if config.data_dir.is_file() {
            " (it is a file, not a folder: choose a folder with --data)"
        } else {
            match source.kind() {
                io::ErrorKind::PermissionDenied => {
                    " (this user may not create it: create it and give it to this user, or choose another with --data)"
                }
                _ => " (choose another folder with --data)",
            }
        },
        source,
    })?;
    if let Err(e) = store.check_writable() {
        tracing::error!(
            "!!! cannot write in the data folder {} ({e}). The screen works, but every save \
             from the admin area or the API will fail: give the folder to the user vitrine runs \
             as, or choose another with --data.",
            config.data_dir.display()
        );
    }
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|source| ServeError::Listen {
            addr: config.listen.to_string(),
            hint: match source.kind() {
                io::ErrorKind::AddrInUse => {
                    " (another program, maybe another vitrine, uses it: stop it or choose another port with --listen)"
                }
                io::ErrorKind::PermissionDenied => " (ports below 1024 need privileges: use 8080)",
                _ => "",
            },
            source,
        })?;
    let (mut state, shutdown) = AppState::with_access(store, config.admin_from);
    state.hosts = std::sync::Arc::new(config.hosts);
    state.pi_health = std::sync::Arc::new(crate::pi_health::Probe::at(config.system_root));
    serve_until(listener, state, shutdown, shutdown_signal()).await
}

/// Tells whoever installs the screen how to get into the admin area the first time.
fn announce_setup_code(store: &Store, addr: SocketAddr) {
    let secrets = store.secrets();
    match auth::ensure_setup_code(&secrets, &store.accounts()) {
        Ok(Some(code)) => {
            let host = if addr.ip().is_unspecified() {
                format!("<this machine>:{}", addr.port())
            } else {
                addr.to_string()
            };
            tracing::warn!(
                "no account yet. Setup code: {code} (also in {}). Open http://{host}/admin \
                 and type it with your name and the password of your choice, or run \
                 `vitrine passwd <name>`.",
                secrets.setup_code_path().display()
            )
        }
        Ok(None) => {}
        Err(e) => tracing::error!(
            "no account yet and cannot write the setup code in {}: {e}. \
             Create one with `vitrine passwd <name>`.",
            store.dir().display()
        ),
    }
}

/// Serves `state` until `signal` resolves, then ends the event streams and drains connections.
///
/// `shutdown` is the sender that came with `state`; tests pass their own `signal`.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    shutdown: watch::Sender<bool>,
    signal: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let caps = Caps::for_this_process();
    serve_with(listener, state, shutdown, signal, Timeouts::default(), caps).await
}

/// How long a client may take over each part of a request (see [`crate::limits`]).
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Request line and headers; also how long a kept-alive connection may sit idle.
    pub headers: Duration,
    /// Silence between two pieces of a body.
    pub body_idle: Duration,
    /// Headers received to answer sent, body included.
    pub request: Duration,
    /// How long a response may wait for a client that stopped reading it.
    pub write_stall: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            headers: limits::HEADER_TIMEOUT,
            body_idle: limits::BODY_IDLE_TIMEOUT,
            request: limits::REQUEST_TIMEOUT,
            write_stall: limits::WRITE_STALL,
        }
    }
}

/// [`serve_until`] with chosen timeouts and connection caps (tests shorten them).
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    shutdown: watch::Sender<bool>,
    signal: impl Future<Output = ()> + Send + 'static,
    timeouts: Timeouts,
    caps: Caps,
) -> Result<(), ServeError> {
    let local = listener.local_addr()?;
    announce_setup_code(&state.store, local);
    tracing::info!(
        "vitrine {} serving on http://{} (data in {})",
        crate::version::describe(),
        local,
        state.store.dir().display()
    );
    tracing::debug!(?caps, ?timeouts, "connection limits");
    tokio::spawn(watch_content_file(state.clone()));
    tokio::spawn(crate::platform_move::run(state.clone()));
    crate::systemd::ready(&state, local);
    let router = app(state)
        .layer(RequestBodyTimeoutLayer::new(timeouts.body_idle))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeouts.request,
        ));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeouts.headers)
        .max_buf_size(limits::MAX_HEADER_BYTES);
    let admission = Admission::new(caps);
    let graceful = GracefulShutdown::new();
    let mut signal = std::pin::pin!(signal);
    let mut refused_at: Option<std::time::Instant> = None;
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of descriptors, or a connection reset before it was taken: pause.
                    tracing::warn!("cannot accept a connection: {e}");
                    tokio::time::sleep(limits::ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            _ = &mut signal => break,
        };
        // Our own end of this connection: one that comes from it is this machine.
        let to = tcp.local_addr().map_or(local.ip(), |a| a.ip());
        let Some(slot) = admission.admit_to(peer.ip(), to) else {
            if refused_at.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                tracing::warn!(%peer, "too many connections: turning new ones away");
                refused_at = Some(std::time::Instant::now());
            }
            turn_away(tcp);
            continue;
        };
        // Each response goes out at once rather than waiting on Nagle's algorithm for the
        // previous packet's acknowledgement, as nginx does by default (tcp_nodelay on).
        let _ = tcp.set_nodelay(true);
        // The peer address feeds login throttling and --admin-from, never a forwarded header.
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            router.clone().call(req)
        });
        let tcp = crate::http::stalled::WriteDeadline::new(tcp, timeouts.write_stall);
        let conn = http.serve_connection(TokioIo::new(tcp), service);
        let conn = graceful.watch(conn);
        let mut slot = slot;
        tokio::spawn(async move {
            // A client that vanished or timed out is not worth a log line; a connection whose
            // slot a newcomer took (its address holds the most) is dropped, which closes it.
            tokio::select! {
                _ = conn => {}
                _ = slot.taken_back() => {}
            }
            drop(slot);
        });
    }
    tracing::info!("shutting down");
    crate::systemd::stopping();
    let _ = shutdown.send(true);
    drop(listener);
    if tokio::time::timeout(limits::DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "connections still open after {:?}: closed",
            limits::DRAIN_TIMEOUT
        );
    }
    Ok(())
}

/// Closes a connection beyond the caps at once, with a 503 if the socket takes it without
/// waiting (never blocks: the accept loop must go on).
fn turn_away(tcp: tokio::net::TcpStream) {
    const BUSY: &[u8] =
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
        Retry-After: 10\r\nConnection: close\r\nContent-Length: 52\r\n\r\n\
        Too many connections at once: try again in a moment\n";
    let _ = tcp.try_write(BUSY);
}

async fn watch_content_file(state: AppState) {
    let mut tick = tokio::time::interval(WATCH_INTERVAL);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                let store = state.store.clone();
                let _ = tokio::task::spawn_blocking(move || store.reload_if_changed()).await;
            }
            _ = state.stopping() => return,
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
