//! What the JSON parser says about a document it cannot read, as a `Problem` each language
//! words itself: serde's errors are English sentences, so they are sorted into kinds here and
//! never shown as they are (a French admin would read English, an English one a French value).

use super::Problem;

/// Opens a problem carried through serde's text-only custom error (a value's own
/// `Deserialize`, such as opening hours): a character no parser message contains.
const CARRIED: char = '\u{1f}';

/// The text of a serde custom error that carries `problem` (one with a `value` to quote).
pub fn carried(problem: &Problem) -> String {
    let value = problem
        .params()
        .into_iter()
        .find(|(name, _)| *name == "value")
        .map(|(_, v)| v)
        .unwrap_or_default();
    format!("{CARRIED}{}{CARRIED}{value}", problem.code())
}

/// The problem a carried message holds, if it is one.
fn uncarried(message: &str) -> Option<Problem> {
    let (code, value) = message.strip_prefix(CARRIED)?.split_once(CARRIED)?;
    let value = value.to_owned();
    match code {
        "not_a_time_range" => Some(Problem::NotATimeRange { value }),
        "end_before_start" => Some(Problem::EndBeforeStart { value }),
        _ => None,
    }
}

/// The text between the first pair of backquotes after `prefix`, as serde quotes a name.
fn quoted<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split_once('`').map(|(name, _)| name)
}

/// The kind of problem behind a parser error.
pub fn problem_of(err: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    if matches!(
        err.classify(),
        Category::Syntax | Category::Eof | Category::Io
    ) {
        return Problem::NotJson {
            line: err.line(),
            column: err.column(),
        };
    }
    // serde_json adds " at line L column C" to what the value's `Deserialize` said.
    let message = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    if let Some(problem) = uncarried(message) {
        return problem;
    }
    if let Some(name) = quoted(message, "missing field `") {
        return Problem::MissingField { name: name.into() };
    }
    if let Some(name) = quoted(message, "unknown field `") {
        return Problem::UnknownField { name: name.into() };
    }
    if let Some(value) = quoted(message, "unknown variant `") {
        return Problem::UnknownValue {
            value: value.into(),
        };
    }
    if ["invalid type", "invalid value", "invalid length"]
        .iter()
        .any(|p| message.starts_with(p))
    {
        return Problem::WrongType;
    }
    tracing::debug!(%message, "a document value could not be read");
    Problem::Unreadable
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(json: &str) -> Problem {
        let mut de = serde_json::Deserializer::from_str(json);
        let err = serde_path_to_error::deserialize::<_, crate::content::Content>(&mut de)
            .map(|_| ())
            .unwrap_err();
        problem_of(err.inner())
    }

    #[test]
    fn each_kind_of_parser_error_is_a_problem_of_its_own() {
        assert_eq!(problem("{\n  "), Problem::NotJson { line: 2, column: 2 });
        assert_eq!(problem("not json"), Problem::NotJson { line: 1, column: 2 });
        assert_eq!(
            problem("{\"titel\": 1}"),
            Problem::UnknownField {
                name: "titel".into()
            }
        );
        let mut doc = serde_json::to_value(crate::content::default_content()).unwrap();
        doc["community"]["platform"] = "whatsap".into();
        assert_eq!(
            problem(&doc.to_string()),
            Problem::UnknownValue {
                value: "whatsap".into()
            }
        );
        let mut doc = serde_json::to_value(crate::content::default_content()).unwrap();
        doc["groups"] = "none".into();
        assert_eq!(problem(&doc.to_string()), Problem::WrongType);
    }

    #[test]
    fn a_values_own_problem_comes_through_serde_whole() {
        let p = Problem::EndBeforeStart {
            value: "18:00-09:00 « x »".into(),
        };
        let err = <serde_json::Error as serde::de::Error>::custom(carried(&p));
        assert_eq!(problem_of(&err), p);
    }
}
