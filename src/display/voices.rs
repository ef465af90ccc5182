//! Which languages each slide speaks: one; both side by side; or each in turn, on slides of
//! their own.
//!
//! Alternating shows each slide in one language and at once again in the other, rather than
//! a whole round in each: a shopper at the till stays a minute or two, so whoever glances at
//! a slide reads it in their language within seconds, instead of waiting for the next round.

use crate::content::{BilingualLayout, Community, Content, LinkKind, Platform, ScreenLanguage};
use crate::i18n::{catalogue, Catalogue, PlatformTexts};
use std::collections::BTreeMap;

/// The phrase `field` of a voice's catalogue, in the coop's own words when it has them.
macro_rules! say {
    ($v:expr, $field:ident) => {
        $v.say(stringify!($field), $v.t.$field)
    };
}
pub(crate) use say;

/// One language of a slide: its catalogue of fixed phrases, and the coop's own wording of
/// some of them (`display.phrases`).
#[derive(Clone, Copy)]
pub struct Voice<'a> {
    pub lang: ScreenLanguage,
    pub t: &'static Catalogue,
    own: Option<&'a BTreeMap<String, String>>,
}

impl<'a> Voice<'a> {
    pub fn of(content: &'a Content, lang: ScreenLanguage) -> Voice<'a> {
        Voice {
            lang,
            t: catalogue(lang),
            own: content.display.phrases.get(&lang),
        }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The phrase named `key` (`src/i18n/phrases.rs`): the coop's wording, else `default`.
    pub fn say(&self, key: &str, default: &'a str) -> &'a str {
        self.own
            .and_then(|own| own.get(key))
            .map_or(default, String::as_str)
    }

    /// "page 2 of 3".
    pub fn page(&self, n: usize, total: usize) -> String {
        say!(self, page_of)
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// The platform's name in a sentence ("the messaging app" when it has none).
    pub fn platform_name(&self, platform: Platform) -> &'a str {
        match platform {
            Platform::Other => say!(self, platform_generic),
            known => known.label(),
        }
    }

    /// A date as a sentence says it: "1 mars 2027".
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = day.month0() as usize;
        say!(self, date_format)
            .replace("{d}", &day.day().to_string())
            .replace(
                "{m}",
                self.say(&format!("months[{month}]"), self.t.months[month]),
            )
            .replace("{y}", &(self.t.year)(day.year()))
    }

    /// The three steps from the QR code to being in, on a platform and kind of link.
    pub fn join_steps(&self, platform: Platform, kind: LinkKind) -> [&'a str; 3] {
        let key = PlatformTexts::key(platform, kind);
        let steps = self.t.platforms.get(platform, kind).join_steps;
        std::array::from_fn(|i| self.say(&format!("platforms.{key}.join_steps[{i}]"), steps[i]))
    }

    /// The tag of a group that cannot be joined from here yet.
    pub fn pending(&self, community: &Community) -> &'a str {
        let key = PlatformTexts::key(community.platform, community.link_kind);
        let words = self.t.words(community);
        self.say(&format!("platforms.{key}.pending"), words.pending)
    }
}

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
            all: d
                .languages_in_order()
                .into_iter()
                .map(|l| Voice::of(content, l))
                .collect(),
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
