//! The admin area's strings for a second screen language: the settings, the translation
//! fields of the forms and the dashboard's list of what is not translated yet, in French and
//! English. `{name}`-style placeholders are replaced by the page that shows them.

use crate::content::Language;

pub struct BilingualCatalogue {
    // The settings page.
    pub title: &'static str,
    pub intro: &'static str,
    pub primary: &'static str,
    pub second: &'static str,
    pub none: &'static str,
    pub layout: &'static str,
    pub side_by_side: &'static str,
    pub alternating: &'static str,
    pub second_first: &'static str,
    pub unknown_language: &'static str,
    // The page of the screen's texts.
    pub phrases_title: &'static str,
    pub phrases_intro: &'static str,
    pub phrases_link: &'static str,
    // The forms.
    /// `{field}`, `{language}`.
    pub field_in: &'static str,
    /// `{language}`.
    pub empty_hint: &'static str,
    pub same_name_hint: &'static str,
    /// `{language}`.
    pub category_hint: &'static str,
    // The dashboard.
    /// `{label}`, `{language}`.
    pub untranslated: &'static str,
    /// Several untranslated texts, in one card: "{n}" and "{language}".
    pub untranslated_many: &'static str,
    pub community: &'static str,
    pub fix: &'static str,
    /// Before a phrase's wording as the screen says it today, under its field.
    pub phrases_now: &'static str,
}

pub fn bilingual_catalogue(lang: Language) -> &'static BilingualCatalogue {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

static FR: BilingualCatalogue = BilingualCatalogue {
    title: "Langues de l'écran",
    intro: "L'écran, l'affiche et le guide parlent la première langue. Avec une seconde langue, chaque formulaire offre, à côté de chaque texte, un champ pour sa traduction ; un texte sans traduction s'affiche dans la première langue seule.",
    primary: "Première langue",
    second: "Seconde langue",
    none: "Aucune",
    layout: "Deux langues à l'écran",
    side_by_side: "Côte à côte : les deux langues sur chaque diapositive, à égalité",
    alternating: "En alternance : chaque diapositive dans une langue, puis aussitôt dans l'autre",
    second_first: "La seconde langue d'abord (à gauche, ou montrée en premier)",
    unknown_language: "langue inconnue : choisissez-la dans la liste",
    phrases_title: "Textes de l'écran",
    phrases_intro: "Les phrases toujours présentes à l'écran, sur l'affiche et dans le guide (les étapes pour nous rejoindre, « Les groupes », l'écran de veille…), dans chacune de ses langues. Écrivez la vôtre pour corriger une traduction ; laissée vide, la phrase prévue reste. Gardez tels quels les repères entre accolades, comme {platform} : l'écran les remplace.",
    phrases_link: "Corriger un texte de l'écran",
    field_in: "{field} — {language}",
    empty_hint: "Laissé vide, l'écran montre ce texte dans la première langue seule.",
    same_name_hint: "Laissé vide, le nom est le même dans les deux langues.",
    category_hint: "Une seule traduction suffit par catégorie : l'écran reprend la première qu'il trouve parmi ses groupes.",
    untranslated: "« {label} » n'est pas encore traduit en {language} : l'écran le montre dans la première langue seule.",
    untranslated_many: "{n} textes ne sont pas encore traduits en {language} : l'écran les montre dans la première langue seule.",
    community: "Nom et phrase d'appel de la communauté",
    fix: "Traduire",
    // print
    phrases_now: "Aujourd'hui :",
};

static EN: BilingualCatalogue = BilingualCatalogue {
    title: "Screen languages",
    intro: "The screen, the poster and the guide speak the first language. With a second language, each form offers, beside each text, a field for its translation; a text without a translation is shown in the first language alone.",
    primary: "First language",
    second: "Second language",
    none: "None",
    layout: "Two languages on screen",
    side_by_side: "Side by side: both languages on every slide, on an equal footing",
    alternating: "Alternating: each slide in one language, then at once in the other",
    second_first: "The second language first (on the left, or shown first)",
    unknown_language: "unknown language: pick it in the list",
    phrases_title: "Screen texts",
    phrases_intro: "The phrases always on the screen, the poster and the guide (the steps to join us, “The groups”, the sleep screen…), in each of its languages. Write your own to correct a translation; left empty, the built-in phrase stays. Keep the markers in braces, such as {platform}, as they are: the screen replaces them.",
    phrases_link: "Correct a text of the screen",
    field_in: "{field} — {language}",
    empty_hint: "Left empty, the screen shows this text in the first language alone.",
    same_name_hint: "Left empty, the name is the same in both languages.",
    category_hint: "One translation per category is enough: the screen takes the first one it finds among its groups.",
    untranslated: "“{label}” is not translated into {language} yet: the screen shows it in the first language alone.",
    untranslated_many: "{n} texts are not translated into {language} yet: the screen shows them in the first language alone.",
    community: "The community's name and call to action",
    fix: "Translate",
    // print
    phrases_now: "Today:",
};
