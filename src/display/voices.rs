//! Which languages each slide speaks: one; both side by side; or each in turn, on slides of
//! their own.
//!
//! Alternating shows each slide in one language and at once again in the other, rather than
//! a whole round in each: a shopper at the till stays a minute or two, so whoever glances at
//! a slide reads it in their language within seconds, instead of waiting for the next round.

use crate::content::{BilingualLayout, Content, ScreenLanguage};
use crate::i18n::{catalogue, Catalogue};

/// One language of a slide, with its catalogue of fixed phrases.
#[derive(Clone, Copy)]
pub struct Voice {
    pub lang: ScreenLanguage,
    pub t: &'static Catalogue,
}

impl Voice {
    pub fn of(lang: ScreenLanguage) -> Voice {
        Voice {
            lang,
            t: catalogue(lang),
        }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// The screen's languages, in the order a shopper meets them, and how they share it.
pub struct Voices {
    pub primary: ScreenLanguage,
    pub all: Vec<Voice>,
    pub layout: BilingualLayout,
}

impl Voices {
    pub fn of(content: &Content) -> Voices {
        let d = &content.display;
        Voices {
            primary: d.language,
            all: d.languages_in_order().into_iter().map(Voice::of).collect(),
            layout: d.second_language.map(|s| s.layout).unwrap_or_default(),
        }
    }

    /// The voices of each slide made of something that `speaks` in some languages: all of
    /// them on one slide, or one slide each. Something that speaks no second language is
    /// shown once, in the primary language.
    pub fn split(&self, speaks: impl Fn(ScreenLanguage) -> bool) -> Vec<Vec<Voice>> {
        let spoken: Vec<Voice> = self
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
