//! Lays the poster's groups out on A4 pages before the browser does.
//!
//! A printed page cannot say "continued" by itself, so the server decides which groups go on
//! which page: it estimates each group's height from its text and fills the page's columns.
//! The estimate errs on the large side, so the browser never has to cut a page in two; the
//! numbers below mirror `assets/static/print.css` and must change with it.

use crate::content::Group;

/// A4 (297 × 210 mm) less the 10 mm margins of `@page poster`.
pub const PAGE_HEIGHT_MM: f32 = 277.0;
pub const PAGE_WIDTH_MM: f32 = 190.0;
/// Side of the QR code, quiet zone included: the code itself stays above 8 cm.
pub const QR_MM: f32 = 98.0;
/// Between the QR code and the text beside it.
const HEAD_GAP_MM: f32 = 8.0;
/// Below the header, before the groups.
const HEAD_BOTTOM_MM: f32 = 6.0;
/// The "Groups" title above the columns, with its margin.
const TITLE_MM: f32 = 11.0;
pub const COLUMNS: usize = 3;
const COLUMN_GAP_MM: f32 = 5.0;
/// Room left unused at the foot of every page, for what the estimate cannot know.
const SAFETY_MM: f32 = 6.0;

const NAME: Type = Type::new(8.5, 1.2, true);
const DESC: Type = Type::new(7.5, 1.2, false);
/// Space below each group.
const GROUP_GAP_MM: f32 = 1.6;
/// A category heading: one line, its rule and its margins.
const CATEGORY: Type = Type::new(7.5, 1.2, true);
const CATEGORY_EXTRA_MM: f32 = 5.5;

const HEAD_NAME: Type = Type::new(22.0, 1.15, true);
const HEAD_CTA: Type = Type::new(13.0, 1.3, false);
const HEAD_STEP: Type = Type::new(11.0, 1.3, false);
/// Indent of the numbered steps (the number's disc).
const STEP_INDENT_MM: f32 = 10.0;
const HEAD_LINK: Type = Type::new(7.5, 1.3, false);
/// Margins between the header's blocks, summed.
const HEAD_SPACING_MM: f32 = 24.0;

const MM_PER_PT: f32 = 25.4 / 72.0;

/// A font size, line height and weight, as set in the stylesheet.
#[derive(Clone, Copy)]
struct Type {
    pt: f32,
    line_height: f32,
    bold: bool,
}

impl Type {
    const fn new(pt: f32, line_height: f32, bold: bool) -> Type {
        Type {
            pt,
            line_height,
            bold,
        }
    }

    fn scaled(self, scale: f32) -> Type {
        Type {
            pt: self.pt * scale,
            ..self
        }
    }

    fn line_mm(self) -> f32 {
        self.pt * MM_PER_PT * self.line_height
    }

    /// Height of `text` set in a box `width_mm` wide.
    fn height(self, text: &str, width_mm: f32) -> f32 {
        lines(text, self, width_mm) as f32 * self.line_mm()
    }
}

/// Advance width of a character in em, from the metrics of Arial (and Liberation Sans, which
/// shares them): the stylesheet asks for those fonts first.
fn char_em(c: char, bold: bool) -> f32 {
    let base = match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ÿ' => 'y',
        'À' | 'Â' | 'Ä' => 'A',
        'Ç' => 'C',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Î' | 'Ï' => 'I',
        'Ô' | 'Ö' => 'O',
        'Ù' | 'Û' | 'Ü' => 'U',
        other => other,
    };
    let (regular, bold_em) = match base {
        ' ' | '\u{a0}' | '.' | ',' | ':' | ';' | '!' | '/' | '\\' | '|' => (0.278, 0.278),
        'i' | 'j' | 'l' => (0.222, 0.278),
        'f' | 't' | 'I' | '\'' | '’' | '·' => (0.278, 0.333),
        'r' | '-' | '(' | ')' | '[' | ']' => (0.333, 0.389),
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' | 'J' => (0.5, 0.556),
        'a' | 'e' | '0'..='9' | '?' | '«' | '»' | '$' | '#' | '_' => (0.556, 0.556),
        'b' | 'd' | 'g' | 'h' | 'n' | 'o' | 'p' | 'q' | 'u' => (0.556, 0.611),
        'L' | 'F' | 'T' | 'Z' => (0.611, 0.611),
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' | '&' => (0.667, 0.722),
        'w' => (0.722, 0.778),
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' => (0.722, 0.722),
        'G' | 'O' | 'Q' => (0.778, 0.778),
        'm' | 'M' | 'æ' => (0.833, 0.889),
        '%' | 'W' | 'œ' | 'Œ' | '@' | '—' => (1.0, 1.0),
        '°' | '"' | '*' | '^' => (0.4, 0.475),
        '+' | '=' | '<' | '>' | '~' | '€' | '–' => (0.584, 0.584),
        // Anything else (other scripts, emoji, symbols): as wide as a square, to be safe.
        _ => (1.0, 1.0),
    };
    if bold {
        bold_em
    } else {
        regular
    }
}

