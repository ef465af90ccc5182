//! The content document: everything the till screen, the poster and the guide show.
//!
//! One serde document, read and replaced whole by the JSON API and the admin area.

mod checker;
mod defaults;
mod duplicates;
mod hours;
pub mod ids;
mod languages;
mod links;
pub mod phrasebook;
mod pin;
mod platform_move;
mod problem;
mod reading;
mod schedule;
mod translations;
mod validate;
pub mod wording;

pub use checker::{is_image_name, FieldError, Invalid};
pub use defaults::{default_content, EXAMPLE_INVITE_LINK};
pub use hours::{OpeningHours, TimeRange};
pub use languages::{BilingualLayout, ScreenLanguage, SecondLanguage};
pub use links::{check_invite_link, check_web_link, complete_scheme, platform_of, LinkKind};
pub use pin::{Pin, PinText, Pinned};
pub use platform_move::{
    built_not_before, check_clock, GroupMove, LinkCheck, NextPlatform, WrongClock,
    RECHECK_AFTER_DAYS,
};
pub use problem::Problem;
pub use schedule::{Day, Schedule};
pub use translations::{
    category_in, untranslated, CommunityText, GroupText, MessageText, MoveText, Translations,
    Untranslated,
};
pub use validate::parse_json;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The whole document shown by vitrine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub community: Community,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub tips: Vec<Tip>,
    #[serde(default)]
    pub announcements: Vec<Announcement>,
    pub slides: Slides,
    pub display: DisplaySettings,
    /// What a volunteer put on the whole screen for a few minutes ("show it now").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<Pin>,
}

/// The chat community a shopper joins by scanning the QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Community {
    pub name: String,
    pub platform: Platform,
    pub invite_link: String,
    /// WhatsApp: whether the link opens the community or a single group.
    #[serde(default, skip_serializing_if = "LinkKind::is_community")]
    pub link_kind: LinkKind,
    pub call_to_action: String,
    /// When someone last confirmed that the invite link still works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_checked: Option<LinkCheck>,
    /// The link changed at this moment: posters and guides printed before show the old one,
    /// until someone says they were printed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub reprint_since: Option<chrono::DateTime<chrono::Utc>>,
    /// The platform the community is moving to, while a move is under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NextPlatform>,
    /// The name and call to action in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations<CommunityText>,
}

impl Community {
    /// Whether the link opens a community whose groups one joins from inside it (a WhatsApp
    /// community, a Matrix space), rather than a group of a platform without communities.
    pub fn opens_a_community(&self) -> bool {
        self.link_kind == LinkKind::Community
            && matches!(self.platform, Platform::Whatsapp | Platform::Matrix)
    }
}

/// The messaging platform that hosts the community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Whatsapp,
    Signal,
    Telegram,
    Matrix,
    Other,
}

impl Platform {
    pub const ALL: [Platform; 5] = [
        Platform::Whatsapp,
        Platform::Signal,
        Platform::Telegram,
        Platform::Matrix,
        Platform::Other,
    ];

    /// The name people know the platform by.
    pub fn label(self) -> &'static str {
        match self {
            Platform::Whatsapp => "WhatsApp",
            Platform::Signal => "Signal",
            Platform::Telegram => "Telegram",
            Platform::Matrix => "Matrix",
            Platform::Other => "—",
        }
    }

    /// The serialized name, as used in forms and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Platform::Whatsapp => "whatsapp",
            Platform::Signal => "signal",
            Platform::Telegram => "telegram",
            Platform::Matrix => "matrix",
            Platform::Other => "other",
        }
    }
}

/// One chat group of the coop.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Given by the server when the item is created, kept for its whole life, never given to
    /// another (letters, digits, `-`, `_`; at most 32). Absent: one is given on save.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    /// The group's own invite link, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Whether the group has already been brought into the community.
    #[serde(default)]
    pub in_community: bool,
    /// Kept, but not on the screen, the poster nor the guide.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// The group on the next platform, while a move is under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<GroupMove>,
    /// The description and category in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations<GroupText>,
}

