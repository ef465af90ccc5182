//! Lays the poster's groups out on A4 pages and columns before the browser does.
//!
//! A printed page cannot say "continued" by itself, so the server decides which groups go in
//! which column of which page: it estimates each block's height from its text (`measure.rs`),
//! picks the largest type with which every group fits on the first page, and balances the
//! columns so that the list fills the page. The estimate errs on the large side, so the browser
//! never has to cut a page in two; the numbers below mirror `assets/static/print.css` and must
//! change with it.

use super::measure::{mono_lines, run_lines, Type, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, VOICES_GAP_MM};
use super::move_head::{move_height, MoveHeader};
use std::ops::Range;

/// Side of the QR code, quiet zone included: the code itself stays above 8 cm.
pub const QR_MM: f32 = 98.0;
/// Side of the QR code of a poster in two languages, whose steps take twice the room: the code
/// stays above 6 cm, scanned from the till's counter (as during a move).
pub const QR_TWO_MM: f32 = 78.0;
/// Between the QR code and the text beside it.
const HEAD_GAP_MM: f32 = 7.0;
/// Below the header, before the groups.
const HEAD_BOTTOM_MM: f32 = 5.0;
/// The "Groups" title above the columns: one line, its rule and its margin; it grows with
/// the groups' type (`max(16pt, 9pt × scale)`), to stay above them.
const GROUPS_TITLE: Type = Type::new(16.0, 1.2, true);
const GROUPS_TITLE_PER_SCALE_PT: f32 = 9.0;
const GROUPS_TITLE_EXTRA_MM: f32 = 5.0;
pub const COLUMNS: usize = 3;
const COLUMN_GAP_MM: f32 = 5.0;
/// Room left unused at the foot of every page, for what the estimate cannot know.
const SAFETY_MM: f32 = 5.0;

/// A group: its name in bold, then its description(s), in one paragraph.
const GROUP_PT: f32 = 8.0;
const GROUP_LINE_HEIGHT: f32 = 1.22;
/// Space below each group.
const GROUP_GAP_MM: f32 = 1.2;
/// A category heading, its rule and its margins.
const CATEGORY: Type = Type::new(7.5, 1.2, true);
const CATEGORY_EXTRA_MM: f32 = 5.5;

/// The community's name(s) at the top of the poster, with the coop's logo.
const TITLE: Type = Type::new(28.0, 1.1, true);
/// Smaller during a move, whose two codes need the room.
const MOVE_TITLE: Type = Type::new(20.0, 1.1, true);
/// The rule under the title and the margins around it.
const TITLE_EXTRA_MM: f32 = 8.0;
/// Height of the logo; its width is at most `LOGO_WIDTH_MM`, then a gap.
pub const LOGO_MM: f32 = 16.0;
const LOGO_WIDTH_MM: f32 = 46.0;
/// Between the two names of a poster in two languages.
const NAMES_GAP_MM: f32 = 8.0;

const HEAD_CTA: Type = Type::new(15.0, 1.25, true);
const HEAD_STEP: Type = Type::new(12.5, 1.3, false);
const TWO_CTA: Type = Type::new(11.5, 1.3, true);
const TWO_STEP: Type = Type::new(10.0, 1.3, false);
/// Indent of the numbered steps (the number's disc).
const STEP_INDENT_MM: f32 = 9.0;
/// Margins of one language's block beside the code: below its call, below each step.
const CTA_BOTTOM_MM: f32 = 3.0;
const STEP_BOTTOM_MM: f32 = 2.0;

/// The link at the foot of the first page, for whoever cannot scan.
const FOOT: Type = Type::new(9.0, 1.3, false);
/// Its rule and margins.
const FOOT_EXTRA_MM: f32 = 6.0;

fn column_width() -> f32 {
    (PAGE_WIDTH_MM - COLUMN_GAP_MM * (COLUMNS - 1) as f32) / COLUMNS as f32
}

/// One group as the poster prints it.
pub struct Entry<'a> {
    pub name: &'a str,
    /// What follows the name: descriptions, or tags, in each language that has one.
    pub notes: Vec<&'a str>,
}

/// One category: its heading (every language, as printed) and its groups.
pub struct Category<'a> {
    pub heading: String,
    /// The heading where the category continues, with "continued".
    pub heading_continued: String,
    pub entries: Vec<Entry<'a>>,
}

