//! Benchmark of the display page in the browser: how much work the renderer's main
//! thread does while the screen rotates, and what a live refresh costs.
//!
//! It serves the content in-process (the test harness's `TestServer`), opens the page in
//! Debian's headless chromium at 1920×1080 and reads the DevTools protocol's
//! `Performance.getMetrics` before and after:
//!   - a stretch of rotation with the default content, and with 200 groups;
//!   - live refreshes with 200 groups: a save, then the page swaps in the new slides.
//!
//! Prints a Markdown table on stdout (bench/run.sh puts it in BENCHMARKS.md), progress on
//! stderr. `BENCH_SECONDS` sets the length of each rotation (default 60).
//!
//!     cargo test --bench display_idle

#[path = "../tests/common/mod.rs"]
mod common;

use common::browser::Browser;
use common::{content_with_groups, TestServer};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use vitrine::content::{default_content, Content};

const WIDTH: u32 = 1920;
const HEIGHT: u32 = 1080;
/// How long the page may settle after it opens (fonts, first fit) before counting starts.
const SETTLE: Duration = Duration::from_secs(3);
const REFRESHES: usize = 5;
/// A refresh is counted over this long after the save: the event, the fetch, the swap.
const REFRESH_WINDOW: Duration = Duration::from_millis(1500);

/// Counts the slide changes, from the page itself (no polling): one change is one batch of
/// class changes in which a slide became active.
const COUNT_CHANGES: &str = "(() => {
    window.__changes = 0;
    new MutationObserver((records) => {
        if (records.some((r) => !(r.oldValue || '').split(/\\s+/).includes('active')
            && r.target.classList.contains('slide') && r.target.classList.contains('active'))) window.__changes++;
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true });
    return true;
})()";

type Metrics = HashMap<String, f64>;

fn delta(a: &Metrics, b: &Metrics, name: &str) -> f64 {
    b.get(name).copied().unwrap_or(0.0) - a.get(name).copied().unwrap_or(0.0)
}

struct Rotation {
    label: String,
    slides: usize,
    seconds: f64,
    changes: u64,
    layouts: f64,
    styles: f64,
    task_ms: f64,
    script_ms: f64,
    layout_ms: f64,
    style_ms: f64,
}

fn rotation(browser: &Browser, label: &str, content: &Content, length: Duration) -> Rotation {
    eprintln!("display_idle: {label}: {length:?} of rotation");
    let server = TestServer::start_with(content);
    let page = browser.open(&server.url, WIDTH, HEIGHT);
    std::thread::sleep(SETTLE);
    page.eval::<bool>(COUNT_CHANGES);
    let slides: usize = page.eval("document.querySelectorAll('#stage > .slide').length");
    let before = page.metrics();
    let start = Instant::now();
    std::thread::sleep(length);
    let after = page.metrics();
    let seconds = start.elapsed().as_secs_f64();
    let changes: u64 = page.eval("window.__changes");
    Rotation {
        label: label.to_owned(),
        slides,
        seconds,
        changes,
        layouts: delta(&before, &after, "LayoutCount"),
        styles: delta(&before, &after, "RecalcStyleCount"),
        task_ms: delta(&before, &after, "TaskDuration") * 1000.0,
        script_ms: delta(&before, &after, "ScriptDuration") * 1000.0,
        layout_ms: delta(&before, &after, "LayoutDuration") * 1000.0,
        style_ms: delta(&before, &after, "RecalcStyleDuration") * 1000.0,
    }
}

struct Refresh {
    task_ms: f64,
    layout_ms: f64,
    layouts: f64,
    /// From the save returning to the new name in the page's active slide.
    on_screen_ms: f64,
}

fn refreshes(browser: &Browser, content: &Content) -> Vec<Refresh> {
    eprintln!("display_idle: {REFRESHES} live refreshes with 200 groups");
    let server = TestServer::start_with(content);
    let page = browser.open(&server.url, WIDTH, HEIGHT);
    std::thread::sleep(SETTLE);
    (0..REFRESHES)
        .map(|n| {
            let name = format!("Communauté renommée {n}");
            let before = page.metrics();
            let saved_at = Instant::now();
            server.save(|c| c.community.name = name.clone());
            let check =
                format!("document.querySelector('.slide-community h1').textContent === {name:?}");
            page.wait_for::<bool>(&check, REFRESH_WINDOW);
            let on_screen_ms = saved_at.elapsed().as_secs_f64() * 1000.0;
            std::thread::sleep(REFRESH_WINDOW.saturating_sub(saved_at.elapsed()));
            let after = page.metrics();
            let shown: String =
                page.eval("document.querySelector('.slide-community h1').textContent");
            assert_eq!(
                shown, name,
                "the refresh reached the page within the window"
            );
            // The page at rest costs (next to) nothing; the window is the refresh's.
            Refresh {
                task_ms: delta(&before, &after, "TaskDuration") * 1000.0,
                layout_ms: delta(&before, &after, "LayoutDuration") * 1000.0,
                layouts: delta(&before, &after, "LayoutCount"),
                on_screen_ms,
            }
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "pass"
    } else {
        "FAIL"
    }
}

fn main() {
    let length = Duration::from_secs(
        std::env::var("BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60),
    );
    let Some(browser) = Browser::launch() else {
        std::process::exit(1);
    };
    let groups = content_with_groups(200, 12, false);
    let runs = [
        rotation(&browser, "default content", &default_content(), length),
        rotation(&browser, "200 groups", &groups, length),
    ];
    let mut still = groups.clone();
    for setting in [
        &mut still.slides.community,
        &mut still.slides.groups,
        &mut still.slides.tips,
        &mut still.slides.announcements,
    ] {
        setting.seconds = 600;
    }
    let refreshed = refreshes(&browser, &still);

    println!("| rotation at {WIDTH}×{HEIGHT} | slides | seconds | slide changes | layouts | style recalcs | layouts per change | main thread busy | of which script / layout / style | target | result |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &runs {
        let per_change = r.layouts / (r.changes.max(1) as f64);
        let busy = r.task_ms / (r.seconds * 1000.0) * 100.0;
        println!(
            "| {} | {} | {:.0} | {} | {:.0} | {:.0} | {:.1} | {:.0} ms = {:.2} % | {:.0} / {:.0} / {:.0} ms | ≤ 1 %, a few layouts per change | {} |",
            r.label,
            r.slides,
            r.seconds,
            r.changes,
            r.layouts,
            r.styles,
            per_change,
            r.task_ms,
            busy,
            r.script_ms,
            r.layout_ms,
            r.style_ms,
            verdict(busy <= 1.0 && per_change <= 5.0 && r.changes > 0),
        );
    }
    let task = median(refreshed.iter().map(|r| r.task_ms).collect());
    let layout = median(refreshed.iter().map(|r| r.layout_ms).collect());
    let layouts = median(refreshed.iter().map(|r| r.layouts).collect());
    let on_screen = median(refreshed.iter().map(|r| r.on_screen_ms).collect());
    let all: Vec<String> = refreshed
        .iter()
        .map(|r| format!("{:.0}", r.task_ms))
        .collect();
    println!();
    println!("| live refresh, 200 groups | main-thread work (median of {REFRESHES}) | every refresh (ms) | of which layout | layouts | on screen after the save (median) | target | result |");
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| save → new slides on screen | {task:.0} ms | {} | {layout:.0} ms | {layouts:.0} | {on_screen:.0} ms | ≤ 50 ms of work, on screen ≤ 1 s | {} |",
        all.join(" / "),
        verdict(task <= 50.0 && on_screen <= 1000.0)
    );
}
