//! The screen's fixed phrases as data: key → text in each language, from
//! `assets/phrases/<code>.json` built into the binary. The screen, the poster and the guide say
//! them unless the coop words one its own way (`display.phrases`, by the same key).

use super::ScreenLanguage;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One language's phrases, in the order its file lists them.
pub struct Phrasebook {
    pub language: ScreenLanguage,
    /// The language's code, as a page's `lang` attribute says it.
    pub lang: &'static str,
    order: Vec<(String, String)>,
    by_key: HashMap<String, usize>,
}

impl Phrasebook {
    pub(crate) fn parse(lang: ScreenLanguage, json: &str) -> Phrasebook {
        let Ordered(order) = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("assets/phrases/{}.json: {e}", lang.code()));
        let by_key = order
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        Phrasebook {
            language: lang,
            lang: lang.code(),
            order,
            by_key,
        }
    }

    /// The phrase named `key`, if the language has one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(|&i| self.order[i].1.as_str())
    }

    /// The phrase named `key`; one no file has is logged and left out, rather than stopping
    /// the page (the tests hold every key the code asks for).
    pub fn say(&self, key: &str) -> &str {
        self.get(key).unwrap_or_else(|| {
            tracing::warn!(key, lang = self.lang, "a phrase no file has");
            ""
        })
    }

    /// Every phrase, named by its key, in the file's order.
    pub fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        self.order.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A JSON object read with its keys in the order written.
struct Ordered(Vec<(String, String)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of phrases, key to text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Keys)
    }
}

static BOOKS: LazyLock<[Phrasebook; 4]> = LazyLock::new(|| {
    ScreenLanguage::ALL.map(|lang| {
        let json = match lang {
            ScreenLanguage::Fr => include_str!("../../assets/phrases/fr.json"),
            ScreenLanguage::Eu => include_str!("../../assets/phrases/eu.json"),
            ScreenLanguage::En => include_str!("../../assets/phrases/en.json"),
            ScreenLanguage::Es => include_str!("../../assets/phrases/es.json"),
        };
        Phrasebook::parse(lang, json)
    })
});

/// The phrases of a language of the screen, the poster and the guide.
pub fn phrasebook(lang: ScreenLanguage) -> &'static Phrasebook {
    let at = ScreenLanguage::ALL.iter().position(|l| *l == lang);
    &BOOKS[at.unwrap_or(0)]
}

/// The built-in wording of the phrase named `key` in `lang`, if there is such a phrase.
pub fn default_of(lang: ScreenLanguage, key: &str) -> Option<&'static str> {
    phrasebook(lang).get(key)
}

/// The `{placeholders}` of a phrase, in order.
pub fn placeholders(s: &str) -> Vec<&str> {
    s.match_indices('{')
        .filter_map(|(at, _)| s[at..].find('}').map(|end| &s[at..=at + end]))
        .collect()
}

/// Where a phrase shows, which is where the coop may word it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// On the screen (and, for some, on the poster and the guide too).
    Screen,
    /// On the poster and in the guide, not on the screen.
    Paper,
    /// In the guide only.
    Guide,
}

/// Where the phrase named `key` shows; `None` for a phrase of the admin's print page (its
/// title, its print button), which the coop does not reword.
pub fn place(key: &str) -> Option<Place> {
    const SCREEN: [&str; 14] = [
        "scan_to_join",
        "groups_title",
        "continued",
        "tip",
        "announcement",
        "sleeping",
        "sleeping_hint",
        "page_of",
        "platform_generic",
        "move_now",
        "move_next",
        "move_on",
        "group_moved",
        "date_format",
    ];
    let platform = |field: &str| key.starts_with("platforms.") && key.contains(field);
    if SCREEN.contains(&key)
        || key.starts_with("months[")
        || platform(".join_steps[")
        || platform(".pending")
    {
        Some(Place::Screen)
    } else if ["or_type_link", "no_groups"].contains(&key) {
        Some(Place::Paper)
    } else if key.starts_with("guide_")
        || platform(".ask_steps[")
        || platform(".join_title")
        || platform(".ask_title")
    {
        Some(Place::Guide)
    } else {
        None
    }
}

/// Whether the coop may word the phrase named `key` its own way: the screen, the poster or
/// the guide shows it.
pub fn rewordable(key: &str) -> bool {
    place(key).is_some()
}
