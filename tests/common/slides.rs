//! What the browser tests of the display share: every slide's layout problems, showing one
//! slide at once for a screenshot, reading a QR code from a screenshot, and a content with
//! every shopper-facing text translated into Basque.

use super::browser::BrowserPage;
use super::fill;
use serde::Deserialize;
use std::path::Path;
use std::process::Command;
use vitrine::content::{
    BilingualLayout, CommunityText, Content, GroupText, MessageText, ScreenLanguage, SecondLanguage,
};

/// Every slide made active in turn (as the script does), with whatever lies outside the
/// slide, outside a box that clips it, or under the corner QR code; a heading wider than its
/// box, any word split over two lines, and headings side by side of different sizes. The script's own timer cannot interfere: this runs
/// in one go.
pub const LAYOUT_PROBLEMS: &str = r#"(() => {
    const live = document.getElementById('live');
    const corner = document.getElementById('corner-qr');
    const slides = [...document.querySelectorAll('#stage > .slide')];
    const before = slides.map((s) => s.className);
    const liveBefore = live.className;
    const problems = [];
    const slack = 1;
    const inside = (r, o) => r.left >= o.left - slack && r.top >= o.top - slack
        && r.right <= o.right + slack && r.bottom <= o.bottom + slack;
    const meets = (r, o) => r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom;
    const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\s+/).join('.') : '')
        + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
    const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    let truncated = 0;
    let headings = 0;
    slides.forEach((slide, i) => {
        slides.forEach((s, k) => s.classList.toggle('active', k === i));
        const cornerOn = live.dataset.corner === 'true' && slide.dataset.kind !== 'community';
        live.classList.toggle('corner-on', cornerOn);
        const where = `slide ${i} (${slide.dataset.kind})`;
        const sr = slide.getBoundingClientRect();
        if (!inside(sr, view)) problems.push(`${where} is larger than the screen`);
        const cr = cornerOn && corner ? corner.getBoundingClientRect() : null;
        for (const el of slide.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            if (!inside(r, sr) || !inside(r, view)) {
                problems.push(`${where}: ${name(el)} sticks out (${Math.round(r.left)},${Math.round(r.top)})-(${Math.round(r.right)},${Math.round(r.bottom)})`);
                continue;
            }
            for (let a = el.parentElement; a && a !== slide; a = a.parentElement) {
                if (getComputedStyle(a).overflow !== 'visible' && !inside(r, a.getBoundingClientRect())) {
                    problems.push(`${where}: ${name(el)} is cut off by ${name(a)}`);
                    break;
                }
            }
            if (cr && meets(r, cr)) problems.push(`${where}: ${name(el)} lies under the corner QR code`);
            if (el.children.length === 0 && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) truncated++;
        }
        if (cr && !inside(cr, view)) problems.push(`${where}: the corner QR code is off screen`);
        // A heading is read whole: no word split over two lines, none wider than its box.
        for (const h of slide.querySelectorAll('h1, h2')) {
            if (h.getBoundingClientRect().width === 0) continue;
            headings++;
            if (h.scrollWidth > h.clientWidth + 1) problems.push(`${where}: ${name(h)} is wider than its box (${h.scrollWidth} > ${h.clientWidth})`);
        }
        // Side by side, the two languages' headings have the same type.
        for (const tag of ['h1', 'h2']) {
            const sizes = [...slide.querySelectorAll(`.voices.two > .voice ${tag}`)]
                .map((h) => parseFloat(getComputedStyle(h).fontSize));
            if (sizes.length > 1 && Math.max(...sizes) - Math.min(...sizes) > 0.5) {
                problems.push(`${where}: the ${tag} headings side by side differ in size (${sizes.join(', ')})`);
            }
        }
        const texts = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
        for (let t = texts.nextNode(); t; t = texts.nextNode()) {
            for (const word of t.data.matchAll(/\S+/g)) {
                const range = document.createRange();
                range.setStart(t, word.index);
                range.setEnd(t, word.index + word[0].length);
                const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
                if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
                    problems.push(`${where}: "${word[0].slice(0, 30)}" is split over two lines in ${name(t.parentElement)}`);
                }
            }
        }
    });
    slides.forEach((s, k) => { s.className = before[k]; });
    live.className = liveBefore;
    return { problems, truncated, headings, slides: slides.length };
})()"#;

#[derive(Debug, Deserialize)]
pub struct Layout {
    pub problems: Vec<String>,
    pub truncated: usize,
    /// How many headings were checked for words split or too wide.
    pub headings: usize,
    pub slides: usize,
}

/// Shows slide `i` at once (no fade) for a screenshot; the rotation timer is long in these tests.
pub fn force_slide(page: &BrowserPage, i: usize) {
    let js = format!(
        "(() => {{
            const live = document.getElementById('live');
            const slides = [...document.querySelectorAll('#stage > .slide')];
            slides.forEach((s, k) => {{ s.style.transition = 'none'; s.classList.toggle('active', k === {i}); }});
            const corner = document.getElementById('corner-qr');
            if (corner) corner.style.transition = 'none';
            live.classList.toggle('corner-on', live.dataset.corner === 'true' && slides[{i}].dataset.kind !== 'community');
            return true;
        }})()"
    );
    page.eval::<bool>(&js);
}

/// What zbar reads in a PNG, or None when it finds no code.
pub fn scan(png: &Path) -> Option<String> {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(png)
        .output()
        .expect("zbarimg runs (apt-get install zbar-tools)");
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// `content` with Basque as its second language, shown as `layout`, and every text translated
/// (to the longest allowed length when `long`, as the French is in `content_with_groups`).
pub fn in_basque(mut c: Content, layout: BilingualLayout, long: bool) -> Content {
    let eu = ScreenLanguage::Eu;
    let say = |seed: &str, max: usize| {
        if long {
            fill(&format!("{seed} "), max)
        } else {
            seed.to_owned()
        }
    };
    use vitrine::content::limits::*;
    c.display.second_language = Some(SecondLanguage {
        language: eu,
        layout,
        first: false,
    });
    c.community.translations.insert(
        eu,
        CommunityText {
            name: String::new(),
            call_to_action: say("Eskaneatu kooperatibako taldeetan sartzeko", CALL_TO_ACTION),
        },
    );
    for (i, g) in c.groups.iter_mut().enumerate() {
        let category = format!(
            "{} (eu)",
            g.category
                .chars()
                .take(GROUP_CATEGORY - 5)
                .collect::<String>()
        );
        g.translations.insert(
            eu,
            GroupText {
                description: say(&format!("{i}. taldearen deskribapena"), GROUP_DESCRIPTION),
                category,
            },
        );
    }
    for t in &mut c.tips {
        t.translations.insert(
            eu,
            MessageText {
                title: say("Aholku bat", TIP_TITLE),
                text: say("Ireki telefonoaren kamera eta zuzendu QR kodera.", TIP_TEXT),
            },
        );
    }
    for a in &mut c.announcements {
        a.translations.insert(
            eu,
            MessageText {
                title: say("Batzar nagusia", ANNOUNCEMENT_TITLE),
                text: say(
                    "Kide guztiak gonbidatuta daude batzar nagusira.",
                    ANNOUNCEMENT_TEXT,
                ),
            },
        );
    }
    c.validate().expect("test content is valid");
    c
}

/// `content` whose slides stay put unless a test moves them, so that each can be shown alone.
pub fn still(mut content: Content) -> Content {
    for setting in [
        &mut content.slides.community,
        &mut content.slides.groups,
        &mut content.slides.tips,
        &mut content.slides.announcements,
    ] {
        setting.seconds = 600;
    }
    content
}
