//! The display at rest, counted by the browser itself (DevTools `Performance.getMetrics`):
//! a still slide makes the page lay out and restyle nothing, and a slide change costs a few
//! layouts, with the default content and with 200 groups (35 slides). These assert counts,
//! never durations: how long things take is for the benchmark (bench/display_idle.rs).

use crate::common;

use common::browser::{Browser, BrowserPage};
use common::{content_with_groups, TestServer};
use std::time::Duration;
use vitrine::content::{default_content, Content};

/// How long a still slide is watched.
const WATCH: Duration = Duration::from_secs(3);
/// The most layouts a slide change may cost: the new slide, the old one leaving the layout
/// when its fade ends, and one spare for a frame the fades straddle.
const LAYOUTS_PER_CHANGE: f64 = 4.0;

fn with_seconds(mut content: Content, seconds: u32) -> Content {
    for setting in [
        &mut content.slides.community,
        &mut content.slides.groups,
        &mut content.slides.tips,
        &mut content.slides.announcements,
    ] {
        setting.seconds = seconds;
    }
    content
}

fn counts(page: &BrowserPage) -> (f64, f64) {
    let m = page.metrics();
    (m["LayoutCount"], m["RecalcStyleCount"])
}

/// Waits until the page's start is over: its fonts loaded, its animations started (a
/// composited animation's start, reported back from the compositor, restyles the page once:
/// late on a loaded machine) and two frames drawn after.
fn started(page: &BrowserPage) {
    page.eval::<bool>(
        "document.fonts.ready
            .then(() => Promise.all(document.getAnimations().map((a) => a.ready)))
            .then(() => new Promise((done) =>
                requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))",
    );
}

/// Started, and then its counts unchanged over a second (bounded): what is counted next is
/// the page at rest.
fn settled(page: &BrowserPage) {
    started(page);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut last = counts(page);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = counts(page);
        if now == last {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the page kept laying out or restyling for 20 s after its start: {last:?} then {now:?}"
        );
        last = now;
    }
}

/// Notes what could restyle the page while it is watched (a changed attribute or node, the
/// focus, an animation's start or end), for the failure's message to say what moved.
const WITNESS: &str = "(() => {
    const seen = (window.__seen = []);
    new MutationObserver((records) => records.forEach((r) =>
        seen.push(`${r.type} ${r.target.nodeName}.${r.target.className} ${r.attributeName || ''}`)))
        .observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
    for (const kind of ['focus', 'blur', 'animationstart', 'animationend', 'visibilitychange', 'resize'])
        addEventListener(kind, (e) => seen.push(`${kind} ${e.target.nodeName || 'window'}`), true);
    return true;
})()";

#[test]
fn a_still_slide_costs_no_layout_and_no_style_recalculation() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    for (label, content) in [
        ("default", default_content()),
        ("200 groups", content_with_groups(200, 12, false)),
    ] {
        let server = TestServer::start_with(&with_seconds(content, 600));
        for (w, h) in [(1920, 1080), (1080, 1920)] {
            let page = browser.open(&server.url, w, h);
            started(&page);
            // Asked before the count starts: the question itself restyles the page, a
            // moment later (seen when the count began just after it, on a loaded machine).
            let running: usize = page.eval("document.getAnimations().length");
            assert_eq!(running, 1, "{label} {w}x{h}: only the progress bar moves");
            settled(&page);
            page.eval::<bool>(WITNESS);
            let before = counts(&page);
            std::thread::sleep(WATCH);
            let after = counts(&page);
            let seen: Vec<String> = page.eval("window.__seen || []");
            eprintln!("{label} at {w}x{h}: {before:?} then {after:?} over {WATCH:?}");
            assert_eq!(
                after, before,
                "{label} at {w}x{h}: (layouts, style recalculations) while nothing changes; \
                 the page saw {seen:?}"
            );
        }
    }
}

#[test]
fn a_slide_change_costs_a_few_layouts() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    for (label, content) in [
        ("default", default_content()),
        ("200 groups", content_with_groups(200, 12, false)),
    ] {
        // The shortest slide the content accepts (MIN_SECONDS in src/limits/content.rs).
        let server = TestServer::start_with(&with_seconds(content, 3));
        let page = browser.open(&server.url, 1920, 1080);
        started(&page);
        let before = counts(&page);
        let start: i64 = page.eval(
            "[...document.querySelectorAll('#stage > .slide')].findIndex((s) => s.classList.contains('active'))",
        );
        // Two changes, then the end of the second fade (a fade is 800 ms).
        let moved: i64 = page.wait_for(
            &format!(
                "(() => {{ const i = [...document.querySelectorAll('#stage > .slide')]
                    .findIndex((s) => s.classList.contains('active'));
                    return i >= {start} + 2 && !document.querySelector('.slide.leaving') ? i : null; }})()"
            ),
            Duration::from_secs(20),
        );
        let after = counts(&page);
        let changes = (moved - start) as f64;
        let layouts = after.0 - before.0;
        eprintln!(
            "{label}: {changes} changes, {layouts} layouts, {} style recalculations",
            after.1 - before.1
        );
        assert!(
            layouts <= LAYOUTS_PER_CHANGE * changes,
            "{label}: {layouts} layouts for {changes} slide changes"
        );
    }
}
