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
#[track_caller]
pub fn force_slide(page: &BrowserPage, i: usize) {
    page.eval::<bool>(&format!("({})", show_slide(i)));
}

/// An expression that shows slide `i` at once and gives `true`.
fn show_slide(i: usize) -> String {
    format!(
        "(() => {{
            const live = document.getElementById('live');
            const slides = [...document.querySelectorAll('#stage > .slide')];
            slides.forEach((s, k) => {{ s.style.transition = 'none'; s.classList.toggle('active', k === {i}); }});
            const corner = document.getElementById('corner-qr');
            if (corner) corner.style.transition = 'none';
            live.classList.toggle('corner-on', live.dataset.corner === 'true' && slides[{i}].dataset.kind !== 'community');
            return true;
        }})()"
    )
}

/// Where on the screen a shopper aims their phone at the slide shown: the box of the active
/// slide's own code (the big one, or both during a move) and of the corner's when it is on,
/// with half its size again on each side (its white margin, and whatever would lie over it),
/// within the screen: `[x, y, width, height]`, or `null` when no code is shown.
const CODE_ON_SCREEN: &str = r#"(() => {
    const slide = document.querySelector('#stage > .slide.active');
    const own = slide ? [...slide.querySelectorAll('.qr-big, .qr-move')] : [];
    const corner = document.getElementById('live').classList.contains('corner-on')
        ? [document.querySelector('#corner-qr .qr')] : [];
    const boxes = [...own, ...corner].filter((e) => e)
        .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    if (boxes.length === 0) return null;
    const left = Math.min(...boxes.map((r) => r.left - r.width / 2));
    const top = Math.min(...boxes.map((r) => r.top - r.height / 2));
    const right = Math.max(...boxes.map((r) => r.right + r.width / 2));
    const bottom = Math.max(...boxes.map((r) => r.bottom + r.height / 2));
    const x = Math.max(0, Math.floor(left));
    const y = Math.max(0, Math.floor(top));
    return [x, y, Math.min(innerWidth, Math.ceil(right)) - x, Math.min(innerHeight, Math.ceil(bottom)) - y];
})()"#;

/// Shows slide `i` at once (as `force_slide`) and returns what zbar reads on the part of the
/// screen where it has its QR code (see `CODE_ON_SCREEN`), as a phone aimed at it would;
/// `None` when the slide shows no code or none scans there. The picture is written to `png`.
#[track_caller]
pub fn show_slide_and_scan(page: &BrowserPage, i: usize, png: &Path) -> Option<String> {
    let js = format!("({} && {CODE_ON_SCREEN})", show_slide(i));
    let [x, y, width, height] = page.eval::<Option<[f64; 4]>>(&js)?;
    std::fs::write(png, page.screenshot_of(x, y, width, height)).expect("picture written");
    scan(png)
}

/// What zbar reads in a PNG, or None when it finds no code.
#[track_caller]
pub fn scan(png: &Path) -> Option<String> {
    let _timed = super::browser::Timed::new("scan");
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
    use vitrine::limits::content::*;
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

/// Each groups slide made active in turn, as the script laid it out for this screen: its
/// language, how much of its usable height its rows fill, the names it shows, the smallest
/// type of a name, and each column's first and last rows (with the visible text of the first).
pub const GROUPS_LAYOUT: &str = r#"(() => {
    const all = [...document.querySelectorAll('#stage > .slide')];
    const before = all.map((s) => s.className);
    const out = all.filter((s) => s.dataset.kind === 'groups').map((slide) => {
        all.forEach((s) => s.classList.toggle('active', s === slide));
        const r = slide.getBoundingClientRect();
        const cs = getComputedStyle(slide);
        const top = r.top + parseFloat(cs.paddingTop);
        const bottom = r.bottom - parseFloat(cs.paddingBottom);
        const rows = [...slide.querySelectorAll('.column > .row')];
        const lowest = Math.max(...rows.map((row) => row.getBoundingClientRect().bottom));
        const names = [...slide.querySelectorAll('.group .name')];
        const columnsTop = slide.querySelector('.columns').getBoundingClientRect().top;
        const head = [...slide.querySelectorAll('.slide-head *')].map((el) => el.getBoundingClientRect());
        return {
            head_on_rows: head.some((e) => e.height > 0 && e.bottom > columnsTop + 1),
            lang: slide.getAttribute('lang') || '',
            fill: (lowest - top) / (bottom - top),
            names: names.map((n) => n.textContent),
            smallest_name: Math.min(...names.map((n) => parseFloat(getComputedStyle(n).fontSize))),
            columns: [...slide.querySelectorAll('.column')].map((c) => {
                const first = c.firstElementChild;
                const last = c.lastElementChild;
                return {
                    first_is_heading: first.classList.contains('category'),
                    first_category: first.dataset.category,
                    first_text: first.innerText,
                    last_category: last.dataset.category,
                };
            }),
        };
    });
    all.forEach((s, k) => { s.className = before[k]; });
    return { short_side: Math.min(innerWidth, innerHeight), slides: out };
})()"#;

