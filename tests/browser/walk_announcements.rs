//! Announcements as a volunteer meets them in a real browser: the list with each one's last
//! day fits a laptop and a phone, and an announcement that starts next week opens alone from
//! its form, as the screen will show it, without counting as a connected screen (nor does the
//! dashboard's own preview). Screenshots stay in `target/screenshots/walk-ann-*`.

use crate::common;

use crate::walk_layout::{outside, screenshots, set_up, SIZES};
use common::browser::Browser;
use common::TestServer;
use std::time::Duration;
use vitrine::content::{default_content, Announcement};

#[test]
fn the_list_says_when_each_ends_and_one_to_come_is_previewed_alone() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut content = default_content();
    let today = chrono::Local::now().date_naive();
    content.announcements = vec![
        Announcement {
            title: "Assemblée générale de la coopérative".into(),
            text: "Samedi à 10 h, salle des fêtes : venez voter le budget.".into(),
            first_day: Some(today + chrono::Duration::days(7)),
            last_day: Some(today + chrono::Duration::days(14)),
            ..Default::default()
        },
        Announcement {
            title: "Nouveaux horaires".into(),
            text: "Ouvert le lundi".into(),
            ..Default::default()
        },
    ];
    content.give_ids(vitrine::content::ids::Origin::Disk);
    content.validate().expect("valid test content");
    let server = TestServer::start_with(&content);
    let page = browser.open(&format!("{}/admin", server.url), 1366, 768);
    set_up(&page, &server);
    for lang in ["fr", "en"] {
        for (w, h) in SIZES {
            page.resize(w, h);
            page.goto(&format!(
                "{}/admin/lang/{lang}?next=/admin/announcements",
                server.url
            ));
            let out = outside(&page, "li.item");
            assert_eq!(out.cards, 2, "{lang} {w}x{h}");
            assert!(
                out.problems.is_empty(),
                "{lang} {w}x{h}: {:?}",
                out.problems
            );
            page.save_screenshot(screenshots().join(format!("walk-ann-list-{lang}-{w}x{h}.png")));
        }
    }
    page.resize(1920, 1080);
    page.goto(&format!(
        "{}/admin/lang/fr?next=/admin/announcements/{}/preview",
        server.url, content.announcements[0].id
    ));
    let shown: String = page.wait_for(
        "document.querySelector('#stage > .slide.active h2')?.textContent || false",
        Duration::from_secs(10),
    );
    assert_eq!(shown, "Assemblée générale de la coopérative");
    // Left open beside the dashboard (whose own preview is no screen either), it is no
    // connected screen; the display page itself, opened next, is one.
    let dashboard = browser.open(&format!("{}/admin", server.url), 1366, 768);
    let screens = "(() => { const none = document.querySelector('p.screens-none'); \
        const rows = document.querySelectorAll('table.screens-list tbody tr').length; \
        return none ? 0 : (rows || null); })()";
    // The dashboard's preview loaded and its script run (a screen's stream stays listed
    // until a keep-alive finds it closed, long after the reload that follows).
    dashboard.wait_for::<bool>(
        "(() => { const d = document.querySelector('.preview iframe')?.contentDocument; \
            return !!d && d.readyState === 'complete' && !!d.getElementById('live'); })()",
        Duration::from_secs(20),
    );
    dashboard.goto(&format!("{}/admin", server.url));
    let listed: usize = dashboard.wait_for(screens, Duration::from_secs(10));
    assert_eq!(listed, 0, "neither preview is a screen");
    let _screen = browser.open(&format!("{}/", server.url), 1280, 720);
    let mut listed = 0;
    for _ in 0..20 {
        dashboard.goto(&format!("{}/admin", server.url));
        listed = dashboard.wait_for(screens, Duration::from_secs(10));
        if listed > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(
        listed, 1,
        "the display page is listed once its stream is open"
    );
    // Which engine draws it, from its browser's own words (headless Chromium here).
    let engine: String =
        dashboard.eval("document.querySelector('table.screens-list td.engine').textContent");
    assert!(engine.starts_with("Chromium "), "{engine}");
    dashboard.eval::<bool>("(document.querySelector('section.screens').scrollIntoView(), true)");
    dashboard.save_screenshot(screenshots().join("walk-dashboard-screens-1366x768.png"));
    page.save_screenshot(screenshots().join("walk-ann-preview-1920x1080.png"));
}
