//! A JSON document that writes one key twice in an object, at any depth, is refused:
//! serde_json keeps the last one without a word, so a script's mistake (or a trick that shows
//! one value to a reviewer and saves another) would pass unseen. serde's own visitor walks the
//! document once, keeping each object's keys.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

/// The path of the first key written twice (`groups[2].name`), if any. A document that is
/// not JSON at all has none here: the parser says what is wrong with it.
pub fn first_duplicate(bytes: &[u8]) -> Option<String> {
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let _ = Walk {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut de);
    found.into_inner()
}

struct Walk<'a> {
    path: String,
    found: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let item = Walk {
                path: format!("{}[{i}]", self.path),
                found: self.found,
            };
            if seq.next_element_seed(item)?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if !seen.insert(key) {
                *self.found.borrow_mut() = Some(path);
                return Err(de::Error::custom("duplicate key"));
            }
            map.next_value_seed(Walk {
                path,
                found: self.found,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_written_twice_is_found_at_any_depth() {
        assert_eq!(first_duplicate(br#"{"a":1,"b":2}"#), None);
        assert_eq!(first_duplicate(br#"{"a":1,"a":2}"#).as_deref(), Some("a"));
        assert_eq!(
            first_duplicate(br#"{"groups":[{"name":"x"},{"name":"y","name":"z"}]}"#).as_deref(),
            Some("groups[1].name")
        );
        assert_eq!(
            first_duplicate(br#"{"t":{"eu":{"title":"a"},"eu":{"title":"b"}}}"#).as_deref(),
            Some("t.eu")
        );
        // The same key in two objects is no duplicate.
        assert_eq!(first_duplicate(br#"[{"a":1},{"a":1}]"#), None);
        assert_eq!(first_duplicate(b"{ not json"), None);
    }
}
