//! Getting a volunteer in without a false alarm: a one-time code typed as a password is
//! recognised as one and leads to the welcome page (for any name, so it tells nobody which
//! accounts exist); on a first install the example link asks for no reprint when replaced
//! and offers no "I checked this link".

use crate::common;

use axum::http::StatusCode;
use common::admin::Volunteer;
use common::auth::{fresh, send_from, set_up};
use common::oneshot::Reply;
use vitrine::content::EXAMPLE_INVITE_LINK;

const PASSWORD: &str = "une phrase assez longue";

/// A login attempt, each from a machine of its own (the throttle counts five per machine).
async fn login(state: &vitrine::AppState, name: &str, password: &str) -> Reply {
    static NEXT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let fields = [("name", name), ("password", password)];
    let req = common::auth::form("/admin/login", &fields, None);
    send_from(state, req, &format!("10.{n}.0.1:40000")).await
}

#[tokio::test]
async fn a_one_time_code_typed_as_a_password_leads_to_the_welcome_page() {
    let (_dir, state) = fresh();
    set_up(&state, PASSWORD).await;
    for code in ["7KQ4-M2XH-9PRT", "7kq4m2xh9prt", " 7KQ4 M2XH 9PRT "] {
        let known = login(&state, "Maite", code).await;
        assert_eq!(known.status, StatusCode::UNAUTHORIZED, "{code}");
        let said = known.texts(".code-typed p").join(" ");
        assert!(
            said.contains("ressemble à un code à usage unique"),
            "{code}: {said}"
        );
        assert_eq!(known.attrs(".code-typed a", "href"), ["/admin/welcome"]);
        // A name without an account gets the very same page: nothing tells them apart.
        let unknown = login(&state, "Personne", code).await;
        assert_eq!(unknown.status, known.status);
        assert_eq!(
            unknown.texts("main, .notice, .error"),
            known
                .texts("main, .notice, .error")
                .iter()
                .map(|t| t.replace("Maite", "Personne"))
                .collect::<Vec<_>>()
        );
    }
    // An ordinary wrong password says only that.
    let wrong = login(&state, "Maite", "pas le bon mot de passe").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.texts(".code-typed").is_empty());
    assert!(wrong.body.contains("Nom ou mot de passe incorrect."));
    // In English too.
    let req = common::auth::form(
        "/admin/login",
        &[("name", "Maite"), ("password", "7KQ4-M2XH-9PRT")],
        Some("lang=en"),
    );
    let english = send_from(&state, req, "198.51.100.7:40000").await;
    assert!(
        english
            .texts(".code-typed p")
            .join(" ")
            .contains("looks like a one-time code"),
        "{}",
        english.body
    );
}

async fn replace_example(v: &Volunteer, link: &str) -> Reply {
    let c = v.content();
    v.post(
        "/admin/community",
        &[
            ("etag", &v.etag()),
            ("platform", "whatsapp"),
            ("invite_link", link),
            ("link_kind", "community"),
            ("name", &c.community.name),
            ("call_to_action", &c.community.call_to_action),
        ],
    )
    .await
}

#[tokio::test]
async fn on_a_first_install_the_example_link_is_replaced_without_a_reprint_or_a_check() {
    let v = Volunteer::new("Maite");
    assert_eq!(v.content().community.invite_link, EXAMPLE_INVITE_LINK);
    // Nothing to confirm about the example: neither the dashboard nor the community page
    // offers it, and a check sent anyway is refused with nothing changed.
    for page in ["/admin", "/admin/community"] {
        let page = v.get(page).await;
        let checks = page.attrs("form[action='/admin/community/check']", "action");
        assert!(checks.is_empty(), "{checks:?}");
        assert!(page.texts(".link-check.example").len() == 1);
    }
    let before = v.content();
    let reply = v
        .post(
            "/admin/community/check",
            &[("etag", &v.etag()), ("which", "current")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("encore l'exemple"), "{}", reply.body);
    assert_eq!(v.content(), before);

    // Replaced: nothing was printed with the example, so no reprint is asked for.
    let link = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";
    let reply = replace_example(&v, link).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(v.content().community.invite_link, link);
    assert!(v.content().community.reprint_since.is_none());
    let dashboard = v.get("/admin").await;
    let todo = dashboard.texts(".todo li").join("\n");
    assert!(!todo.contains("Imprimez-les à nouveau"), "{todo}");
    // The real link is the one to check now.
    assert!(todo.contains("Personne n'a encore confirmé"), "{todo}");
    assert_eq!(
        dashboard.attrs(".invite-links form", "action"),
        ["/admin/community/check"]
    );
    // Changed again later, posters may show it: a reprint is asked for.
    let reply = replace_example(&v, "https://chat.whatsapp.com/ZyXwVuTsRqPoNmLkJiHgFe").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(v.content().community.reprint_since.is_some());
}
