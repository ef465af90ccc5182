//! Drafts, in headless Chromium: a volunteer types a tip, their session ends in another tab,
//! the save shows the "signed out" page, they log in again and land back on the form with
//! what they typed; the save then goes through and the draft is forgotten. A language switch
//! on a form keeps the text too; a photo chosen before the session ended (a browser cannot keep
//! the file) is asked for again beside its field. A save that lands far down a list keeps its
//! banner in view.

use crate::common;

use common::browser::{Browser, BrowserPage};
use common::TestServer;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(15);
const PASSWORD: &str = "un mot de passe solide 2026";

fn set_up(browser: &Browser, server: &TestServer) -> BrowserPage {
    let code_file = server.data_dir().join("setup-code");
    let admin = browser.open(&format!("{}/admin", server.url), 1280, 800);
    admin.wait_for::<bool>(
        "document.querySelector('input[name=code]') ? true : null",
        PATIENCE,
    );
    let code = std::fs::read_to_string(&code_file).expect("setup code");
    admin.type_into("input[name=code]", code.trim());
    admin.type_into("input[name=name]", "Maïté");
    admin.eval::<serde_json::Value>(&format!(
        "document.querySelectorAll('input[type=password]').forEach(i => i.value = {PASSWORD:?})"
    ));
    admin.click("form button[type=submit]");
    admin.wait_for::<bool>(
        "location.pathname === '/admin' && document.querySelector('h1')?.textContent === 'Tableau de bord' ? true : null",
        PATIENCE,
    );
    admin
}

/// Sets a field's text as typing does (an `input` event), without typing it key by key.
fn set_text(page: &BrowserPage, selector: &str, text: &str) {
    page.eval::<serde_json::Value>(&format!(
        "(() => {{ const f = document.querySelector({selector:?}); f.value = {text:?};
           f.dispatchEvent(new Event('input', {{ bubbles: true }})); return null; }})()"
    ));
}

fn drafts(page: &BrowserPage) -> usize {
    page.eval("Object.keys(localStorage).filter(k => k.startsWith('vitrine-draft:')).length")
}

#[test]
fn a_session_that_ends_mid_edit_loses_nothing() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start();
    let admin = set_up(&browser, &server);
    let before = server.store.current().content.clone();
    let text = "Pour échanger un créneau, écrivez dans le groupe « Échanges de créneaux » \
                au moins deux jours avant : quelqu'un le reprendra.";

    // Typing in the tip's form.
    let tip = common::admin::at("tips", 1);
    admin.goto(&format!("{}{tip}", server.url));
    admin.type_into("input[name=title]", " (à jour)");
    set_text(&admin, "textarea[name=text]", text);
    let title: String = admin.eval("document.querySelector('input[name=title]').value");
    assert!(title.ends_with(" (à jour)"), "{title}");

    // Meanwhile the session ends, in another tab.
    let other = browser.open(&format!("{}/admin", server.url), 1280, 800);
    other.click("form[action='/admin/logout'] button");
    other.wait_for::<bool>(
        "location.pathname === '/admin/login' ? true : null",
        PATIENCE,
    );
    // Back to the first tab (a background tab does not take clicks).
    drop(other);
    admin.activate();

    // The save is refused with a page, not JSON, that leads to the login.
    admin.click("form.card button.primary");
    admin.wait_for::<bool>(
        "document.querySelector('h1')?.textContent === 'Session terminée' ? true : null",
        PATIENCE,
    );
    assert_eq!(server.store.current().content, before);
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("admin-drafts");
    admin.save_screenshot(shots.join("signed-out.png"));
    admin.click("main a.button.primary");
    admin.wait_for::<bool>(
        "location.pathname === '/admin/login' && document.querySelector('input[name=password]') ? true : null",
        PATIENCE,
    );
    admin.eval::<serde_json::Value>("document.querySelector('input[name=name]').value = ''");
    admin.type_into("input[name=name]", "Maïté");
    admin.type_into("input[name=password]", PASSWORD);
    admin.click("form button[type=submit]");

    // Back on the form, with what was typed, and a word that says so.
    admin.wait_for::<bool>(
        &format!("location.pathname === '{tip}' && document.querySelector('.notice.draft') ? true : null"),
        PATIENCE,
    );
    let shown: String = admin.eval("document.querySelector('textarea[name=text]').value");
    assert_eq!(shown, text);
    let shown: String = admin.eval("document.querySelector('input[name=title]').value");
    assert_eq!(shown, title);
    admin.save_screenshot(shots.join("restored.png"));

    // The save goes through now, and the draft is forgotten.
    admin.click("form.card button.primary");
    admin.wait_for::<bool>(
        "location.pathname === '/admin/tips' && document.querySelector('.flash:not(.warning)') ? true : null",
        PATIENCE,
    );
    // The banner offers to undo the save.
    assert!(admin.eval::<bool>("document.querySelector('.flash form.undo button') !== null"));
    admin.save_screenshot(shots.join("saved.png"));
    let saved = server.store.current().content.clone();
    assert_eq!(saved.tips[1].text, text);
    assert_eq!(saved.tips[1].title, title);
    assert_eq!(drafts(&admin), 0);

    // A language switch in the middle of typing keeps the text as well.
    admin.goto(&format!("{}/admin/tips/new", server.url));
    set_text(&admin, "input[name=title]", "Une nouvelle astuce");
    assert_eq!(drafts(&admin), 1);
    admin.click("a.lang[hreflang=en]");
    admin.wait_for::<bool>(
        "document.documentElement.lang === 'en' && document.querySelector('.notice.draft') ? true : null",
        PATIENCE,
    );
    let shown: String = admin.eval("document.querySelector('input[name=title]').value");
    assert_eq!(shown, "Une nouvelle astuce");
    // Discarding it puts the form back as it was.
    admin.click(".notice.draft button");
    let shown: String = admin.eval("document.querySelector('input[name=title]').value");
    assert_eq!(shown, "");
    assert_eq!(drafts(&admin), 0);
}

