//! Links that stay true, and a clock that can be wrong: "I checked this link" with its date and
//! who, asked again after 90 days; the reminder to reprint after the link changed, until
//! dismissed; a screen whose clock is before the newest revision stays awake.

use crate::common;

use common::admin::Volunteer;
use common::browser::Browser;
use common::TestServer;
use std::time::Duration;
use vitrine::content::{default_content, Content, RECHECK_AFTER_DAYS};

const LINK: &str = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";

async fn with_real_link() -> Volunteer {
    let v = Volunteer::new("Maite");
    let mut c = default_content();
    c.community.invite_link = LINK.into();
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    v
}

async fn todo(v: &Volunteer) -> String {
    v.get("/admin").await.texts(".todo li").join("\n")
}

#[tokio::test]
async fn a_checked_link_is_dated_and_signed_and_asked_again_after_ninety_days() {
    let v = with_real_link().await;
    assert!(todo(&v)
        .await
        .contains("Personne n'a encore confirmé que le lien WhatsApp marche"));

    // The dashboard lists the link with its button.
    let dash = v.get("/admin").await;
    assert!(dash.texts(".invite-links li").join(" ").contains(LINK));
    assert_eq!(
        dash.attrs(".invite-links form", "action"),
        ["/admin/community/check"]
    );
    let reply = v
        .post(
            "/admin/community/check",
            &[("etag", &v.etag()), ("which", "current")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let check = v.content().community.link_checked.expect("recorded");
    assert_eq!(check.by, "Maite");
    let list = todo(&v).await;
    assert!(
        !list.contains("confirmé") && !list.contains("vérifié il y a"),
        "{list}"
    );
    let page = v.get("/admin/community").await;
    assert!(
        page.texts("#check p").join(" ").contains("par Maite"),
        "{:?}",
        page.texts("#check p")
    );
    let dash = v.get("/admin").await;
    assert!(dash
        .texts(".invite-links li")
        .join(" ")
        .contains("par Maite"));

    // The day before the limit nothing is asked; on it, the dashboard asks again.
    let clock = &v.state.clock;
    clock.set(Some(
        check.on + chrono::Duration::days(RECHECK_AFTER_DAYS - 1),
    ));
    assert!(!todo(&v).await.contains("vérifié il y a plus de 90 jours"));
    clock.set(Some(check.on + chrono::Duration::days(RECHECK_AFTER_DAYS)));
    let list = todo(&v).await;
    assert!(
        list.contains("Le lien WhatsApp a été vérifié il y a plus de 90 jours"),
        "{list}"
    );
    assert!(list.contains("par Maite"), "{list}");
}

async fn change_link(v: &Volunteer, link: &str) -> u16 {
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
    .status
    .as_u16()
}

#[tokio::test]
async fn a_new_link_asks_for_a_reprint_until_someone_says_it_is_done() {
    let v = with_real_link().await;
    v.post(
        "/admin/community/check",
        &[("etag", &v.etag()), ("which", "current")],
    )
    .await;
    // Saving the form without changing the link asks nothing.
    assert_eq!(change_link(&v, LINK).await, 303);
    assert!(!todo(&v).await.contains("Imprimez-les à nouveau"));
    assert!(
        v.content().community.link_checked.is_some(),
        "same link, check kept"
    );

    assert_eq!(
        change_link(&v, "https://chat.whatsapp.com/ZyXwVuTsRqPoNmLkJiHgFe").await,
        303
    );
    let dash = v.get("/admin").await;
    let list = dash.texts(".todo li").join("\n");
    assert!(
        list.contains(
            "les affiches et les guides imprimés avant cette date montrent l'ancien lien"
        ),
        "{list}"
    );
    assert!(
        list.contains("Personne n'a encore confirmé"),
        "a new link is not checked: {list}"
    );
    assert!(dash
        .attrs(".todo form", "action")
        .contains(&"/admin/community/reprinted".to_owned()));
    // It stays, whatever else is saved, until dismissed.
    assert_eq!(
        change_link(&v, "https://chat.whatsapp.com/ZyXwVuTsRqPoNmLkJiHgFe").await,
        303
    );
    assert!(todo(&v).await.contains("Imprimez-les à nouveau"));

    let reply = v
        .post("/admin/community/reprinted", &[("etag", &v.etag())])
        .await;
    assert_eq!(reply.status, 303);
    assert!(!todo(&v).await.contains("Imprimez-les à nouveau"));
    assert!(v.content().community.reprint_since.is_none());
}

/// Closed every day: a screen with a right clock sleeps.
fn always_closed() -> Content {
    let mut c = default_content();
    c.display.opening_hours = Default::default();
    c.display.opening_hours.enabled = true;
    c
}

#[test]
fn a_screen_whose_clock_is_before_the_newest_revision_stays_awake() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start();
    server.save(|c| *c = always_closed());
    let url = server.url.clone();
    // A right clock: the shop is closed, the screen sleeps.
    let page = browser.open(&url, 1280, 720);
    page.wait_for::<bool>(
        "!document.getElementById('sleep').hidden",
        Duration::from_secs(5),
    );

    // The Pi's clock a year behind (a power cut without internet): the page cannot trust it.
    let wrong = browser.open("about:blank", 1280, 720);
    let source = "(() => { const Real = Date; const offset = -365 * 864e5;
        class Wrong extends Real {
            constructor(...a) { if (a.length) super(...a); else super(Real.now() + offset); }
            static now() { return Real.now() + offset; }
        }
        window.Date = Wrong; })();";
    wrong.call(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": source }),
    );
    wrong.goto(&url);
    let year: i32 = wrong.eval("new Date().getFullYear()");
    assert!(
        year < chrono::Datelike::year(&chrono::Utc::now()),
        "the page's clock is wrong"
    );
    let awake: bool = wrong.wait_for(
        "document.querySelector('#stage > .slide.active') && document.getElementById('sleep').hidden",
        Duration::from_secs(5),
    );
    assert!(awake);
    wrong.save_screenshot(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/screenshots/wrong-clock-awake.png"),
    );
}

#[tokio::test]
async fn the_kiosk_keeps_the_screen_on_while_the_clock_is_wrong() {
    let (_dir, state) = common::oneshot::fresh_with(&always_closed());
    let ask = |state: vitrine::AppState| async move {
        let reply = common::auth::get(&state, "/api/screen", None).await;
        serde_json::from_str::<serde_json::Value>(&reply.body).unwrap()
    };
    let answer = ask(state.clone()).await;
    assert_eq!(
        answer["awake"], false,
        "closed, and the clock is right: {answer}"
    );
    state.clock.set(Some(
        chrono::DateTime::parse_from_rfc3339("2020-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    ));
    let answer = ask(state.clone()).await;
    assert_eq!(answer["awake"], true, "{answer}");
    assert_eq!(answer["clock_wrong"], true, "{answer}");
}
