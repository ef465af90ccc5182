//! Driving `vitrine::app` without a socket (`tower::ServiceExt::oneshot`): a fresh state, a
//! request from a given peer, and the answer read whole, with accessors for parsed HTML.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use std::net::SocketAddr;
use std::sync::OnceLock;
use tower::ServiceExt;
use vitrine::content::Content;
use vitrine::store::Store;
use vitrine::store::{Account, Role};
use vitrine::AppState;

/// The site the test requests are addressed to, and the `Origin` of its own pages (a `.local`
/// name, as the screen has on a shop's network: other names are refused on the admin area).
pub const HOST: &str = "vitrine.local";
pub const ORIGIN: &str = "http://vitrine.local";

/// A state on the default content in a fresh data directory (kept alive by the `TempDir`).
pub fn fresh() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (state, _shutdown) = AppState::new(store);
    (dir, state)
}

/// A state whose data directory held `content` as its `content.json` when the store opened.
pub fn fresh_with(content: &Content) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    super::write_content_file(dir.path(), content);
    let store = Store::open(dir.path()).unwrap();
    // Items written without an id get the ones a file of an older version gets.
    let mut expected = content.clone();
    expected.give_ids(vitrine::content::ids::Origin::Disk);
    assert_eq!(store.current().content, expected, "the file was accepted");
    let (state, _shutdown) = AppState::new(store);
    (dir, state)
}

/// The password of the accounts the tests open sessions for.
pub const TEST_PASSWORD: &str = "test password 123";

/// A signed-in session for a test: the `Cookie` header value and the form token.
pub struct TestSession {
    pub cookie: String,
    pub csrf: String,
}

/// Opens a session as if `name` had logged in, making their account (with `role`) first if
/// it does not exist. The hash is made once per test binary: hashing is slow on purpose.
pub fn sign_in(state: &AppState, name: &str, role: Role) -> TestSession {
    static HASH: OnceLock<String> = OnceLock::new();
    let phc = HASH.get_or_init(|| vitrine::auth::hash_blocking(TEST_PASSWORD).unwrap());
    let accounts = state.store.accounts();
    let account = match accounts.find(name).unwrap() {
        Some(account) => account,
        None => {
            let account = Account {
                name: name.to_owned(),
                role,
                password: Some(phc.clone()),
                disabled: false,
                invitation: None,
                created: chrono::Utc::now(),
            };
            accounts.create(account.clone()).unwrap();
            account
        }
    };
    let stamp = account.password.expect("an account with a password");
    let id = state.auth.sessions.create(&account.name, &stamp);
    let volunteer = state
        .auth
        .sessions
        .get(&id, |_, _| Some(account.role))
        .expect("fresh session");
    TestSession {
        cookie: format!("{}={id}", vitrine::auth::SESSION.name),
        csrf: volunteer.csrf,
    }
}

/// Marks a request as coming from `peer`, as the real server does for every connection.
pub fn with_peer<B>(mut req: Request<B>, peer: &str) -> Request<B> {
    let addr: SocketAddr = peer.parse().expect("peer like 127.0.0.1:5000");
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

/// `req` answered by the app of `state` as if it came from the TCP peer `peer`.
pub async fn send_from(state: &AppState, req: Request<Body>, peer: &str) -> Reply {
    send_to(vitrine::app(state.clone()), req, peer).await
}

/// `req` answered by `app` as if it came from the TCP peer `peer`.
pub async fn send_to(app: axum::Router, req: Request<Body>, peer: &str) -> Reply {
    let req = with_peer(req, peer);
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

/// One answer, its body as text and as the bytes sent.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The header's value, or "" when it is absent.
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The `name=value` part of the Set-Cookie header, for the next request.
    pub fn session_cookie(&self) -> String {
        self.header(header::SET_COOKIE)
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }

    /// Where a redirect leads.
    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The texts of the elements matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html()
            .select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    }

    /// The value of attribute `attr` of the elements matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }
}

/// The display page `GET /` serves for `content` to a shopper's phone on the shop network.
pub async fn page_of(content: &Content) -> Html {
    let (_data, state) = fresh_with(content);
    let request = Request::get("/").body(Body::empty()).unwrap();
    let reply = send_from(&state, request, "192.0.2.30:40000").await;
    Html::parse_document(std::str::from_utf8(&reply.bytes).unwrap())
}
