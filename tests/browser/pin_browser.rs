//! "Show it now" on the open screen: a pinned message is on it at once, full screen with the
//! QR code in its corner, without a reload, at each screen size; at its end the slides come
//! back by themselves.

use crate::common;

use chrono::{Duration as Minutes, Utc};
use common::browser::Browser;
use common::slides::still;
use common::TestServer;
use std::path::Path;
use std::time::{Duration, Instant};
use vitrine::content::{default_content, Pin, Pinned};

const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 720), (1080, 1920)];

/// Far longer than the event stream takes, so that a busy machine cannot fail it.
const REACHES_THE_PAGE: Duration = Duration::from_secs(15);

const MESSAGE: &str = "Fermeture à 18 h aujourd'hui";

/// The active slide's kind, its message, how many slides the page has, whether the corner QR
/// code shows, and whether every word of the message lies inside the screen.
const SHOWN: &str = "(() => {
    const all = [...document.querySelectorAll('#stage > .slide')];
    const active = all.find((s) => s.classList.contains('active'));
    const h = active && active.querySelector('h2');
    const r = h ? h.getBoundingClientRect() : null;
    const inside = !!r && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    const corner = document.getElementById('corner-qr');
    return JSON.stringify({
        kind: active ? active.dataset.kind : null,
        text: h ? h.textContent : '',
        count: all.length,
        corner: !!corner && document.getElementById('live').classList.contains('corner-on')
            && getComputedStyle(corner).opacity === '1',
        inside,
        same: window.__same_page === true,
    });
})()";

fn message_pin(since: chrono::DateTime<Utc>, until: chrono::DateTime<Utc>) -> Pin {
    Pin {
        shows: Pinned::Message(MESSAGE.to_owned()),
        translations: Default::default(),
        by: "Maite".to_owned(),
        since,
        until,
    }
}

#[test]
fn a_pinned_message_is_on_the_open_screen_at_once_and_leaves_at_its_end() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let server = TestServer::start_with(&still(default_content()));
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        page.eval::<bool>("(() => { window.__same_page = true; return true; })()");
        let before: String = page.eval(SHOWN);
        assert!(!before.contains(MESSAGE), "{before}");

        let now = Utc::now();
        let saved = Instant::now();
        server.save(|c| c.pin = Some(message_pin(now, now + Minutes::minutes(10))));
        let js = format!("{SHOWN}.includes({:?})", format!("\"kind\":\"message\""));
        page.wait_for::<bool>(&js, REACHES_THE_PAGE);
        let shown: serde_json::Value = serde_json::from_str(&page.eval::<String>(SHOWN)).unwrap();
        eprintln!(
            "{w}x{h}: pinned message on screen {:?} after the save",
            saved.elapsed()
        );
        assert_eq!(shown["text"], MESSAGE, "{w}x{h}: {shown}");
        assert_eq!(shown["count"], 1, "{w}x{h}: the message alone: {shown}");
        assert_eq!(
            shown["corner"], true,
            "{w}x{h}: the QR code in its corner: {shown}"
        );
        assert_eq!(
            shown["inside"], true,
            "{w}x{h}: the message fits the screen: {shown}"
        );
        assert_eq!(shown["same"], true, "{w}x{h}: no reload: {shown}");
        page.save_screenshot(shots.join(format!("pinned-message-{w}x{h}.png")));

        // A pin about to end: the server tells the screen at its end, without a save.
        let now = Utc::now();
        let end = now + Minutes::seconds(3);
        server.save(|c| c.pin = Some(message_pin(end - Minutes::minutes(59), end)));
        let back = "(() => document.querySelectorAll('#stage > .slide').length > 1)()";
        page.wait_for::<bool>(back, REACHES_THE_PAGE);
        assert!(
            Utc::now() >= end,
            "{w}x{h}: the slides came back at the pin's end, not before"
        );
        server.save(|c| c.pin = None);
    }
}
