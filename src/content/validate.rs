//! Checks a content document and says which field is wrong and why.

use super::checker::{Checker, FieldError, Invalid};
use super::links::check_invite_link;
use super::phrasebook::{placeholders, rewordable};
use super::{Content, Problem};
use crate::limits::content::{
    self as limits, MAX_ANNOUNCEMENTS, MAX_GROUPS, MAX_SECONDS, MAX_TIPS, MIN_SECONDS,
};

/// Parses and validates a JSON document; errors name the field at fault.
pub fn parse_json(bytes: &[u8]) -> Result<Content, Invalid> {
    if let Some(field) = super::duplicates::first_duplicate(bytes) {
        return Err(Invalid(vec![FieldError {
            field,
            problem: Problem::DuplicateKey,
        }]));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let content: Content = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // A map's unknown key (a language code) is shown as `.?`: the map is the field.
        let path = e.path().to_string().trim_end_matches(".?").to_owned();
        let field = if path == "." {
            "document".to_owned()
        } else {
            path
        };
        Invalid(vec![FieldError {
            field,
            problem: super::reading::problem_of(e.inner()),
        }])
    })?;
    de.end().map_err(|e| {
        Invalid(vec![FieldError {
            field: "document".into(),
            problem: super::reading::problem_of(&e),
        }])
    })?;
    content.validate()?;
    Ok(content)
}

impl Content {
    /// A pin lasts 1 to 60 minutes; its message is one short line, in both languages when the
    /// screen has two.
    fn check_pin(&self, c: &mut Checker, pin: &super::Pin) {
        let minutes = (pin.until - pin.since).num_seconds();
        let (min, max) = (limits::PIN_MIN_MINUTES, limits::PIN_MAX_MINUTES);
        // A few seconds of slack: the moment is taken once, the form's minutes added to it.
        if minutes < i64::from(min) * 60 || minutes > i64::from(max) * 60 + 5 {
            c.fail("pin.until", Problem::PinMinutes { min, max });
        }
        c.line("pin.by", &pin.by, true, limits::NAME);
        if let super::Pinned::Message(text) = &pin.shows {
            c.line("pin.shows.message", text, true, limits::PIN_MESSAGE);
            if let Some(second) = self.display.second() {
                let at = format!("pin.translations.{}.message", second.code());
                let words = pin.translations.get(&second).map(|t| t.message.as_str());
                c.line(&at, words.unwrap_or(""), true, limits::PIN_MESSAGE);
            }
        }
        let second = self.display.second();
        for (lang, t) in pin.translations.iter().filter(|(l, _)| Some(**l) != second) {
            let at = format!("pin.translations.{}.message", lang.code());
            c.line(&at, &t.message, false, limits::PIN_MESSAGE);
        }
    }

    /// Every problem of the document, or `Ok` when it can be shown.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker(Vec::new());
        let com = &self.community;
        c.line("community.name", &com.name, true, limits::COMMUNITY_NAME);
        if let Err(m) = check_invite_link(com.platform, &com.invite_link) {
            c.fail("community.invite_link", m);
        }
        c.line(
            "community.call_to_action",
            &com.call_to_action,
            true,
            limits::CALL_TO_ACTION,
        );
        for (lang, t) in &com.translations {
            let at = format!("community.translations.{}", lang.code());
            c.line(
                &format!("{at}.name"),
                &t.name,
                false,
                limits::COMMUNITY_NAME,
            );
            c.line(
                &format!("{at}.call_to_action"),
                &t.call_to_action,
                false,
                limits::CALL_TO_ACTION,
            );
        }
        if let Some(check) = &com.link_checked {
            c.line("community.link_checked.by", &check.by, true, limits::NAME);
        }
        if let Some(next) = &com.next {
            if !next.invite_link.is_empty() {
                if let Err(m) = check_invite_link(next.platform, &next.invite_link) {
                    c.fail("community.next.invite_link", m);
                } else if next.invite_link == com.invite_link {
                    c.fail("community.next.invite_link", Problem::SameLinkAsToday);
                }
            }
            c.line(
                "community.next.message",
                &next.message,
                false,
                limits::MOVE_MESSAGE,
            );
            for (lang, t) in &next.translations {
                c.line(
                    &format!("community.next.translations.{}.message", lang.code()),
                    &t.message,
                    false,
                    limits::MOVE_MESSAGE,
                );
            }
            if let Some(check) = &next.link_checked {
                c.line(
                    "community.next.link_checked.by",
                    &check.by,
                    true,
                    limits::NAME,
                );
            }
        }

