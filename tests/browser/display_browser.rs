//! The display in a real browser (Debian's headless chromium), at the three screen sizes a
//! till may have: no slide overflows, slides rotate, a saved change is on screen within a
//! second, the page outlives its server, and the QR code on screen scans to the link.
//!
//! Screenshots of every kind of slide land in `target/screenshots/` for a human to look at.

use crate::common;

use common::admin::png;
use common::browser::Browser;
use common::slides::{check_groups, force_slide, in_basque, scan, still, Layout, LAYOUT_PROBLEMS};
use common::{content_with_groups, TestServer};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vitrine::content::{
    default_content, Announcement, BilingualLayout, Content, Platform, ScreenLanguage,
};
use vitrine::i18n::catalogue;

const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 720), (1080, 1920)];

/// The shortest slide duration the content accepts (`MIN_SECONDS` in src/limits/content.rs).
const QUICK: u32 = 3;

/// The link every test screen encodes; the test decodes it back from pixels.
const LINK: &str = "https://chat.whatsapp.com/VitrineTestLink0123456789";

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

/// Index of the active slide, its kind, and whether the corner QR code is showing.
const ACTIVE: &str = "(() => {
    const all = [...document.querySelectorAll('#stage > .slide')];
    const i = all.findIndex((s) => s.classList.contains('active'));
    return { index: i, kind: i < 0 ? null : all[i].dataset.kind, count: all.length };
})()";

#[derive(Debug, Deserialize, PartialEq)]
struct Active {
    index: i64,
    kind: Option<String>,
    count: usize,
}

