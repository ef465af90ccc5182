//! A planned move to another platform, and the dates that keep invite links true: when each
//! link was last confirmed working, and since when the printed poster shows an old link.

use super::{Community, Content, LinkKind, Platform, ScreenLanguage};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// After this many days a confirmed link is asked to be checked again: invitations can be
/// revoked by the chat's admins at any time and vitrine cannot see it offline.
pub const RECHECK_AFTER_DAYS: i64 = 90;

/// The platform the community is moving to, while the move is under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NextPlatform {
    pub platform: Platform,
    /// Empty while the new community has no invitation yet.
    #[serde(default)]
    pub invite_link: String,
    #[serde(default, skip_serializing_if = "LinkKind::is_community")]
    pub link_kind: LinkKind,
    /// The day the new platform becomes the community (local date); none: by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub switch_on: Option<NaiveDate>,
    /// A short line for the shoppers ("Nous passons sur Signal le 1er mars").
    #[serde(default)]
    pub message: String,
    /// The line in other languages than the screen's first one.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: super::Translations<super::MoveText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_checked: Option<LinkCheck>,
}

/// Someone confirmed that a link still leads to the chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkCheck {
    #[schema(value_type = String, format = DateTime)]
    pub on: DateTime<Utc>,
    pub by: String,
}

impl LinkCheck {
    /// Whether the check is old enough to be asked again.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        now.signed_duration_since(self.on).num_days() >= RECHECK_AFTER_DAYS
    }
}

/// A group's place on the next platform.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupMove {
    /// The group's invite link on the new platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The group already exists on the new platform and its members can go there.
    #[serde(default)]
    pub moved: bool,
}

impl NextPlatform {
    /// The move's line for the shoppers in `lang`, when there is one in that language.
    pub fn message_in(&self, lang: ScreenLanguage, primary: ScreenLanguage) -> Option<&str> {
        let original = Some(self.message.as_str()).filter(|m| !m.trim().is_empty())?;
        if lang == primary {
            return Some(original);
        }
        let t = self.translations.get(&lang)?;
        Some(t.message.as_str()).filter(|m| !m.trim().is_empty())
    }
}

impl Content {
    /// The next platform, when a move is under way.
    pub fn next(&self) -> Option<&NextPlatform> {
        self.community.next.as_ref()
    }

    /// The next platform when it can already be joined (it has a link).
    pub fn next_joinable(&self) -> Option<&NextPlatform> {
        self.next().filter(|n| !n.invite_link.is_empty())
    }

    /// Whether the move is due on `today` (the local date of a clock known to be right).
    pub fn switch_due(&self, today: NaiveDate) -> bool {
        self.next_joinable()
            .and_then(|n| n.switch_on)
            .is_some_and(|day| day <= today)
    }

    /// The content once the move is done: the next platform is the community, each group
    /// takes its new link and "in the community" means "already there"; the old platform is
    /// gone. `None` when there is no move, or nothing to join yet.
    pub fn switched(&self, now: DateTime<Utc>) -> Option<Content> {
        let next = self.next_joinable()?.clone();
        let mut c = self.clone();
        let old = &self.community;
        c.community = Community {
            name: old.name.clone(),
            platform: next.platform,
            invite_link: next.invite_link,
            link_kind: next.link_kind,
            call_to_action: old.call_to_action.clone(),
            link_checked: next.link_checked,
            reprint_since: Some(now),
            next: None,
            translations: old.translations.clone(),
        };
        for g in &mut c.groups {
            let moved = g.next.take().unwrap_or_default();
            g.link = moved.link;
            g.in_community = moved.moved;
        }
        Some(c)
    }

    /// The content with the move given up: the community stays where it is.
    pub fn move_cancelled(&self) -> Content {
        let mut c = self.clone();
        c.community.next = None;
        for g in &mut c.groups {
            g.next = None;
        }
        c
    }

    /// How many of the groups shoppers see are already on the next platform, of how many.
    pub fn groups_moved(&self) -> (usize, usize) {
        let moved = self
            .shown_groups()
            .filter(|g| g.next.as_ref().is_some_and(|m| m.moved))
            .count();
        (moved, self.shown_groups().count())
    }
}

/// The earliest moment this build can run at: a clock before it is wrong for sure.
pub fn built_not_before() -> DateTime<Utc> {
    // Set by reproducible builds (packaging); else the day this rule was written.
    let epoch = option_env!("SOURCE_DATE_EPOCH").and_then(|s| s.parse::<i64>().ok());
    epoch
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(|| {
            DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
                .expect("a valid date")
                .with_timezone(&Utc)
        })
}

/// Why a clock cannot be right, if it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrongClock {
    /// It says a time before this vitrine was built.
    BeforeBuild,
    /// It says a time before the newest saved revision.
    BeforeNewestRevision(DateTime<Utc>),
}

/// Checks the server's clock against what it cannot be earlier than. A Pi without battery
/// and without internet restarts at an old date after a power cut.
pub fn check_clock(now: DateTime<Utc>, newest: Option<DateTime<Utc>>) -> Result<(), WrongClock> {
    if now < built_not_before() {
        return Err(WrongClock::BeforeBuild);
    }
    match newest {
        // A minute of slack: two machines' clocks (the file's, the server's) may differ a little.
        Some(at) if now + chrono::Duration::minutes(1) < at => {
            Err(WrongClock::BeforeNewestRevision(at))
        }
        _ => Ok(()),
    }
}

impl GroupMove {
    /// A group's place on the next platform from a form's two fields; none when both are empty.
    pub fn from_form(link: &str, moved: bool) -> Option<GroupMove> {
        let link = super::complete_scheme(link);
        let link = (!link.is_empty()).then_some(link);
        (link.is_some() || moved).then_some(GroupMove { link, moved })
    }
}