        self.check_ids(&mut c);
        if self.groups.len() > MAX_GROUPS {
            c.fail(
                "groups",
                Problem::TooMany {
                    count: self.groups.len(),
                    max: MAX_GROUPS,
                },
            );
        }
        for (i, g) in self.groups.iter().enumerate() {
            c.line(
                &format!("groups[{i}].name"),
                &g.name,
                true,
                limits::GROUP_NAME,
            );
            c.line(
                &format!("groups[{i}].description"),
                &g.description,
                false,
                limits::GROUP_DESCRIPTION,
            );
            c.line(
                &format!("groups[{i}].category"),
                &g.category,
                true,
                limits::GROUP_CATEGORY,
            );
            for (lang, t) in &g.translations {
                let at = format!("groups[{i}].translations.{}", lang.code());
                c.line(
                    &format!("{at}.description"),
                    &t.description,
                    false,
                    limits::GROUP_DESCRIPTION,
                );
                c.line(
                    &format!("{at}.category"),
                    &t.category,
                    false,
                    limits::GROUP_CATEGORY,
                );
            }
            if let Some(link) = &g.link {
                c.link(&format!("groups[{i}].link"), link);
            }
            let next_link = g.next.as_ref().and_then(|m| m.link.as_deref());
            if let (Some(link), Some(next)) = (next_link, &com.next) {
                if let Err(m) = check_invite_link(next.platform, link) {
                    c.fail(format!("groups[{i}].next.link"), m);
                }
            }
        }

        if self.tips.len() > MAX_TIPS {
            c.fail(
                "tips",
                Problem::TooMany {
                    count: self.tips.len(),
                    max: MAX_TIPS,
                },
            );
        }
        for (i, t) in self.tips.iter().enumerate() {
            c.line(
                &format!("tips[{i}].title"),
                &t.title,
                true,
                limits::TIP_TITLE,
            );
            c.text(&format!("tips[{i}].text"), &t.text, true, limits::TIP_TEXT);
            for (lang, tr) in &t.translations {
                let at = format!("tips[{i}].translations.{}", lang.code());
                c.line(&format!("{at}.title"), &tr.title, false, limits::TIP_TITLE);
                c.text(&format!("{at}.text"), &tr.text, false, limits::TIP_TEXT);
            }
            c.schedule(&format!("tips[{i}].schedule"), &t.schedule);
        }

        if self.announcements.len() > MAX_ANNOUNCEMENTS {
            c.fail(
                "announcements",
                Problem::TooMany {
                    count: self.announcements.len(),
                    max: MAX_ANNOUNCEMENTS,
                },
            );
        }
        for (i, a) in self.announcements.iter().enumerate() {
            c.line(
                &format!("announcements[{i}].title"),
                &a.title,
                true,
                limits::ANNOUNCEMENT_TITLE,
            );
            c.text(
                &format!("announcements[{i}].text"),
                &a.text,
                false,
                limits::ANNOUNCEMENT_TEXT,
            );
            for (lang, tr) in &a.translations {
                let at = format!("announcements[{i}].translations.{}", lang.code());
                c.line(
                    &format!("{at}.title"),
                    &tr.title,
                    false,
                    limits::ANNOUNCEMENT_TITLE,
                );
                c.text(
                    &format!("{at}.text"),
                    &tr.text,
                    false,
                    limits::ANNOUNCEMENT_TEXT,
                );
            }
            if let Some(img) = &a.image {
                c.image_name(&format!("announcements[{i}].image"), img);
            }
            if let (Some(first), Some(last)) = (a.first_day, a.last_day) {
                if last < first {
                    let (first, last) = (first.to_string(), last.to_string());
                    let problem = Problem::LastDayBeforeFirstDay { first, last };
                    c.fail(format!("announcements[{i}].last_day"), problem);
                }
            }
            c.schedule(&format!("announcements[{i}].schedule"), &a.schedule);
        }

        if let Some(pin) = &self.pin {
            self.check_pin(&mut c, pin);
        }

        let s = &self.slides;
        for (name, setting) in [
            ("community", s.community),
            ("groups", s.groups),
            ("tips", s.tips),
            ("announcements", s.announcements),
        ] {
            if !(MIN_SECONDS..=MAX_SECONDS).contains(&setting.seconds) {
                c.fail(
                    format!("slides.{name}.seconds"),
                    Problem::SecondsOutOfRange {
                        seconds: setting.seconds,
                        min: MIN_SECONDS,
                        max: MAX_SECONDS,
                    },
                );
            }
        }

