//! A long group name is never cut: on the screen at the till's three sizes it wraps inside its
//! column, and on the poster and the guide it is printed whole, so that a shopper can find the
//! group in the chat from its name.

use crate::common;

use common::browser::Browser;
use common::slides::still;
use common::{content_with_groups, paper, TestServer};
use serde::Deserialize;

const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 720), (1080, 1920)];

/// Every group name of every groups slide, each slide made active in turn: its text, and
/// whether it shows whole (not clipped by its own box, its column or the slide).
const NAMES: &str = r#"(() => {
    const slides = [...document.querySelectorAll('#stage > .slide')];
    const out = [];
    slides.forEach((slide, i) => {
        slides.forEach((s, k) => s.classList.toggle('active', k === i));
        if (slide.dataset.kind !== 'groups') return;
        const sr = slide.getBoundingClientRect();
        for (const el of slide.querySelectorAll('.group .name')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            const col = el.closest('.column').getBoundingClientRect();
            const within = (o) => r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
            out.push({
                text: el.textContent,
                whole: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1
                    && within(col) && within(sr) && getComputedStyle(el).textOverflow !== 'ellipsis',
                lines: Math.round(r.height / parseFloat(getComputedStyle(el).lineHeight)),
            });
        }
    });
    return out;
})()"#;

#[derive(Deserialize, Debug)]
struct Name {
    text: String,
    whole: bool,
    lines: u32,
}

#[test]
fn a_group_name_of_eighty_characters_wraps_whole_on_the_screen_the_poster_and_the_guide() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let content = still(content_with_groups(12, 4, true));
    let expected: Vec<String> = content
        .groups
        .iter()
        .map(|g| vitrine::i18n::typography::typeset(&g.name, content.display.language))
        .collect();
    assert!(expected.iter().all(|n| n.chars().count() == 80));
    let server = TestServer::start_with(&content);
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        let names: Vec<Name> = page.eval(NAMES);
        assert_eq!(
            names.len(),
            expected.len(),
            "{w}x{h}: each group shown once"
        );
        for n in &names {
            assert!(
                expected.contains(&n.text),
                "{w}x{h}: {:?} is not a whole name",
                n.text
            );
            assert!(n.whole, "{w}x{h}: {:?} is cut", n.text);
        }
        assert!(
            names.iter().any(|n| n.lines >= 2),
            "{w}x{h}: a name this long takes two lines"
        );
    }
    // Printing takes this test binary's turn at chromium: the browser ends first.
    drop(browser);
    if !paper::printing_tools() {
        return;
    }
    for kind in ["poster", "guide"] {
        let pdf = paper::print_to_pdf(
            &format!("{}/{kind}", server.url),
            &format!("long-names-{kind}"),
        );
        let text = paper::page_texts(&pdf).join(" ");
        for g in &content.groups {
            let name = g.name.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&name.to_lowercase()),
                "{kind}: {name:?} printed whole"
            );
        }
    }
}