/// A short piece of advice on using the community.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    /// Given by the server when the item is created, kept for its whole life, never given to
    /// another (letters, digits, `-`, `_`; at most 32). Absent: one is given on save.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub title: String,
    pub text: String,
    /// Kept, but not on the screen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// The days of the week and hours it shows (none: all the time).
    #[serde(default, skip_serializing_if = "Schedule::is_always")]
    pub schedule: Schedule,
    /// The title and text in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations<MessageText>,
}

impl Tip {
    /// Whether the screen shows it at `now` (the Pi's local date and time).
    pub fn on_screen(&self, now: &chrono::NaiveDateTime) -> bool {
        !self.hidden && self.schedule.is_on(now)
    }
}

/// A message from the coop, with an optional picture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// Given by the server when the item is created, kept for its whole life, never given to
    /// another (letters, digits, `-`, `_`; at most 32). Absent: one is given on save.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// File name of an uploaded picture (content hash and extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Kept, but not on the screen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// The first day it is on the screen (none: from now on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub first_day: Option<chrono::NaiveDate>,
    /// The last day it is on the screen (none: until removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub last_day: Option<chrono::NaiveDate>,
    /// The days of the week and hours it shows within those days (none: all day long).
    #[serde(default, skip_serializing_if = "Schedule::is_always")]
    pub schedule: Schedule,
    /// The title and text in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations<MessageText>,
}

impl Announcement {
    /// Whether the screen shows it on `today` (the Pi's local date), whatever the hour.
    pub fn on_screen_today(&self, today: chrono::NaiveDate) -> bool {
        !self.hidden
            && self.first_day.is_none_or(|d| d <= today)
            && self.last_day.is_none_or(|d| today <= d)
    }

    /// Whether the screen shows it at `now` (the Pi's local date and time).
    pub fn on_screen(&self, now: &chrono::NaiveDateTime) -> bool {
        self.on_screen_today(now.date()) && self.schedule.is_on(now)
    }
}

/// Duration and on/off switch of each kind of slide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Slides {
    pub community: SlideSetting,
    pub groups: SlideSetting,
    pub tips: SlideSetting,
    pub announcements: SlideSetting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlideSetting {
    pub enabled: bool,
    /// How long each slide of this kind stays on screen, in seconds.
    pub seconds: u32,
}

/// How the screen looks and when it is awake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisplaySettings {
    /// The screen's language, the one every text is written in first.
    pub language: ScreenLanguage,
    /// A second language on the screen, and how the two share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_language: Option<SecondLanguage>,
    #[serde(default)]
    pub opening_hours: OpeningHours,
    /// Keep a small QR code in a corner of every other slide.
    pub qr_corner: bool,
    #[serde(default)]
    pub theme: Theme,
    /// The coop's own wording of the screen's fixed phrases, by language and phrase name
    /// (`scan_to_join`, `platforms.whatsapp_community.join_steps[0]`: the keys of `assets/phrases/`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phrases: BTreeMap<ScreenLanguage, BTreeMap<String, String>>,
    /// The naming convention for groups; `{sujet}` stands for the topic.
    #[serde(default = "default_naming_template")]
    pub naming_template: String,
}

fn default_naming_template() -> String {
    "Otsokop · {sujet}".to_owned()
}

/// Language of the admin area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// Colours of the display, as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub background: String,
    pub text: String,
    pub accent: String,
    /// File name of an uploaded logo, shown on the community slide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            background: "#10302a".to_owned(),
            text: "#ffffff".to_owned(),
            accent: "#f6c343".to_owned(),
            logo: None,
        }
    }
}

impl Content {
    /// The groups the screen, the poster and the guide show: all but the hidden ones.
    pub fn shown_groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| !g.hidden)
    }

    /// The groups the screen, the poster and the guide show, in display order, gathered by
    /// category in order of first appearance.
    pub fn groups_by_category(&self) -> Vec<(&str, Vec<&Group>)> {
        let mut out: Vec<(&str, Vec<&Group>)> = Vec::new();
        for group in self.shown_groups() {
            match out.iter_mut().find(|(c, _)| *c == group.category) {
                Some((_, list)) => list.push(group),
                None => out.push((&group.category, vec![group])),
            }
        }
        out
    }

    /// Whether the invite link is still the example shipped with vitrine.
    pub fn has_example_link(&self) -> bool {
        self.community.invite_link == EXAMPLE_INVITE_LINK
    }
}
