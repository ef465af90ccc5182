//! The strings of the dashboard's "connected screens" panel, one catalogue per language.
//!
//! `{placeholder}`s are replaced by the panel.

use crate::content::Language;

pub struct ScreensCatalogue {
    pub title: &'static str,
    /// Shown loudly when no screen has had the page open for a while; `{minutes}`.
    pub unwatched: &'static str,
    pub none_now: &'static str,
    pub address: &'static str,
    pub shows: &'static str,
    pub since: &'static str,
    /// The column of the engine that draws each screen (Chromium, WPE WebKit…).
    pub engine: &'static str,
    /// The address of the Pi's own screen; `{address}`.
    pub this_machine: &'static str,
    pub up_to_date: &'static str,
    pub behind: &'static str,
    pub unknown: &'static str,
    /// Screens beyond the list's limit; `{n}`.
    pub more: &'static str,
}

static FR: ScreensCatalogue = ScreensCatalogue {
    title: "Écrans connectés",
    unwatched: "Aucun écran n'affiche la page depuis {minutes} min. Vérifiez que l'écran de la caisse est allumé et branché ; sinon débranchez puis rebranchez le Raspberry Pi.",
    none_now: "Aucun écran n'affiche la page en ce moment.",
    address: "Adresse",
    shows: "Affiche",
    since: "Depuis",
    engine: "Affiché par",
    this_machine: "cet appareil ({address})",
    up_to_date: "la version à jour",
    behind: "une version ancienne",
    unknown: "on ne sait pas",
    more: "et {n} de plus, non listés",
};

static EN: ScreensCatalogue = ScreensCatalogue {
    title: "Connected screens",
    unwatched: "No screen has shown the page for {minutes} min. Check that the till's screen is on and plugged in; otherwise unplug the Raspberry Pi and plug it back in.",
    none_now: "No screen shows the page right now.",
    address: "Address",
    shows: "Shows",
    since: "Since",
    engine: "Drawn by",
    this_machine: "this device ({address})",
    up_to_date: "the current version",
    behind: "an older version",
    unknown: "unknown",
    more: "and {n} more, not listed",
};

pub fn screens_catalogue(lang: Language) -> &'static ScreensCatalogue {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}
