//! Every refusal a browser sees in the admin area is a page in the admin's language that says
//! what happened and leads back: a session that ended (to the login, then to the form), a
//! stale form, an unknown page, a save that failed on the server. Scripts still get JSON.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::admin::{at, Reply, Volunteer, HOST, ORIGIN};

/// A form posted from the admin page at `from`, as a browser sends it.
async fn post_from(
    v: &Volunteer,
    path: &str,
    from: &str,
    cookie: &str,
    accept: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::REFERER, format!("{ORIGIN}{from}"))
        .header(header::ACCEPT, accept)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
        .unwrap();
    v.send(req).await
}

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

fn is_page(r: &Reply) -> bool {
    r.header(header::CONTENT_TYPE).starts_with("text/html")
}

#[tokio::test]
async fn a_save_after_the_session_ended_is_a_page_that_leads_to_the_login_and_back() {
    let v = Volunteer::new("Maïté");
    let before = v.content();
    let etag = v.etag();
    let fields = [
        ("_csrf", v.csrf.as_str()),
        ("etag", etag.as_str()),
        ("title", "Mon astuce"),
        ("text", "Un texte"),
    ];
    for (lang, title, says) in [
        ("fr", "Session terminée", "vous reviendrez au formulaire"),
        ("en", "Signed out", "you will come back to the form"),
    ] {
        let cookie = format!("vitrine_session=ended; lang={lang}");
        let r = post_from(
            &v,
            &at("tips", 1),
            &at("tips", 1),
            &cookie,
            BROWSER,
            &fields,
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(is_page(&r), "{}", r.body);
        assert_eq!(r.texts("h1"), [title]);
        assert!(r.body.contains(says), "{}", r.body);
        assert_eq!(r.attrs("html", "lang"), [lang]);
        // The login leads back to the form the save came from.
        let login = r.attrs("main a.button.primary", "href");
        let next = serde_urlencoded::to_string([("next", at("tips", 1))]).unwrap();
        assert_eq!(login, [format!("/admin/login?{next}")]);
    }
    // Another site's page as Referer is never a way back.
    let cookie = "vitrine_session=ended";
    let req = Request::post(at("tips", 1))
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::REFERER, "http://evil.example/admin/tips/1")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
        .unwrap();
    let r = v.send(req).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.attrs("main a.button.primary", "href"), ["/admin/login"]);

    // A script that asks for JSON gets JSON.
    let r = post_from(
        &v,
        &at("tips", 1),
        &at("tips", 1),
        cookie,
        "application/json",
        &fields,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r
        .header(header::CONTENT_TYPE)
        .starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(json["error"].as_str().unwrap().contains("/admin/login"));
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn a_stale_form_says_to_go_back_to_it_in_the_admins_language() {
    let v = Volunteer::new("Maïté");
    let before = v.content();
    let etag = v.etag();
    let fields = [
        ("_csrf", "a-token-of-an-older-session"),
        ("etag", etag.as_str()),
        ("title", "Mon astuce"),
        ("text", "Un texte"),
    ];
    for (lang, title) in [("fr", "Formulaire périmé"), ("en", "Out-of-date form")] {
        let cookie = format!("{}; lang={lang}", v.cookie);
        let r = post_from(
            &v,
            &at("tips", 1),
            &at("tips", 1),
            &cookie,
            BROWSER,
            &fields,
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(is_page(&r));
        assert_eq!(r.texts("h1"), [title]);
        assert_eq!(r.attrs("main a.button.primary", "href"), [at("tips", 1)]);
    }
    let cookie = format!("{}; lang=en", v.cookie);
    let r = post_from(
        &v,
        &at("tips", 1),
        &at("tips", 1),
        &cookie,
        "application/json",
        &fields,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r
        .header(header::CONTENT_TYPE)
        .starts_with("application/json"));
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn an_unknown_admin_page_is_a_page_in_the_admins_language() {
    let v = Volunteer::new("Maïté");
    for (lang, title) in [("fr", "Page introuvable"), ("en", "Page not found")] {
        let r = v
            .get_with("/admin/no-such-page", &format!("lang={lang}"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(is_page(&r));
        assert_eq!(r.texts("h1"), [title]);
        assert_eq!(r.attrs("main a.button.primary", "href"), ["/admin"]);
    }
}

#[tokio::test]
async fn a_save_that_fails_on_the_server_says_nothing_was_saved_and_leads_back() {
    let v = Volunteer::new("Maïté");
    let before = v.content();
    // The history folder is a file: the save cannot write its revision and fails.
    let history = v.data_dir().join("history");
    let _ = std::fs::remove_dir_all(&history);
    std::fs::write(&history, b"in the way").unwrap();
    let etag = v.etag();
    let fields = [
        ("_csrf", v.csrf.as_str()),
        ("etag", etag.as_str()),
        ("title", "Mon astuce"),
        ("text", "Un texte"),
    ];
    for (lang, title, says) in [
        ("fr", "Erreur du serveur", "rien n'a été enregistré"),
        ("en", "Server error", "nothing was saved"),
    ] {
        let cookie = format!("{}; lang={lang}", v.cookie);
        let r = (post_from(
            &v,
            &at("tips", 1),
            &at("tips", 1),
            &cookie,
            BROWSER,
            &fields,
        ))
        .await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(is_page(&r));
        assert_eq!(r.texts("h1"), [title]);
        assert!(r.body.contains(says), "{}", r.body);
        assert_eq!(r.attrs("main a.button.primary", "href"), [at("tips", 1)]);
    }
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn a_refusal_says_why_in_the_admins_language_alone() {
    let v = Volunteer::new("Maïté");
    let before = v.content();
    // A volunteer (not an admin) opening the accounts page.
    let session = common::oneshot::sign_in(&v.state, "Peio", vitrine::store::Role::Volunteer);
    // A damaged form (a field sent twice, as a page altered by hand would).
    let etag = v.etag();
    let damaged = [
        ("_csrf", v.csrf.as_str()),
        ("etag", etag.as_str()),
        ("etag", etag.as_str()),
    ];
    for (lang, admins_only, damaged_says, other) in [
        (
            "fr",
            "Réservé aux admins",
            "ne peut pas être lu",
            "admins only",
        ),
        ("en", "For admins only", "cannot be read", "Réservé"),
    ] {
        let r = v
            .send(
                Request::get("/admin/accounts")
                    .header(header::HOST, HOST)
                    .header(header::COOKIE, format!("{}; lang={lang}", session.cookie))
                    .header(header::ACCEPT, BROWSER)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(is_page(&r));
        let said = r.texts("p.lead").join(" ");
        assert!(said.contains(admins_only), "{lang}: {said}");
        assert!(!r.body.contains(other), "{lang}: {}", r.body);

        let cookie = format!("{}; lang={lang}", v.cookie);
        let r = post_from(
            &v,
            &at("tips", 1),
            &at("tips", 1),
            &cookie,
            BROWSER,
            &damaged,
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(is_page(&r));
        let said = r.texts("p.lead").join(" ");
        assert!(said.contains(damaged_says), "{lang}: {said}");
        assert!(
            !said.contains("duplicate"),
            "{lang}: the parser's English: {said}"
        );
        assert_eq!(r.attrs("main a.button.primary", "href"), [at("tips", 1)]);
    }
    assert_eq!(v.content(), before);
}
