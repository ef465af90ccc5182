//! What each of the screen's phrases is, in the admin's words ("Titre de la liste des
//! groupes", "Pour rejoindre (Signal) : étape 2"), and the headings that group them by where
//! they show: the page "Textes de l'écran" names a phrase by these, never by its key.

use crate::content::phrasebook::{place, Place};
use crate::content::Language;

/// A phrase's group on the page: where a volunteer will find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Screen,
    Joining,
    Move,
    Dates,
    Paper,
    Guide,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Screen,
        Group::Joining,
        Group::Move,
        Group::Dates,
        Group::Paper,
        Group::Guide,
    ];

    /// The heading of the group, in the admin's language.
    pub fn heading(self, lang: Language) -> &'static str {
        let (fr, en) = match self {
            Group::Screen => ("À l'écran", "On the screen"),
            Group::Joining => (
                "À l'écran et sur l'affiche : les étapes pour nous rejoindre",
                "On the screen and the poster: the steps to join us",
            ),
            Group::Move => (
                "Pendant un changement d'application (écran, affiche, guide)",
                "During a move to another app (screen, poster, guide)",
            ),
            Group::Dates => (
                "Les dates (écran, affiche, guide)",
                "Dates (screen, poster, guide)",
            ),
            Group::Paper => (
                "Sur l'affiche et dans le guide",
                "On the poster and in the guide",
            ),
            Group::Guide => ("Dans le guide imprimé", "In the printed guide"),
        };
        pick(lang, fr, en)
    }
}

fn pick(lang: Language, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::Fr => fr,
        Language::En => en,
    }
}

/// The group of the phrase named `key`; `None` for one the coop does not reword.
pub fn group(key: &str) -> Option<Group> {
    const MOVE: [&str; 4] = ["move_now", "move_next", "move_on", "group_moved"];
    Some(match place(key)? {
        _ if MOVE.contains(&key) => Group::Move,
        _ if key == "date_format" || key.starts_with("months[") => Group::Dates,
        _ if key.contains(".join_steps[") => Group::Joining,
        Place::Screen => Group::Screen,
        Place::Paper => Group::Paper,
        Place::Guide => Group::Guide,
    })
}

/// The platform a `platforms.<name>.…` key speaks of, in the admin's words.
fn platform(name: &str, lang: Language) -> &'static str {
    let (fr, en) = match name {
        "whatsapp_community" => ("WhatsApp, communauté", "WhatsApp, community"),
        "whatsapp_group" => ("WhatsApp, groupe", "WhatsApp, group"),
        "signal" => ("Signal", "Signal"),
        "telegram" => ("Telegram", "Telegram"),
        "matrix_space" => ("Matrix, espace", "Matrix, space"),
        "matrix_room" => ("Matrix, salon", "Matrix, room"),
        "whatsapp" => ("WhatsApp", "WhatsApp"),
        "matrix" => ("Matrix", "Matrix"),
        _ => ("autre application", "other app"),
    };
    pick(lang, fr, en)
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `name[i]` → (`name`, i).
fn indexed(key: &str) -> Option<(&str, usize)> {
    let (name, rest) = key.split_once('[')?;
    Some((name, rest.strip_suffix(']')?.parse().ok()?))
}

