//! Every user-facing string: the admin's catalogues per language, and the screen's phrases
//! (data files, `assets/phrases/`) as each language and the coop's own wording say them.

pub mod account;
mod account_en;
mod account_fr;
pub mod admin;
mod admin_en;
mod admin_fr;
pub mod bilingual;
#[cfg(test)]
mod complete;
pub mod connected_screens;
pub mod errors;
mod eu;
pub mod fields;
pub mod history;
pub mod phrase_labels;
pub mod pi_health;
pub mod platform_move;
pub mod problems;
pub mod schedule;
pub mod screen_picture;
pub mod typography;
pub mod voice;

use crate::content::{LinkKind, Platform, ScreenLanguage};
pub use account::{account_catalogue, AccountCatalogue};
pub use admin::{admin_catalogue, AdminCatalogue};
pub use bilingual::{bilingual_catalogue, BilingualCatalogue};
pub use platform_move::{platform_move_catalogue, PlatformMoveCatalogue};

/// The phrases of one language of the screen, the poster and the guide (key → text, from
/// `assets/phrases/<code>.json`).
pub use crate::content::phrasebook::Phrasebook as Catalogue;

/// The catalogue of a language of the screen, the poster and the guide.
pub fn catalogue(lang: ScreenLanguage) -> &'static Catalogue {
    crate::content::phrasebook::phrasebook(lang)
}

/// The name a platform's words have in the phrases' keys (`platforms.<name>.join_steps[0]`):
/// one per platform, and for WhatsApp and Matrix one per kind of link.
pub fn platform_key(platform: Platform, kind: LinkKind) -> &'static str {
    match (platform, kind) {
        (Platform::Whatsapp, LinkKind::Community) => "whatsapp_community",
        (Platform::Whatsapp, LinkKind::Group) => "whatsapp_group",
        (Platform::Signal, _) => "signal",
        (Platform::Telegram, _) => "telegram",
        (Platform::Matrix, LinkKind::Community) => "matrix_space",
        (Platform::Matrix, LinkKind::Group) => "matrix_room",
        (Platform::Other, _) => "other",
    }
}
