//! The languages the screen, the poster and the guide speak, and how a second one shares the
//! screen with the first.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A language of the screen: French, Basque, English or Spanish.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ScreenLanguage {
    Fr,
    Eu,
    En,
    Es,
}

impl ScreenLanguage {
    pub const ALL: [ScreenLanguage; 4] = [
        ScreenLanguage::Fr,
        ScreenLanguage::Eu,
        ScreenLanguage::En,
        ScreenLanguage::Es,
    ];

    /// The ISO 639-1 code, as in JSON, forms and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            ScreenLanguage::Fr => "fr",
            ScreenLanguage::Eu => "eu",
            ScreenLanguage::En => "en",
            ScreenLanguage::Es => "es",
        }
    }

    /// The language named by `code`, if the screen speaks it.
    pub fn from_code(code: &str) -> Option<ScreenLanguage> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Its own name for itself ("euskara"), which a speaker recognises in any admin language.
    pub fn endonym(self) -> &'static str {
        match self {
            ScreenLanguage::Fr => "français",
            ScreenLanguage::Eu => "euskara",
            ScreenLanguage::En => "English",
            ScreenLanguage::Es => "español",
        }
    }
}

impl From<super::Language> for ScreenLanguage {
    fn from(admin: super::Language) -> ScreenLanguage {
        match admin {
            super::Language::Fr => ScreenLanguage::Fr,
            super::Language::En => ScreenLanguage::En,
        }
    }
}

/// How two languages share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BilingualLayout {
    /// Both languages on every slide, with the same type and room.
    #[default]
    SideBySide,
    /// Each slide in one language, then again in the other.
    Alternating,
}

/// The screen's second language, and how it shares the screen with the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecondLanguage {
    pub language: ScreenLanguage,
    #[serde(default)]
    pub layout: BilingualLayout,
    /// The second language comes first: on the left (or on top), or shown first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first: bool,
}

impl super::DisplaySettings {
    /// The second language, when the screen has one.
    pub fn second(&self) -> Option<ScreenLanguage> {
        self.second_language.map(|s| s.language)
    }

    /// The screen's languages in the order a shopper meets them: one, or two.
    pub fn languages_in_order(&self) -> Vec<ScreenLanguage> {
        match self.second_language {
            None => vec![self.language],
            Some(s) if s.first => vec![s.language, self.language],
            Some(s) => vec![self.language, s.language],
        }
    }
}
