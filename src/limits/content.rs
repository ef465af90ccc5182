//! How long each text of the content may be, how many items a list holds and how long a slide
//! stays up: the one table read by the checks and the forms.
//!
//! The lengths are what the screen, the poster and the guide are laid out for; a longer text
//! would overflow its slide or be too small to read from the till. They count characters.

/// The community's name, in the screen's title and the poster's headline.
pub const COMMUNITY_NAME: usize = 80;
/// The line under the QR code.
pub const CALL_TO_ACTION: usize = 120;
/// Any web address (invite link, group link).
pub const LINK: usize = 500;
/// A group's name, one line of the list.
pub const GROUP_NAME: usize = 80;
/// A group's description, one line under its name.
pub const GROUP_DESCRIPTION: usize = 140;
/// A category's heading.
pub const GROUP_CATEGORY: usize = 40;
/// A tip's title.
pub const TIP_TITLE: usize = 60;
/// A tip's text, one slide in large type.
pub const TIP_TEXT: usize = 280;
/// An announcement's title.
pub const ANNOUNCEMENT_TITLE: usize = 80;
/// An announcement's text, beside its picture.
pub const ANNOUNCEMENT_TEXT: usize = 400;
/// An item's id, as a client may send one: it names the item in an address
/// (`/admin/groups/{id}`), short enough to read and to type; the server's own are 8.
pub const ITEM_ID: usize = 32;
/// The naming template (`Otsokop · {sujet}`).
pub const NAMING_TEMPLATE: usize = 60;
/// The line announcing a move to another platform, under both QR codes.
pub const MOVE_MESSAGE: usize = 120;
/// Who confirmed a link: a volunteer's name.
pub const NAME: usize = 80;
/// A fixed phrase of the screen in the coop's own words (a step to join is the longest).
pub const PHRASE: usize = 160;

/// The most groups the screen, the poster and the guide are laid out for.
pub const MAX_GROUPS: usize = 200;
/// The most tips, and the most announcements: each is a slide of its own, and a round longer
/// than a shopper's stay at the till is never seen whole.
pub const MAX_TIPS: usize = 30;
pub const MAX_ANNOUNCEMENTS: usize = 30;
/// How long a slide may stay up, in seconds: shorter cannot be read from the till, longer
/// holds the rest of the round back.
pub const MIN_SECONDS: u32 = 3;
pub const MAX_SECONDS: u32 = 600;
/// The most time ranges of a tip's or an announcement's schedule ("9 h–12 h and 16 h–19 h"):
/// a few spans of the day say any shop's rhythm, and the admin's words for them stay short.
pub const MAX_SCHEDULE_HOURS: usize = 4;
/// A pinned message ("Fermeture à 18 h aujourd'hui"): one line in very large type.
pub const PIN_MESSAGE: usize = 80;
/// How long something pinned holds the screen, in minutes: long enough for a customer at the
/// till or the last hour, short enough that a forgotten pin does not hide the slides all day.
pub const PIN_MIN_MINUTES: u32 = 1;
pub const PIN_MAX_MINUTES: u32 = 60;