fn entry_height(e: &Entry<'_>, scale: f32) -> f32 {
    let mut runs = vec![(e.name, true)];
    runs.extend(e.notes.iter().map(|n| (*n, false)));
    let pt = GROUP_PT * scale;
    let line = pt * super::measure::MM_PER_PT * GROUP_LINE_HEIGHT;
    run_lines(&runs, pt, column_width()) as f32 * line + GROUP_GAP_MM * scale
}

/// A category heading, set in capitals by the stylesheet.
fn heading_height(heading: &str, scale: f32) -> f32 {
    CATEGORY
        .scaled(scale)
        .height(&heading.to_uppercase(), column_width())
        + CATEGORY_EXTRA_MM * scale
}

/// The texts of the first page's head, to know how tall it grows.
pub struct Header<'a> {
    /// The community's name in each language that says it differently.
    pub names: Vec<&'a str>,
    pub logo: bool,
    /// Beside the code, each language's call to action (when it has one) and steps.
    pub voices: Vec<(Option<&'a str>, Vec<&'a str>)>,
    /// The foot: "Or open this link:" in each language, then the link in monospace.
    pub link_labels: Vec<&'a str>,
    pub link: &'a str,
    /// During a move: the message and each platform's steps, under two smaller codes.
    pub moving: Option<MoveHeader<'a>>,
}

/// The side of the QR code: smaller when two languages share the room beside it.
pub fn qr_mm(voices: usize) -> f32 {
    if voices > 1 {
        QR_TWO_MM
    } else {
        QR_MM
    }
}

/// Height of the title row: the names (side by side when two), or the logo when taller.
fn title_height(h: &Header<'_>) -> f32 {
    let logo = if h.logo { LOGO_WIDTH_MM } else { 0.0 };
    let n = h.names.len().max(1) as f32;
    let width = (PAGE_WIDTH_MM - logo - NAMES_GAP_MM * (n - 1.0)) / n;
    let text = h
        .names
        .iter()
        .map(|name| {
            let ty = if h.moving.is_some() {
                MOVE_TITLE
            } else {
                TITLE
            };
            ty.height(name, width)
        })
        .fold(0.0, f32::max);
    text.max(if h.logo { LOGO_MM } else { 0.0 }) + TITLE_EXTRA_MM
}

/// Height of the head under the title: the QR code, or the text beside it when taller.
fn head_height(h: &Header<'_>) -> f32 {
    if let Some(m) = &h.moving {
        return move_height(m);
    }
    let qr = qr_mm(h.voices.len());
    let width = PAGE_WIDTH_MM - qr - HEAD_GAP_MM;
    let (cta_type, step_type) = if h.voices.len() > 1 {
        (TWO_CTA, TWO_STEP)
    } else {
        (HEAD_CTA, HEAD_STEP)
    };
    let text: f32 = h
        .voices
        .iter()
        .map(|(cta, steps)| {
            cta.map_or(0.0, |c| cta_type.height(c, width) + CTA_BOTTOM_MM)
                + steps
                    .iter()
                    .map(|s| step_type.height(s, width - STEP_INDENT_MM) + STEP_BOTTOM_MM)
                    .sum::<f32>()
        })
        .sum::<f32>()
        + VOICES_GAP_MM * (h.voices.len().max(1) - 1) as f32;
    text.max(qr)
}

/// Height of the foot with the link.
fn foot_height(h: &Header<'_>) -> f32 {
    // Counted as if the labels were set in monospace too, which is wider.
    let line = format!("{} {}", h.link_labels.join(" / "), h.link);
    mono_lines(&line, FOOT, PAGE_WIDTH_MM) as f32 * FOOT.line_mm() + FOOT_EXTRA_MM
}

/// The groups of one category in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Index of the category.
    pub category: usize,
    /// True when the category began in an earlier column or page: its heading says so.
    pub continued: bool,
    /// Indexes of its groups in the category.
    pub entries: Range<usize>,
}

/// The columns of one page, each a list of sections.
pub type Page = Vec<Vec<Section>>;

/// Where each group goes, and how big it is printed.
pub struct Plan {
    /// The columns of each page; the first page is the one with the QR code.
    pub pages: Vec<Page>,
    /// The size of the groups' type, 1 being the stylesheet's.
    pub scale: f32,
}

/// Sizes of the groups' type tried, largest first (tenths): a short list is printed bigger,
/// since the poster is read from a step away; a long one in two languages smaller, so that
/// it still holds on one page.
const SCALES: Range<u32> = 7..25;

