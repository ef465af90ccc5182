//! Every user-facing string, in one catalogue per language.

pub mod account;
mod account_en;
mod account_fr;
pub mod admin;
mod admin_en;
mod admin_fr;
mod en;
mod fr;
pub mod screens;

use crate::content::Language;
pub use account::{account_catalogue, AccountCatalogue};
pub use admin::{admin_catalogue, AdminCatalogue};

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
    // The printed poster and guide (`src/print/`).
    pub poster_title: &'static str,
    pub print_button: &'static str,
    pub print_hint: &'static str,
    pub example_link_warning: &'static str,
    /// Under the poster's QR code, for whoever cannot scan it.
    pub or_type_link: &'static str,
    /// Stands for the platform's name when it is "other".
    pub platform_generic: &'static str,
    pub guide_title: &'static str,
    pub guide_join_title: &'static str,
    pub guide_open_link: &'static str,
    pub guide_ask_title: &'static str,
    /// How to ask to join a group; `{platform}` is replaced by the platform's name.
    pub guide_ask_steps: [&'static str; 3],
    pub guide_tips_title: &'static str,
    pub guide_join_group: &'static str,
    pub guide_privacy_title: &'static str,
    /// What the community's platform does with members' data, and who sees their number.
    pub guide_platform_privacy: PerPlatform,
    /// Paragraphs on privacy that hold whatever the platform.
    pub guide_privacy: [&'static str; 2],
}

/// One text for each messaging platform.
pub struct PerPlatform {
    pub whatsapp: &'static str,
    pub signal: &'static str,
    pub telegram: &'static str,
    pub matrix: &'static str,
    pub other: &'static str,
}

impl PerPlatform {
    pub fn get(&self, platform: crate::content::Platform) -> &'static str {
        use crate::content::Platform;
        match platform {
            Platform::Whatsapp => self.whatsapp,
            Platform::Signal => self.signal,
            Platform::Telegram => self.telegram,
            Platform::Matrix => self.matrix,
            Platform::Other => self.other,
        }
    }
}

/// The catalogue of a language.
pub fn catalogue(lang: Language) -> &'static Catalogue {
    match lang {
        Language::Fr => &fr::FR,
        Language::En => &en::EN,
    }
}