#[test]
fn no_slide_overflows_at_any_size_with_any_number_of_groups() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let cases: Vec<(String, Content)> = vec![
        ("default".into(), default_content()),
        ("long-0".into(), content_with_groups(0, 1, true)),
        ("long-12".into(), content_with_groups(12, 4, true)),
        ("long-40".into(), content_with_groups(40, 6, true)),
        ("long-200".into(), content_with_groups(200, 12, true)),
        ("short-200".into(), content_with_groups(200, 200, false)),
    ];
    let mut failures = Vec::new();
    for (label, content) in cases {
        let server = TestServer::start_with(&still(content));
        let page = browser.blank();
        for (w, h) in SIZES {
            page.show(&server.url, w, h);
            let layout: Layout = page.eval(LAYOUT_PROBLEMS);
            assert!(layout.slides > 0);
            assert!(
                layout.headings > 0,
                "{label} at {w}x{h}: no heading checked"
            );
            eprintln!(
                "{label} at {w}x{h}: {} slides, {} problems, {} texts shortened with an ellipsis",
                layout.slides,
                layout.problems.len(),
                layout.truncated
            );
            for p in layout.problems.iter().take(8) {
                failures.push(format!("{label} at {w}x{h}: {p}"));
            }
            if label == "default" || label == "long-200" {
                // One screenshot of each kind of slide.
                let kinds: Vec<String> = page.eval(
                    "[...document.querySelectorAll('#stage > .slide')].map((s) => s.dataset.kind)",
                );
                let mut seen = Vec::new();
                for (i, kind) in kinds.iter().enumerate() {
                    if seen.contains(kind) {
                        continue;
                    }
                    seen.push(kind.clone());
                    force_slide(&page, i);
                    page.save_screenshot(screenshots().join(format!("{label}-{kind}-{w}x{h}.png")));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "overflowing slides:\n{}",
        failures.join("\n")
    );
}

/// The share of a groups slide's usable height its rows fill, on every slide but the last.
const MIN_FILL: f64 = 0.8;

/// The smallest type of a group name, as a share of the screen's short side: read from 2 m.
const MIN_NAME: f64 = 0.03;

#[test]
fn the_groups_fill_the_screen_showing_them_each_once_with_continued_categories_marked() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let suite = catalogue(ScreenLanguage::Fr).say("continued");
    // (label, content, at most this many groups slides at every size). The long cases give
    // every group an 80-character name, the form's limit: never cut, such a name takes three
    // lines, so about six groups fit a slide at 1920x1080.
    let cases = [
        ("long-12", content_with_groups(12, 4, true), 2),
        ("long-40", content_with_groups(40, 3, true), 7),
        ("long-200", content_with_groups(200, 12, true), 36),
        ("short-200", content_with_groups(200, 200, false), 25),
    ];
    let mut failures = Vec::new();
    for (label, content, most) in cases {
        let server = TestServer::start_with(&still(content.clone()));
        let page = browser.blank();
        for (w, h) in SIZES {
            page.show(&server.url, w, h);
            let at = format!("{label} at {w}x{h}");
            let figures = check_groups(
                &page,
                &content,
                &[("fr", suite)],
                MIN_FILL,
                &at,
                &mut failures,
            );
            eprintln!(
                "{at}: {} groups slides, least fill {}, smallest name {:.1}% of the short side",
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
            if label == "long-40" {
                force_slide(&page, 2);
                page.save_screenshot(screenshots().join(format!("{label}-groups-2-{w}x{h}.png")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_groups_are_laid_out_again_when_the_content_or_the_screen_changes() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let suite = [("fr", catalogue(ScreenLanguage::Fr).say("continued"))];
    let mut failures = Vec::new();
    let server = TestServer::start_with(&still(content_with_groups(12, 4, true)));
    let page = browser.open(&server.url, 1920, 1080);

    // A save with more groups: the open page lays them out for its screen, without a reload.
    let more = content_with_groups(40, 3, true);
    server.save(|c| c.groups = more.groups.clone());
    page.wait_for::<bool>(
        "document.querySelectorAll('.slide-groups .group').length === 40",
        REACHES_THE_PAGE,
    );
    let wide = check_groups(
        &page,
        &more,
        &suite,
        MIN_FILL,
        "after a save",
        &mut failures,
    );

    // The screen turned: the same groups, one column a slide, the full height.
    page.resize(1080, 1920);
    page.wait_for::<bool>(
        "[...document.querySelectorAll('.slide-groups')].every((s) => s.querySelectorAll('.column').length === 1)",
        Duration::from_secs(5),
    );
    let turned = check_groups(&page, &more, &suite, MIN_FILL, "turned", &mut failures);
    let layout: Layout = page.eval(LAYOUT_PROBLEMS);
    failures.extend(
        layout
            .problems
            .iter()
            .take(8)
            .map(|p| format!("turned: {p}")),
    );

    // As many slides as on a page opened on a tall screen in the first place.
    let fresh = browser.open(&server.url, 1080, 1920);
    let tall = check_groups(&fresh, &more, &suite, MIN_FILL, "tall", &mut failures);
    eprintln!(
        "40 groups: {} slides wide after a save, {} once turned, {} opened tall",
        wide.slides, turned.slides, tall.slides
    );
    assert_eq!(turned.slides, tall.slides);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// For each text slide (tip or announcement): how much of the usable height its words take,
/// and, for a picture, how far its centre lies from the slide's (in pixels).
const TEXT_SLIDES: &str = r#"(() => {
    const all = [...document.querySelectorAll('#stage > .slide')];
    const before = all.map((s) => s.className);
    const out = all.filter((s) => s.dataset.kind === 'tip' || s.dataset.kind === 'announcement')
        .map((slide) => {
            all.forEach((s) => s.classList.toggle('active', s === slide));
            const r = slide.getBoundingClientRect();
            const cs = getComputedStyle(slide);
            const top = r.top + parseFloat(cs.paddingTop);
            const bottom = r.bottom - parseFloat(cs.paddingBottom);
            const left = r.left + parseFloat(cs.paddingLeft);
            const right = r.right - parseFloat(cs.paddingRight);
            const words = [...slide.querySelectorAll('.kicker, h2, .body')].map((e) => e.getBoundingClientRect());
            const picture = slide.querySelector('.picture');
            // Where the picture is drawn in its box: whole (object-fit: contain), placed by
            // its object-position.
            let drawn = null;
            if (picture && picture.naturalWidth > 0) {
                const b = picture.getBoundingClientRect();
                const scale = Math.min(b.width / picture.naturalWidth, b.height / picture.naturalHeight);
                const w = picture.naturalWidth * scale;
                const x = parseFloat(getComputedStyle(picture).objectPosition) / 100;
                drawn = { left: b.left + (b.width - w) * x, right: b.left + (b.width - w) * x + w };
            }
            const p = drawn;
            return {
                kind: slide.dataset.kind,
                height: (Math.max(...words.map((w) => w.bottom)) - Math.min(...words.map((w) => w.top))) / (bottom - top),
                picture_off_centre: p ? Math.abs((p.left + p.right) / 2 - (left + right) / 2) : null,
            };
        });
    all.forEach((s, k) => { s.className = before[k]; });
    return out;
})()"#;

#[derive(Debug, Deserialize)]
struct TextSlide {
    kind: String,
    height: f64,
    picture_off_centre: Option<f64>,
}

/// The least share of the usable height the words of a text slide without a picture take:
/// a short tip is set large rather than left as a small block in an empty screen. On a tall
/// screen a short message is as large as the width lets its longest word be, about half the
/// height.
const TEXT_FILL: f64 = 0.6;
const TEXT_FILL_TALL: f64 = 0.45;

#[test]
fn text_slides_use_their_space_and_a_picture_is_centred_on_a_tall_screen() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let picture = format!("{}.png", "ab".repeat(32));
    let with_picture = |mut c: Content| {
        c.announcements = vec![
            Announcement {
                title: "Assemblée générale".into(),
                text: "Samedi à 10 h, salle des fêtes".into(),
                image: Some(picture.clone()),
                ..Default::default()
            },
            Announcement {
                title: "Fermé lundi".into(),
                ..Default::default()
            },
        ];
        c
    };
    let mut failures = Vec::new();
    for (label, content) in [
        ("one language", with_picture(default_content())),
        (
            "side by side",
            in_basque(
                with_picture(default_content()),
                BilingualLayout::SideBySide,
                false,
            ),
        ),
    ] {
        let server = TestServer::start_with(&still(content));
        let media = server.data_dir().join("media");
        std::fs::create_dir_all(&media).unwrap();
        // As an upload of a phone photo is stored: 1920 px on its longest side.
        std::fs::write(media.join(&picture), png(1920, 1440)).unwrap();
        let page = browser.blank();
        for (w, h) in SIZES {
            page.show(&server.url, w, h);
            page.wait_for::<bool>(
                "[...document.querySelectorAll('.picture')].every((i) => i.complete && i.naturalWidth > 0)",
                Duration::from_secs(10),
            );
            let at = format!("{label} at {w}x{h}");
            // Chromium is never asked to decode a picture bigger than its screen.
            let decoded: Vec<(u32, u32)> = page.eval(
                "[...document.querySelectorAll('.picture')].map((i) => [i.naturalWidth, i.naturalHeight])",
            );
            assert!(!decoded.is_empty(), "{at}: no picture");
            for (pw, ph) in decoded {
                if pw > w || ph > h {
                    failures.push(format!("{at}: a {pw}x{ph} picture decoded"));
                }
            }
            let layout: Layout = page.eval(LAYOUT_PROBLEMS);
            failures.extend(layout.problems.iter().take(8).map(|p| format!("{at}: {p}")));
            let slides: Vec<TextSlide> = page.eval(TEXT_SLIDES);
            assert!(
                slides.iter().any(|s| s.picture_off_centre.is_some()),
                "{at}: the picture is shown"
            );
            for (i, s) in slides.iter().enumerate() {
                eprintln!(
                    "{at}: {} {i}: words over {:.0}% of the height, picture off centre {:?}",
                    s.kind,
                    s.height * 100.0,
                    s.picture_off_centre
                );
                match s.picture_off_centre {
                    Some(off) if h > w && off > 2.0 => {
                        failures.push(format!("{at}: the picture is {off:.0} px off centre"))
                    }
                    None if s.height < if h > w { TEXT_FILL_TALL } else { TEXT_FILL } => failures
                        .push(format!(
                            "{at}: {} {i}: its words take {:.0}% of the height",
                            s.kind,
                            s.height * 100.0
                        )),
                    _ => {}
                }
            }
            let kinds: Vec<String> = page.eval(
                "[...document.querySelectorAll('#stage > .slide')].map((s) => s.dataset.kind)",
            );
            let first = kinds.iter().position(|k| k == "announcement").unwrap();
            for (i, name) in [(first, "picture"), (first + 1, "words")] {
                force_slide(&page, i);
                let file = format!(
                    "announcement-{name}-{}-{w}x{h}.png",
                    label.replace(' ', "-")
                );
                page.save_screenshot(screenshots().join(file));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn quick(mut content: Content) -> Content {
    for setting in [
        &mut content.slides.community,
        &mut content.slides.groups,
        &mut content.slides.tips,
        &mut content.slides.announcements,
    ] {
        setting.seconds = QUICK;
    }
    content
}

#[test]
fn slides_rotate_by_themselves() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start_with(&quick(default_content()));
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        let first: Active = page.eval(ACTIVE);
        assert_eq!(first.index, 0, "{w}x{h}");
        assert_eq!(first.kind.as_deref(), Some("community"));
        assert!(first.count > 3);
        let mut seen = vec![0];
        // Two moves on, each within the slide's 3 s and some slack for a busy machine.
        for _ in 0..2 {
            let last = *seen.last().unwrap();
            let next: i64 = page.wait_for(
                &format!("(() => {{ const a = {ACTIVE}; return a.index !== {last} ? a.index : null; }})()"),
                Duration::from_secs(8),
            );
            assert_eq!(next, last + 1, "{w}x{h}: the next slide, in order");
            seen.push(next);
        }
        // Only one slide is shown, and it is fully there once its fade is over.
        let shown: f64 = page.wait_for(
            "(() => { const a = document.querySelector('#stage > .slide.active');
                      const o = +getComputedStyle(a).opacity; return o === 1 ? o : null; })()",
            Duration::from_secs(3),
        );
        assert_eq!(shown, 1.0);
        let hidden: Vec<String> = page.eval(
            "[...document.querySelectorAll('#stage > .slide:not(.active)')].map((s) => s.getAttribute('aria-hidden'))",
        );
        assert!(!hidden.is_empty(), "other slides exist to be hidden");
        assert!(hidden.iter().all(|h| h == "true"));
    }
}

/// Records, every frame, the opacity of the active slide: a blank frame shows as 0.
const WATCH_FRAMES: &str = "(() => {
    window.__lowest = 1;
    const tick = () => {
        const a = document.querySelector('#stage > .slide.active');
        window.__lowest = Math.min(window.__lowest, a ? +getComputedStyle(a).opacity : 0);
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
})()";

/// How long the test waits for a save to reach the open page: far beyond what it takes (tens of
/// milliseconds, measured by `bench/display_idle.rs`), so a busy machine cannot fail it; the
/// speed itself is a benchmark figure, not a test.
const REACHES_THE_PAGE: Duration = Duration::from_secs(15);

#[test]
fn a_saved_change_reaches_the_open_page_without_a_reload_or_a_blank_frame() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start_with(&still(default_content()));
    for (n, (w, h)) in SIZES.into_iter().enumerate() {
        let page = browser.open(&server.url, w, h);
        page.eval::<bool>(WATCH_FRAMES);
        // A mark on this very document: a reload would lose it.
        page.eval::<bool>("(() => { window.__same_page = true; return true; })()");
        let name = format!("Communauté renommée {n}");
        let saved_at = Instant::now();
        server.save(|c| c.community.name = name.clone());
        let js = format!(
            "(() => {{ const h = document.querySelector('#stage > .slide.active h1');
                       return h && h.textContent === {name:?} && h.getClientRects().length > 0; }})()"
        );
        page.wait_for::<bool>(&js, REACHES_THE_PAGE);
        eprintln!(
            "{w}x{h}: change on screen {:?} after the save",
            saved_at.elapsed()
        );
        let same: bool = page.eval("window.__same_page === true");
        assert!(
            same,
            "{w}x{h}: the change came in place, without reloading the page"
        );
        let lowest: f64 = page.eval("window.__lowest");
        assert_eq!(lowest, 1.0, "{w}x{h}: the slide never blinked");
    }
}