#[test]
fn after_adding_a_group_the_saved_banner_and_the_group_are_in_view() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start_with(&common::content_with_groups(30, 3, false));
    let admin = set_up(&browser, &server);
    admin.goto(&format!("{}/admin/groups/new", server.url));
    set_text(&admin, "input[name=name]", "Otsokop · Nouveau groupe");
    set_text(&admin, "input[name=category]", "Catégorie 1");
    admin.click("form.card button.primary");
    admin.wait_for::<bool>(
        "location.pathname === '/admin/groups' && document.querySelector('.flash') ? true : null",
        PATIENCE,
    );
    // The page opens at the new group, far down the list…
    let hash: String = admin.eval("location.hash");
    let title: String = admin.eval(&format!(
        "document.querySelector('{hash} .item-title').textContent"
    ));
    assert_eq!(title, "Otsokop · Nouveau groupe");
    assert!(
        admin.eval::<f64>("scrollY") > 0.0,
        "the list is long enough to scroll"
    );
    // …with the banner that says it was saved still in view, above the group, not over it.
    let rect = |selector: &str| -> (f64, f64) {
        admin.eval::<(f64, f64)>(&format!(
            "(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect();
               return [r.top, r.bottom]; }})()"
        ))
    };
    let height: f64 = admin.eval("innerHeight");
    let flash = rect(".flash");
    let item = rect(&hash);
    assert!(
        flash.0 >= 0.0 && flash.1 <= height,
        "banner out of view: {flash:?}"
    );
    assert!(
        item.0 >= flash.1 && item.1 <= height,
        "group hidden: {item:?}, banner {flash:?}"
    );
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("admin-drafts");
    admin.save_screenshot(shots.join("group-added.png"));
}

/// Ends the session of `admin` from another tab, then brings the form's tab back to the front.
fn end_session_elsewhere(browser: &Browser, server: &TestServer, admin: &BrowserPage) {
    let other = browser.open(&format!("{}/admin", server.url), 1280, 800);
    other.click("form[action='/admin/logout'] button");
    other.wait_for::<bool>(
        "location.pathname === '/admin/login' ? true : null",
        PATIENCE,
    );
    drop(other);
    admin.activate();
}

#[test]
fn a_photo_chosen_before_the_session_ended_is_asked_for_again_beside_its_field() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start();
    let admin = set_up(&browser, &server);
    let before = server.store.current().content.clone();
    let folder = tempfile::tempdir().unwrap();
    let photo = folder.path().join("fete-de-la-coop.png");
    std::fs::write(&photo, common::admin::png(800, 600)).unwrap();
    let choose = |page: &BrowserPage| {
        page.choose_files("input[type=file]", &[&photo]);
        page.eval::<serde_json::Value>(
            "document.querySelector('input[type=file]').dispatchEvent(new Event('change', { bubbles: true })), null",
        );
    };

    admin.goto(&format!("{}/admin/announcements/new", server.url));
    set_text(&admin, "input[name=title]", "Fête de la coop");
    choose(&admin);
    end_session_elsewhere(&browser, &server, &admin);
    admin.click("form.card button.primary");
    admin.wait_for::<bool>(
        "document.querySelector('h1')?.textContent === 'Session terminée' ? true : null",
        PATIENCE,
    );
    assert_eq!(server.store.current().content, before);
    admin.click("main a.button.primary");
    admin.wait_for::<bool>(
        "location.pathname === '/admin/login' && document.querySelector('input[name=password]') ? true : null",
        PATIENCE,
    );
    admin.eval::<serde_json::Value>("document.querySelector('input[name=name]').value = ''");
    admin.type_into("input[name=name]", "Maïté");
    admin.type_into("input[name=password]", PASSWORD);
    admin.click("form button[type=submit]");

    // The text is back; beside the picture's field, that the photo must be chosen again.
    admin.wait_for::<bool>(
        "document.querySelector('.notice.draft') ? true : null",
        PATIENCE,
    );
    let title: String = admin.eval("document.querySelector('input[name=title]').value");
    assert_eq!(title, "Fête de la coop");
    let notes: Vec<(String, bool)> = admin.eval(
        "[...document.querySelectorAll('.file-again')].map((n) => \
            [n.textContent, !!n.closest('.field')?.querySelector('input[type=file]')])",
    );
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].0.contains("« fete-de-la-coop.png »"), "{notes:?}");
    assert!(notes[0].0.contains("choisissez-la à nouveau"), "{notes:?}");
    assert!(notes[0].1, "beside the picture's field");
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("admin-drafts");
    admin.eval::<bool>("(document.querySelector('.file-again').scrollIntoView(), true)");
    admin.save_screenshot(shots.join("photo-again.png"));

    // Chosen again, saved with its picture; the draft is forgotten.
    choose(&admin);
    admin.click("form.card button.primary");
    admin.wait_for::<bool>(
        "location.pathname === '/admin/announcements' && document.querySelector('.flash:not(.warning)') ? true : null",
        PATIENCE,
    );
    let saved = server.store.current().content.clone();
    let added = saved.announcements.last().expect("saved");
    assert_eq!(added.title, "Fête de la coop");
    assert!(added.image.is_some(), "with its picture");
    assert_eq!(drafts(&admin), 0);
}
