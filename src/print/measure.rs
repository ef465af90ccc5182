//! How much room a text takes once printed: its width from the metrics of Arial (the print
//! stylesheet asks for it or its metric twins first), wrapped into lines of a given width.

pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// A4 (297 × 210 mm) less the 10 mm margins of `@page poster`.
pub const PAGE_HEIGHT_MM: f32 = 277.0;
pub const PAGE_WIDTH_MM: f32 = 190.0;
/// Between the two languages' blocks beside the code (a thin rule).
pub const VOICES_GAP_MM: f32 = 5.0;

/// A font size, line height and weight, as set in the stylesheet.
#[derive(Clone, Copy)]
pub struct Type {
    pub pt: f32,
    pub line_height: f32,
    bold: bool,
}

impl Type {
    pub const fn new(pt: f32, line_height: f32, bold: bool) -> Type {
        Type {
            pt,
            line_height,
            bold,
        }
    }

    pub fn scaled(self, scale: f32) -> Type {
        Type {
            pt: self.pt * scale,
            ..self
        }
    }

    pub fn line_mm(self) -> f32 {
        self.pt * MM_PER_PT * self.line_height
    }

    /// Height of `text` set in a box `width_mm` wide.
    pub fn height(self, text: &str, width_mm: f32) -> f32 {
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
pub fn lines(text: &str, ty: Type, width_mm: f32) -> usize {
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
pub fn mono_lines(text: &str, ty: Type, width_mm: f32) -> usize {
    let per_line = (width_mm / (0.6 * ty.pt * MM_PER_PT * WIDTH_MARGIN))
        .floor()
        .max(1.0);
    (text.chars().count() as f32 / per_line).ceil() as usize
}

/// How many lines a run of texts takes, each with its own weight (a bold name followed by
/// its description, set in one paragraph at one size).
pub fn run_lines(runs: &[(&str, bool)], pt: f32, width_mm: f32) -> usize {
    let em_mm = pt * MM_PER_PT * WIDTH_MARGIN;
    let mut count = 0;
    let mut used = 0.0;
    for (text, bold) in runs {
        let space = char_em(' ', *bold) * em_mm;
        for word in text.split([' ', '\n', '\t']).filter(|w| !w.is_empty()) {
            let w: f32 = word.chars().map(|c| char_em(c, *bold) * em_mm).sum();
            if count == 0 {
                count = 1;
            } else if used + space + w <= width_mm {
                used += space + w;
                continue;
            } else {
                count += 1;
            }
            let extra = (w / width_mm).ceil().max(1.0) as usize - 1;
            count += extra;
            used = w - extra as f32 * width_mm;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Type = Type::new(8.5, 1.2, true);

    #[test]
    fn long_texts_take_more_lines() {
        let width = 60.0;
        assert_eq!(lines("Otsokop · Annonces", NAME, width), 1);
        assert!(lines(&"mot ".repeat(40), NAME, width) >= 3);
        // A word wider than the column still counts all the lines it needs.
        assert!(lines(&"W".repeat(120), NAME, width) >= 3);
        assert_eq!(lines("", NAME, width), 0);
    }

    #[test]
    fn a_run_counts_like_its_texts_joined() {
        let text = "Otsokop · Covoiturage Partager un trajet vers la coop ou le marché";
        let joined = lines(text, Type::new(8.0, 1.2, false), 40.0);
        let run = run_lines(
            &[
                ("Otsokop · Covoiturage", false),
                ("Partager un trajet vers la coop ou le marché", false),
            ],
            8.0,
            40.0,
        );
        assert_eq!(run, joined);
        // Bold is wider: never fewer lines.
        let bold = run_lines(&[(text, true)], 8.0, 40.0);
        assert!(bold >= joined);
    }
}
