//! The whole admin flow in headless Chromium, as a volunteer lives it: the setup code from the
//! data folder, a new password, a group renamed, and the till screen (open in another tab,
//! and in the dashboard's preview) showing the new name by itself.

use crate::common;

use common::browser::Browser;
use common::TestServer;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(15);

#[test]
fn set_up_rename_a_group_and_see_the_screen_change() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start();
    // The server writes its one-time code when it starts, as on a fresh Pi.
    let code_file = server.data_dir().join("setup-code");
    let started = std::time::Instant::now();
    let code = loop {
        match std::fs::read_to_string(&code_file) {
            Ok(code) if !code.trim().is_empty() => break code,
            _ if started.elapsed() > PATIENCE => panic!("no setup code in {code_file:?}"),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let new_name = "Otsokop · Annonces officielles";

    // The screen, open in its own tab, shows the old name somewhere in its slides.
    let screen = browser.open(&format!("{}/", server.url), 1920, 1080);
    let has = |name: &str| {
        format!(
            "document.body.textContent.includes({name:?}) ? true : null",
            name = name
        )
    };
    screen.wait_for::<bool>(&has("Otsokop · Annonces"), PATIENCE);
    assert!(!screen.eval::<bool>(&format!("document.body.textContent.includes({new_name:?})")));

    // First visit: the admin area asks for the setup code and a password.
    let admin = browser.open(&format!("{}/admin", server.url), 1280, 800);
    admin.wait_for::<bool>(
        "document.querySelector('input[name=code]') ? true : null",
        PATIENCE,
    );
    admin.type_into("input[name=code]", code.trim());
    admin.type_into("input[name=name]", "Camille");
    // Long values are set directly: typing them key by key only makes the test slow.
    admin.eval::<serde_json::Value>(
        "document.querySelectorAll('input[type=password]').forEach(i => i.value = 'un mot de passe solide 2026')",
    );
    admin.click("form button[type=submit]");
    admin.wait_for::<bool>(
        "location.pathname === '/admin' && document.querySelector('h1')?.textContent === 'Tableau de bord' ? true : null",
        PATIENCE,
    );
    assert!(admin.eval::<bool>("document.body.textContent.includes('Camille')"));

    // Rename the first group from its form.
    admin.goto(&format!("{}{}", server.url, common::admin::at("groups", 0)));
    admin.eval::<serde_json::Value>("document.querySelector('input[name=name]').value = ''");
    admin.type_into("input[name=name]", new_name);
    admin.click("form.card button.primary");
    admin.wait_for::<bool>(
        "location.pathname === '/admin/groups' && document.querySelector('.flash')?.textContent.includes('Enregistré') ? true : null",
        PATIENCE,
    );
    assert_eq!(server.store.current().content.groups[0].name, new_name);
    assert_eq!(server.store.current().saved.as_ref().unwrap().1, "Camille");

    // The screen tab changed by itself (live events), without anyone touching it.
    screen.wait_for::<bool>(&has(new_name), PATIENCE);

    // So did the preview on the dashboard, a same-origin frame of the display page.
    admin.goto(&format!("{}/admin", server.url));
    admin.wait_for::<bool>(
        &format!(
            "document.querySelector('iframe')?.contentDocument?.body?.textContent.includes({new_name:?}) ? true : null"
        ),
        PATIENCE,
    );
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("admin-browser");
    admin.save_screenshot(shots.join("dashboard.png"));

    // A picture over 16 MB: the browser shows our 413 page with the reason, not a network error.
    let heavy = shots.join("heavy.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(vitrine::limits::MAX_IMAGE_BYTES + 64 * 1024, 7);
    std::fs::write(&heavy, bytes).unwrap();
    admin.goto(&format!("{}/admin/announcements/new", server.url));
    admin.type_into("input[name=title]", "Grande fête");
    admin.choose_files("input[type=file]", &[&heavy]);
    admin.click("form.card button.primary");
    let error: String = admin.wait_for(
        "document.querySelector('.field .error')?.textContent ?? null",
        PATIENCE,
    );
    assert!(error.contains("16 Mo au plus"), "{error}");
    assert!(
        admin.eval::<String>("document.querySelector('input[name=title]').value") == "Grande fête"
    );
    admin.save_screenshot(shots.join("too-heavy.png"));
}
