//! Lays out the poster's head while the community moves (two codes side by side, each with its
//! steps beside it) and measures it, for `fit.rs` to know the room left to the groups; the
//! numbers mirror `.move-*` in `assets/static/print.css` and must change with it.

use super::measure::{mono_lines, Type};
use super::measure::{PAGE_WIDTH_MM, VOICES_GAP_MM};

/// The poster's header while the community moves: two codes side by side.
pub struct MoveHeader<'a> {
    /// The move's line (or the call to action) in each language.
    pub messages: &'a [&'a str],
    /// Above each code, in every language ("Today: WhatsApp", and the date).
    pub labels: [&'a str; 2],
    /// The first step where both platforms say it alike, once in each language, across both.
    pub shared: &'a [&'a str],
    /// Each platform's (other) steps, in every language one after the other.
    pub steps: [&'a [&'a str]; 2],
    pub languages: usize,
    pub links: [&'a str; 2],
}

/// Side of each of the two codes of a move, quiet zone included, the steps beside it: the code
/// itself stays above 4.5 cm, scanned from the till's counter, and leaves the groups the room
/// they have without a move.
pub fn move_qr_mm(languages: usize) -> f32 {
    if languages > 1 {
        52.0
    } else {
        56.0
    }
}
/// Between the two halves of a move's header, and between a code and its steps.
const MOVE_GAP_MM: f32 = 10.0;
const MOVE_BESIDE_MM: f32 = 3.0;
/// The label above each code ("Today: WhatsApp"), then its margin.
const MOVE_LABEL: Type = Type::new(11.0, 1.3, true);
const MOVE_LABEL_BOTTOM_MM: f32 = 2.0;
/// The steps beside each code, smaller when in two languages; their disc's indent and margin.
const MOVE_STEP: Type = Type::new(8.5, 1.3, false);
const MOVE_STEP_TWO: Type = Type::new(7.5, 1.3, false);
const MOVE_STEP_INDENT_MM: f32 = 6.0;
const MOVE_STEP_BOTTOM_MM: f32 = 1.5;
/// The link under each code, and the margin above it.
const MOVE_LINK: Type = Type::new(7.5, 1.3, false);
const MOVE_LINK_TOP_MM: f32 = 2.0;
/// The move's line for shoppers (`.poster-move .cta` in print.css), and below it.
const MOVE_CTA: Type = Type::new(13.0, 1.3, true);
const MOVE_CTA_BOTTOM_MM: f32 = 2.5;
/// The first step both platforms share, across the page (`.move-shared`), and below it.
const MOVE_SHARED: Type = Type::new(9.5, 1.3, false);
const MOVE_SHARED_BOTTOM_MM: f32 = 1.5;

/// Height of a move's head: its line(s), then the two sides sharing their rows (labels; codes
/// with their steps beside them; links).
pub fn move_height(m: &MoveHeader<'_>) -> f32 {
    let half = (PAGE_WIDTH_MM - MOVE_GAP_MM) / 2.0;
    let qr = move_qr_mm(m.languages);
    let step = if m.languages > 1 {
        MOVE_STEP_TWO
    } else {
        MOVE_STEP
    };
    let beside = half - qr - MOVE_BESIDE_MM - MOVE_STEP_INDENT_MM;
    let most = |f: &dyn Fn(usize) -> f32| f(0).max(f(1));
    let label = most(&|i| MOVE_LABEL.height(m.labels[i], half));
    let steps = most(&|i| {
        m.steps[i]
            .iter()
            .map(|s| step.height(s, beside) + MOVE_STEP_BOTTOM_MM)
            .sum::<f32>()
            + VOICES_GAP_MM * (m.languages.max(1) - 1) as f32
    });
    let link = most(&|i| mono_lines(m.links[i], MOVE_LINK, half) as f32 * MOVE_LINK.line_mm());
    // Each further language's line adds its margin.
    let messages: f32 = m
        .messages
        .iter()
        .map(|line| MOVE_CTA.height(line, PAGE_WIDTH_MM) + MOVE_CTA_BOTTOM_MM)
        .sum();
    let shared: f32 = m
        .shared
        .iter()
        .map(|s| MOVE_SHARED.height(s, PAGE_WIDTH_MM - MOVE_STEP_INDENT_MM) + MOVE_SHARED_BOTTOM_MM)
        .sum::<f32>()
        + if m.shared.is_empty() { 0.0 } else { 2.0 };
    messages + shared + label + MOVE_LABEL_BOTTOM_MM + qr.max(steps) + MOVE_LINK_TOP_MM + link
}
