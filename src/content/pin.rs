//! "Show it now": something a volunteer puts on the whole screen at once for a few minutes
//! (the community's QR code, an announcement, a short message), ending by itself.

use super::{ScreenLanguage, Translations};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What holds the screen, who asked, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    pub shows: Pinned,
    /// A message's words in the screen's other language.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations<PinText>,
    /// Who pinned it.
    pub by: String,
    #[schema(value_type = String, format = DateTime)]
    pub since: DateTime<Utc>,
    /// When the screen goes back to its slides by itself.
    #[schema(value_type = String, format = DateTime)]
    pub until: DateTime<Utc>,
}

/// What a pin shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Pinned {
    /// The community slide, its QR code big.
    Community,
    /// One announcement, by its title: moved or another one deleted meanwhile, it is still
    /// the one shown; renamed or deleted, the slides go on.
    Announcement(String),
    /// A short message, the QR code in its corner.
    Message(String),
}

/// A pinned message in another language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinText {
    pub message: String,
}

impl Pinned {
    /// The place in `content`'s list of the announcement it shows, if it shows one still there.
    pub fn announcement_in(&self, content: &super::Content) -> Option<usize> {
        let Pinned::Announcement(title) = self else {
            return None;
        };
        content.announcements.iter().position(|a| &a.title == title)
    }
}

impl Pin {
    /// Whether it holds the screen at `now`.
    pub fn is_on(&self, now: DateTime<Utc>) -> bool {
        self.since <= now + chrono::Duration::minutes(1) && now < self.until
    }

    /// The message in `lang`, if this pin is a message written in it.
    pub fn message_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<&str> {
        let Pinned::Message(text) = &self.shows else {
            return None;
        };
        if lang == primary {
            return Some(text);
        }
        self.translations
            .get(&lang)
            .map(|t| t.message.as_str())
            .filter(|m| !m.trim().is_empty())
    }
}
