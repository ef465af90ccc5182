//! Which languages each slide speaks: one; both side by side; or each in turn, on slides of
//! their own.
//!
//! Alternating shows each slide in one language and at once again in the other, rather than
//! a whole round in each: a shopper at the till stays a minute or two, so whoever glances at
//! a slide reads it in their language within seconds, instead of waiting for the next round.

use crate::content::{BilingualLayout, Content, ScreenLanguage};
use crate::i18n::voice::Voice;

/// The screen's languages, in the order a shopper meets them, and how they share it.
pub struct Voices<'a> {
    pub primary: ScreenLanguage,
    pub all: Vec<Voice<'a>>,
    pub layout: BilingualLayout,
}

impl<'a> Voices<'a> {
    pub fn of(content: &'a Content) -> Voices<'a> {
        let d = &content.display;
        Voices {
            primary: d.language,
            all: Voice::all(content),
            layout: d.second_language.map(|s| s.layout).unwrap_or_default(),
        }
    }

    /// The voices of each slide made of something that `speaks` in some languages: all of
    /// them on one slide, or one slide each. Something that speaks no second language is
    /// shown once, in the primary language.
    pub fn split(&self, speaks: impl Fn(ScreenLanguage) -> bool) -> Vec<Vec<Voice<'a>>> {
        let spoken: Vec<Voice<'a>> = self
            .all
            .iter()
            .copied()
            .filter(|v| v.lang == self.primary || speaks(v.lang))
            .collect();
        match self.layout {
            BilingualLayout::SideBySide => vec![spoken],
            BilingualLayout::Alternating => spoken.into_iter().map(|v| vec![v]).collect(),
        }
    }
}
