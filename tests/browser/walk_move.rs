//! The switch to the new platform as a volunteer meets it in a real browser: the pages that ask
//! first (switch, cancel) fit a laptop (1366×768) and a phone (390×844) in French and in English; once
//! confirmed, the screen's groups not yet on the new platform keep their description, their
//! "coming soon" shown in full below it. Screenshots stay in `target/screenshots/walk-move-*`.

use crate::common;

use crate::walk_layout::{outside, screenshots, set_up, SIZES};
use common::browser::Browser;
use common::slides::force_slide;
use common::TestServer;
use std::time::Duration;
use vitrine::content::{
    default_content, BilingualLayout, Content, GroupMove, LinkKind, NextPlatform, Platform,
    ScreenLanguage, SecondLanguage,
};

/// Otsokop moving to Telegram, side by side with Basque, one group there so far.
fn moving() -> Content {
    let mut c = default_content();
    c.display.second_language = Some(SecondLanguage {
        language: ScreenLanguage::Eu,
        layout: BilingualLayout::SideBySide,
        first: false,
    });
    c.community.next = Some(NextPlatform {
        platform: Platform::Telegram,
        invite_link: "https://t.me/+VitrineNouveauLien01".into(),
        link_kind: LinkKind::Group,
        switch_on: None,
        message: "Nous passons sur Telegram le 1er mars".into(),
        translations: Default::default(),
        link_checked: None,
    });
    c.groups[0].next = Some(GroupMove {
        link: Some("https://t.me/+VitrineGroupeUn01".into()),
        moved: true,
    });
    c.slides.groups.seconds = 600;
    c.slides.community.seconds = 600;
    c.validate().expect("valid test content");
    c
}

#[test]
fn the_switch_asks_on_a_page_that_fits_then_the_screen_keeps_each_description() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let content = moving();
    let total = content.groups.len();
    let server = TestServer::start_with(&content);
    let page = browser.open(&format!("{}/admin", server.url), 1366, 768);
    set_up(&page, &server);
    for lang in ["fr", "en"] {
        for (w, h) in SIZES {
            page.resize(w, h);
            page.goto(&format!(
                "{}/admin/lang/{lang}?next=/admin/move/switch",
                server.url
            ));
            let counts: String = page.eval("document.querySelector('.groups-linked').textContent");
            assert!(
                counts.contains(&format!(
                    "1 {} {total}",
                    if lang == "fr" { "sur" } else { "of" }
                )),
                "{counts}"
            );
            let missing: usize =
                page.eval("document.querySelectorAll('.readiness li.missing').length");
            assert!(
                missing >= 3,
                "{lang}: the groups, the check, the translation: {missing}"
            );
            let out = outside(&page, "main .card, main .readiness > li");
            assert!(out.cards >= 4, "{lang} {w}x{h}: {} cards", out.cards);
            assert!(
                out.problems.is_empty(),
                "{lang} {w}x{h}: {:?}",
                out.problems
            );
            page.save_screenshot(
                screenshots().join(format!("walk-move-confirm-{lang}-{w}x{h}.png")),
            );
            // Cancelling asks too, on a page that fits as well.
            page.goto(&format!("{}/admin/move/cancel", server.url));
            let asks: usize = page.eval("document.querySelectorAll('form#confirm-move').length");
            assert_eq!(asks, 1, "{lang} {w}x{h}");
            let out = outside(&page, "main .card, main .readiness > li");
            assert!(out.cards >= 4, "{lang} {w}x{h}: {} cards", out.cards);
            assert!(
                out.problems.is_empty(),
                "{lang} {w}x{h}: {:?}",
                out.problems
            );
            page.save_screenshot(
                screenshots().join(format!("walk-move-cancel-{lang}-{w}x{h}.png")),
            );
        }
    }
    page.goto(&format!(
        "{}/admin/lang/fr?next=/admin/move/switch",
        server.url
    ));
    page.click("form#confirm-move button[type=submit]");
    page.wait_for::<bool>(
        "location.pathname === '/admin/community'",
        Duration::from_secs(20),
    );

    page.resize(1920, 1080);
    page.goto(&format!("{}/", server.url));
    page.wait_for::<bool>(
        "document.querySelectorAll('#stage > .slide[data-kind=groups]').length > 0",
        Duration::from_secs(20),
    );
    let first: usize = page.eval(
        "[...document.querySelectorAll('#stage > .slide')].findIndex((s) => s.dataset.kind === 'groups')",
    );
    force_slide(&page, first);
    // Each status in the first slide shown whole: a line of its own, inside its row.
    let statuses: Vec<(String, bool)> = page.eval(
        "[...document.querySelectorAll('#stage > .slide.active .desc.with-status')].map((p) => {
            const s = p.querySelector('.pending').getBoundingClientRect();
            const t = p.querySelector('.desc-text').getBoundingClientRect();
            const row = p.closest('.row').getBoundingClientRect();
            return [p.textContent, s.height > 0 && s.top >= t.bottom - 1 && s.bottom <= row.bottom + 1];
        })",
    );
    assert!(statuses.len() >= 2, "{statuses:?}");
    for (text, whole) in &statuses {
        assert!(*whole, "{text}");
        assert!(text.contains("lien bientôt disponible"), "{text}");
    }
    page.save_screenshot(screenshots().join("walk-move-switched-groups-1920x1080.png"));
}