/// Slack for the browser's rounding and a slightly wider fallback font.
const WIDTH_MARGIN: f32 = 1.04;

/// How many lines `text` takes, wrapped at spaces (and inside words too long for a line).
fn lines(text: &str, ty: Type, width_mm: f32) -> usize {
    let em_mm = ty.pt * MM_PER_PT * WIDTH_MARGIN;
    let space = char_em(' ', ty.bold) * em_mm;
    let mut count = 0;
    let mut used = 0.0;
    // A no-break space joins two words into one that wraps as a whole.
    for word in text.split([' ', '\n', '\t']).filter(|w| !w.is_empty()) {
        let w: f32 = word.chars().map(|c| char_em(c, ty.bold) * em_mm).sum();
        if count == 0 {
            count = 1;
        } else if used + space + w <= width_mm {
            used += space + w;
            continue;
        } else {
            count += 1;
        }
        // The word starts a line; a word wider than the line breaks where it must.
        let extra = (w / width_mm).ceil().max(1.0) as usize - 1;
        count += extra;
        used = w - extra as f32 * width_mm;
    }
    count
}

/// Lines of a monospace text that breaks anywhere (a link): every character is 0.6 em.
fn mono_lines(text: &str, ty: Type, width_mm: f32) -> usize {
    let per_line = (width_mm / (0.6 * ty.pt * MM_PER_PT * WIDTH_MARGIN))
        .floor()
        .max(1.0);
    (text.chars().count() as f32 / per_line).ceil() as usize
}

fn column_width() -> f32 {
    (PAGE_WIDTH_MM - COLUMN_GAP_MM * (COLUMNS - 1) as f32) / COLUMNS as f32
}

/// The tags a group may carry instead of its description.
#[derive(Clone, Copy)]
pub struct Notes<'a> {
    /// Not yet reachable from the community's link.
    pub pending: &'a str,
    /// During a move: already on the next platform.
    pub moved: Option<&'a str>,
}

/// What a group shows on the poster under its name.
pub fn group_note<'a>(group: &'a Group, notes: Notes<'a>) -> &'a str {
    let moved = group.next.as_ref().is_some_and(|m| m.moved);
    match notes.moved {
        Some(tag) if moved => tag,
        _ if group.in_community => &group.description,
        _ => notes.pending,
    }
}

fn group_height(group: &Group, notes: Notes<'_>, scale: f32) -> f32 {
    let width = column_width();
    let note = group_note(group, notes);
    let note_h = if note.is_empty() {
        0.0
    } else {
        DESC.scaled(scale).height(note, width)
    };
    NAME.scaled(scale).height(&group.name, width) + note_h + GROUP_GAP_MM * scale
}

/// A category heading, set in capitals by the stylesheet.
fn category_height(category: &str, scale: f32) -> f32 {
    CATEGORY
        .scaled(scale)
        .height(&category.to_uppercase(), column_width())
        + CATEGORY_EXTRA_MM * scale
}

/// The texts of the poster's header, to know how tall it grows.
pub struct Header<'a> {
    pub name: &'a str,
    pub call_to_action: &'a str,
    pub steps: &'a [String],
    pub link_label: &'a str,
    /// Set in a monospace font, under its label.
    pub link: &'a str,
    /// During a move: the message and each platform's steps, under two smaller codes.
    pub moving: Option<MoveHeader<'a>>,
}

