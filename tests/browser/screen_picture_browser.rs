//! The picture of the real screen with a real screen in it: Chromium's screenshot of the
//! display stands in for grim. Sent as the kiosk sends it, the small picture the dashboard shows
//! still decodes to the community link while the community slide is up, at each screen size.

use crate::common;

use common::binary::request;
use common::browser::Browser;
use common::slides::{force_slide, scan, still};
use common::TestServer;
use std::path::Path;
use std::time::Duration;
use vitrine::content::default_content;

const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 720), (1080, 1920)];

#[test]
fn the_dashboards_picture_of_the_community_slide_decodes_to_its_link() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    if !common::paper::on_path("zbarimg") {
        common::tool_missing("zbarimg (apt-get install zbar-tools)");
        return;
    }
    let content = still(default_content());
    let link = content.community.invite_link.clone();
    let server = TestServer::start_with(&content);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        let community: usize = page.wait_for(
            "(() => { const all = [...document.querySelectorAll('#stage > .slide')]; \
             const i = all.findIndex((s) => s.dataset.kind === 'community'); \
             return i >= 0 && document.fonts.status === 'loaded' ? i : null; })()",
            Duration::from_secs(15),
        );
        force_slide(&page, community);
        let png = page.screenshot();
        let sent = request(
            server.addr,
            "POST",
            "/api/screen/picture",
            &[("Content-Type", "image/png")],
            &png,
        )
        .unwrap();
        assert_eq!(sent.status, 200, "{w}x{h}: {}", sent.text());

        let shot = server.screen_picture.latest().expect("the picture kept");
        assert_eq!(shot.width.max(shot.height), 480, "{w}x{h}");
        let file = shots.join(format!("screen-picture-{w}x{h}.jpg"));
        std::fs::write(&file, &shot.jpeg).unwrap();
        assert_eq!(
            scan(&file).as_deref(),
            Some(link.as_str()),
            "{w}x{h}: the dashboard's picture ({}) does not decode to the link",
            file.display()
        );
    }
}
