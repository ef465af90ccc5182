//! The coop's colours on white paper: its accent for rules and the numbers' discs, and the
//! darkest of its colours that reads on white for headings. No dark full-page background is
//! ever printed (ink, and unreadable on a cheap printer).

use crate::content::Theme;

/// Contrast a heading needs against white (WCAG AA for text).
const READABLE: f64 = 4.5;
/// Contrast a rule or disc needs to be seen at all on white.
const VISIBLE: f64 = 1.4;
/// Contrast above which white numbers read on the accent's discs.
const WHITE_ON: f64 = 3.0;
/// Headings when none of the coop's colours reads on white.
const INK: &str = "#111111";

/// Relative luminance of a validated `#rrggbb` colour (WCAG 2).
fn luminance(hex: &str) -> Option<f64> {
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(1)? + 0.7152 * channel(3)? + 0.0722 * channel(5)?)
}

/// Contrast ratio of a colour against white paper.
fn on_white(hex: &str) -> f64 {
    luminance(hex).map_or(1.0, |l| 1.05 / (l + 0.05))
}

/// The stylesheet's custom properties for this theme on paper.
pub struct Paper {
    /// Rules, the numbers' discs.
    pub accent: String,
    /// The numbers on the discs.
    pub on_accent: &'static str,
    /// Headings, the community's name.
    pub ink: String,
}

impl Paper {
    pub fn of(theme: &Theme) -> Paper {
        let ink = [&theme.accent, &theme.background, &theme.text]
            .into_iter()
            .find(|c| on_white(c) >= READABLE)
            .map_or(INK.to_owned(), |c| c.to_owned());
        let accent = if on_white(&theme.accent) >= VISIBLE {
            theme.accent.clone()
        } else {
            ink.clone()
        };
        let on_accent = if on_white(&accent) >= WHITE_ON {
            "#ffffff"
        } else {
            INK
        };
        Paper {
            accent,
            on_accent,
            ink,
        }
    }

    /// The inline style block of a printed page (colours are validated `#rrggbb`).
    pub fn style(&self, scale: Option<f32>) -> String {
        let scale = scale.map(|s| format!(";--s:{s:.1}")).unwrap_or_default();
        format!(
            ":root{{--accent:{};--on-accent:{};--ink-accent:{}{scale}}}",
            self.accent, self.on_accent, self.ink
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(background: &str, text: &str, accent: &str) -> Theme {
        Theme {
            background: background.into(),
            text: text.into(),
            accent: accent.into(),
            logo: None,
        }
    }

    #[test]
    fn a_light_accent_draws_rules_and_the_dark_background_writes_headings() {
        let p = Paper::of(&theme("#10302a", "#ffffff", "#f6c343"));
        assert_eq!(p.accent, "#f6c343");
        assert_eq!(p.ink, "#10302a");
        assert_eq!(p.on_accent, INK);
    }

    #[test]
    fn a_dark_accent_does_both_with_white_numbers() {
        let p = Paper::of(&theme("#ffffff", "#000000", "#b0103a"));
        assert_eq!((p.accent.as_str(), p.ink.as_str()), ("#b0103a", "#b0103a"));
        assert_eq!(p.on_accent, "#ffffff");
    }

    #[test]
    fn colours_that_vanish_on_white_give_way_to_ink() {
        let p = Paper::of(&theme("#ffffff", "#fafafa", "#fefefe"));
        assert_eq!((p.accent.as_str(), p.ink.as_str()), (INK, INK));
        assert_eq!(p.on_accent, "#ffffff");
    }
}
