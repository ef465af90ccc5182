//! The content's fields in the admin's words: a summary of what a refused form must fix says
//! "Annonce 2 · Dernier jour à l'écran", never `announcements[1].last_day`.

use super::phrase_labels;
use super::AdminCatalogue;
use crate::content::{Language, ScreenLanguage};

fn pick(lang: Language, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::Fr => fr,
        Language::En => en,
    }
}

/// An item of a list (`groups[2]`) in words: "Groupe 3".
fn item(name: &str, at: usize, lang: Language) -> Option<String> {
    let what = match name {
        "groups" => pick(lang, "Groupe", "Group"),
        "tips" => pick(lang, "Astuce", "Tip"),
        "announcements" => pick(lang, "Annonce", "Announcement"),
        "slides" => pick(lang, "Diapositive", "Slide"),
        _ => return None,
    };
    Some(format!("{what} {}", at + 1))
}

/// One field's own name in words.
fn leaf(name: &str, t: &AdminCatalogue, lang: Language) -> Option<&'static str> {
    Some(match name {
        "title" => t.tip_title,
        "text" => t.tip_text,
        "first_day" => t.announcement_first_day,
        "last_day" => t.announcement_last_day,
        "image" => t.announcement_image,
        "name" => t.group_name,
        "description" => t.group_description,
        "category" => t.group_category,
        "link" => t.group_link,
        "invite_link" => t.invite_link,
        "call_to_action" => t.call_to_action,
        "naming_template" => t.naming_template,
        "message" => pick(lang, "Message", "Message"),
        "next_link" | "next" => pick(
            lang,
            "Lien sur la prochaine application",
            "Link on the next app",
        ),
        "platform" => pick(lang, "Application", "App"),
        "switch_on" | "date" => pick(lang, "Date du changement", "Date of the move"),
        "seconds" => pick(lang, "Durée (secondes)", "Duration (seconds)"),
        "logo" => pick(lang, "Logo", "Logo"),
        "background" => pick(lang, "Couleur du fond", "Background colour"),
        "accent" => pick(lang, "Couleur d'accent", "Accent colour"),
        "language" => pick(lang, "Langue", "Language"),
        "second_language" => pick(lang, "Seconde langue", "Second language"),
        "rename" => pick(lang, "Nouveaux noms", "New names"),
        "document" => pick(lang, "Document", "Document"),
        _ => return None,
    })
}

/// The field at `path` (`announcements[1].last_day`, `tr.title`,
/// `display.phrases.eu.scan_to_join`) in the admin's words.
pub fn field_in_words(path: &str, t: &AdminCatalogue, lang: Language) -> String {
    if let Some(rest) = path.strip_prefix("display.phrases.") {
        if let Some((code, key)) = rest.split_once('.') {
            let language = ScreenLanguage::ALL.into_iter().find(|l| l.code() == code);
            if let (Some(language), Some(what)) = (language, phrase_labels::label(key, lang)) {
                return format!("{what} ({})", language.endonym());
            }
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut translation = false;
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let (name, at) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (*segment, None),
        };
        match (name, at) {
            ("tr", None) => translation = true,
            // The parts of the document that hold a field: the field's own name says it.
            ("community" | "display" | "theme" | "move", None) if !last => {}
            (_, Some(at)) => parts.extend(item(name, at, lang)),
            _ => parts.push(match leaf(name, t, lang) {
                Some(words) => words.to_owned(),
                // A field no table names yet: its name without the code's underscores.
                None => name.replace('_', " "),
            }),
        }
    }
    let mut said = parts.join(" · ");
    if translation {
        said.push_str(pick(lang, " (traduction)", " (translation)"));
    }
    said
}

/// What goes between a field's name and what to fix: "Titre : trop long", "Title: too long".
pub fn colon(lang: Language) -> &'static str {
    pick(lang, "\u{a0}: ", ": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::admin_catalogue;

    #[test]
    fn a_field_is_named_in_the_admins_words() {
        let say = |path, lang| field_in_words(path, admin_catalogue(lang), lang);
        assert_eq!(say("last_day", Language::Fr), "Dernier jour à l'écran");
        assert_eq!(say("last_day", Language::En), "Last day on screen");
        assert_eq!(
            say("announcements[1].last_day", Language::Fr),
            "Annonce 2 · Dernier jour à l'écran"
        );
        assert_eq!(
            say("groups[0].tr.name", Language::En),
            "Group 1 · Name (translation)"
        );
        assert_eq!(
            say("community.invite_link", Language::Fr),
            "Lien d'invitation"
        );
        assert_eq!(
            say("display.phrases.eu.scan_to_join", Language::Fr),
            "Invitation à scanner le QR code (euskara)"
        );
    }
}
