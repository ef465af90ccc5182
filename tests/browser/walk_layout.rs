//! The admin pages a volunteer walks through on a laptop (1366×768) and a phone (390×844):
//! nothing sticks out of its card or the screen, and the dashboard's to-do list has one card
//! per kind of task. Screenshots stay in `target/screenshots/walk-*` for a human to look at.

use crate::common;

use common::browser::{Browser, BrowserPage};
use common::TestServer;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use vitrine::content::{default_content, BilingualLayout, Content, ScreenLanguage, SecondLanguage};

pub const SIZES: [(u32, u32); 2] = [(1366, 768), (390, 844)];

pub fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

/// Every visible element inside each `cards` element that leaves its card or the window's
/// width, and whether the page scrolls sideways; with the number of cards looked at.
const OUTSIDE: &str = r#"((cards) => {
    const slack = 1;
    const problems = [];
    const all = [...document.querySelectorAll(cards)];
    for (const card of all) {
        const c = card.getBoundingClientRect();
        for (const el of card.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const what = el.tagName.toLowerCase() + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '"';
            if (r.left < c.left - slack || r.right > c.right + slack) problems.push(`${what} leaves its card`);
            if (r.left < -slack || r.right > innerWidth + slack) problems.push(`${what} leaves the screen`);
        }
    }
    if (document.documentElement.scrollWidth > innerWidth + slack) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${innerWidth})`);
    return { cards: all.length, problems };
})"#;

#[derive(Deserialize, Debug)]
pub struct Outside {
    pub cards: usize,
    pub problems: Vec<String>,
}

/// What sticks out of the cards matched by `cards` on the page as it is.
pub fn outside(page: &BrowserPage, cards: &str) -> Outside {
    page.eval(&format!("{OUTSIDE}({cards:?})"))
}

/// Signs the first volunteer in through the setup page, as on a first install.
pub fn set_up(page: &BrowserPage, server: &TestServer) {
    page.goto(&format!("{}/admin", server.url));
    page.wait_for::<bool>(
        "!!document.querySelector('input[name=code]')",
        Duration::from_secs(10),
    );
    let code = std::fs::read_to_string(server.data_dir().join("setup-code")).expect("setup code");
    page.type_into("input[name=code]", code.trim());
    page.type_into("input[name=name]", "Camille");
    page.type_into("input[name=password]", "un mot de passe solide 2026");
    page.type_into("input[name=password2]", "un mot de passe solide 2026");
    page.click("form button[type=submit]");
    // The dashboard, once the setup form's page has gone (it was at /admin too).
    page.wait_for::<bool>(
        "location.pathname === '/admin' && !document.querySelector('input[name=code]')",
        Duration::from_secs(20),
    );
}

/// Otsokop's content with Basque as the second language and nothing translated yet, and
/// three announcements waiting for their first day.
fn untranslated() -> Content {
    let mut c = default_content();
    c.display.second_language = Some(SecondLanguage {
        language: ScreenLanguage::Eu,
        layout: BilingualLayout::SideBySide,
        first: false,
    });
    let first = chrono::Local::now().date_naive() + chrono::Duration::days(10);
    for i in 0..3 {
        c.announcements.push(vitrine::content::Announcement {
            title: format!("Fête de la coop n°{i}"),
            text: "Venez nombreux.".into(),
            first_day: Some(first),
            ..Default::default()
        });
    }
    c.validate().expect("valid test content");
    c
}

#[test]
fn the_dashboard_gives_one_card_per_kind_of_task_that_fits_a_laptop_and_a_phone() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let content = untranslated();
    let untranslated = vitrine::content::untranslated(&content).len();
    assert!(untranslated > 20, "{untranslated} texts to translate");
    let server = TestServer::start_with(&content);
    let page = browser.open(&format!("{}/admin", server.url), 1366, 768);
    set_up(&page, &server);
    for lang in ["fr", "en"] {
        for (w, h) in SIZES {
            page.resize(w, h);
            page.goto(&format!("{}/admin/lang/{lang}?next=/admin", server.url));
            let cards: Vec<String> = page.eval(
                "[...document.querySelectorAll('ul.todo > li')].map((li) => li.querySelector('.todo-text').textContent)",
            );
            let translate: Vec<&String> = cards
                .iter()
                .filter(|c| {
                    c.contains(&untranslated.to_string()) && c.to_lowercase().contains("euskara")
                })
                .collect();
            assert_eq!(
                translate.len(),
                1,
                "{lang} {w}x{h}: one card for the translations: {cards:?}"
            );
            let waiting = cards.iter().filter(|c| c.contains('3')).count();
            assert!(
                waiting >= 1,
                "{lang} {w}x{h}: one card for the three announcements: {cards:?}"
            );
            let listed: usize =
                page.eval("document.querySelectorAll('ul.todo .todo-list li a').length");
            assert_eq!(
                listed,
                untranslated + 3,
                "{lang}: each task reachable from its card's list"
            );
            // Open every card's list: still inside its card.
            page.eval::<usize>("[...document.querySelectorAll('ul.todo details')].map((d) => d.open = true).length");
            let out = outside(&page, "ul.todo > li");
            assert!(out.cards >= 3, "{lang} {w}x{h}: {} cards", out.cards);
            assert!(
                out.problems.is_empty(),
                "{lang} {w}x{h}: {:?}",
                out.problems
            );
            page.save_screenshot(screenshots().join(format!("walk-dashboard-{lang}-{w}x{h}.png")));
        }
    }
}
