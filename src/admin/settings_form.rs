//! The settings form as its values, named by the content path each one sets: read from the
//! content, applied to a copy of it (or which fields cannot be read), and summarised in words
//! for the side-by-side comparison of a conflict.

use super::edit::Errors;
use crate::content::{
    BilingualLayout, Content, OpeningHours, ScreenLanguage, SecondLanguage, SlideSetting, TimeRange,
};
use chrono::Weekday;
use std::collections::HashMap;

pub const SLIDES: [&str; 4] = ["community", "groups", "tips", "announcements"];
pub const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];
pub const COLOURS: [&str; 3] = ["background", "text", "accent"];
pub const SECOND: &str = "display.second_language.language";
pub const LAYOUT: &str = "display.second_language.layout";
pub const FIRST: &str = "display.second_language.first";
pub const SIDE_BY_SIDE: &str = "side_by_side";
pub const ALTERNATING: &str = "alternating";

/// The form's fields, named by the content path they set (so errors land next to them).
pub type Values = HashMap<String, String>;

fn slide(c: &Content, name: &str) -> SlideSetting {
    let s = &c.slides;
    match name {
        "community" => s.community,
        "groups" => s.groups,
        "tips" => s.tips,
        _ => s.announcements,
    }
}

fn slide_mut<'a>(c: &'a mut Content, name: &str) -> &'a mut SlideSetting {
    let s = &mut c.slides;
    match name {
        "community" => &mut s.community,
        "groups" => &mut s.groups,
        "tips" => &mut s.tips,
        _ => &mut s.announcements,
    }
}

fn colour<'a>(c: &'a mut Content, name: &str) -> &'a mut String {
    let t = &mut c.display.theme;
    match name {
        "background" => &mut t.background,
        "text" => &mut t.text,
        _ => &mut t.accent,
    }
}

/// The form filled from the content.
pub fn values(c: &Content) -> Values {
    let mut v = Values::new();
    let on = |b: bool| if b { "on".to_owned() } else { String::new() };
    for name in SLIDES {
        let s = slide(c, name);
        v.insert(format!("slides.{name}.enabled"), on(s.enabled));
        v.insert(format!("slides.{name}.seconds"), s.seconds.to_string());
    }
    v.insert("display.language".into(), c.display.language.code().into());
    let second = c.display.second_language;
    v.insert(
        SECOND.into(),
        second.map_or("", |s| s.language.code()).into(),
    );
    let alternating = second.is_some_and(|s| s.layout == BilingualLayout::Alternating);
    v.insert(
        LAYOUT.into(),
        if alternating {
            ALTERNATING
        } else {
            SIDE_BY_SIDE
        }
        .into(),
    );
    v.insert(FIRST.into(), on(second.is_some_and(|s| s.first)));
    v.insert("display.qr_corner".into(), on(c.display.qr_corner));
    let hours = &c.display.opening_hours;
    v.insert("display.opening_hours.enabled".into(), on(hours.enabled));
    for (key, day) in DAYS {
        let ranges: Vec<String> = hours.day(day).iter().map(|r| r.to_string()).collect();
        v.insert(format!("display.opening_hours.{key}"), ranges.join(" "));
    }
    let mut theme = c.clone();
    for name in COLOURS {
        v.insert(
            format!("display.theme.{name}"),
            colour(&mut theme, name).clone(),
        );
    }
    v
}

/// What this form edits of the content (the logo has its own form): a save applies when it
/// is unchanged since the form was opened, whatever else changed.
pub fn edited_part(c: &Content) -> impl PartialEq + serde::Serialize {
    let d = &c.display;
    let mut theme = d.theme.clone();
    theme.logo = None;
    (
        c.slides.clone(),
        d.language,
        d.second_language,
        d.qr_corner,
        d.opening_hours.clone(),
        theme,
    )
}

