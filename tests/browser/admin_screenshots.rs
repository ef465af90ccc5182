//! Screenshots of every admin page at laptop and phone sizes, to LOOK at after a change:
//! `cargo test --test admin_screenshots -- --ignored`, then open the PNGs under
//! `target/tmp/admin-screens/`. Ignored by default: it checks nothing a machine can judge.

use crate::common;
use common::admin::with_ids;

use common::browser::Browser;
use common::TestServer;
use std::time::Duration;

const PAGES: [&str; 18] = [
    "/admin",
    "/admin/screen",
    "/admin/community",
    "/admin/groups",
    "/admin/groups/new",
    "/admin/naming",
    "/admin/tips",
    "/admin/tips/#0",
    "/admin/announcements",
    "/admin/announcements/#0",
    "/admin/settings",
    "/admin/history",
    "/admin/password",
    "/admin/tokens",
    "/admin/accounts",
    "/admin/no-such-page",
    "/admin/login",
    "/admin/welcome",
];

/// The pages that change with a second screen language.
const BILINGUAL_PAGES: [&str; 6] = [
    "/admin",
    "/admin/community",
    "/admin/groups/#0",
    "/admin/tips/#0",
    "/admin/settings",
    "/admin/phrases",
];

#[test]
#[ignore = "produces screenshots to look at; run with --ignored"]
fn every_admin_page_at_laptop_and_phone_sizes() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start();
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("admin-screens");
    let code_file = server.data_dir().join("setup-code");
    let page = browser.open(&format!("{}/admin", server.url), 1280, 800);
    let code: String = page.wait_for(
        &format!(
            "document.querySelector('input[name=code]') ? {:?} : null",
            "ready"
        ),
        Duration::from_secs(10),
    );
    assert_eq!(code, "ready");
    page.save_screenshot(out.join("setup.png"));
    let code = std::fs::read_to_string(&code_file).expect("setup code");
    page.type_into("input[name=code]", code.trim());
    page.type_into("input[name=name]", "Camille");
    page.type_into("input[name=password]", "un mot de passe solide 2026");
    page.type_into("input[name=password2]", "un mot de passe solide 2026");
    page.click("form button[type=submit]");
    // The dashboard, once the setup form's page has gone (it was at /admin too).
    page.wait_for::<bool>(
        "location.pathname === '/admin' && !document.querySelector('input[name=code]')",
        Duration::from_secs(10),
    );
    // A colleague invited, whose code is waiting; something to fix on the dashboard.
    page.goto(&format!("{}/admin/accounts", server.url));
    page.type_into("input[name=name]", "Jon Etxeberria");
    page.click("form.card button[type=submit]");
    page.wait_for::<bool>(
        "document.querySelector('code.invitation') ? true : null",
        Duration::from_secs(10),
    );
    page.save_screenshot(out.join("invited.png"));
    server.save(|c| {
        c.groups[3].name = "commissions otsokop".into();
        c.slides.tips.enabled = false;
    });
    // The kiosk's picture of its screen, as it sends it (a screenshot of the display).
    let display = browser.open(&server.url, 1920, 1080);
    display.wait_for::<bool>(
        "document.querySelector('#stage > .slide.active') ? true : null",
        Duration::from_secs(10),
    );
    let sent = common::binary::request(
        server.addr,
        "POST",
        "/api/screen/picture",
        &[("Content-Type", "image/png")],
        &display.screenshot(),
    )
    .unwrap();
    assert_eq!(sent.status, 200);
    for (width, height, tag) in [
        (1280, 800, "laptop"),
        (390, 844, "phone"),
        (1280, 800, "en"),
    ] {
        let tab = browser.open(&format!("{}/admin", server.url), width, height);
        let lang = if tag == "en" { "en" } else { "fr" };
        tab.eval::<serde_json::Value>(&format!("document.cookie = 'lang={lang}; path=/admin'"));
        for path in PAGES.map(with_ids) {
            tab.goto(&format!("{}{path}", server.url));
            tab.save_screenshot(out.join(format!("{tag}{}.png", path.replace('/', "_"))));
        }
        // The dashboard's picture of the screen, further down.
        tab.goto(&format!("{}/admin", server.url));
        tab.eval::<bool>(
            "(() => { document.querySelector('.screen-card').scrollIntoView(); return true; })()",
        );
        tab.save_screenshot(out.join(format!("{tag}_admin_screen_card.png")));
    }
    // With Basque as the second language: the translation fields and the screen's texts.
    server.save(|c| {
        c.display.second_language = Some(vitrine::content::SecondLanguage {
            language: vitrine::content::ScreenLanguage::Eu,
            layout: Default::default(),
            first: false,
        });
    });
    for (width, height, tag) in [(1280, 800, "laptop"), (390, 844, "phone")] {
        let tab = browser.open(&format!("{}/admin", server.url), width, height);
        for path in BILINGUAL_PAGES.map(with_ids) {
            tab.goto(&format!("{}{path}", server.url));
            tab.save_screenshot(out.join(format!("{tag}-eu{}.png", path.replace('/', "_"))));
        }
    }
    // Someone else saved the same settings meanwhile: both versions side by side.
    for (width, height, tag) in [(1280, 800, "laptop"), (390, 844, "phone")] {
        let tab = browser.open(&format!("{}/admin", server.url), width, height);
        tab.eval::<String>("document.cookie = 'lang=fr; path=/admin'");
        for (path, field, mine) in [
            (
                "/admin/community",
                "call_to_action",
                "Scannez : Camille vous attend",
            ),
            ("/admin/settings", "slides.tips.seconds", "21"),
        ] {
            tab.goto(&format!("{}{path}", server.url));
            server.save(|c| {
                c.community.call_to_action = format!("Scannez, rejoignez-nous ({tag}) !");
                c.slides.tips.seconds += 1;
            });
            tab.eval::<String>(&format!(
                "document.querySelector('[name={field:?}]').value = {mine:?}"
            ));
            tab.eval::<bool>(
                "(document.querySelector('#community-form, #settings-form').requestSubmit(), true)",
            );
            tab.wait_for::<bool>(
                "document.querySelector('.conflict') ? true : null",
                Duration::from_secs(10),
            );
            tab.save_screenshot(out.join(format!("{tag}-conflict{}.png", path.replace('/', "_"))));
        }
    }
    eprintln!("screenshots in {}", out.display());
}