/// The poster's plan: the largest type that keeps every group on the first page, its columns
/// balanced; or the smallest type and as many pages as needed.
pub fn plan(categories: &[Category<'_>], header: &Header<'_>) -> Plan {
    let fixed = title_height(header)
        + head_height(header)
        + HEAD_BOTTOM_MM
        + foot_height(header)
        + SAFETY_MM;
    let first = |scale| PAGE_HEIGHT_MM - fixed - groups_title_height(scale);
    let other = |scale| PAGE_HEIGHT_MM - groups_title_height(scale) - SAFETY_MM;
    for tenths in SCALES.rev() {
        let scale = tenths as f32 / 10.0;
        let first = first(scale);
        if fill(categories, first, other(scale), scale).len() == 1 {
            return Plan {
                pages: vec![balanced(categories, first, scale)],
                scale,
            };
        }
    }
    let scale = SCALES.start as f32 / 10.0;
    Plan {
        pages: fill(categories, first(scale), other(scale), scale),
        scale,
    }
}

fn groups_title_height(scale: f32) -> f32 {
    let pt = GROUPS_TITLE.pt.max(GROUPS_TITLE_PER_SCALE_PT * scale);
    GROUPS_TITLE.scaled(pt / GROUPS_TITLE.pt).line_mm() + GROUPS_TITLE_EXTRA_MM
}

/// The one page of groups with columns as even as can be: the shortest column height with
/// which they still fit on one page.
fn balanced(categories: &[Category<'_>], first: f32, scale: f32) -> Page {
    let (mut low, mut high) = (0.0, first);
    for _ in 0..24 {
        let mid = (low + high) / 2.0;
        if fill(categories, mid, mid, scale).len() == 1 {
            high = mid;
        } else {
            low = mid;
        }
    }
    fill(categories, high, high, scale).remove(0)
}

/// Fills columns of height `first` (on the first page) and `other` (on the next ones), block
/// after block, in order. A heading never ends a column: it travels with its first group, and
/// a category that goes on in the next column or page says so in a heading of its own.
fn fill(categories: &[Category<'_>], first: f32, other: f32, scale: f32) -> Vec<Page> {
    let mut pages: Vec<Page> = vec![vec![Vec::new()]];
    let mut capacity = first;
    let mut used = 0.0;
    for (ci, category) in categories.iter().enumerate() {
        let mut started = false;
        for (gi, entry) in category.entries.iter().enumerate() {
            let height = entry_height(entry, scale);
            let page = pages.last_mut().expect("there is always a page");
            let column = page.last_mut().expect("there is always a column");
            let here = column.last_mut().filter(|s| s.category == ci);
            if let Some(section) = here {
                if used + height <= capacity {
                    used += height;
                    section.entries.end = gi + 1;
                    continue;
                }
            }
            let heading = if started {
                &category.heading_continued
            } else {
                &category.heading
            };
            let block = heading_height(heading, scale) + height;
            let in_this_column = column.last().is_none_or(|s| s.category != ci);
            // A block taller than a whole column goes alone into one: nothing better exists.
            if !(in_this_column && (used + block <= capacity || used == 0.0)) {
                if page.len() < COLUMNS {
                    page.push(Vec::new());
                } else {
                    pages.push(vec![Vec::new()]);
                    capacity = other;
                }
                used = 0.0;
            }
            used += block;
            let page = pages.last_mut().expect("there is always a page");
            page.last_mut()
                .expect("there is always a column")
                .push(Section {
                    category: ci,
                    continued: started,
                    entries: gi..gi + 1,
                });
            started = true;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header<'a>(two: bool) -> Header<'a> {
        let steps = vec![
            "Ouvrez l'appareil photo de votre téléphone et visez le QR code",
            "Touchez le lien qui apparaît : WhatsApp s'ouvre sur la communauté",
            "Touchez « Rejoindre la communauté », puis choisissez vos groupes",
        ];
        let mut voices = vec![(
            Some("Scannez pour rejoindre les groupes des coopérateurs"),
            steps.clone(),
        )];
        if two {
            voices.push((Some("Eskaneatu kooperatibako taldeetan sartzeko"), steps));
        }
        Header {
            names: vec!["Communauté Otsokop"],
            logo: two,
            voices,
            link_labels: vec!["Ou ouvrez ce lien :"],
            link: "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
            moving: None,
        }
    }

    const NAME: &str = "Otsokop · Échanges de créneaux n°12";
    const FR: &str = "Proposer ou reprendre un créneau de service";
    const EU: &str = "12. taldearen deskribapena";

    fn categories(n: usize, per_category: usize, two: bool) -> Vec<Category<'static>> {
        let mut out: Vec<Category<'static>> = Vec::new();
        for i in 0..n {
            if i % per_category == 0 {
                out.push(Category {
                    heading: format!("Catégorie {i}"),
                    heading_continued: format!("Catégorie {i} (suite)"),
                    entries: Vec::new(),
                });
            }
            let notes = if two { vec![FR, EU] } else { vec![FR] };
            let last = out.last_mut().unwrap();
            last.entries.push(Entry { name: NAME, notes });
        }
        out
    }

    /// Every (category, group) in the order the plan prints them.
    fn order(pages: &[Page]) -> Vec<(usize, usize)> {
        pages
            .iter()
            .flatten()
            .flatten()
            .flat_map(|s| s.entries.clone().map(move |g| (s.category, g)))
            .collect()
    }

    fn expected(cats: &[Category<'_>]) -> Vec<(usize, usize)> {
        cats.iter()
            .enumerate()
            .flat_map(|(c, cat)| (0..cat.entries.len()).map(move |g| (c, g)))
            .collect()
    }

    #[test]
    fn forty_groups_fit_on_the_first_page_in_one_language_or_two() {
        for two in [false, true] {
            let cats = categories(40, 6, two);
            let plan = plan(&cats, &header(two));
            assert_eq!(plan.pages.len(), 1, "two languages: {two}");
            assert_eq!(order(&plan.pages), expected(&cats));
        }
        // Two languages take more room, so their type is smaller, but never below the least.
        let one = plan(&categories(40, 6, false), &header(false)).scale;
        let two = plan(&categories(40, 6, true), &header(true)).scale;
        let least = SCALES.start as f32 / 10.0;
        assert!(two < one && two >= least, "{one} {two}");
    }

    #[test]
    fn a_short_list_is_printed_bigger() {
        let plan12 = plan(&categories(12, 4, false), &header(false));
        let plan40 = plan(&categories(40, 6, false), &header(false));
        assert_eq!(plan12.pages.len(), 1);
        assert!(plan12.scale > plan40.scale + 0.2, "{}", plan12.scale);
    }

    #[test]
    fn the_columns_of_one_page_are_even() {
        let cats = categories(40, 6, false);
        let plan = plan(&cats, &header(false));
        let heights: Vec<f32> = plan.pages[0]
            .iter()
            .map(|column| {
                column
                    .iter()
                    .map(|s| {
                        heading_height("Catégorie", plan.scale)
                            + s.entries
                                .clone()
                                .map(|g| entry_height(&cats[s.category].entries[g], plan.scale))
                                .sum::<f32>()
                    })
                    .sum()
            })
            .collect();
        assert_eq!(heights.len(), COLUMNS);
        let (low, high) = (
            heights.iter().cloned().fold(f32::MAX, f32::min),
            heights.iter().cloned().fold(0.0, f32::max),
        );
        assert!(high - low < 25.0, "{heights:?}");
    }

    #[test]
    fn a_category_that_goes_on_in_the_next_column_says_so() {
        // One category of 40 groups cannot stay in one column.
        let cats = categories(40, 40, false);
        let plan = plan(&cats, &header(false));
        let sections: Vec<&Section> = plan.pages.iter().flatten().flatten().collect();
        assert!(sections.len() >= 2);
        assert!(!sections[0].continued);
        assert!(sections[1..].iter().all(|s| s.continued && s.category == 0));
    }

    #[test]
    fn a_hundred_groups_take_more_pages_in_order_with_nothing_lost() {
        let cats = categories(100, 6, true);
        let plan = plan(&cats, &header(true));
        assert!(plan.pages.len() >= 2);
        assert_eq!(order(&plan.pages), expected(&cats));
        // Every column of a page but the last is used, and no section is empty.
        for page in &plan.pages[..plan.pages.len() - 1] {
            assert_eq!(page.len(), COLUMNS);
        }
        let sections = plan.pages.iter().flatten().flatten();
        assert!(sections.clone().all(|s| !s.entries.is_empty()));
        // A section goes on from the one before it exactly when they share a category.
        let all: Vec<&Section> = sections.collect();
        for pair in all.windows(2) {
            assert_eq!(pair[1].continued, pair[0].category == pair[1].category);
        }
    }

    #[test]
    fn a_tall_header_leaves_less_room() {
        let cats = categories(40, 6, false);
        let long = "très long appel à rejoindre la communauté ".repeat(8);
        let mut tall = header(false);
        tall.voices[0].0 = Some(&long);
        assert!(head_height(&tall) > QR_MM);
        assert!(plan(&cats, &tall).scale < plan(&cats, &header(false)).scale);
    }
}
