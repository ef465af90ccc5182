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
    poster_title: "QR code poster",
    print_button: "Print",
    print_hint: "A4 portrait. In the print dialog, keep the default margins and untick “Headers and footers”.",
    example_link_warning: "Warning: this QR code still leads to the example link. Replace the invite link in the admin area before printing.",
    or_type_link: "Or open this link:",
    platform_generic: "the messaging app",
    guide_title: "How to use the groups",
    guide_join_title: "Join the community",
    guide_open_link: "Open the invitation link",
    guide_ask_title: "Ask to join a group",
    guide_ask_steps: [
        "In {platform}, open the community: the list of its groups appears",
        "Tap the group you are interested in, then “Ask to join”",
        "An admin approves your request: the group appears in your chats",
    ],
    guide_tips_title: "Good practice",
    guide_join_group: "Join this group",
    guide_privacy_title: "Privacy and platform",
    guide_privacy: [
        "The community runs on {platform}, a private company's service: your messages and your phone number go through its servers.",
        "Members of the groups you join can see your number. You can leave a group, or the community, at any time.",
        "If the coop ever picks another tool, this guide and the QR code in the shop will change with it: just scan the new one.",
    ],
};
