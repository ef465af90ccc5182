//! What is wrong with a field, as data: one code per kind of problem with its parameters.
//! Each language says it in its own words at the edge (the admin's catalogues, the API's
//! French), so a text quoted inside a message is never translated along with it.

use super::Platform;

/// One kind of problem and what it needs to be said (a count, a limit, the platform…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required text left empty.
    Empty,
    /// A one-line text with a line break.
    NotOneLine,
    /// Longer than the screen is laid out for.
    TooLong { count: usize, max: usize },
    /// Invisible control characters (pasted from a word processor, say).
    ControlCharacters,
    /// More items of a list than the screen is laid out for.
    TooMany { count: usize, max: usize },
    /// A slide's duration outside the range the screen takes.
    SecondsOutOfRange { seconds: u32, min: u32, max: u32 },
    /// The second language of the screen is its first one.
    SameSecondLanguage,
    /// Not a colour written `#1a2b3c`.
    NotAColour { value: String },
    /// A picture name vitrine did not give (an upload's hash).
    UnknownImage,
    /// A phrase the screen does not have.
    UnknownPhrase,
    /// A phrase whose original has no `{…}` marker got one.
    NoMarkersAllowed,
    /// A phrase must keep the markers of its original, as they are.
    MarkersToKeep { markers: String },
    /// The naming template without its topic marker.
    MissingTopicMarker,
    /// The next platform's link is today's.
    SameLinkAsToday,
    /// Not a JSON document at all: the parser stopped at this line and column.
    NotJson { line: usize, column: usize },
    /// A field the document must have is missing.
    MissingField { name: String },
    /// A field the document does not take.
    UnknownField { name: String },
    /// A value that is not one of the names the field takes (a platform, a language…).
    UnknownValue { value: String },
    /// A value of the wrong type: text where a number goes, a list where a text goes…
    WrongType,
    /// A value that cannot be read, for another reason the parser gave in its own words.
    Unreadable,
    /// Opening hours that are not a time range.
    NotATimeRange { value: String },
    /// Opening hours ending before they start.
    EndBeforeStart { value: String },
    /// A web address with a space in it.
    LinkWithSpace,
    /// Not a web address at all.
    NotAWebAddress { value: String },
    /// The invite link of another platform than the one chosen.
    LinkOfAnotherPlatform { found: Platform, chosen: Platform },
    /// The link of a known platform while "another platform" is chosen.
    LinkOfAKnownPlatform { found: Platform },
    /// A `wa.me` link: a chat with one person (a phone number), not an invitation.
    WhatsappPhoneLink,
    /// A WhatsApp channel: read-only, not a community or a group.
    WhatsappChannelLink,
    /// A `signal.me` link: a person's profile.
    SignalProfileLink,
    /// A Signal group link whose key (after `#`) cannot be read: cut when copied.
    SignalLinkDamaged,
    /// A Matrix link to a person (`@…`).
    MatrixProfileLink,
    /// A link of the right platform that is not one of its invitations.
    NotAnInviteLink { platform: Platform },
    /// A link with a user part (`https://chat.whatsapp.com@evil.example/…`): the phone would
    /// open the site after the `@`, not the one the link seems to name.
    LinkWithUserPart,
    /// A key written twice in one object of a JSON document (the field names it).
    DuplicateKey,
    /// An announcement whose last day comes before its first.
    LastDayBeforeFirstDay { first: String, last: String },
    /// A pin that lasts less than `min` minutes or more than `max`.
    PinMinutes { min: u32, max: u32 },
    /// A day of the week named twice in a schedule.
    DayTwice,
    /// An item's id that cannot name it in an address.
    BadId { value: String, max: usize },
    /// Two items of one list with the same id.
    IdTwice { value: String },
}

