//! What validation is made of: each problem with the path of the field it concerns, the
//! document refused with all of them, and the checks every text, link, colour and picture name
//! of the content goes through.

use super::links::check_web_link;
use super::Problem;

/// One problem, with the path of the field it concerns (`groups[2].name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// A document that cannot be accepted, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

// Its words (`Display`, for the command line and the log) are in `i18n::errors`, with every
// error's: the content knows what is wrong, not how each language says it.
impl std::error::Error for Invalid {}

/// The problems found so far, each with its field's path.
pub struct Checker(pub Vec<FieldError>);

impl Checker {
    pub fn fail(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError {
            field: field.into(),
            problem,
        });
    }

    /// A one-line text: required or not, at most `max` characters, no control characters.
    pub fn line(&mut self, field: &str, value: &str, required: bool, max: usize) {
        self.text(field, value, required, max);
        if value.contains(['\n', '\r']) {
            self.fail(field, Problem::NotOneLine);
        }
    }

    /// A text that may span several lines.
    pub fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        let len = value.chars().count();
        if required && value.trim().is_empty() {
            self.fail(field, Problem::Empty);
        } else if len > max {
            self.fail(field, Problem::TooLong { count: len, max });
        }
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.fail(field, Problem::ControlCharacters);
        }
    }

    /// A schedule's days (each at most once) and its few time ranges (each already read
    /// as a valid range, end after start).
    pub fn schedule(&mut self, field: &str, schedule: &super::Schedule) {
        let max = crate::limits::content::MAX_SCHEDULE_HOURS;
        if schedule.hours.len() > max {
            let count = schedule.hours.len();
            self.fail(format!("{field}.hours"), Problem::TooMany { count, max });
        }
        let mut days = schedule.days.clone();
        days.sort();
        days.dedup();
        if days.len() < schedule.days.len() {
            self.fail(format!("{field}.days"), Problem::DayTwice);
        }
    }

    pub fn link(&mut self, field: &str, value: &str) {
        if let Err(problem) = check_web_link(value) {
            self.fail(field, problem);
        }
    }

    pub fn colour(&mut self, field: &str, value: &str) {
        let ok = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            self.fail(
                field,
                Problem::NotAColour {
                    value: value.to_owned(),
                },
            );
        }
    }

    pub fn image_name(&mut self, field: &str, value: &str) {
        if !is_image_name(value) {
            self.fail(field, Problem::UnknownImage);
        }
    }
}

/// Whether `name` is the name vitrine gives an uploaded picture: a SHA-256 and an extension.
pub fn is_image_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((hash, ext)) => {
            hash.len() == 64
                && hash.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
                && matches!(ext, "png" | "jpg" | "webp")
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names_are_hashes() {
        assert!(is_image_name(&format!("{}.png", "a".repeat(64))));
        assert!(!is_image_name("../../etc/passwd"));
        assert!(!is_image_name(&format!("{}.svg", "a".repeat(64))));
    }
}
