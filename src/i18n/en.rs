//! English strings.

use super::Catalogue;

pub static EN: Catalogue = Catalogue {
    lang: "en",
    display_title: "Coop screen",
    join_steps: [
        "Open your phone's camera and point it at the QR code",
        "Tap the link that appears: {platform} opens",
        "Tap “Join”, then pick your groups",
    ],
    scan_to_join: "Scan to join",
    groups_title: "Our groups",
    continued: "continued",
    no_groups: "Groups are coming soon: scan the QR code to join the community.",
    not_yet_in_community: "joining the community soon",
    tip: "Tip",
    announcement: "Announcement",
    sleeping: "The shop is closed",
    sleeping_hint: "See you soon!",
    page_of: "of",
};