#[test]
fn the_page_keeps_rotating_without_its_server_and_picks_up_when_it_is_back() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut server = TestServer::start_with(&quick(default_content()));
    let page = browser.open(&server.url, 1920, 1080);
    let url: String = page.eval("location.href");
    server.stop();

    // Without a server, the slides still move on, and the page stays the display.
    let mut last: i64 = page.eval::<Active>(ACTIVE).index;
    for _ in 0..3 {
        last = page.wait_for(
            &format!(
                "(() => {{ const a = {ACTIVE}; return a.index !== {last} ? a.index : null; }})()"
            ),
            Duration::from_secs(8),
        );
        let still_here: (String, bool) =
            page.eval("[location.href, !!document.getElementById('live')]");
        assert_eq!(still_here, (url.clone(), true), "no browser error page");
    }

    let mut back = still(default_content());
    back.community.name = "De retour".into();
    back.tips[0].title = "Astuce après le redémarrage".into();
    server.write_content(&back);
    server.start_again();
    page.wait_for::<bool>(
        "[...document.querySelectorAll('.slide-tip h2')].some((h) => h.textContent === 'Astuce après le redémarrage')",
        Duration::from_secs(15),
    );
    let title: (String, String) =
        page.eval("[location.href, document.querySelector('.slide-community h1').textContent]");
    assert_eq!(title, (url, "De retour".to_owned()));
}

#[test]
fn the_qr_codes_on_screen_scan_to_the_configured_link() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut content = still(default_content());
    content.community.platform = Platform::Whatsapp;
    content.community.invite_link = LINK.into();
    // The community slide moves on quickly; the next one stays, with the corner code.
    content.slides.community.seconds = QUICK;
    let server = TestServer::start_with(&content);
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        let shot = page.save_screenshot(screenshots().join(format!("qr-community-{w}x{h}.png")));
        let active: Active = page.eval(ACTIVE);
        assert_eq!(active.kind.as_deref(), Some("community"), "{w}x{h}");
        assert_eq!(scan(&shot).as_deref(), Some(LINK), "{w}x{h}: big code");

        page.wait_for::<bool>(
            "(() => { const a = document.querySelector('#stage > .slide.active');
                      const c = document.getElementById('corner-qr');
                      return a.dataset.kind !== 'community' && +getComputedStyle(a).opacity === 1
                          && +getComputedStyle(c).opacity === 1; })()",
            Duration::from_secs(8),
        );
        let shot = page.save_screenshot(screenshots().join(format!("qr-corner-{w}x{h}.png")));
        assert_eq!(scan(&shot).as_deref(), Some(LINK), "{w}x{h}: corner code");
    }
}
