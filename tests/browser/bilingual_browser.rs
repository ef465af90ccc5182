//! Two languages on the screen in a real browser (Debian's headless chromium), side by side
//! and alternating, at the three screen sizes a till may have: no slide overflows, even with
//! every text and its translation at their longest, and the QR code scans on every slide.
//!
//! Screenshots of each kind of slide in both layouts land in `target/screenshots/bilingual-*`.

use crate::common;

use common::browser::Browser;
use common::slides::{
    check_groups, force_slide, in_basque, show_slide_and_scan, still, Layout, LAYOUT_PROBLEMS,
};
use common::{content_with_groups, fill, TestServer};
use std::path::{Path, PathBuf};
use vitrine::content::{default_content, BilingualLayout, Content, ScreenLanguage};
use vitrine::i18n::catalogue;
use vitrine::limits::content::COMMUNITY_NAME;

const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 720), (1080, 1920)];

/// The link every test screen encodes; the test decodes it back from pixels.
const LINK: &str = "https://chat.whatsapp.com/VitrineTestLink0123456789";

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

/// Slides that stay put, so that the test shows each one itself, with the test's link.
fn still_with_link(mut content: Content) -> Content {
    content.community.invite_link = LINK.into();
    still(content)
}

/// `content` whose community name is translated too: each language then has its own heading,
/// in a column half as wide.
fn named(mut content: Content, basque: &str) -> Content {
    let text = content
        .community
        .translations
        .get_mut(&ScreenLanguage::Eu)
        .expect("in_basque translates the community");
    text.name = basque.to_owned();
    content.validate().expect("test content is valid");
    content
}

fn name(layout: BilingualLayout) -> &'static str {
    match layout {
        BilingualLayout::SideBySide => "side-by-side",
        BilingualLayout::Alternating => "alternating",
    }
}

#[test]
fn no_bilingual_slide_overflows_and_the_qr_code_scans_on_every_one() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let shots = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for layout in [BilingualLayout::SideBySide, BilingualLayout::Alternating] {
        let cases = [
            (
                "default",
                named(
                    in_basque(default_content(), layout, false),
                    "Otsokop komunitatea",
                ),
            ),
            (
                "long-40",
                named(
                    in_basque(content_with_groups(40, 6, true), layout, true),
                    &fill("Otsokop komunitatea ", COMMUNITY_NAME),
                ),
            ),
        ];
        for (label, content) in cases {
            let server = TestServer::start_with(&still_with_link(content));
            let page = browser.blank();
            for (w, h) in SIZES {
                page.show(&server.url, w, h);
                let found: Layout = page.eval(LAYOUT_PROBLEMS);
                let at = format!("{label} {} at {w}x{h}", name(layout));
                eprintln!(
                    "{at}: {} slides, {} problems",
                    found.slides,
                    found.problems.len()
                );
                assert!(found.slides > 1, "{at}");
                assert!(found.headings > 0, "{at}: no heading checked");
                failures.extend(found.problems.iter().take(8).map(|p| format!("{at}: {p}")));
                if label != "default" {
                    continue;
                }
                // Each slide: its code scans where it is on the screen (the big one or the
                // corner's, as a phone aimed at it sees it); one picture of
                // each kind of slide in each language kept for a human to look at.
                let slides: Vec<(String, Option<String>)> = page.eval(
                    "[...document.querySelectorAll('#stage > .slide')]
                        .map((s) => [s.dataset.kind, s.getAttribute('lang')])",
                );
                let mut seen = Vec::new();
                for (i, (kind, lang)) in slides.iter().enumerate() {
                    let shot = shots.path().join(format!("{i}.png"));
                    if show_slide_and_scan(&page, i, &shot).as_deref() != Some(LINK) {
                        failures.push(format!("{at}: slide {i} ({kind}): no code scans"));
                    }
                    let key = (kind.clone(), lang.clone());
                    if !seen.contains(&key) {
                        seen.push(key);
                        let lang = lang.as_deref().map_or(String::new(), |l| format!("-{l}"));
                        let file = format!("bilingual-{}-{kind}{lang}-{w}x{h}.png", name(layout));
                        page.save_screenshot(screenshots().join(file));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The share of a groups slide's usable height its rows fill, on every slide but the last.
const MIN_FILL: f64 = 0.8;

/// The smallest type of a group name, as a share of the screen's short side: read from 2 m.
const MIN_NAME: f64 = 0.03;

#[test]
fn two_hundred_groups_at_their_longest_in_two_languages_fit_in_thirty_six_slides() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (fr, eu) = (
        catalogue(ScreenLanguage::Fr).say("continued"),
        catalogue(ScreenLanguage::Eu).say("continued"),
    );
    let mut failures = Vec::new();
    for layout in [BilingualLayout::SideBySide, BilingualLayout::Alternating] {
        // Side by side, a continued heading says so in both languages; alternating, each
        // slide in its own.
        let continued = [("fr", fr), ("eu", eu)];
        for (label, content, most) in [
            (
                "long-12",
                in_basque(content_with_groups(12, 4, true), layout, true),
                2,
            ),
            (
                "long-200",
                // Every name at the form's 80 characters, never cut: three lines each.
                in_basque(content_with_groups(200, 12, true), layout, true),
                36,
            ),
        ] {
            let server = TestServer::start_with(&still(content.clone()));
            let page = browser.blank();
            for (w, h) in SIZES {
                page.show(&server.url, w, h);
                let at = format!("{label} {} at {w}x{h}", name(layout));
                let found: Layout = page.eval(LAYOUT_PROBLEMS);
                failures.extend(found.problems.iter().take(8).map(|p| format!("{at}: {p}")));
                let figures =
                    check_groups(&page, &content, &continued, MIN_FILL, &at, &mut failures);
                eprintln!(
                    "{at}: {} groups slides in each language, least fill {}, smallest name {:.1}% of the short side",
                    figures.slides,
                    figures.least_fill,
                    figures.smallest_name * 100.0
                );
                if figures.slides > most {
                    failures.push(format!(
                        "{at}: {} groups slides, more than {most}",
                        figures.slides
                    ));
                }
                if figures.smallest_name < MIN_NAME {
                    failures.push(format!(
                        "{at}: a group name at {:.1}% of the short side",
                        figures.smallest_name * 100.0
                    ));
                }
                if label == "long-200" {
                    force_slide(&page, 2);
                    let file = format!("bilingual-{}-long-groups-{w}x{h}.png", name(layout));
                    std::fs::create_dir_all(screenshots()).unwrap();
                    page.save_screenshot(screenshots().join(file));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
