//! The second-language words of each item, which text the screen shows in a given language,
//! and which items still lack their translation.
//!
//! An item is translated when every text it shows in the primary language has its
//! counterpart; otherwise the screen shows it in the primary language alone.

use super::{Announcement, Community, Content, Group, ScreenLanguage, Tip};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An item's words in other languages than the primary one, by language.
pub type Translations<T> = BTreeMap<ScreenLanguage, T>;

/// The community's name and call to action in another language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityText {
    /// Empty: the name is the same in both languages.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub call_to_action: String,
}

/// A group's description and category in another language (its name is the chat's own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupText {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
}

/// A tip or an announcement in another language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageText {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// The move's line for the shoppers in another language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveText {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

fn given(s: &str) -> Option<&str> {
    Some(s).filter(|s| !s.trim().is_empty())
}

/// A translation that says what the original says: `needed` is the original, `given` its
/// counterpart; an empty original needs nothing.
fn covers(original: &str, translated: &str) -> bool {
    original.trim().is_empty() || !translated.trim().is_empty()
}

impl Community {
    /// The name and call to action in `lang`; `None` when the call to action is not translated.
    /// An untranslated name stays the same in both languages.
    pub fn words_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<(&str, &str)> {
        if lang == primary {
            return Some((&self.name, &self.call_to_action));
        }
        let t = self.translations.get(&lang)?;
        let cta = given(&t.call_to_action)?;
        Some((given(&t.name).unwrap_or(&self.name), cta))
    }
}

impl Group {
    /// The description in `lang`, when there is one to show.
    pub fn description_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<&str> {
        let original = given(&self.description)?;
        if lang == primary {
            return Some(original);
        }
        given(&self.translations.get(&lang)?.description)
    }

    /// The category's heading in `lang`, when this group carries it.
    pub fn category_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<&str> {
        if lang == primary {
            return Some(&self.category);
        }
        given(&self.translations.get(&lang)?.category)
    }

    fn translated(&self, lang: ScreenLanguage) -> bool {
        let t = self.translations.get(&lang);
        covers(&self.description, t.map_or("", |t| &t.description))
            && covers(&self.category, t.map_or("", |t| &t.category))
    }
}

/// The category's heading in `lang`: the first translation one of its groups carries.
pub fn category_in<'a>(
    groups: &[&'a Group],
    lang: ScreenLanguage,
    primary: ScreenLanguage,
) -> Option<&'a str> {
    groups.iter().find_map(|g| g.category_in(lang, primary))
}

fn message_in<'a>(
    title: &'a str,
    text: &'a str,
    translations: &'a Translations<MessageText>,
    lang: ScreenLanguage,
    primary: ScreenLanguage,
) -> Option<(&'a str, &'a str)> {
    if lang == primary {
        return Some((title, text));
    }
    let t = translations.get(&lang)?;
    (covers(title, &t.title) && covers(text, &t.text)).then_some((&t.title, &t.text))
}

impl Tip {
    /// The title and text in `lang`; `None` when they are not both translated.
    pub fn words_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<(&str, &str)> {
        message_in(&self.title, &self.text, &self.translations, lang, primary)
    }
}

impl Announcement {
    /// The title and text in `lang`; `None` when they are not both translated.
    pub fn words_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<(&str, &str)> {
        message_in(&self.title, &self.text, &self.translations, lang, primary)
    }
}

/// An item that the screen shows in the primary language alone, for want of a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslated {
    /// `community`, `move` (the move's line), `groups`, `tips` or `announcements`, and the
    /// index in that list.
    pub list: &'static str,
    pub index: usize,
    /// What the admin knows it by (a name or a title).
    pub label: String,
}

