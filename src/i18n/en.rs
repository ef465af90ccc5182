//! English strings.

use super::{Catalogue, PerPlatform, PlatformTexts, PlatformWords};

pub static EN: Catalogue = Catalogue {
    lang: "en",
    display_title: "Coop screen",
    platforms: &PLATFORMS_EN,
    scan_to_join: "Scan to join",
    groups_title: "Our groups",
    continued: "continued",
    no_groups: "Groups are coming soon: scan the QR code to join us.",
    tip: "Tip",
    announcement: "Announcement",
    sleeping: "The shop is closed",
    sleeping_hint: "See you soon!",
    page_of: "{n} of {total}",
    poster_title: "QR code poster",
    print_button: "Print",
    print_hint: "A4 portrait. In the print dialog, keep the default margins and untick “Headers and footers”.",
    example_link_warning: "Warning: this QR code still leads to the example link. Replace the invite link in the admin area before printing.",
    or_type_link: "Or open this link:",
    platform_generic: "the messaging app",
    guide_title: "How to use the groups",
    guide_open_link: "Open the invitation link",
    guide_tips_title: "Good practice",
    guide_join_group: "Join this group",
    guide_privacy_title: "Privacy and platform",
    guide_platform_privacy: PerPlatform {
        whatsapp: "WhatsApp is an app of the company Meta. Your messages are encrypted, but Meta knows who writes to whom and when, and that data may leave Europe. Members of the groups you join can see your phone number.",
        signal: "Signal is a free app run by a non-profit foundation. Your messages are encrypted and Signal keeps very little data. By default, other members do not see your number.",
        telegram: "Telegram is a private company's service. Group messages are not end-to-end encrypted there: Telegram can read them. You can hide your number in the privacy settings.",
        matrix: "Matrix is an open, decentralised network. Your messages are kept by the participants' servers; no phone number is needed.",
        other: "Find out what the community's app does with your data and your phone number.",
    },
    guide_privacy: [
        "You can leave a group at any time. Do not share another member's details without their consent.",
        "If the coop ever picks another tool, this guide and the QR code in the shop will change with it: just scan the new one.",
    ],
    move_title: "We are changing apps",
    move_now: "Today: {platform}",
    move_next: "Next: {platform}",
    move_on: "From {date}",
    group_moved: "already on {platform}",
    date_format: "{m} {d}, {y}",
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    year: super::plain_year,
};

pub static PLATFORMS_EN: PlatformTexts = PlatformTexts {
    whatsapp_community: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link that appears: WhatsApp opens the community",
            "Tap “Join community”, then pick your groups",
        ],
        join_title: "Join the community",
        ask_title: "Ask to join a group",
        ask_steps: [
            "In WhatsApp, open the community: the list of its groups appears",
            "Tap the group you are interested in, then “Ask to join”",
            "An admin approves your request: the group appears in your chats",
        ],
        pending: "joining the community soon",
    },
    whatsapp_group: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link that appears: WhatsApp opens the group",
            "Tap “Join group”",
        ],
        join_title: "Join the group",
        ask_title: "Join other groups",
        ask_steps: [
            "Each group has its own link: in this guide, or ask at the desk",
            "Open the link of the group you are interested in: WhatsApp opens that group",
            "Tap “Join group”",
        ],
        pending: "link coming soon",
    },
    signal: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link that appears: Signal opens the group",
            "Tap “Join group” (install Signal first if needed)",
        ],
        join_title: "Join the group",
        ask_title: "Join other groups",
        ask_steps: [
            "Signal has no communities: each group has its own link, in this guide or at the desk",
            "Open the link of the group you are interested in: Signal opens that group",
            "Tap “Join group”; if the group asks for it, an admin approves",
        ],
        pending: "link coming soon",
    },
    telegram: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link that appears: Telegram opens the group",
            "Tap “Join group”",
        ],
        join_title: "Join the group",
        ask_title: "Join other groups",
        ask_steps: [
            "Each Telegram group has its own link, in this guide or at the desk",
            "Open the link of the group you are interested in: Telegram opens that group",
            "Tap “Join group”; if the group asks for it, an admin approves",
        ],
        pending: "link coming soon",
    },
    matrix_space: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link, then pick a Matrix app (Element, for example)",
            "Tap “Join space”, then pick your rooms",
        ],
        join_title: "Join the space",
        ask_title: "Join a room",
        ask_steps: [
            "In your Matrix app, open the space: the list of its rooms appears",
            "Tap the room you are interested in, then “Join”",
            "The room appears in your chats",
        ],
        pending: "joining the space soon",
    },
    matrix_room: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link, then pick a Matrix app (Element, for example)",
            "Tap “Join room”",
        ],
        join_title: "Join the room",
        ask_title: "Join other rooms",
        ask_steps: [
            "Each room has its own link, in this guide or at the desk",
            "Open the link of the room you are interested in with your Matrix app",
            "Tap “Join”: the room appears in your chats",
        ],
        pending: "link coming soon",
    },
    other: PlatformWords {
        join_steps: [
            "Open your phone's camera and point it at the QR code",
            "Tap the link that appears: the messaging app opens",
            "Follow its instructions to join us",
        ],
        join_title: "Join us",
        ask_title: "Join other groups",
        ask_steps: [
            "Each group has its own link, in this guide or at the desk",
            "Open the link of the group you are interested in",
            "Follow the app's instructions to join it",
        ],
        pending: "link coming soon",
    },
};
