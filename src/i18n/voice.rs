//! One language's fixed phrases as the coop wants them said: the catalogue's wording, or the
//! coop's own (`display.phrases`, the admin page "Textes de l'écran"). The poster and the guide
//! speak through it, so that a corrected phrase reaches paper as it reaches the screen.

use super::{catalogue, Catalogue, PlatformTexts};
use crate::content::{Content, LinkKind, Platform, ScreenLanguage};
use std::collections::BTreeMap;

/// The phrase `field` of a voice's catalogue, in the coop's own words when it has them.
macro_rules! said {
    ($v:expr, $field:ident) => {
        $v.say(stringify!($field), $v.t.$field)
    };
}
pub(crate) use said;

/// One language, its catalogue, and the coop's own wording of some of its phrases.
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

    /// Every language of the content, in the order a reader meets them.
    pub fn all(content: &'a Content) -> Vec<Voice<'a>> {
        content
            .display
            .languages_in_order()
            .into_iter()
            .map(|l| Voice::of(content, l))
            .collect()
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

    /// The phrase `{field}.{key}[i]` of a platform's words, for each of `defaults`.
    fn platform_list<const N: usize>(
        &self,
        platform: Platform,
        kind: LinkKind,
        field: &str,
        defaults: [&'static str; N],
    ) -> [&'a str; N] {
        let key = PlatformTexts::key(platform, kind);
        std::array::from_fn(|i| self.say(&format!("platforms.{key}.{field}[{i}]"), defaults[i]))
    }

    fn platform_one(
        &self,
        platform: Platform,
        kind: LinkKind,
        field: &str,
        default: &'static str,
    ) -> &'a str {
        let key = PlatformTexts::key(platform, kind);
        self.say(&format!("platforms.{key}.{field}"), default)
    }

    /// "page 2 of 3".
    pub fn page(&self, n: usize, total: usize) -> String {
        said!(self, page_of)
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// The three steps from the QR code to being in.
    pub fn join_steps(&self, platform: Platform, kind: LinkKind) -> [&'a str; 3] {
        let w = self.t.platforms.get(platform, kind);
        self.platform_list(platform, kind, "join_steps", w.join_steps)
    }

    /// How to join more groups once in.
    pub fn ask_steps(&self, platform: Platform, kind: LinkKind) -> [&'a str; 3] {
        let w = self.t.platforms.get(platform, kind);
        self.platform_list(platform, kind, "ask_steps", w.ask_steps)
    }

    pub fn join_title(&self, platform: Platform, kind: LinkKind) -> &'a str {
        let w = self.t.platforms.get(platform, kind);
        self.platform_one(platform, kind, "join_title", w.join_title)
    }

    pub fn ask_title(&self, platform: Platform, kind: LinkKind) -> &'a str {
        let w = self.t.platforms.get(platform, kind);
        self.platform_one(platform, kind, "ask_title", w.ask_title)
    }

    /// The tag of a group that cannot be joined from the community's link yet.
    pub fn pending(&self, platform: Platform, kind: LinkKind) -> &'a str {
        let w = self.t.platforms.get(platform, kind);
        self.platform_one(platform, kind, "pending", w.pending)
    }

    /// The platform's name in a sentence ("the messaging app" when it has none).
    pub fn platform_name(&self, platform: Platform) -> &'a str {
        match platform {
            Platform::Other => said!(self, platform_generic),
            known => known.label(),
        }
    }

    /// What the platform does with members' data.
    pub fn platform_privacy(&self, platform: Platform) -> &'a str {
        self.say(
            &format!("guide_platform_privacy.{}", platform.key()),
            self.t.guide_platform_privacy.get(platform),
        )
    }

    /// The paragraphs on privacy that hold whatever the platform.
    pub fn privacy(&self) -> [&'a str; 2] {
        std::array::from_fn(|i| self.say(&format!("guide_privacy[{i}]"), self.t.guide_privacy[i]))
    }

    /// A date as a sentence says it: "1 mars 2027".
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = day.month0() as usize;
        said!(self, date_format)
            .replace("{d}", &day.day().to_string())
            .replace(
                "{m}",
                self.say(&format!("months[{month}]"), self.t.months[month]),
            )
            .replace("{y}", &(self.t.year)(day.year()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    #[test]
    fn the_coops_wording_wins_and_the_catalogue_fills_the_rest() {
        let mut c = default_content();
        let own = BTreeMap::from([
            ("or_type_link".to_owned(), "Sinon, tapez :".to_owned()),
            (
                "platforms.whatsapp_community.join_steps[1]".to_owned(),
                "Touchez le lien".to_owned(),
            ),
        ]);
        c.display.phrases.insert(ScreenLanguage::Fr, own);
        let v = Voice::of(&c, ScreenLanguage::Fr);
        assert_eq!(said!(v, or_type_link), "Sinon, tapez :");
        assert_eq!(said!(v, groups_title), "Les groupes");
        let steps = v.join_steps(Platform::Whatsapp, LinkKind::Community);
        assert_eq!(steps[1], "Touchez le lien");
        assert_eq!(steps[0], v.t.platforms.whatsapp_community.join_steps[0]);
        // Another language keeps its own catalogue.
        let eu = Voice::of(&c, ScreenLanguage::Eu);
        assert_eq!(said!(eu, or_type_link), eu.t.or_type_link);
    }
}
