//! A move in a real browser: the community slide's two codes both scan from screenshots at the
//! three screen sizes and from the screen scaled to 40 %; the corner code on the other slides
//! scans to the new platform; the poster prints on one A4 page whose two codes both scan; the
//! dashboard says when this computer's clock and the screen's differ. Screenshots and the PDF
//! stay in `target/screenshots/` and the test's temporary folder for a human to look at.

use crate::common;

use common::browser::{Browser, CHROMIUM};
use common::paper;
use common::TestServer;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use vitrine::content::{default_content, Content, GroupMove, LinkKind, NextPlatform, Platform};

const OLD: &str = "https://chat.whatsapp.com/VitrineTestLink0123456789";
const NEW: &str = "https://t.me/+VitrineNouveauLien01";
const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 720), (1080, 1920)];

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

fn moving() -> Content {
    let mut c = default_content();
    c.community.invite_link = OLD.into();
    c.community.next = Some(NextPlatform {
        platform: Platform::Telegram,
        invite_link: NEW.into(),
        link_kind: LinkKind::Group,
        switch_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        message: "Nous passons sur Telegram le 1er mars".into(),
        translations: Default::default(),
        link_checked: None,
    });
    c.groups[0].next = Some(GroupMove {
        link: None,
        moved: true,
    });
    // The community slide stays until the test moves on.
    c.slides.community.seconds = 600;
    c.slides.groups.seconds = 600;
    c.validate().expect("valid test content");
    c
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
}

/// True when the tools are there; else fails under CI, or says why and the test skips.
fn tools(needed: &[&str]) -> bool {
    let missing: Vec<_> = needed.iter().filter(|t| !on_path(t)).collect();
    if missing.is_empty() && Path::new(CHROMIUM).exists() {
        return true;
    }
    common::tool_missing(&format!(
        "{missing:?} or {CHROMIUM} not installed (apt-get install chromium poppler-utils zbar-tools)"
    ));
    false
}

/// Every code zbar reads in a PNG, sorted.
fn scan(png: &Path) -> Vec<String> {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(png)
        .output()
        .expect("zbarimg runs");
    let mut codes: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    codes.sort();
    codes
}

/// Writes `from` (a screenshot) scaled to 40 % as a grey PNG, each pixel the average of the
/// 2.5 × 2.5 screen pixels it covers (what a smaller view of the screen shows).
fn shrink_to_forty_percent(from: &Path, to: &Path) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(from).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.line_size / w;
    let grey = |x: usize, y: usize| {
        let i = y * info.line_size + x * channels;
        if channels >= 3 {
            (299 * buf[i] as u32 + 587 * buf[i + 1] as u32 + 114 * buf[i + 2] as u32) / 1000
        } else {
            buf[i] as u32
        }
    };
    let (sw, sh) = (w * 2 / 5, h * 2 / 5);
    let mut out = Vec::with_capacity(sw * sh);
    for oy in 0..sh {
        let (y0, y1) = (oy * 5 / 2, ((oy + 1) * 5).div_ceil(2).min(h));
        for ox in 0..sw {
            let (x0, x1) = (ox * 5 / 2, ((ox + 1) * 5).div_ceil(2).min(w));
            let mut sum = 0;
            for y in y0..y1 {
                for x in x0..x1 {
                    sum += grey(x, y);
                }
            }
            out.push((sum / ((y1 - y0) * (x1 - x0)) as u32) as u8);
        }
    }
    let file = std::io::BufWriter::new(std::fs::File::create(to).unwrap());
    let mut encoder = png::Encoder::new(file, sw as u32, sh as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&out)
        .unwrap();
}

fn both() -> Vec<String> {
    let mut v = vec![OLD.to_owned(), NEW.to_owned()];
    v.sort();
    v
}