/// Every item still lacking its translation into the second language; none without one.
pub fn untranslated(c: &Content) -> Vec<Untranslated> {
    let Some(second) = c.display.second_language.map(|s| s.language) else {
        return Vec::new();
    };
    let primary = c.display.language;
    let mut out = Vec::new();
    let mut item = |list, index, label: &str| {
        out.push(Untranslated {
            list,
            index,
            label: label.to_owned(),
        })
    };
    if c.community.words_in(second, primary).is_none() {
        item("community", 0, &c.community.name);
    }
    if let Some(next) = c.next() {
        if next.message_in(primary, primary).is_some() && next.message_in(second, primary).is_none()
        {
            item("move", 0, &next.message);
        }
    }
    for (i, g) in c.groups.iter().enumerate() {
        if !g.translated(second) {
            item("groups", i, &g.name);
        }
    }
    for (i, t) in c.tips.iter().enumerate() {
        if t.words_in(second, primary).is_none() {
            item("tips", i, &t.title);
        }
    }
    for (i, a) in c.announcements.iter().enumerate() {
        if a.words_in(second, primary).is_none() {
            item("announcements", i, &a.title);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{default_content, SecondLanguage};
    use ScreenLanguage::{Eu, Fr};

    fn basque(c: &mut Content) {
        c.display.second_language = Some(SecondLanguage {
            language: Eu,
            layout: Default::default(),
            first: false,
        });
    }

    #[test]
    fn without_a_second_language_nothing_is_missing() {
        assert_eq!(untranslated(&default_content()), []);
    }

    #[test]
    fn a_tip_is_translated_only_when_title_and_text_are() {
        let mut c = default_content();
        basque(&mut c);
        let tip = &mut c.tips[0];
        assert_eq!(tip.words_in(Eu, Fr), None);
        tip.translations.insert(
            Eu,
            MessageText {
                title: "Komunitatean sartu".into(),
                text: String::new(),
            },
        );
        assert_eq!(tip.words_in(Eu, Fr), None, "half a translation is none");
        tip.translations.get_mut(&Eu).unwrap().text = "Eskaneatu QR kodea.".into();
        assert_eq!(
            tip.words_in(Eu, Fr),
            Some(("Komunitatean sartu", "Eskaneatu QR kodea."))
        );
        assert_eq!(tip.words_in(Fr, Fr).unwrap().0, "Rejoindre la communauté");
        let missing = untranslated(&c);
        assert!(!missing.iter().any(|m| m.list == "tips" && m.index == 0));
        assert!(missing.iter().any(|m| m.list == "tips" && m.index == 1));
    }

    #[test]
    fn a_group_needs_its_category_and_its_description_if_it_has_one() {
        let mut c = default_content();
        basque(&mut c);
        c.groups[0].description.clear();
        c.groups[0].translations.insert(
            Eu,
            GroupText {
                description: String::new(),
                category: "Kooperatibaren bizitza".into(),
            },
        );
        let missing = untranslated(&c);
        assert!(!missing.iter().any(|m| m.list == "groups" && m.index == 0));
        assert!(missing.iter().any(|m| m.list == "groups" && m.index == 1));
        let firsts: Vec<&Group> = c.groups.iter().skip(1).take(2).collect();
        assert_eq!(category_in(&firsts, Eu, Fr), None);
        let with_first: Vec<&Group> = c.groups.iter().take(2).collect();
        assert_eq!(
            category_in(&with_first, Eu, Fr),
            Some("Kooperatibaren bizitza")
        );
    }

    #[test]
    fn the_community_name_may_stay_the_same() {
        let mut c = default_content();
        basque(&mut c);
        assert!(untranslated(&c).iter().any(|m| m.list == "community"));
        c.community.translations.insert(
            Eu,
            CommunityText {
                name: String::new(),
                call_to_action: "Eskaneatu taldeetan sartzeko".into(),
            },
        );
        assert_eq!(
            c.community.words_in(Eu, Fr),
            Some(("Communauté Otsokop", "Eskaneatu taldeetan sartzeko"))
        );
        assert!(!untranslated(&c).iter().any(|m| m.list == "community"));
    }
}
