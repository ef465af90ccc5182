//! Every phrase of a screen catalogue by name (`scan_to_join`,
//! `platforms.signal.join_steps[1]`), as the coop's own wording of a phrase names it
//! (`display.phrases`) and the completeness tests list them.
//!
//! The destructurings list every field without `..`, so a field added to a catalogue must be
//! added here too.

use super::{catalogue, Catalogue, PerPlatform, PlatformTexts, PlatformWords};
use crate::content::ScreenLanguage;

fn words(w: &PlatformWords, at: &str, out: &mut Vec<(String, &'static str)>) {
    let PlatformWords {
        join_steps,
        join_title,
        ask_title,
        ask_steps,
        pending,
    } = w;
    for (i, s) in join_steps.iter().enumerate() {
        out.push((format!("{at}.join_steps[{i}]"), s));
    }
    for (i, s) in ask_steps.iter().enumerate() {
        out.push((format!("{at}.ask_steps[{i}]"), s));
    }
    out.push((format!("{at}.join_title"), join_title));
    out.push((format!("{at}.ask_title"), ask_title));
    out.push((format!("{at}.pending"), pending));
}

/// Every phrase of a catalogue, named by its field.
pub fn phrases(c: &'static Catalogue) -> Vec<(String, &'static str)> {
    let Catalogue {
        lang,
        display_title,
        platforms,
        scan_to_join,
        groups_title,
        continued,
        no_groups,
        tip,
        announcement,
        sleeping,
        sleeping_hint,
        page_of,
        poster_title,
        print_button,
        print_hint,
        example_link_warning,
        or_type_link,
        platform_generic,
        guide_title,
        guide_open_link,
        guide_tips_title,
        guide_join_group,
        guide_privacy_title,
        guide_platform_privacy,
        guide_privacy,
        move_title,
        move_now,
        move_next,
        move_on,
        group_moved,
        date_format,
        months,
        year: _,
    } = c;
    let mut out: Vec<(String, &'static str)> = [
        ("lang", *lang),
        ("display_title", display_title),
        ("scan_to_join", scan_to_join),
        ("groups_title", groups_title),
        ("continued", continued),
        ("no_groups", no_groups),
        ("tip", tip),
        ("announcement", announcement),
        ("sleeping", sleeping),
        ("sleeping_hint", sleeping_hint),
        ("page_of", page_of),
        ("poster_title", poster_title),
        ("print_button", print_button),
        ("print_hint", print_hint),
        ("example_link_warning", example_link_warning),
        ("or_type_link", or_type_link),
        ("platform_generic", platform_generic),
        ("guide_title", guide_title),
        ("guide_open_link", guide_open_link),
        ("guide_tips_title", guide_tips_title),
        ("guide_join_group", guide_join_group),
        ("guide_privacy_title", guide_privacy_title),
        ("guide_privacy[0]", guide_privacy[0]),
        ("guide_privacy[1]", guide_privacy[1]),
        ("move_title", move_title),
        ("move_now", move_now),
        ("move_next", move_next),
        ("move_on", move_on),
        ("group_moved", group_moved),
        ("date_format", date_format),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (i, m) in months.iter().enumerate() {
        out.push((format!("months[{i}]"), m));
    }
    let PerPlatform {
        whatsapp,
        signal,
        telegram,
        matrix,
        other,
    } = guide_platform_privacy;
    for (k, v) in [
        ("whatsapp", whatsapp),
        ("signal", signal),
        ("telegram", telegram),
        ("matrix", matrix),
        ("other", other),
    ] {
        out.push((format!("guide_platform_privacy.{k}"), v));
    }
    let PlatformTexts {
        whatsapp_community,
        whatsapp_group,
        signal,
        telegram,
        matrix_space,
        matrix_room,
        other,
    } = platforms;
    for (k, w) in [
        ("whatsapp_community", whatsapp_community),
        ("whatsapp_group", whatsapp_group),
        ("signal", signal),
        ("telegram", telegram),
        ("matrix_space", matrix_space),
        ("matrix_room", matrix_room),
        ("other", other),
    ] {
        words(w, &format!("platforms.{k}"), &mut out);
    }
    out
}

/// The `{placeholders}` of a phrase, in order.
pub fn placeholders(s: &str) -> Vec<&str> {
    s.match_indices('{')
        .filter_map(|(at, _)| s[at..].find('}').map(|end| &s[at..=at + end]))
        .collect()
}

/// The catalogue's own wording of the phrase named `key` in `lang`, if there is such a phrase.
pub fn default_of(lang: ScreenLanguage, key: &str) -> Option<&'static str> {
    phrases(catalogue(lang))
        .into_iter()
        .find(|(name, _)| name == key)
        .map(|(_, said)| said)
}

/// Whether the poster or the guide prints the phrase named `key` (and the screen does not),
/// so that the coop may word it its own way there too.
pub fn on_paper(key: &str) -> bool {
    const FIXED: [&str; 7] = [
        "or_type_link",
        "no_groups",
        "guide_title",
        "guide_open_link",
        "guide_tips_title",
        "guide_join_group",
        "guide_privacy_title",
    ];
    !on_screen(key)
        && (FIXED.contains(&key)
            || key.starts_with("guide_privacy[")
            || key.starts_with("guide_platform_privacy.")
            || (key.starts_with("platforms.")
                && (key.contains(".ask_steps[")
                    || key.ends_with(".join_title")
                    || key.ends_with(".ask_title"))))
}

/// Whether the coop may word the phrase named `key` its own way: the screen, the poster or
/// the guide shows it.
pub fn rewordable(key: &str) -> bool {
    on_screen(key) || on_paper(key)
}

/// Whether the screen shows the phrase named `key`, so that the coop may word it its own way.
pub fn on_screen(key: &str) -> bool {
    const FIXED: [&str; 14] = [
        "scan_to_join",
        "groups_title",
        "continued",
        "tip",
        "announcement",
        "sleeping",
        "sleeping_hint",
        "page_of",
        "platform_generic",
        "move_now",
        "move_next",
        "move_on",
        "group_moved",
        "date_format",
    ];
    FIXED.contains(&key)
        || key.starts_with("months[")
        || (key.starts_with("platforms.")
            && (key.contains(".join_steps[") || key.ends_with(".pending")))
}