#[test]
fn both_codes_scan_at_every_size_and_scaled_to_forty_percent_and_the_corner_is_the_new_one() {
    if !tools(&["zbarimg"]) {
        return;
    }
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start_with(&moving());
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        let kind: String =
            page.eval("document.querySelector('#stage > .slide.active').dataset.kind");
        assert_eq!(kind, "community");
        let labels: Vec<String> = page.eval(
            "[...document.querySelectorAll('.slide.active .move-label')].map((e) => e.textContent)",
        );
        assert_eq!(labels.len(), 2, "{w}x{h}: {labels:?}");
        // Both codes are wholly on screen, side by side, and not cut by the slide.
        let inside: bool = page.eval(
            "[...document.querySelectorAll('.slide.active .qr-move')].every((q) => {
                const r = q.getBoundingClientRect();
                return r.width > 150 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
            })",
        );
        assert!(inside, "{w}x{h}: a code is off screen or too small");
        // Nothing of the slide (labels, steps) sticks out of the screen or is clipped.
        let out: Vec<String> = page.eval(
            "(() => { const s = document.querySelector('#stage > .slide.active').getBoundingClientRect();
                return [...document.querySelectorAll('#stage > .slide.active *')].filter((e) => {
                    const r = e.getBoundingClientRect();
                    return r.width > 0 && (r.left < s.left - 1 || r.top < s.top - 1 || r.right > s.right + 1 || r.bottom > s.bottom + 1
                        || r.right > innerWidth + 1 || r.bottom > innerHeight + 1);
                }).map((e) => e.className + ' ' + (e.textContent || '').slice(0, 30)); })()",
        );
        let count: usize =
            page.eval("document.querySelectorAll('#stage > .slide.active *').length");
        assert!(count > 10, "{w}x{h}: the slide has its elements");
        assert!(out.is_empty(), "{w}x{h}: sticks out: {out:?}");
        let shot = page.save_screenshot(screenshots().join(format!("move-community-{w}x{h}.png")));
        assert_eq!(scan(&shot), both(), "{w}x{h}: both codes scan");

        if (w, h) == (1920, 1080) {
            // The screen seen at 40 % (a small preview, a photo from further away).
            let small_path = screenshots().join("move-community-40pc.png");
            shrink_to_forty_percent(&shot, &small_path);
            assert_eq!(scan(&small_path), both(), "both codes scan at 40 %");
        }

        // Another slide: the corner code is the new platform's, labelled.
        page.eval::<bool>(
            "(() => {
                const slides = [...document.querySelectorAll('#stage > .slide')];
                const i = slides.findIndex((s) => s.dataset.kind === 'groups');
                slides.forEach((s, k) => { s.style.transition = 'none'; s.classList.toggle('active', k === i); });
                const c = document.getElementById('corner-qr');
                c.style.transition = 'none';
                document.getElementById('live').classList.add('corner-on');
                return true;
            })()",
        );
        page.wait_for::<bool>(
            "+getComputedStyle(document.getElementById('corner-qr')).opacity === 1",
            Duration::from_secs(5),
        );
        let label: String = page.eval("document.querySelector('#corner-qr p').textContent");
        assert_eq!(label, "Bientôt : Telegram");
        let shot = page.save_screenshot(screenshots().join(format!("move-corner-{w}x{h}.png")));
        assert_eq!(scan(&shot), [NEW.to_owned()], "{w}x{h}: the corner code");
    }
}

#[test]
fn with_the_longest_name_and_message_both_codes_still_fit_and_scan() {
    if !tools(&["zbarimg"]) {
        return;
    }
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut c = moving();
    c.community.name = common::fill(
        "Communauté des coopérateurs d'Otsokop ",
        vitrine::limits::content::COMMUNITY_NAME,
    );
    c.community.next.as_mut().unwrap().message = common::fill(
        "Nous passons sur Telegram le premier mars, venez nous y rejoindre ",
        vitrine::limits::content::MOVE_MESSAGE,
    );
    c.validate().unwrap();
    let server = TestServer::start_with(&c);
    for (w, h) in SIZES {
        let page = browser.open(&server.url, w, h);
        let out: Vec<String> = page.eval(
            "(() => { const s = document.querySelector('#stage > .slide.active').getBoundingClientRect();
                return [...document.querySelectorAll('#stage > .slide.active *')].filter((e) => {
                    const r = e.getBoundingClientRect();
                    return r.width > 0 && (r.right > s.right + 1 || r.bottom > s.bottom + 1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1);
                }).map((e) => e.className); })()",
        );
        assert!(out.is_empty(), "{w}x{h}: sticks out: {out:?}");
        let shot = page.save_screenshot(screenshots().join(format!("move-long-{w}x{h}.png")));
        assert_eq!(scan(&shot), both(), "{w}x{h}: both codes scan");
    }
}

#[test]
fn the_poster_of_a_move_prints_on_one_a4_page_whose_two_codes_scan() {
    if !paper::printing_tools() {
        return;
    }
    let bilingual = common::slides::in_basque(
        moving(),
        vitrine::content::BilingualLayout::SideBySide,
        false,
    );
    for (name, content) in [
        ("move-poster", moving()),
        ("move-poster-bilingual", bilingual),
    ] {
        let server = TestServer::start_with(&content);
        let pdf = paper::print_to_pdf(&format!("{}/poster", server.url), name);
        assert_eq!(paper::page_count(&pdf), 1, "{name}: one A4 page");
        let info = paper::run(Command::new("pdfinfo").arg(&pdf), Duration::from_secs(30));
        assert!(
            String::from_utf8_lossy(&info).contains("(A4)"),
            "{name}: A4"
        );
        assert_eq!(
            scan(&paper::first_page_png(&pdf)),
            both(),
            "{name}: both codes scan on paper"
        );
    }
}

#[test]
fn the_dashboard_says_when_this_computers_clock_and_the_screens_differ() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start_with(&moving());
    let page = browser.open(&format!("{}/admin", server.url), 1280, 900);
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
    // The dashboard, once the form's page has gone (it was at /admin too).
    page.wait_for::<bool>(
        "location.pathname === '/admin' && !!document.getElementById('clock-skew')",
        Duration::from_secs(10),
    );
    // Same clock: nothing said.
    let hidden: bool = page.eval("document.getElementById('clock-skew').hidden");
    assert!(hidden, "the clocks agree");
    page.save_screenshot(screenshots().join("move-dashboard.png"));

    // The screen's clock is an hour and a half behind this computer's.
    server
        .clock
        .set(Some(chrono::Utc::now() - chrono::Duration::minutes(90)));
    page.goto(&format!("{}/admin", server.url));
    let text: String = page.wait_for(
        "(() => { const n = document.getElementById('clock-skew'); return n.hidden ? null : n.textContent; })()",
        Duration::from_secs(5),
    );
    assert!(text.contains("diffèrent de 90 minutes"), "{text}");
    assert!(text.contains("sudo date -s '"), "{text}");
    page.save_screenshot(screenshots().join("move-dashboard-clock.png"));
}
