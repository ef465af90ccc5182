//! One language's fixed phrases as the coop wants them said: the built-in wording
//! (`assets/phrases/`), or the coop's own (`display.phrases`, the admin page "Textes de
//! l'écran"), by the same key. The poster and the guide speak through it, so that a corrected
//! phrase reaches paper as it reaches the screen.

use super::{catalogue, platform_key, Catalogue};
use crate::content::{Content, LinkKind, Platform, ScreenLanguage};
use std::collections::BTreeMap;

/// The phrase named `key` in a voice, in the coop's own words when it has them.
macro_rules! said {
    ($v:expr, $key:ident) => {
        $v.say(stringify!($key))
    };
}
pub(crate) use said;

/// One language, its phrases, and the coop's own wording of some of them.
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

    /// The language's built-in wording, without the coop's.
    pub fn built_in(lang: ScreenLanguage) -> Voice<'static> {
        Voice {
            lang,
            t: catalogue(lang),
            own: None,
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

    /// The phrase named `key` (`assets/phrases/`): the coop's wording, else the built-in one.
    pub fn say(&self, key: &str) -> &'a str {
        match self.own.and_then(|own| own.get(key)) {
            Some(own) => own,
            None => self.t.say(key),
        }
    }

    fn platform(&self, platform: Platform, kind: LinkKind, field: &str) -> &'a str {
        self.say(&format!(
            "platforms.{}.{field}",
            platform_key(platform, kind)
        ))
    }

    /// "page 2 of 3".
    pub fn page(&self, n: usize, total: usize) -> String {
        said!(self, page_of)
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// The three steps from the QR code to being in.
    pub fn join_steps(&self, platform: Platform, kind: LinkKind) -> [&'a str; 3] {
        std::array::from_fn(|i| self.platform(platform, kind, &format!("join_steps[{i}]")))
    }

    /// How to join more groups once in.
    pub fn ask_steps(&self, platform: Platform, kind: LinkKind) -> [&'a str; 3] {
        std::array::from_fn(|i| self.platform(platform, kind, &format!("ask_steps[{i}]")))
    }

    pub fn join_title(&self, platform: Platform, kind: LinkKind) -> &'a str {
        self.platform(platform, kind, "join_title")
    }

    pub fn ask_title(&self, platform: Platform, kind: LinkKind) -> &'a str {
        self.platform(platform, kind, "ask_title")
    }

    /// The tag of a group that cannot be joined from the community's link yet.
    pub fn pending(&self, platform: Platform, kind: LinkKind) -> &'a str {
        self.platform(platform, kind, "pending")
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
        self.say(&format!("guide_platform_privacy.{}", platform.key()))
    }

    /// The paragraphs on privacy that hold whatever the platform.
    pub fn privacy(&self) -> [&'a str; 2] {
        std::array::from_fn(|i| self.say(&format!("guide_privacy[{i}]")))
    }

    /// A date as a sentence says it: "1 mars 2027".
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let year = match self.lang {
            ScreenLanguage::Eu => super::eu::year_genitive(day.year()),
            _ => day.year().to_string(),
        };
        said!(self, date_format)
            .replace("{d}", &day.day().to_string())
            .replace("{m}", self.say(&format!("months[{}]", day.month0())))
            .replace("{y}", &year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    #[test]
    fn the_coops_wording_wins_and_the_built_in_one_fills_the_rest() {
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
        assert_eq!(
            steps[0],
            v.t.say("platforms.whatsapp_community.join_steps[0]")
        );
        assert!(steps[0].contains("QR"), "{steps:?}");
        // Another language keeps its own wording.
        let eu = Voice::of(&c, ScreenLanguage::Eu);
        assert_eq!(said!(eu, or_type_link), eu.t.say("or_type_link"));
        assert_eq!(said!(eu, or_type_link), "Edo ireki esteka hau:");
    }
}