#[derive(Debug, Deserialize)]
pub struct GroupsLayout {
    pub short_side: f64,
    pub slides: Vec<GroupsSlide>,
}

#[derive(Debug, Deserialize)]
pub struct GroupsSlide {
    pub lang: String,
    /// Whether the title or the count reaches down over the rows.
    pub head_on_rows: bool,
    pub fill: f64,
    pub names: Vec<String>,
    pub smallest_name: f64,
    pub columns: Vec<GroupsColumn>,
}

#[derive(Debug, Deserialize)]
pub struct GroupsColumn {
    pub first_is_heading: bool,
    pub first_category: String,
    pub first_text: String,
    pub last_category: String,
}

/// What the groups slides of one screen add up to, for each of its languages.
#[derive(Debug)]
pub struct GroupsFigures {
    /// Groups slides in one language (the same in each).
    pub slides: usize,
    /// The least fill among the slides that are not the last ("-" when there is one slide).
    pub least_fill: String,
    /// The smallest type of a group name, as a share of the screen's short side.
    pub smallest_name: f64,
}

/// Checks the groups slides on `page` against `content`, whose "continued" phrases are given
/// by language (`("fr", "suite")`; a slide in two languages must show each of them): in each
/// language every group shown once and in order, no title lying on the rows, every column
/// starting with its category's heading, marked as continued exactly when the category began
/// in an earlier column, and every slide but the last filled to `min_fill` of its usable
/// height. Problems go into
/// `failures`, prefixed with `at`.
pub fn check_groups(
    page: &BrowserPage,
    content: &Content,
    continued: &[(&str, &str)],
    min_fill: f64,
    at: &str,
    failures: &mut Vec<String>,
) -> GroupsFigures {
    let layout: GroupsLayout = page.eval(GROUPS_LAYOUT);
    let expected: Vec<String> = content
        .groups_by_category()
        .into_iter()
        .flat_map(|(_, groups)| groups.into_iter().map(|g| g.name.clone()))
        .collect();
    let mut langs: Vec<&str> = Vec::new();
    for s in &layout.slides {
        if !langs.contains(&s.lang.as_str()) {
            langs.push(&s.lang);
        }
    }
    let mut counts = Vec::new();
    let mut least_fill = f64::INFINITY;
    let mut smallest = f64::INFINITY;
    for lang in &langs {
        let slides: Vec<&GroupsSlide> = layout.slides.iter().filter(|s| s.lang == *lang).collect();
        counts.push(slides.len());
        let shown: Vec<String> = slides.iter().flat_map(|s| s.names.clone()).collect();
        if shown != expected {
            failures.push(format!(
                "{at} [{lang}]: {} names shown for {} groups, or not in order",
                shown.len(),
                expected.len()
            ));
        }
        let mut previous: Option<&str> = None;
        for (n, slide) in slides.iter().enumerate() {
            smallest = smallest.min(slide.smallest_name);
            if slide.head_on_rows {
                failures.push(format!(
                    "{at} [{lang}]: the title of groups slide {} lies on its rows",
                    n + 1
                ));
            }
            if n + 1 < slides.len() {
                least_fill = least_fill.min(slide.fill);
                if slide.fill < min_fill {
                    failures.push(format!(
                        "{at} [{lang}]: groups slide {} fills {:.0}% of its height",
                        n + 1,
                        slide.fill * 100.0
                    ));
                }
            }
            let words: Vec<&str> = continued
                .iter()
                .filter(|(l, _)| lang.is_empty() || l == lang)
                .map(|(_, word)| *word)
                .collect();
            assert!(!words.is_empty(), "{at}: no continued phrase for {lang:?}");
            for (k, column) in slide.columns.iter().enumerate() {
                let goes_on = previous == Some(column.first_category.as_str());
                let marked = words
                    .iter()
                    .all(|word| column.first_text.contains(&format!("({word})")));
                let unmarked = words
                    .iter()
                    .all(|word| !column.first_text.contains(&format!("({word})")));
                if !column.first_is_heading || (goes_on && !marked) || (!goes_on && !unmarked) {
                    failures.push(format!(
                        "{at} [{lang}]: slide {} column {} starts with {:?} (category goes on: {goes_on})",
                        n + 1,
                        k + 1,
                        column.first_text
                    ));
                }
                previous = Some(&column.last_category);
            }
        }
    }
    if counts.windows(2).any(|w| w[0] != w[1]) {
        failures.push(format!(
            "{at}: not as many groups slides in each language: {counts:?}"
        ));
    }
    GroupsFigures {
        slides: counts.first().copied().unwrap_or(0),
        least_fill: if least_fill.is_finite() {
            format!("{:.0}%", least_fill * 100.0)
        } else {
            "-".to_owned()
        },
        smallest_name: smallest / layout.short_side,
    }
}