/// The poster's header while the community moves: two codes side by side.
pub struct MoveHeader<'a> {
    pub message: &'a str,
    pub steps: [&'a [String]; 2],
    pub links: [&'a str; 2],
}

/// Side of each of the two codes of a move, quiet zone included: the code stays above 6 cm,
/// scanned from the till's counter.
pub const MOVE_QR_MM: f32 = 78.0;
/// Between the two halves of a move's header.
const MOVE_GAP_MM: f32 = 10.0;
/// The label above each code ("Today: WhatsApp"), one line.
const MOVE_LABEL: Type = Type::new(14.0, 1.3, true);
const MOVE_STEP: Type = Type::new(9.5, 1.3, false);

/// Height of the header: the QR code, or the text beside it when that is taller.
fn header_height(h: &Header<'_>) -> f32 {
    if let Some(m) = &h.moving {
        let half = (PAGE_WIDTH_MM - MOVE_GAP_MM) / 2.0;
        let side = |i: usize| {
            let steps: f32 = m.steps[i]
                .iter()
                .map(|s| MOVE_STEP.height(s, half - STEP_INDENT_MM))
                .sum();
            // The label may take two lines (a date after the name).
            2.0 * MOVE_LABEL.line_mm()
                + MOVE_QR_MM
                + steps
                + mono_lines(m.links[i], HEAD_LINK, half) as f32 * HEAD_LINK.line_mm()
        };
        return HEAD_NAME.height(h.name, PAGE_WIDTH_MM)
            + HEAD_CTA.height(m.message, PAGE_WIDTH_MM)
            + side(0).max(side(1))
            + HEAD_SPACING_MM;
    }
    let width = PAGE_WIDTH_MM - QR_MM - HEAD_GAP_MM;
    let steps: f32 = h
        .steps
        .iter()
        .map(|s| HEAD_STEP.height(s, width - STEP_INDENT_MM))
        .sum();
    let text = HEAD_NAME.height(h.name, width)
        + HEAD_CTA.height(h.call_to_action, width)
        + steps
        + HEAD_LINK.height(h.link_label, width)
        + mono_lines(h.link, HEAD_LINK, width) as f32 * HEAD_LINK.line_mm()
        + HEAD_SPACING_MM;
    text.max(QR_MM)
}

/// The groups of one category on one page.
#[derive(Debug, PartialEq)]
pub struct Section<'a> {
    pub category: &'a str,
    /// True when the category began on an earlier page.
    pub continued: bool,
    pub groups: Vec<&'a Group>,
}

/// Fills columns of a fixed height, one block after another, as `column-fill` does.
struct Columns {
    capacity: f32,
    column: usize,
    used: f32,
}

impl Columns {
    fn new(capacity: f32) -> Columns {
        Columns {
            capacity,
            column: 0,
            used: 0.0,
        }
    }

    /// Places a block that must not be cut; false when the page is full.
    fn place(&mut self, height: f32) -> bool {
        // A block taller than a whole column goes alone into one: nothing better exists.
        if self.used + height <= self.capacity || self.used == 0.0 {
            self.used += height;
            return true;
        }
        if self.column + 1 < COLUMNS {
            self.column += 1;
            self.used = height;
            return true;
        }
        false
    }
}

/// Sizes of the groups' type, largest first, with the class that sets each in the stylesheet:
/// a short list is printed bigger, since the poster is read from a step away.
const TYPE_SCALES: [(f32, &str); 3] = [(1.5, "type-150"), (1.25, "type-125"), (1.0, "type-100")];

/// Where each group goes, and how big it is printed.
pub struct Plan<'a> {
    /// The sections of each page; the first page is the one with the QR code.
    pub pages: Vec<Vec<Section<'a>>>,
    /// The stylesheet class of the chosen type size.
    pub type_class: &'static str,
}

/// The poster's plan: the largest type that keeps every group on the first page, or the
/// normal type and as many pages as needed.
pub fn plan<'a>(
    by_category: &[(&'a str, Vec<&'a Group>)],
    header: &Header<'_>,
    notes: Notes<'_>,
) -> Plan<'a> {
    let header_h = header_height(header);
    let mut plan = None;
    for (scale, type_class) in TYPE_SCALES {
        let pages = paginate(by_category, header_h, notes, scale);
        let one_page = pages.len() == 1;
        plan = Some(Plan { pages, type_class });
        if one_page {
            break;
        }
    }
    plan.expect("there is at least one type size")
}

