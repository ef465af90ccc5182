//! Every screen catalogue says every phrase, with the placeholders the French one has.
//!
//! The catalogues are structs, so a missing phrase does not compile; these tests catch an
//! empty one or a lost `{placeholder}`. The destructurings list every field without `..`,
//! so a new field must be added here too.

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
fn phrases(c: &'static Catalogue) -> Vec<(String, &'static str)> {
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
fn placeholders(s: &str) -> Vec<&str> {
    s.match_indices('{')
        .filter_map(|(at, _)| s[at..].find('}').map(|end| &s[at..=at + end]))
        .collect()
}

#[test]
fn every_language_says_every_phrase_with_the_same_placeholders() {
    let french = phrases(catalogue(ScreenLanguage::Fr));
    for lang in ScreenLanguage::ALL {
        let c = catalogue(lang);
        assert_eq!(c.lang, lang.code());
        let theirs = phrases(c);
        assert_eq!(theirs.len(), french.len());
        for ((name, fr), (_, said)) in french.iter().zip(&theirs) {
            assert!(!said.trim().is_empty(), "{}: {name} is empty", lang.code());
            let mut want = placeholders(fr);
            let mut got = placeholders(said);
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{}: {name} = {said:?}", lang.code());
        }
    }
}

#[test]
fn each_language_says_its_own_words() {
    let shown = |lang| catalogue(lang).groups_title;
    let all: std::collections::BTreeSet<&str> = ScreenLanguage::ALL.map(shown).into();
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn dates_and_pages_follow_each_language() {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let said = ScreenLanguage::ALL.map(|l| catalogue(l).date(day));
    assert_eq!(
        said,
        [
            "1 mars 2027",
            "2027ko martxoaren 1a",
            "March 1, 2027",
            "1 de marzo de 2027"
        ]
    );
    let pages = ScreenLanguage::ALL.map(|l| catalogue(l).page(1, 3));
    assert_eq!(pages, ["1 sur 3", "1/3", "1 of 3", "1 de 3"]);
}
