//! What Basque grammar asks of a date that its phrases (`assets/phrases/eu.json`, to be
//! reviewed by a native speaker: see the README, "Languages") cannot say alone.
//!
//! Phones in Bayonne show their apps in French, so the phrases quote the buttons to touch as
//! the French screens name them, in guillemets held to their words by no-break spaces.

/// "2027ko", "2030eko": the year with the genitive ending its spoken form asks for (it ends
/// in a vowel except after "bat" (1), "hamar" (10, 30…) and "ehun" (100)).
pub fn year_genitive(year: i32) -> String {
    let last = year.rem_euclid(100);
    let hundreds = year.rem_euclid(1000) / 100;
    let after_consonant = match last {
        0 => hundreds != 0,
        n => n % 20 == 1 || n % 20 == 10,
    };
    format!("{year}{}", if after_consonant { "eko" } else { "ko" })
}

#[cfg(test)]
mod tests {
    use super::year_genitive;

    #[test]
    fn the_year_takes_the_ending_its_spoken_form_asks_for() {
        for (year, said) in [
            (2027, "2027ko"),
            (2030, "2030eko"),
            (2021, "2021eko"),
            (2031, "2031ko"),
            (2040, "2040ko"),
            (2000, "2000ko"),
            (2100, "2100eko"),
        ] {
            assert_eq!(year_genitive(year), said);
        }
    }
}
