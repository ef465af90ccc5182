//! Helpers for tests that drive `vitrine::app` with `oneshot`: a peer address and a session.

use crate::AppState;
use axum::extract::ConnectInfo;
use axum::http::Request;
use std::net::SocketAddr;

/// A logged-in admin for a test: the `Cookie` header value and the form token.
pub struct TestSession {
    pub cookie: String,
    pub csrf: String,
}

/// Opens a session as if `name` had logged in (setting a password first if none exists).
pub fn login(state: &AppState, name: &str) -> TestSession {
    let secrets = state.store.secrets();
    let phc = match secrets.password_hash().expect("read password") {
        Some(phc) => phc,
        None => {
            let phc = super::password::hash_blocking("test password 123").expect("hash");
            secrets.set_password_hash(&phc).expect("write password");
            phc
        }
    };
    let id = state.auth.sessions.create(name, &phc);
    let admin = state.auth.sessions.get(&id, &phc).expect("fresh session");
    TestSession {
        cookie: format!("{}={id}", super::SESSION_COOKIE),
        csrf: admin.csrf,
    }
}

/// Marks a request as coming from `peer`, as the real server does for every connection.
pub fn with_peer<B>(mut req: Request<B>, peer: &str) -> Request<B> {
    let addr: SocketAddr = peer.parse().expect("peer like 127.0.0.1:5000");
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}
