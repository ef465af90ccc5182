//! How long each text of the content may be: the one table read by the checks and the forms.
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
/// The naming template (`Otsokop · {sujet}`).
pub const NAMING_TEMPLATE: usize = 60;
/// The line announcing a move to another platform, under both QR codes.
pub const MOVE_MESSAGE: usize = 120;
/// Who confirmed a link: a volunteer's name.
pub const NAME: usize = 80;
/// A fixed phrase of the screen in the coop's own words (a step to join is the longest).
pub const PHRASE: usize = 160;