/// One version of the form, for the side-by-side comparison of a conflict: each setting and
/// its value, as a volunteer reads them.
pub fn summary(v: &Values, t: &'static crate::i18n::AdminCatalogue) -> Vec<(&'static str, String)> {
    let b = crate::i18n::bilingual_catalogue(super::request::language_of(t));
    let value = |k: &str| v.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let tick = |k: &str| {
        if value(k).is_empty() {
            t.compare_no
        } else {
            t.compare_yes
        }
        .to_owned()
    };
    let language = |k: &str| {
        ScreenLanguage::from_code(&value(k)).map_or(b.none.to_owned(), |l| l.endonym().to_owned())
    };
    let kinds = [
        t.slide_community,
        t.slide_groups,
        t.slide_tips,
        t.slide_announcements,
    ];
    let mut rows = Vec::new();
    for (name, kind) in SLIDES.iter().zip(kinds) {
        let seconds = value(&format!("slides.{name}.seconds"));
        let shown = if value(&format!("slides.{name}.enabled")).is_empty() {
            t.compare_not_shown
        } else {
            t.compare_shown
        };
        rows.push((kind, shown.replace("{seconds}", &seconds)));
    }
    rows.push((t.qr_corner, tick("display.qr_corner")));
    rows.push((b.primary, language("display.language")));
    rows.push((b.second, language(SECOND)));
    let layout = if value(LAYOUT) == ALTERNATING {
        b.alternating
    } else {
        b.side_by_side
    };
    rows.push((b.layout, layout.to_owned()));
    rows.push((b.second_first, tick(FIRST)));
    rows.push((t.hours_enabled, tick("display.opening_hours.enabled")));
    for ((key, _), label) in DAYS.iter().zip(t.weekdays) {
        let ranges = value(&format!("display.opening_hours.{key}"));
        rows.push((
            label,
            if ranges.is_empty() {
                t.closed.to_owned()
            } else {
                ranges
            },
        ));
    }
    for (name, label) in COLOURS
        .iter()
        .zip([t.colour_background, t.colour_text, t.colour_accent])
    {
        rows.push((
            label,
            value(&format!("display.theme.{name}")).to_lowercase(),
        ));
    }
    rows
}

/// Applies the form to a copy of the content, or says which fields cannot be read.
pub fn apply(c: &mut Content, v: &Values, t: &crate::i18n::AdminCatalogue) -> Errors {
    let get = |k: &str| v.get(k).map(|s| s.trim()).unwrap_or("");
    let mut errors = Errors::default();
    for name in SLIDES {
        let key = format!("slides.{name}.seconds");
        let enabled = !get(&format!("slides.{name}.enabled")).is_empty();
        match get(&key).parse::<u32>() {
            Ok(seconds) => {
                *slide_mut(c, name) = SlideSetting { enabled, seconds };
            }
            Err(_) => errors.add(&key, t.seconds_not_a_number),
        }
    }
    let b = crate::i18n::bilingual_catalogue(super::request::language_of(t));
    match ScreenLanguage::from_code(get("display.language")) {
        Some(lang) => c.display.language = lang,
        None => errors.add("display.language", b.unknown_language),
    }
    c.display.second_language = match get(SECOND) {
        "" => None,
        code => match ScreenLanguage::from_code(code) {
            Some(language) => Some(SecondLanguage {
                language,
                layout: if get(LAYOUT) == ALTERNATING {
                    BilingualLayout::Alternating
                } else {
                    BilingualLayout::SideBySide
                },
                first: !get(FIRST).is_empty(),
            }),
            None => {
                errors.add(SECOND, b.unknown_language);
                None
            }
        },
    };
    c.display.qr_corner = !get("display.qr_corner").is_empty();
    let mut hours = OpeningHours {
        enabled: !get("display.opening_hours.enabled").is_empty(),
        ..OpeningHours::default()
    };
    for (key, day) in DAYS {
        let field = format!("display.opening_hours.{key}");
        let mut ranges = Vec::new();
        for part in get(&field).split([' ', ',', ';']).filter(|p| !p.is_empty()) {
            match part.parse::<TimeRange>() {
                Ok(r) => ranges.push(r),
                Err(message) => errors.add(&field, message),
            }
        }
        ranges.sort_by_key(|r| r.start);
        *hours.day_mut(day) = ranges;
    }
    c.display.opening_hours = hours;
    for name in COLOURS {
        *colour(c, name) = get(&format!("display.theme.{name}")).to_lowercase();
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;
    use crate::i18n::admin_catalogue;

    #[test]
    fn the_form_round_trips_the_settings() {
        let c = default_content();
        let mut edited = c.clone();
        let errors = apply(
            &mut edited,
            &values(&c),
            admin_catalogue(crate::content::Language::Fr),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(edited, c);
    }

    #[test]
    fn unreadable_fields_are_named() {
        let c = default_content();
        let mut v = values(&c);
        v.insert("slides.tips.seconds".into(), "dix".into());
        v.insert(
            "display.opening_hours.mon".into(),
            "9h-12h 14:00-18:00".into(),
        );
        let mut edited = c.clone();
        let errors = apply(
            &mut edited,
            &v,
            admin_catalogue(crate::content::Language::Fr),
        );
        assert!(errors.get("slides.tips.seconds").is_some());
        assert!(errors
            .get("display.opening_hours.mon")
            .unwrap()
            .contains("09:00-19:30"));
    }
}
