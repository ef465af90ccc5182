//! The fence around the admin app, over every route and method: no session, a disabled
//! account's session, a foreign network, a foreign Origin — each refused, with a page in the
//! admin's language, and nothing changed. A route that exists only here, added to the admin
//! app's pages, is fenced the same way: the fence belongs to the router, not to a path list.

use crate::common;
use common::admin::with_ids;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use common::oneshot::{send_to, sign_in, Reply, HOST, ORIGIN};
use vitrine::auth::AccessList;
use vitrine::store::{Role, Store};
use vitrine::AppState;

/// Inside the allowed network of these tests.
const SHOP: &str = "192.168.1.20:40000";
/// Outside it.
const STREET: &str = "10.0.0.5:40000";

/// Every page of the admin app that needs a signed-in volunteer, with its methods.
const SIGNED_IN: &[(&str, &[Method])] = &[
    ("/admin", &[Method::GET]),
    ("/admin/logout", &[Method::POST]),
    ("/admin/password", &[Method::GET, Method::POST]),
    ("/admin/tokens", &[Method::GET, Method::POST]),
    ("/admin/tokens/abc/revoke", &[Method::POST]),
    ("/admin/community", &[Method::GET, Method::POST]),
    ("/admin/groups", &[Method::GET, Method::POST]),
    ("/admin/groups/new", &[Method::GET]),
    ("/admin/groups/#0", &[Method::GET, Method::POST]),
    ("/admin/groups/#0/move", &[Method::POST]),
    ("/admin/groups/#0/delete", &[Method::POST]),
    ("/admin/naming", &[Method::GET]),
    ("/admin/naming/template", &[Method::POST]),
    ("/admin/naming/apply", &[Method::POST]),
    ("/admin/tips", &[Method::GET, Method::POST]),
    ("/admin/tips/new", &[Method::GET]),
    ("/admin/tips/#0", &[Method::GET, Method::POST]),
    ("/admin/tips/#0/move", &[Method::POST]),
    ("/admin/tips/#0/delete", &[Method::POST]),
    ("/admin/announcements", &[Method::GET, Method::POST]),
    ("/admin/announcements/new", &[Method::GET]),
    ("/admin/announcements/#0", &[Method::GET, Method::POST]),
    ("/admin/announcements/#0/move", &[Method::POST]),
    ("/admin/announcements/#0/delete", &[Method::POST]),
    ("/admin/settings", &[Method::GET, Method::POST]),
    ("/admin/settings/logo", &[Method::POST]),
    ("/admin/settings/logo/remove", &[Method::POST]),
    ("/admin/history", &[Method::GET]),
    ("/admin/history/restore", &[Method::POST]),
    ("/admin/history/item", &[Method::POST]),
    ("/admin/export", &[Method::GET]),
    ("/admin/import", &[Method::POST]),
    ("/admin/accounts", &[Method::GET, Method::POST]),
    ("/admin/accounts/Jon/reset", &[Method::POST]),
    ("/admin/accounts/Jon/disable", &[Method::POST]),
    ("/admin/accounts/Jon/enable", &[Method::POST]),
    ("/admin/accounts/Jon/admin", &[Method::POST]),
    ("/admin/accounts/Jon/volunteer", &[Method::POST]),
];

/// The pages anyone on the allowed networks may open.
const OPEN: &[(&str, &[Method])] = &[
    ("/admin/login", &[Method::GET, Method::POST]),
    ("/admin/setup", &[Method::GET, Method::POST]),
    ("/admin/welcome", &[Method::GET, Method::POST]),
    ("/admin/lang/en", &[Method::GET]),
    ("/admin/no-such-page", &[Method::GET, Method::POST]),
];

struct Shop {
    state: AppState,
    _dir: tempfile::TempDir,
    /// Maite, an admin, signed in: her cookie and form token.
    cookie: String,
    csrf: String,
    /// Jon's session, whose account is then disabled.
    disabled: String,
}

/// A screen whose admin app only answers the shop's network, with two accounts.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let access: AccessList = "192.168.1.0/24".parse().unwrap();
    let (state, _stop) = AppState::with_access(Store::open(dir.path()).unwrap(), access);
    let maite = sign_in(&state, "Maite", Role::Admin);
    let jon = sign_in(&state, "Jon", Role::Admin);
    state.store.accounts().set_disabled("Jon", true).unwrap();
    Shop {
        state,
        _dir: dir,
        cookie: maite.cookie,
        csrf: maite.csrf,
        disabled: jon.cookie,
    }
}

