//! A language's typography, applied to shoppers' texts where they are shown (screen, poster,
//! guide), never where they are stored: in French a no-break space binds « » : ; ? ! to their
//! word, so that no line on the big screen or on paper starts with one of them.

use crate::content::ScreenLanguage;

const NBSP: char = '\u{a0}';

/// `text` as the language sets it. Only spaces already typed are bound, plus the inside of
/// French quotes: a colon with no space before it (a time, a link) is left alone.
pub fn typeset(text: &str, lang: ScreenLanguage) -> String {
    if lang != ScreenLanguage::Fr {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == NBSP || c == '\u{202f}' {
            let mut end = i;
            while end < chars.len() && matches!(chars[end], ' ' | NBSP | '\u{202f}') {
                end += 1;
            }
            let before = out.chars().last();
            let after = chars.get(end).copied();
            if matches!(after, Some('?' | '!' | ':' | ';' | '»')) && before.is_some() {
                out.push(NBSP);
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        if c == '»' && out.chars().last().is_some_and(|b| !b.is_whitespace()) {
            out.push(NBSP);
        }
        out.push(c);
        i += 1;
        if c == '«' {
            out.push(NBSP);
            while i < chars.len() && matches!(chars[i], ' ' | NBSP | '\u{202f}') {
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_punctuation_stays_with_its_word() {
        let fr = ScreenLanguage::Fr;
        assert_eq!(
            typeset("Touchez « Rejoindre » : voilà !", fr),
            "Touchez «\u{a0}Rejoindre\u{a0}»\u{a0}: voilà\u{a0}!"
        );
        assert_eq!(
            typeset("Vous venez ? Oui ; «sans espace»", fr),
            "Vous venez\u{a0}? Oui\u{a0}; «\u{a0}sans espace\u{a0}»"
        );
    }

    #[test]
    fn times_links_and_other_languages_are_left_as_written() {
        let fr = ScreenLanguage::Fr;
        assert_eq!(
            typeset("Ouvert à 14:30, voir https://otsokop.org", fr),
            "Ouvert à 14:30, voir https://otsokop.org"
        );
        assert_eq!(typeset(" ? au début", fr), " ? au début");
        for lang in [ScreenLanguage::En, ScreenLanguage::Eu, ScreenLanguage::Es] {
            assert_eq!(typeset("Tap « x » : y ?", lang), "Tap « x » : y ?");
        }
    }
}
