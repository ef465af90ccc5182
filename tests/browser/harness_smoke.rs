//! The browser harness itself: a page opens at the asked size, JS answers, a screenshot is a PNG.

use crate::common;

use common::browser::Browser;
use common::TestServer;
use std::time::Duration;

#[test]
fn the_browser_harness_opens_the_display_at_the_asked_size() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start();
    let page = browser.open(&server.url, 1280, 720);
    let size: (u32, u32) = page.eval("[innerWidth, innerHeight]");
    assert_eq!(size, (1280, 720));
    let title: String = page.wait_for("document.title || null", Duration::from_secs(5));
    assert_eq!(title, server.store.current().content.community.name);
    let png = page.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let err = page.try_eval::<u32>("nope.nope").unwrap_err();
    assert!(err.contains("nope"), "{err}");
}