fn request(
    method: &Method,
    path: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
    csrf: &str,
) -> Request<Body> {
    let mut req = Request::builder()
        .method(method.clone())
        .uri(path)
        .header(header::HOST, HOST);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if *method != Method::GET {
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
    }
    if *method == Method::POST {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        let body = serde_urlencoded::to_string([("_csrf", csrf), ("label", "x"), ("name", "Eve")])
            .unwrap();
        return req.body(Body::from(body)).unwrap();
    }
    req.body(Body::empty()).unwrap()
}

/// What every answer of the admin app carries, refusals included.
fn assert_fenced(reply: &Reply, what: &str) {
    assert_eq!(reply.header(header::X_FRAME_OPTIONS), "DENY", "{what}");
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store", "{what}");
    let csp = reply.header(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
}

/// A refusal a browser can read: an HTML page of the admin app, never JSON.
fn assert_page(reply: &Reply, status: StatusCode, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.body);
    assert!(
        reply.header(header::CONTENT_TYPE).starts_with("text/html"),
        "{what}: {}",
        reply.header(header::CONTENT_TYPE)
    );
    assert_eq!(reply.texts("h1").len(), 1, "{what}: a titled page");
    assert_fenced(reply, what);
}

/// What may change behind the fence: the content, the accounts, the tokens.
fn snapshot(state: &AppState) -> (String, String, usize) {
    (
        state.store.current().etag.clone(),
        format!("{:?}", state.store.accounts().list().unwrap()),
        state.store.secrets().tokens().unwrap().len(),
    )
}

/// Each route and method of `table`, its `#0` made the id of the first item of its list.
fn every(table: &'static [(&'static str, &'static [Method])]) -> Vec<(String, Method)> {
    table
        .iter()
        .flat_map(|(path, methods)| methods.iter().map(move |m| (with_ids(path), m.clone())))
        .collect()
}

#[tokio::test]
async fn no_session_and_a_disabled_accounts_session_reach_no_page() {
    let shop = shop();
    let before = snapshot(&shop.state);
    let routes = every(SIGNED_IN);
    assert_eq!(routes.len(), 49, "the table lists every route and method");
    for (path, method) in routes {
        for (who, cookie) in [("no session", None), ("disabled", Some(&*shop.disabled))] {
            let what = format!("{method} {path}, {who}");
            let req = request(&method, &path, cookie, Some(ORIGIN), "");
            let reply = send_to(vitrine::app(shop.state.clone()), req, SHOP).await;
            if method == Method::GET {
                assert_eq!(reply.status, StatusCode::SEE_OTHER, "{what}");
                let back = serde_urlencoded::to_string([("next", path.as_str())]).unwrap();
                assert_eq!(reply.location(), format!("/admin/login?{back}"), "{what}");
                assert_fenced(&reply, &what);
            } else {
                assert_page(&reply, StatusCode::UNAUTHORIZED, &what);
                assert_eq!(reply.attrs("a[href='/admin/login']", "href").len(), 1);
            }
        }
    }
    assert_eq!(snapshot(&shop.state), before, "nothing changed");
}

#[tokio::test]
async fn a_foreign_network_reaches_nothing_not_even_the_login() {
    let shop = shop();
    let before = snapshot(&shop.state);
    let routes: Vec<_> = every(SIGNED_IN).into_iter().chain(every(OPEN)).collect();
    assert_eq!(routes.len(), 49 + 9);
    for (path, method) in routes {
        let what = format!("{method} {path} from the street");
        let req = request(&method, &path, Some(&shop.cookie), Some(ORIGIN), &shop.csrf);
        let reply = send_to(vitrine::app(shop.state.clone()), req, STREET).await;
        assert_page(&reply, StatusCode::FORBIDDEN, &what);
        assert!(
            reply.body.contains("--admin-from"),
            "{what}: {}",
            reply.body
        );
    }
    assert_eq!(snapshot(&shop.state), before, "nothing changed");
}