        let d = &self.display;
        if d.second() == Some(d.language) {
            c.fail(
                "display.second_language.language",
                Problem::SameSecondLanguage,
            );
        }
        c.colour("display.theme.background", &d.theme.background);
        c.colour("display.theme.text", &d.theme.text);
        c.colour("display.theme.accent", &d.theme.accent);
        if let Some(logo) = &d.theme.logo {
            c.image_name("display.theme.logo", logo);
        }
        for (lang, phrases) in &d.phrases {
            for (key, said) in phrases {
                let field = format!("display.phrases.{}.{key}", lang.code());
                let Some(default) =
                    super::phrasebook::default_of(*lang, key).filter(|_| rewordable(key))
                else {
                    c.fail(field, Problem::UnknownPhrase);
                    continue;
                };
                c.line(&field, said, true, limits::PHRASE);
                let mut want = placeholders(default);
                let mut got = placeholders(said);
                want.sort_unstable();
                got.sort_unstable();
                if got != want && want.is_empty() {
                    c.fail(&field, Problem::NoMarkersAllowed);
                } else if got != want {
                    c.fail(
                        &field,
                        Problem::MarkersToKeep {
                            markers: want.join(" "),
                        },
                    );
                }
            }
        }
        c.line(
            "display.naming_template",
            &d.naming_template,
            true,
            limits::NAMING_TEMPLATE,
        );
        if !d.naming_template.contains("{sujet}") {
            c.fail("display.naming_template", Problem::MissingTopicMarker);
        }

        if c.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(c.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    fn fields(err: Invalid) -> Vec<String> {
        err.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn the_default_content_is_valid() {
        default_content().validate().unwrap();
    }

    #[test]
    fn errors_name_the_field_and_say_why() {
        let mut c = default_content();
        c.groups[2].name = "  ".into();
        c.tips[0].text = "x".repeat(400);
        c.display.theme.accent = "orange".into();
        c.slides.tips.seconds = 0;
        let err = c.validate().unwrap_err();
        assert_eq!(
            fields(err.clone()),
            [
                "groups[2].name",
                "tips[0].text",
                "slides.tips.seconds",
                "display.theme.accent"
            ]
        );
        assert_eq!(err.0[0].problem, Problem::Empty);
        assert_eq!(
            err.0[1].problem,
            Problem::TooLong {
                count: 400,
                max: crate::limits::content::TIP_TEXT
            }
        );
        assert!(err.to_string().contains("Ne peut pas être vide"), "{err}");
        assert!(err.to_string().contains("#1a2b3c"));
    }

    #[test]
    fn json_errors_give_the_path() {
        let mut doc = serde_json::to_value(default_content()).unwrap();
        doc["groups"][1]["in_community"] = serde_json::json!("oui");
        let err = parse_json(doc.to_string().as_bytes()).unwrap_err();
        assert_eq!(fields(err), ["groups[1].in_community"]);

        doc["groups"][1]["in_community"] = serde_json::json!(true);
        doc["display"]["opening_hours"]["mon"] = serde_json::json!(["9h-18h"]);
        let err = parse_json(doc.to_string().as_bytes()).unwrap_err();
        assert_eq!(fields(err.clone()), ["display.opening_hours.mon[0]"]);
        assert!(err.to_string().contains("09:00-19:30"));

        assert!(parse_json(b"{\"community\": 3}").is_err());
        assert!(parse_json(b"\xff\xfe").is_err());
        assert!(parse_json(b"").is_err());
    }

    #[test]
    fn translations_have_the_originals_limits_and_a_known_language() {
        use crate::content::{MessageText, ScreenLanguage};
        let mut c = default_content();
        c.tips[1].translations.insert(
            ScreenLanguage::Eu,
            MessageText {
                title: "x".repeat(crate::limits::content::TIP_TITLE + 1),
                text: "Ondo".into(),
            },
        );
        let err = c.validate().unwrap_err();
        assert_eq!(fields(err.clone()), ["tips[1].translations.eu.title"]);
        assert!(err.to_string().contains("Trop long"), "{err}");

        let mut doc = serde_json::to_value(default_content()).unwrap();
        doc["tips"][0]["translations"] = serde_json::json!({"xx": {"title": "?"}});
        let err = parse_json(doc.to_string().as_bytes()).unwrap_err();
        assert_eq!(fields(err.clone()), ["tips[0].translations"]);
        assert!(err.to_string().contains("eu"), "{err}");
    }

    #[test]
    fn the_second_language_differs_from_the_first() {
        let mut c = default_content();
        c.display.second_language = Some(crate::content::SecondLanguage {
            language: c.display.language,
            layout: Default::default(),
            first: false,
        });
        let err = c.validate().unwrap_err();
        assert_eq!(fields(err), ["display.second_language.language"]);
    }
}