/// What the phrase named `key` is, in the admin's language; `None` for a key the coop does
/// not reword.
pub fn label(key: &str, lang: Language) -> Option<String> {
    group(key)?;
    let fr = lang == Language::Fr;
    if let Some(rest) = key.strip_prefix("platforms.") {
        let (name, field) = rest.split_once('.')?;
        let p = platform(name, lang);
        return Some(match (indexed(field), field) {
            (Some(("join_steps", i)), _) if fr => format!("Pour rejoindre ({p}) : étape {}", i + 1),
            (Some(("join_steps", i)), _) => format!("Joining ({p}): step {}", i + 1),
            (Some(("ask_steps", i)), _) if fr => {
                format!("Pour rejoindre d'autres groupes ({p}) : étape {}", i + 1)
            }
            (Some(("ask_steps", i)), _) => format!("Joining more groups ({p}): step {}", i + 1),
            (_, "pending") if fr => format!("Un groupe pas encore joignable ({p})"),
            (_, "pending") => format!("A group not reachable yet ({p})"),
            (_, "join_title") if fr => format!("Titre des étapes pour nous rejoindre ({p})"),
            (_, "join_title") => format!("Title of the steps to join us ({p})"),
            (_, "ask_title") if fr => format!("Titre des étapes pour d'autres groupes ({p})"),
            (_, "ask_title") => format!("Title of the steps for more groups ({p})"),
            _ => return None,
        });
    }
    if let Some(name) = key.strip_prefix("guide_platform_privacy.") {
        let p = platform(name, lang);
        return Some(match lang {
            Language::Fr => format!("Vie privée : ce que fait {p} de vos données"),
            Language::En => format!("Privacy: what {p} does with your data"),
        });
    }
    if let Some((name, i)) = indexed(key) {
        return match name {
            "months" if fr => Some(format!("Mois de {}", MONTHS_FR.get(i)?)),
            "months" => Some(format!("Month of {}", MONTHS_EN.get(i)?)),
            "guide_privacy" if fr => Some(format!("Vie privée : paragraphe {}", i + 1)),
            "guide_privacy" => Some(format!("Privacy: paragraph {}", i + 1)),
            _ => None,
        };
    }
    let (fr_label, en_label) = match key {
        "scan_to_join" => (
            "Invitation à scanner le QR code",
            "Call to scan the QR code",
        ),
        "groups_title" => (
            "Titre de la liste des groupes",
            "Title of the list of groups",
        ),
        "continued" => (
            "Une catégorie qui continue d'une page à l'autre",
            "A category continued from one page to the next",
        ),
        "tip" => ("Au-dessus d'une astuce", "Above a tip"),
        "announcement" => ("Au-dessus d'une annonce", "Above an announcement"),
        "sleeping" => ("Magasin fermé : le titre", "Shop closed: the title"),
        "sleeping_hint" => (
            "Magasin fermé : la phrase dessous",
            "Shop closed: the line below",
        ),
        "page_of" => ("Numéro de page des groupes", "Page number of the groups"),
        "platform_generic" => (
            "L'application, quand elle n'a pas de nom connu",
            "The app, when it has no known name",
        ),
        "move_now" => ("L'application d'aujourd'hui", "Today's app"),
        "move_next" => ("La prochaine application", "The next app"),
        "move_on" => ("La date du changement", "The date of the move"),
        "group_moved" => (
            "Un groupe déjà sur la prochaine application",
            "A group already on the next app",
        ),
        "date_format" => (
            "L'ordre d'une date (jour, mois, année)",
            "The order of a date (day, month, year)",
        ),
        "or_type_link" => (
            "Sous le QR code, avant le lien écrit en toutes lettres",
            "Under the QR code, before the link written out",
        ),
        "no_groups" => (
            "Quand il n'y a encore aucun groupe",
            "When there are no groups yet",
        ),
        "guide_title" => ("Titre du guide", "Title of the guide"),
        "guide_open_link" => (
            "Bouton qui ouvre le lien d'invitation",
            "Button that opens the invite link",
        ),
        "guide_tips_title" => ("Titre des astuces", "Title of the tips"),
        "guide_join_group" => ("Lien pour rejoindre un groupe", "Link to join a group"),
        "guide_privacy_title" => ("Titre de la partie vie privée", "Title of the privacy part"),
        _ => return None,
    };
    Some(pick(lang, fr_label, en_label).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::phrasebook::phrasebook;
    use crate::content::ScreenLanguage;

    #[test]
    fn every_phrase_the_coop_may_reword_has_a_label_in_words_in_both_languages() {
        let keys: Vec<&str> = phrasebook(ScreenLanguage::Fr)
            .all()
            .map(|(k, _)| k)
            .filter(|k| group(k).is_some())
            .collect();
        assert!(keys.len() > 80, "{}", keys.len());
        for lang in Language::ALL {
            let mut seen = std::collections::BTreeSet::new();
            for key in &keys {
                let label = label(key, lang).unwrap_or_else(|| panic!("{key}: no label"));
                assert!(!label.contains(['_', '[', ']', '.']), "{key}: {label}");
                assert!(seen.insert(label.clone()), "{key}: {label} twice");
            }
        }
    }
}
