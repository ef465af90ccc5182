//! Runs the application on a socket until SIGTERM or Ctrl-C, and watches the content file.

use crate::auth;
use crate::config::Config;
use crate::store::Store;
use crate::{app, AppState};
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

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
    let (state, shutdown) = AppState::with_access(store, config.admin_from);
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
    announce_setup_code(&state.store, listener.local_addr()?);
    tracing::info!(
        "vitrine {} serving on http://{} (data in {})",
        crate::version::describe(),
        listener.local_addr()?,
        state.store.dir().display()
    );
    tokio::spawn(watch_content_file(state.clone()));
    crate::systemd::ready(&state, listener.local_addr()?);
    let app = app(state);
    // Each response goes out at once rather than waiting on Nagle's algorithm for the
    // previous packet's acknowledgement, as nginx does by default (tcp_nodelay on).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    // The peer address feeds login throttling and --admin-from, never a forwarded header.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        signal.await;
        tracing::info!("shutting down");
        crate::systemd::stopping();
        let _ = shutdown.send(true);
    })
    .await?;
    Ok(())
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