/// Splits the groups (by category, in order) into pages: the first page has the header
/// above its columns, the others only a "continued" title.
fn paginate<'a>(
    by_category: &[(&'a str, Vec<&'a Group>)],
    header_height: f32,
    notes: Notes<'_>,
    scale: f32,
) -> Vec<Vec<Section<'a>>> {
    let first = PAGE_HEIGHT_MM - header_height - HEAD_BOTTOM_MM - TITLE_MM - SAFETY_MM;
    let other = PAGE_HEIGHT_MM - TITLE_MM - SAFETY_MM;
    let mut pages: Vec<Vec<Section<'a>>> = vec![Vec::new()];
    let mut columns = Columns::new(first);
    for (category, groups) in by_category {
        let mut section: Option<Section<'a>> = None;
        for group in groups {
            let height = group_height(group, notes, scale);
            let fits = match section {
                Some(_) => columns.place(height),
                // A heading never ends a column: it travels with its first group.
                None => columns.place(category_height(category, scale) + height),
            };
            if !fits {
                let started = section.is_some();
                let page = pages.last_mut().expect("there is always a page");
                page.extend(section.take());
                pages.push(Vec::new());
                columns = Columns::new(other);
                columns.place(category_height(category, scale) + height);
                section = Some(Section {
                    category,
                    continued: started,
                    groups: Vec::new(),
                });
            }
            section
                .get_or_insert_with(|| Section {
                    category,
                    continued: false,
                    groups: Vec::new(),
                })
                .groups
                .push(group);
        }
        pages
            .last_mut()
            .expect("there is always a page")
            .extend(section);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, category: &str) -> Group {
        Group {
            name: name.to_owned(),
            description: "Proposer ou reprendre un créneau de service".to_owned(),
            category: category.to_owned(),
            link: None,
            in_community: true,
            next: None,
            translations: Default::default(),
        }
    }

    const NOTES: Notes<'static> = Notes {
        pending: "bientôt",
        moved: None,
    };

    fn header() -> Header<'static> {
        Header {
            name: "Communauté Otsokop",
            call_to_action: "Scannez pour rejoindre les groupes des coopérateurs",
            steps: &[],
            link_label: "Ou ouvrez ce lien :",
            link: "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
            moving: None,
        }
    }

    fn groups(n: usize, per_category: usize) -> Vec<Group> {
        (0..n)
            .map(|i| {
                group(
                    &format!("Otsokop · Groupe numéro {i}"),
                    &format!("Catégorie {}", i / per_category),
                )
            })
            .collect()
    }

    fn by_category(groups: &[Group]) -> Vec<(&str, Vec<&Group>)> {
        let mut out: Vec<(&str, Vec<&Group>)> = Vec::new();
        for g in groups {
            match out.iter_mut().find(|(c, _)| *c == g.category) {
                Some((_, list)) => list.push(g),
                None => out.push((&g.category, vec![g])),
            }
        }
        out
    }

    fn names<'a>(pages: &[Vec<Section<'a>>]) -> Vec<&'a str> {
        pages
            .iter()
            .flatten()
            .flat_map(|s| s.groups.iter().map(|g| g.name.as_str()))
            .collect()
    }

    #[test]
    fn forty_ordinary_groups_fit_on_the_first_page() {
        let gs = groups(40, 6);
        let plan = plan(&by_category(&gs), &header(), NOTES);
        assert_eq!(plan.pages.len(), 1);
        assert_eq!(plan.type_class, "type-100");
    }

    #[test]
    fn a_short_list_is_printed_bigger() {
        let gs = groups(12, 4);
        let plan = plan(&by_category(&gs), &header(), NOTES);
        assert_eq!(plan.pages.len(), 1);
        assert_eq!(plan.type_class, "type-150");
    }

    #[test]
    fn eighty_groups_take_two_pages_in_order_with_nothing_lost() {
        let gs = groups(80, 6);
        let pages = plan(&by_category(&gs), &header(), NOTES).pages;
        assert_eq!(pages.len(), 2);
        let expected: Vec<&str> = gs.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names(&pages), expected);
        // The second page says which category it carries on.
        let first_on_two = &pages[1][0];
        let last_on_one = pages[0].last().unwrap();
        assert_eq!(
            first_on_two.continued,
            first_on_two.category == last_on_one.category
        );
    }

    #[test]
    fn no_section_is_empty() {
        for n in [1, 39, 40, 41, 80, 200] {
            let gs = groups(n, 7);
            let pages = plan(&by_category(&gs), &header(), NOTES).pages;
            assert!(pages.iter().flatten().all(|s| !s.groups.is_empty()));
            assert!(pages.iter().all(|p| !p.is_empty()));
        }
    }

    #[test]
    fn long_texts_take_more_lines() {
        let width = column_width();
        assert_eq!(lines("Otsokop · Annonces", NAME, width), 1);
        assert!(lines(&"mot ".repeat(40), NAME, width) >= 3);
        // A word wider than the column still counts all the lines it needs.
        assert!(lines(&"W".repeat(120), NAME, width) >= 3);
        assert_eq!(lines("", NAME, width), 0);
    }

    #[test]
    fn a_tall_header_leaves_less_room() {
        let gs = groups(40, 6);
        let long = "très long appel à rejoindre la communauté ".repeat(8);
        let tall = Header {
            call_to_action: &long,
            ..header()
        };
        let pages = plan(&by_category(&gs), &tall, NOTES).pages;
        assert!(header_height(&tall) > QR_MM);
        assert_eq!(names(&pages).len(), 40);
    }
}