#[tokio::test]
async fn a_change_from_another_site_is_refused_even_with_a_good_session() {
    let shop = shop();
    let before = snapshot(&shop.state);
    let posts: Vec<_> = every(SIGNED_IN)
        .into_iter()
        .chain(every(OPEN))
        .filter(|(_, m)| *m == Method::POST)
        .collect();
    assert_eq!(posts.len(), 35);
    for (path, method) in posts {
        for origin in [Some("http://evil.example"), Some("null"), None] {
            let what = format!("{method} {path} from {origin:?}");
            let req = request(&method, &path, Some(&shop.cookie), origin, &shop.csrf);
            let reply = send_to(vitrine::app(shop.state.clone()), req, SHOP).await;
            assert_page(&reply, StatusCode::FORBIDDEN, &what);
            assert!(reply.body.contains("Rechargez"), "{what}: {}", reply.body);
            assert!(reply.header(header::SET_COOKIE).is_empty(), "{what}");
        }
    }
    assert_eq!(snapshot(&shop.state), before, "nothing changed");
    // The same session, from our own page, does get through.
    let req = request(
        &Method::POST,
        "/admin/tokens",
        Some(&shop.cookie),
        Some(ORIGIN),
        &shop.csrf,
    );
    let made = send_to(vitrine::app(shop.state.clone()), req, SHOP).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert_eq!(shop.state.store.secrets().tokens().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unknown_admin_address_is_an_admin_page_inside_the_fence() {
    let shop = shop();
    for lang in ["fr", "en"] {
        let cookie = format!("{}; lang={lang}", shop.cookie);
        for path in ["/admin/nothing/here", "/admin/groups/x/y/z"] {
            let req = request(&Method::GET, path, Some(&cookie), None, "");
            let reply = send_to(vitrine::app(shop.state.clone()), req, SHOP).await;
            assert_page(&reply, StatusCode::NOT_FOUND, path);
            assert_eq!(reply.attrs("html", "lang"), [lang]);
        }
        let req = request(
            &Method::DELETE,
            "/admin/groups",
            Some(&cookie),
            Some(ORIGIN),
            "",
        );
        let reply = send_to(vitrine::app(shop.state.clone()), req, SHOP).await;
        assert_page(&reply, StatusCode::METHOD_NOT_ALLOWED, "wrong method");
        assert!(reply.header(header::ALLOW).contains("GET"));
    }
    // `/admin/` is the admin app's too: its dashboard, behind the login, inside the fence.
    let req = request(&Method::GET, "/admin/", Some(&shop.cookie), None, "");
    let reply = send_to(vitrine::app(shop.state.clone()), req, SHOP).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_fenced(&reply, "/admin/");
    let req = request(&Method::GET, "/admin/", None, None, "");
    let reply = send_to(vitrine::app(shop.state.clone()), req, STREET).await;
    assert_page(&reply, StatusCode::FORBIDDEN, "/admin/ from the street");
    // Outside /admin, the site's own answers stay as they were.
    let req = request(&Method::GET, "/nothing", None, None, "");
    let reply = send_to(vitrine::app(shop.state.clone()), req, STREET).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_ne!(reply.header(header::X_FRAME_OPTIONS), "DENY");
}

#[tokio::test]
async fn a_route_added_to_the_admin_pages_is_fenced_without_being_listed_anywhere() {
    let shop = shop();
    // A page that exists only in this test, added where every admin page is added.
    let pages = vitrine::admin::pages().route(
        "/only-in-this-test",
        get(|| async { "secret" }).post(|| async { "changed" }),
    );
    let app: Router =
        Router::new().nest_service("/admin", vitrine::admin::fenced(&shop.state, pages));
    let path = "/admin/only-in-this-test";
    let send = |req| send_to(app.clone(), req, SHOP);

    let ok = send(request(&Method::GET, path, Some(&shop.cookie), None, "")).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.body, "secret");
    assert_fenced(&ok, "the page itself");

    let anonymous = send(request(&Method::GET, path, None, None, "")).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let disabled = send(request(
        &Method::POST,
        path,
        Some(&shop.disabled),
        Some(ORIGIN),
        "",
    ))
    .await;
    assert_page(&disabled, StatusCode::UNAUTHORIZED, "disabled account");
    let forged = send(request(
        &Method::POST,
        path,
        Some(&shop.cookie),
        Some("http://evil.example"),
        "",
    ))
    .await;
    assert_page(&forged, StatusCode::FORBIDDEN, "foreign Origin");
    let street = send_to(
        app.clone(),
        request(&Method::GET, path, Some(&shop.cookie), None, ""),
        STREET,
    )
    .await;
    assert_page(&street, StatusCode::FORBIDDEN, "foreign network");
    assert!(!street.body.contains("secret"));
}
