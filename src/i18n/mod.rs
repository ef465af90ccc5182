//! Every user-facing string, in one catalogue per language.

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
mod en;
mod es;
mod eu;
mod fr;
pub mod phrases;
pub mod pi_health;
pub mod platform_move;
pub mod problems;
pub mod typography;
pub mod voice;

use crate::content::ScreenLanguage;
pub use account::{account_catalogue, AccountCatalogue};
pub use admin::{admin_catalogue, AdminCatalogue};
pub use bilingual::{bilingual_catalogue, BilingualCatalogue};
pub use platform_move::{platform_move_catalogue, PlatformMoveCatalogue};

/// The strings of one language. Adding a field makes both catalogues fail to compile until filled.
pub struct Catalogue {
    pub lang: &'static str,
    pub display_title: &'static str,
    /// What each platform calls things and how one joins it.
    pub platforms: &'static PlatformTexts,
    pub scan_to_join: &'static str,
    pub groups_title: &'static str,
    pub continued: &'static str,
    pub no_groups: &'static str,
    pub tip: &'static str,
    pub announcement: &'static str,
    pub sleeping: &'static str,
    pub sleeping_hint: &'static str,
    /// Which groups slide is shown: `{n}` of `{total}`.
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
    pub guide_open_link: &'static str,
    pub guide_tips_title: &'static str,
    pub guide_join_group: &'static str,
    pub guide_privacy_title: &'static str,
    /// What the community's platform does with members' data, and who sees their number.
    pub guide_platform_privacy: PerPlatform,
    /// Paragraphs on privacy that hold whatever the platform.
    pub guide_privacy: [&'static str; 2],
    // A move to another platform, on the screen, the poster and the guide.
    pub move_title: &'static str,
    /// Above the code of the platform the community leaves; `{platform}`.
    pub move_now: &'static str,
    /// Above the code of the platform it moves to; `{platform}`.
    pub move_next: &'static str,
    /// `{date}`: the switch date.
    pub move_on: &'static str,
    /// A group already on the next platform; `{platform}`.
    pub group_moved: &'static str,
    /// A date in a sentence: `{d}`, `{m}` (a name of `months`), `{y}` (as `year` says it).
    pub date_format: &'static str,
    pub months: [&'static str; 12],
    /// The year as a date says it.
    pub year: fn(i32) -> String,
}

/// The year in figures, as most languages write it in a date.
pub fn plain_year(year: i32) -> String {
    year.to_string()
}

/// The words and steps of one platform (and, for WhatsApp and Matrix, one kind of link).
pub struct PlatformWords {
    /// The three steps from the QR code to being in.
    pub join_steps: [&'static str; 3],
    pub join_title: &'static str,
    /// How to join more groups once in.
    pub ask_title: &'static str,
    pub ask_steps: [&'static str; 3],
    /// The tag of a group that cannot be joined from here yet.
    pub pending: &'static str,
}

/// [`PlatformWords`] for every platform and kind of link.
pub struct PlatformTexts {
    pub whatsapp_community: PlatformWords,
    pub whatsapp_group: PlatformWords,
    pub signal: PlatformWords,
    pub telegram: PlatformWords,
    pub matrix_space: PlatformWords,
    pub matrix_room: PlatformWords,
    pub other: PlatformWords,
}

impl PlatformTexts {
    /// The field of [`PlatformTexts`] that [`PlatformTexts::get`] returns, by name.
    pub fn key(platform: crate::content::Platform, kind: crate::content::LinkKind) -> &'static str {
        use crate::content::{LinkKind, Platform};
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

    pub fn get(
        &self,
        platform: crate::content::Platform,
        kind: crate::content::LinkKind,
    ) -> &PlatformWords {
        use crate::content::{LinkKind, Platform};
        match (platform, kind) {
            (Platform::Whatsapp, LinkKind::Community) => &self.whatsapp_community,
            (Platform::Whatsapp, LinkKind::Group) => &self.whatsapp_group,
            (Platform::Signal, _) => &self.signal,
            (Platform::Telegram, _) => &self.telegram,
            (Platform::Matrix, LinkKind::Community) => &self.matrix_space,
            (Platform::Matrix, LinkKind::Group) => &self.matrix_room,
            (Platform::Other, _) => &self.other,
        }
    }
}

impl Catalogue {
    /// The words of the community's platform.
    pub fn words(&self, community: &crate::content::Community) -> &PlatformWords {
        self.platforms.get(community.platform, community.link_kind)
    }

    /// The platform's name in a sentence ("the messaging app" when it has none).
    pub fn platform_name(&self, platform: crate::content::Platform) -> &'static str {
        match platform {
            crate::content::Platform::Other => self.platform_generic,
            known => known.label(),
        }
    }

    /// A date as a sentence says it: "1 mars 2027".
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.date_format
            .replace("{d}", &day.day().to_string())
            .replace("{m}", self.months[day.month0() as usize])
            .replace("{y}", &(self.year)(day.year()))
    }

    /// "page 2 of 3".
    pub fn page(&self, n: usize, total: usize) -> String {
        self.page_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }
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

/// The catalogue of a language of the screen, the poster and the guide.
pub fn catalogue(lang: ScreenLanguage) -> &'static Catalogue {
    match lang {
        ScreenLanguage::Fr => &fr::FR,
        ScreenLanguage::Eu => &eu::EU,
        ScreenLanguage::En => &en::EN,
        ScreenLanguage::Es => &es::ES,
    }
}
