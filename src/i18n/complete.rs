//! Every screen catalogue says every phrase, with the placeholders the French one has.
//!
//! The catalogues are structs, so a missing phrase does not compile; these tests catch an
//! empty one or a lost `{placeholder}`.

use super::catalogue;
use super::phrases::{phrases, placeholders};
use crate::content::ScreenLanguage;

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
