//! English strings.

use super::{Catalogue, PerPlatform};

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
    guide_platform_privacy: PerPlatform {
        whatsapp: "The community runs on WhatsApp, an app of the company Meta. Your messages are encrypted, but Meta knows who writes to whom and when, and that data may leave Europe. Members of the groups you join can see your phone number.",
        signal: "The community runs on Signal, a free app run by a non-profit foundation. Your messages are encrypted and Signal keeps very little data. By default, other members do not see your number.",
        telegram: "The community runs on Telegram, a private company's service. Group messages are not end-to-end encrypted there: Telegram can read them. You can hide your number in the privacy settings.",
        matrix: "The community runs on Matrix, an open, decentralised network. Your messages are kept by the participants' servers; no phone number is needed.",
        other: "Find out what the community's app does with your data and your phone number.",
    },
    guide_privacy: [
        "You can leave a group, or the community, at any time. Do not share another member's details without their consent.",
        "If the coop ever picks another tool, this guide and the QR code in the shop will change with it: just scan the new one.",
    ],
};
