//! The admin area's door: setup code, login, sessions, throttling, forgery, networks, headers.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::auth::*;
use vitrine::auth::{ensure_setup_code, AccessList};
use vitrine::store::Store;
use vitrine::AppState;

const PASSWORD: &str = "une phrase assez longue";

#[tokio::test]
async fn admin_without_a_session_goes_to_the_login_page() {
    let (_dir, state) = fresh();
    let reply = get(&state, "/admin/tokens?x=1", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header(header::LOCATION),
        "/admin/login?next=%2Fadmin%2Ftokens%3Fx%3D1"
    );
    // Anything but a page view is refused outright.
    let reply = send(&state, form("/admin/tokens", &[("label", "x")], None)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn first_start_setup_code_sets_the_password_once_and_logs_in() {
    let (dir, state) = fresh();
    let code = ensure_setup_code(&state.store.secrets(), &state.store.accounts())
        .unwrap()
        .unwrap();
    assert!(dir.path().join("setup-code").exists());

    // The login page asks for the setup code while no password exists.
    let page = get(&state, "/admin/login", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = scraper::Html::parse_document(&page.body);
    let code_field =
        scraper::Selector::parse("form[action='/admin/setup'] input[name=code]").unwrap();
    assert_eq!(doc.select(&code_field).count(), 1, "{}", page.body);
    assert!(!page.body.contains(&code), "the code itself is never shown");
    // Nor where the server keeps it: whoever opens /admin is told where to look instead.
    let folder = dir.path().to_str().unwrap();
    assert!(
        !page.body.contains(folder),
        "data folder shown: {}",
        page.body
    );
    assert!(page.body.contains("journalctl -u vitrine"), "{}", page.body);
    assert!(page.body.contains("vitrine passwd"), "{}", page.body);
    for public in ["/", "/api/content", "/poster", "/guide", "/qr.svg"] {
        let reply = get(&state, public, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{public}");
        assert!(
            !reply.body.contains(&code),
            "the setup code shows on {public}"
        );
    }

    // A wrong code, a short password, mismatched passwords: refused, nothing set.
    for (c, p1, p2, status) in [
        (
            "AAAA-BBBB-CCCC",
            PASSWORD,
            PASSWORD,
            StatusCode::UNAUTHORIZED,
        ),
        (
            code.as_str(),
            "court",
            "court",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            code.as_str(),
            PASSWORD,
            "autre chose encore",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let fields = [
            ("code", c),
            ("name", "Maite"),
            ("password", p1),
            ("password2", p2),
        ];
        let reply = send(&state, form("/admin/setup", &fields, None)).await;
        assert_eq!(reply.status, status, "{}", reply.body);
        assert!(
            state.store.accounts().is_empty().unwrap(),
            "no account made"
        );
        // A right code stays in the form after a password mistake: no new trip to the log.
        let doc = scraper::Html::parse_document(&reply.body);
        let shown = doc
            .select(&code_field)
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or("");
        let kept = if c == code { c } else { "" };
        assert_eq!(shown, kept, "code field after {status}");
    }
    let reply = send(
        &state,
        form(
            "/admin/setup",
            &[
                ("code", &code.to_lowercase()),
                ("name", "Maite"),
                ("password", PASSWORD),
                ("password2", PASSWORD),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.header(header::LOCATION), "/admin");
    assert!(
        !dir.path().join("setup-code").exists(),
        "the code is used up"
    );
    let cookie = reply.session_cookie();
    assert_eq!(
        get(&state, "/admin", Some(&cookie)).await.status,
        StatusCode::OK
    );

    // The code cannot be used again.
    let again = send(
        &state,
        form(
            "/admin/setup",
            &[
                ("code", &code),
                ("name", "Eve"),
                ("password", "autre mot de passe"),
                ("password2", "autre mot de passe"),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.header(header::LOCATION), "/admin/login");
    assert_eq!(
        log_in(&state, "autre mot de passe").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn password_login_and_wrong_password() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let wrong = log_in(&state, "pas le bon mot de passe").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.header(header::SET_COOKIE).is_empty());

    let ok = log_in(&state, PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = get(&state, "/admin", Some(&ok.session_cookie())).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Maite"));
}

#[tokio::test]
async fn the_session_cookie_is_httponly_strict_and_expires() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let ok = log_in(&state, PASSWORD).await;
    let cookie = ok.header(header::SET_COOKIE);
    let attrs: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert!(
        attrs[0].starts_with("vitrine_session=") && attrs[0].len() > 40,
        "{cookie}"
    );
    for expected in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(attrs.contains(&expected), "{expected} missing: {cookie}");
    }
    assert!(attrs.iter().any(|a| a.starts_with("Max-Age=")), "{cookie}");
}

#[tokio::test]
async fn login_is_throttled_per_peer_address() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let attempt = |peer: &'static str, password: &'static str| {
        let state = state.clone();
        async move {
            let fields = [("name", "Maite"), ("password", password)];
            send_from(&state, form("/admin/login", &fields, None), peer).await
        }
    };
    for _ in 0..5 {
        assert_eq!(
            attempt("192.0.2.66:1", "mauvais mot de passe").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password waits now, from that address.
    let blocked = attempt("192.0.2.66:2", PASSWORD).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let secs: u64 = blocked.header(header::RETRY_AFTER).parse().unwrap();
    assert!(secs > 0 && secs <= 15 * 60);
    // A forwarded header changes nothing: the peer address counts.
    let mut req = form(
        "/admin/login",
        &[("name", "Maite"), ("password", PASSWORD)],
        None,
    );
    req.headers_mut()
        .insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
    assert_eq!(
        send_from(&state, req, "192.0.2.66:3").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another machine is not affected.
    assert_eq!(
        attempt("192.0.2.67:1", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    let page = get(&state, "/admin", Some(&cookie)).await;
    let csrf = csrf_of(&page.body);
    let out = send(
        &state,
        form("/admin/logout", &[("_csrf", &csrf)], Some(&cookie)),
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.header(header::SET_COOKIE).contains("Max-Age=0"));
    assert_eq!(
        get(&state, "/admin", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_password_change_ends_the_accounts_other_sessions() {
    let (_dir, state) = fresh();
    let mine = set_up(&state, PASSWORD).await;
    let other = log_in(&state, PASSWORD).await.session_cookie();
    let csrf = csrf_of(&get(&state, "/admin/password", Some(&mine)).await.body);
    let new = "un tout nouveau mot de passe";
    let reply = send(
        &state,
        form(
            "/admin/password",
            &[
                ("_csrf", &csrf),
                ("current", PASSWORD),
                ("password", new),
                ("password2", new),
            ],
            Some(&mine),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let renewed = reply.session_cookie();
    assert_eq!(
        get(&state, "/admin", Some(&other)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get(&state, "/admin", Some(&mine)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get(&state, "/admin", Some(&renewed)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        log_in(&state, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(log_in(&state, new).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_password_set_outside_the_server_ends_its_sessions() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    // What `vitrine passwd` does while the server runs.
    state
        .store
        .accounts()
        .set_password(
            "Maite",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        )
        .unwrap();
    assert_eq!(
        get(&state, "/admin", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn forged_cross_site_posts_are_refused() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    let csrf = csrf_of(&get(&state, "/admin/tokens", Some(&cookie)).await.body);
    let label = [("label", "forgé"), ("_csrf", csrf.as_str())];
    for origin in [Some("http://evil.example"), Some("null"), None] {
        let req = form_with_origin("/admin/tokens", &label, Some(&cookie), origin);
        let reply = send(&state, req).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "origin {origin:?}");
        assert!(reply.body.contains("Rechargez"), "{}", reply.body);
    }
    for token in [None, Some("faux-jeton")] {
        let mut fields = vec![("label", "forgé")];
        if let Some(t) = token {
            fields.push(("_csrf", t));
        }
        let reply = send(&state, form("/admin/tokens", &fields, Some(&cookie))).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "token {token:?}");
        assert!(reply.body.contains("rechargez la page"), "{}", reply.body);
    }
    // Logging in from another site is refused too (login CSRF).
    let req = form_with_origin(
        "/admin/login",
        &[("name", "x"), ("password", PASSWORD)],
        None,
        Some("http://evil.example"),
    );
    assert_eq!(send(&state, req).await.status, StatusCode::FORBIDDEN);
    assert!(
        state.store.secrets().tokens().unwrap().is_empty(),
        "nothing was created"
    );
    // The real form works.
    let ok = send(&state, form("/admin/tokens", &label, Some(&cookie))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(state.store.secrets().tokens().unwrap().len(), 1);
}

#[tokio::test]
async fn admin_from_refuses_other_networks() {
    let dir = tempfile::tempdir().unwrap();
    let access: AccessList = "192.168.1.0/24".parse().unwrap();
    let (state, _tx) = AppState::with_access(Store::open(dir.path()).unwrap(), access);
    let req = |path: &str| {
        Request::get(path)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap()
    };
    let outside = send_from(&state, req("/admin/login"), "10.0.0.5:1234").await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert!(outside.body.contains("--admin-from"), "{}", outside.body);
    // Pretending with a header does not help.
    let mut forged = req("/admin/login");
    forged
        .headers_mut()
        .insert("x-forwarded-for", "192.168.1.7".parse().unwrap());
    assert_eq!(
        send_from(&state, forged, "10.0.0.5:1234").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send_from(&state, req("/admin/login"), "192.168.1.7:1234")
            .await
            .status,
        StatusCode::OK
    );
    // The display stays public.
    assert_eq!(
        send_from(&state, req("/"), "10.0.0.5:1234").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn admin_pages_cannot_be_framed_or_cached() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    for path in ["/admin/login", "/admin", "/admin/tokens", "/admin/password"] {
        let reply = get(&state, path, Some(&cookie)).await;
        assert_eq!(reply.header(header::X_FRAME_OPTIONS), "DENY", "{path}");
        assert_eq!(reply.header(header::CACHE_CONTROL), "no-store", "{path}");
        let csp = reply.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("frame-ancestors 'self'"), "{path}: {csp}");
    }
    // The display itself may be framed by our own admin page (live preview).
    let display = get(&state, "/", None).await;
    assert!(display
        .header(header::CONTENT_SECURITY_POLICY)
        .contains("frame-ancestors 'self'"));
}

#[tokio::test]
async fn tokens_are_listed_with_their_date_and_revoked() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, PASSWORD).await;
    let csrf = csrf_of(&get(&state, "/admin/tokens", Some(&cookie)).await.body);
    let made = send(
        &state,
        form(
            "/admin/tokens",
            &[("_csrf", &csrf), ("label", "sauvegarde")],
            Some(&cookie),
        ),
    )
    .await;
    let doc = scraper::Html::parse_document(&made.body);
    let token = doc
        .select(&scraper::Selector::parse("code.token").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(token.starts_with("vitrine_"));
    let list = get(&state, "/admin/tokens", Some(&cookie)).await;
    assert!(
        list.body.contains("sauvegarde") && !list.body.contains(&token),
        "shown once only"
    );
    let id = state.store.secrets().tokens().unwrap()[0].id.clone();
    assert!(list.body.contains(
        &state.store.secrets().tokens().unwrap()[0]
            .created
            .format("%Y-%m-%d")
            .to_string()
    ));
    let revoked = send(
        &state,
        form(
            &format!("/admin/tokens/{id}/revoke"),
            &[("_csrf", &csrf)],
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert!(state.store.secrets().tokens().unwrap().is_empty());
}

#[tokio::test]
async fn a_deleted_setup_code_is_made_again_rather_than_locking_everyone_out() {
    let (dir, state) = fresh();
    assert!(!dir.path().join("setup-code").exists());
    let page = get(&state, "/admin/login", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let code = std::fs::read_to_string(dir.path().join("setup-code")).unwrap();
    assert_eq!(code.trim().len(), 14);
}

#[tokio::test]
async fn the_lang_cookie_gives_english_pages() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    let fr = get(&state, "/admin/login", None).await;
    assert!(fr.body.contains("lang=\"fr\"") && fr.body.contains("Se connecter"));
    let en = get(&state, "/admin/login", Some("lang=en")).await;
    assert!(
        en.body.contains("lang=\"en\"") && en.body.contains("Log in"),
        "{}",
        en.body
    );
}
