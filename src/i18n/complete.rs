//! Every language of the screen says every phrase the French one says, with the same
//! `{placeholders}`, and nothing the code never asks for.

use super::catalogue;
use super::voice::Voice;
use crate::content::phrasebook::{placeholders, Phrasebook};
use crate::content::ScreenLanguage;

/// What a language lacks, has too many of, or words with other placeholders than French.
fn differences(french: &Phrasebook, theirs: &Phrasebook) -> Vec<String> {
    let code = theirs.lang;
    let mut out = Vec::new();
    for (key, fr) in french.all() {
        match theirs.get(key) {
            None => out.push(format!("{code}: {key} is missing")),
            Some(said) if said.trim().is_empty() => out.push(format!("{code}: {key} is empty")),
            Some(said) => {
                let (mut want, mut got) = (placeholders(fr), placeholders(said));
                want.sort_unstable();
                got.sort_unstable();
                if got != want {
                    out.push(format!(
                        "{code}: {key} = {said:?} has {got:?}, not {want:?}"
                    ));
                }
            }
        }
    }
    for (key, _) in theirs.all() {
        if french.get(key).is_none() {
            out.push(format!("{code}: {key} is not a French phrase"));
        }
    }
    out
}

#[test]
fn every_language_says_every_phrase_with_the_same_placeholders() {
    let french = catalogue(ScreenLanguage::Fr);
    assert!(french.all().count() > 90, "the French phrases are all read");
    for lang in ScreenLanguage::ALL {
        assert_eq!(catalogue(lang).lang, lang.code());
        assert_eq!(differences(french, catalogue(lang)), Vec::<String>::new());
    }
}

#[test]
fn a_language_that_lacks_a_phrase_or_loses_a_placeholder_is_caught() {
    let french = catalogue(ScreenLanguage::Fr);
    let json = r#"{"page_of": "{n} of all", "scan_to_join": "Scan", "stray": "x"}"#;
    let partial = Phrasebook::parse(ScreenLanguage::En, json);
    let found = differences(french, &partial);
    assert!(
        found.iter().any(|d| d.contains("groups_title is missing")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.contains("page_of") && d.contains("{total}")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.contains("stray is not a French phrase")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|d| d.contains("scan_to_join")),
        "{found:?}"
    );
}

#[test]
fn every_phrase_the_screen_and_paper_ask_for_is_in_the_files() {
    use crate::content::{LinkKind, Platform};
    let fr = catalogue(ScreenLanguage::Fr);
    let v = Voice::built_in(ScreenLanguage::Fr);
    for platform in Platform::ALL {
        for kind in [LinkKind::Community, LinkKind::Group] {
            let key = super::platform_key(platform, kind);
            for field in ["join_title", "ask_title", "pending"] {
                assert!(
                    fr.get(&format!("platforms.{key}.{field}")).is_some(),
                    "{key}.{field}"
                );
            }
            assert!(v.join_steps(platform, kind).iter().all(|s| !s.is_empty()));
            assert!(v.ask_steps(platform, kind).iter().all(|s| !s.is_empty()));
        }
        assert!(!v.platform_privacy(platform).is_empty(), "{platform:?}");
    }
}

#[test]
fn each_language_says_its_own_words() {
    let shown = |lang| catalogue(lang).say("groups_title");
    let all: std::collections::BTreeSet<&str> = ScreenLanguage::ALL.map(shown).into();
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn dates_and_pages_follow_each_language() {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let said = ScreenLanguage::ALL.map(|l| Voice::built_in(l).date(day));
    assert_eq!(
        said,
        [
            "1 mars 2027",
            "2027ko martxoaren 1a",
            "March 1, 2027",
            "1 de marzo de 2027"
        ]
    );
    let pages = ScreenLanguage::ALL.map(|l| Voice::built_in(l).page(1, 3));
    assert_eq!(pages, ["1 sur 3", "1/3", "1 of 3", "1 de 3"]);
}
