//! vitrine: the screen beside the till of a cooperative grocery store.
//!
//! `app` builds the whole HTTP application from its state, so tests drive it without a socket;
//! `server` binds it to an address and runs it until a signal ends it.
#![forbid(unsafe_code)]

pub mod admin;
pub mod api;
pub mod assets;
pub mod auth;
pub mod clock;
pub mod config;
pub mod connections;
pub mod content;
pub mod display;
pub mod error;
mod health;
pub mod host;
pub mod http;
pub mod i18n;
mod layout;
pub mod limits;
pub mod pi_health;
pub mod picture;
pub mod platform_move;
pub mod print;
pub mod qr;
mod security;
pub mod server;
pub mod store;
mod systemd;
pub mod version;

use axum::Router;
use std::sync::Arc;
use store::Store;
use tokio::sync::watch;
use tower_http::compression::CompressionLayer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub pages: Arc<display::PageCache>,
    /// Turns true when the server is shutting down; long-lived streams end then.
    pub shutdown: watch::Receiver<bool>,
    /// Sessions, login throttling, password hashing and the `--admin-from` list.
    pub auth: Arc<auth::Auth>,
    /// The names the admin area and the write API answer to (`--host`).
    pub hosts: Arc<host::HostList>,
    /// The screens that have the display open (their event streams).
    pub screens: Arc<display::connected_screens::Screens>,
    /// The time the planned switch and the link checks go by (tests set it).
    pub clock: Arc<clock::Clock>,
    /// Who is reading a big request body now (`http::body::one_at_a_time`).
    pub bodies: Arc<http::body::Readers>,
    /// The last picture of this machine's real screen, sent by the kiosk.
    pub screen_picture: Arc<display::screen_picture::ScreenPicture>,
    /// Where the Pi's health is read (`/`; tests point it at a fake sysfs folder).
    pub pi_health: Arc<pi_health::Probe>,
}

impl AppState {
    /// State around a store, with the sender that starts the shutdown.
    pub fn new(store: Store) -> (AppState, watch::Sender<bool>) {
        AppState::with_access(store, auth::AccessList::everyone())
    }

    /// State whose admin area only answers the networks of `access`.
    pub fn with_access(store: Store, access: auth::AccessList) -> (AppState, watch::Sender<bool>) {
        let (tx, rx) = watch::channel(false);
        let clock: Arc<clock::Clock> = Arc::default();
        let state = AppState {
            store: Arc::new(store),
            pages: Arc::new(display::PageCache::new(clock.clone())),
            shutdown: rx,
            auth: Arc::new(auth::Auth::new(access)),
            hosts: Arc::default(),
            screens: Arc::default(),
            clock,
            bodies: Arc::default(),
            screen_picture: Arc::default(),
            pi_health: Arc::default(),
        };
        (state, tx)
    }
}

impl AppState {
    /// Resolves when the server starts shutting down.
    pub async fn stopping(&self) {
        let mut rx = self.shutdown.clone();
        let stopped = rx.wait_for(|stop| *stop).await.is_ok();
        if !stopped {
            // The sender is gone: nobody will ever ask us to stop.
            std::future::pending::<()>().await;
        }
    }
}

/// The whole application: every area's routes, merged here, with the common layers. The
/// admin app is nested here and only here, with its fence; the API carries its own check.
pub fn app(state: AppState) -> Router {
    let router = Router::new()
        .merge(display::router(&state))
        .merge(health::router())
        .merge(picture::routes::router())
        .merge(assets::router())
        .merge(print::router())
        .merge(api::router(&state))
        .nest_service("/admin", admin::router(&state))
        .fallback(error::no_such_page)
        .method_not_allowed_fallback(error::method_not_allowed)
        // Routes that take more (uploads, the API's document) say so on their own router.
        .layer(axum::extract::DefaultBodyLimit::max(limits::DEFAULT_BODY))
        .with_state(state);
    security::layer(router).layer(CompressionLayer::new())
}
