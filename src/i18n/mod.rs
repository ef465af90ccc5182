//! Every user-facing string, in one catalogue per language.

pub mod auth;
mod auth_en;
mod auth_fr;
mod en;
mod fr;

use crate::content::Language;

/// The strings of one language. Adding a field makes both catalogues fail to compile until filled.
pub struct Catalogue {
    pub lang: &'static str,
    pub display_title: &'static str,
    /// The three steps to join; `{platform}` is replaced by the platform's name.
    pub join_steps: [&'static str; 3],
    pub scan_to_join: &'static str,
    pub groups_title: &'static str,
    pub continued: &'static str,
    pub no_groups: &'static str,
    pub not_yet_in_community: &'static str,
    pub tip: &'static str,
    pub announcement: &'static str,
    pub sleeping: &'static str,
    pub sleeping_hint: &'static str,
    pub page_of: &'static str,
}

/// The catalogue of a language.
pub fn catalogue(lang: Language) -> &'static Catalogue {
    match lang {
        Language::Fr => &fr::FR,
        Language::En => &en::EN,
    }
}