impl Problem {
    /// The stable name of the kind of problem, as scripts read it in the API's 422.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Empty => "empty",
            Problem::NotOneLine => "not_one_line",
            Problem::TooLong { .. } => "too_long",
            Problem::ControlCharacters => "control_characters",
            Problem::TooMany { .. } => "too_many",
            Problem::SecondsOutOfRange { .. } => "seconds_out_of_range",
            Problem::SameSecondLanguage => "same_second_language",
            Problem::NotAColour { .. } => "not_a_colour",
            Problem::UnknownImage => "unknown_image",
            Problem::UnknownPhrase => "unknown_phrase",
            Problem::NoMarkersAllowed => "no_markers_allowed",
            Problem::MarkersToKeep { .. } => "markers_to_keep",
            Problem::MissingTopicMarker => "missing_topic_marker",
            Problem::SameLinkAsToday => "same_link_as_today",
            Problem::NotJson { .. } => "not_json",
            Problem::MissingField { .. } => "missing_field",
            Problem::UnknownField { .. } => "unknown_field",
            Problem::UnknownValue { .. } => "unknown_value",
            Problem::WrongType => "wrong_type",
            Problem::Unreadable => "unreadable",
            Problem::NotATimeRange { .. } => "not_a_time_range",
            Problem::EndBeforeStart { .. } => "end_before_start",
            Problem::LinkWithSpace => "link_with_space",
            Problem::NotAWebAddress { .. } => "not_a_web_address",
            Problem::LinkOfAnotherPlatform { .. } => "link_of_another_platform",
            Problem::LinkOfAKnownPlatform { .. } => "link_of_a_known_platform",
            Problem::WhatsappPhoneLink => "whatsapp_phone_link",
            Problem::WhatsappChannelLink => "whatsapp_channel_link",
            Problem::SignalProfileLink => "signal_profile_link",
            Problem::SignalLinkDamaged => "signal_link_damaged",
            Problem::MatrixProfileLink => "matrix_profile_link",
            Problem::NotAnInviteLink { .. } => "not_an_invite_link",
            Problem::LinkWithUserPart => "link_with_user_part",
            Problem::DuplicateKey => "duplicate_key",
            Problem::LastDayBeforeFirstDay { .. } => "last_day_before_first_day",
            Problem::PinMinutes { .. } => "pin_minutes",
            Problem::DayTwice => "day_twice",
            Problem::BadId { .. } => "bad_id",
            Problem::IdTwice { .. } => "id_twice",
        }
    }

    /// The values a message of this problem may quote, by the name of their `{marker}`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Problem::TooLong { count, max } | Problem::TooMany { count, max } => {
                vec![("count", count.to_string()), ("max", max.to_string())]
            }
            Problem::SecondsOutOfRange { seconds, min, max } => vec![
                ("seconds", seconds.to_string()),
                ("min", min.to_string()),
                ("max", max.to_string()),
            ],
            Problem::NotAColour { value }
            | Problem::NotATimeRange { value }
            | Problem::EndBeforeStart { value }
            | Problem::NotAWebAddress { value } => vec![("value", value.clone())],
            Problem::MarkersToKeep { markers } => vec![("markers", markers.clone())],
            Problem::NotJson { line, column } => {
                vec![("line", line.to_string()), ("column", column.to_string())]
            }
            Problem::MissingField { name } | Problem::UnknownField { name } => {
                vec![("name", name.clone())]
            }
            Problem::UnknownValue { value } => vec![("value", value.clone())],
            Problem::LinkOfAnotherPlatform { found, chosen } => vec![
                ("found", found.label().to_owned()),
                ("chosen", chosen.label().to_owned()),
                ("example", example(*chosen).to_owned()),
            ],
            Problem::LinkOfAKnownPlatform { found } => vec![("found", found.label().to_owned())],
            Problem::NotAnInviteLink { platform } => vec![
                ("platform", platform.label().to_owned()),
                ("example", example(*platform).to_owned()),
            ],
            Problem::LastDayBeforeFirstDay { first, last } => {
                vec![("first", first.clone()), ("last", last.clone())]
            }
            Problem::PinMinutes { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            Problem::BadId { value, max } => {
                vec![("value", value.clone()), ("max", max.to_string())]
            }
            Problem::IdTwice { value } => vec![("value", value.clone())],
            Problem::Empty
            | Problem::DayTwice
            | Problem::LinkWithUserPart
            | Problem::DuplicateKey
            | Problem::NotOneLine
            | Problem::ControlCharacters
            | Problem::SameSecondLanguage
            | Problem::UnknownImage
            | Problem::UnknownPhrase
            | Problem::NoMarkersAllowed
            | Problem::MissingTopicMarker
            | Problem::SameLinkAsToday
            | Problem::LinkWithSpace
            | Problem::WhatsappPhoneLink
            | Problem::WhatsappChannelLink
            | Problem::SignalProfileLink
            | Problem::SignalLinkDamaged
            | Problem::MatrixProfileLink
            | Problem::WrongType
            | Problem::Unreadable => Vec::new(),
        }
    }

    /// The problem said with one language's `messages` (code → wording with `{markers}`).
    /// Each marker is replaced once, from the wording only: a quoted value is never read
    /// again, so text typed by a volunteer comes out exactly as typed.
    pub fn render(&self, messages: &[(&str, &str)]) -> String {
        let Some((_, wording)) = messages.iter().find(|(code, _)| *code == self.code()) else {
            return self.code().to_owned();
        };
        let params = self.params();
        let mut out = String::with_capacity(wording.len());
        let mut rest = *wording;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                params
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (v, close))
            });
            match value {
                Some((v, close)) => {
                    out.push_str(v);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// One problem of each kind, to check that every language says each of them.
    pub fn examples() -> Vec<Problem> {
        use Platform::*;
        vec![
            Problem::Empty,
            Problem::NotOneLine,
            Problem::TooLong {
                count: 318,
                max: 280,
            },
            Problem::ControlCharacters,
            Problem::TooMany { count: 31, max: 30 },
            Problem::SecondsOutOfRange {
                seconds: 0,
                min: 3,
                max: 600,
            },
            Problem::SameSecondLanguage,
            Problem::NotAColour {
                value: "orange".into(),
            },
            Problem::UnknownImage,
            Problem::UnknownPhrase,
            Problem::NoMarkersAllowed,
            Problem::MarkersToKeep {
                markers: "{platform}".into(),
            },
            Problem::MissingTopicMarker,
            Problem::SameLinkAsToday,
            Problem::NotJson {
                line: 3,
                column: 14,
            },
            Problem::MissingField {
                name: "title".into(),
            },
            Problem::UnknownField {
                name: "titel".into(),
            },
            Problem::UnknownValue {
                value: "whatsap".into(),
            },
            Problem::WrongType,
            Problem::Unreadable,
            Problem::NotATimeRange {
                value: "9h-18h".into(),
            },
            Problem::EndBeforeStart {
                value: "18:00-09:00".into(),
            },
            Problem::LinkWithSpace,
            Problem::NotAWebAddress {
                value: "bonjour".into(),
            },
            Problem::LinkOfAnotherPlatform {
                found: Signal,
                chosen: Whatsapp,
            },
            Problem::LinkOfAKnownPlatform { found: Matrix },
            Problem::WhatsappPhoneLink,
            Problem::WhatsappChannelLink,
            Problem::SignalProfileLink,
            Problem::SignalLinkDamaged,
            Problem::MatrixProfileLink,
            Problem::NotAnInviteLink { platform: Telegram },
            Problem::LinkWithUserPart,
            Problem::DuplicateKey,
            Problem::LastDayBeforeFirstDay {
                first: "2026-05-10".into(),
                last: "2026-05-01".into(),
            },
            Problem::PinMinutes { min: 1, max: 60 },
            Problem::DayTwice,
            Problem::BadId {
                value: "mon groupe".into(),
                max: 32,
            },
            Problem::IdTwice {
                value: "k3v9x2qa".into(),
            },
        ]
    }
}

/// What an invitation of the platform looks like.
fn example(p: Platform) -> &'static str {
    match p {
        Platform::Whatsapp => "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
        Platform::Signal => "https://signal.group/#CjQKI…",
        Platform::Telegram => "https://t.me/+AbCdEfGhIjKl",
        Platform::Matrix => "https://matrix.to/#/#otsokop:matrix.org",
        Platform::Other => "https://…",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn each_kind_of_problem_has_an_example_and_its_own_code() {
        // Adding a kind of problem breaks this match until it is given an index here and an
        // example above: then every language's test sees it.
        let index = |p: &Problem| match p {
            Problem::Empty => 0,
            Problem::NotOneLine => 1,
            Problem::TooLong { .. } => 2,
            Problem::ControlCharacters => 3,
            Problem::TooMany { .. } => 4,
            Problem::SecondsOutOfRange { .. } => 5,
            Problem::SameSecondLanguage => 6,
            Problem::NotAColour { .. } => 7,
            Problem::UnknownImage => 8,
            Problem::UnknownPhrase => 9,
            Problem::NoMarkersAllowed => 10,
            Problem::MarkersToKeep { .. } => 11,
            Problem::MissingTopicMarker => 12,
            Problem::SameLinkAsToday => 13,
            Problem::Unreadable => 14,
            Problem::NotATimeRange { .. } => 15,
            Problem::EndBeforeStart { .. } => 16,
            Problem::LinkWithSpace => 17,
            Problem::NotAWebAddress { .. } => 18,
            Problem::LinkOfAnotherPlatform { .. } => 19,
            Problem::LinkOfAKnownPlatform { .. } => 20,
            Problem::WhatsappPhoneLink => 21,
            Problem::WhatsappChannelLink => 22,
            Problem::SignalProfileLink => 23,
            Problem::SignalLinkDamaged => 24,
            Problem::MatrixProfileLink => 25,
            Problem::NotAnInviteLink { .. } => 26,
            Problem::NotJson { .. } => 27,
            Problem::MissingField { .. } => 28,
            Problem::UnknownField { .. } => 29,
            Problem::UnknownValue { .. } => 30,
            Problem::WrongType => 31,
            Problem::LinkWithUserPart => 32,
            Problem::DuplicateKey => 33,
            Problem::LastDayBeforeFirstDay { .. } => 34,
            Problem::PinMinutes { .. } => 35,
            Problem::DayTwice => 36,
            Problem::BadId { .. } => 37,
            Problem::IdTwice { .. } => 38,
        };
        let examples = Problem::examples();
        let indices: BTreeSet<usize> = examples.iter().map(index).collect();
        assert_eq!(indices, (0..=38).collect());
        let codes: BTreeSet<&str> = examples.iter().map(Problem::code).collect();
        assert_eq!(codes.len(), examples.len(), "two kinds share a code");
        for code in codes {
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code} is not snake_case"
            );
        }
    }

    #[test]
    fn a_quoted_value_comes_out_as_typed() {
        let p = Problem::NotAColour {
            value: "{value} « trop long : » {max}".into(),
        };
        let said = p.render(&[("not_a_colour", "“{value}” is not a colour")]);
        assert_eq!(said, "“{value} « trop long : » {max}” is not a colour");
        // A marker the problem has no value for stays as written.
        let said = Problem::MissingTopicMarker.render(&[("missing_topic_marker", "Add {topic}")]);
        assert_eq!(said, "Add {topic}");
    }
}
