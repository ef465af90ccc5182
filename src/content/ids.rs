//! The identity of each group, tip and announcement: a short URL-safe id the server gives when
//! the item is created, kept through every edit, move and restore, never given to another.
//!
//! A document without ids (a file of an older version, a `PUT` from a script) gets them on
//! arrival: an item the current content already has, by its name, keeps that one's id; any
//! other gets a new random one. A file read from the disk (the content file of an older
//! version, its history) gets ids derived from each item's list and name, the same in every
//! revision, so that reading it twice gives the same ids and the history finds each item
//! again; an older revision takes the ids of the items on screen of the same name.

use super::checker::Checker;
use super::{Announcement, Content, Group, Problem, Tip};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The longest id a client may send (its reason beside it); the server's own are
/// [`GIVEN_LEN`] long.
pub use crate::limits::content::ITEM_ID as MAX_ID_LEN;
/// The length of the ids the server gives: 8 of 36 characters, about 41 bits, so that a new
/// random one meeting an old one is out of the question for a shop's lifetime.
pub const GIVEN_LEN: usize = 8;
const ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Whether `id` may name an item in an address: 1 to 32 letters, digits, `-` or `_`.
pub fn well_formed(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A new random id.
fn random_id() -> String {
    let mut bytes = [0u8; GIVEN_LEN];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// A new id for an item joining `list`.
pub fn new_id<T: Identified>(list: &[T]) -> String {
    loop {
        let id = random_id();
        if position(list, &id).is_none() {
            return id;
        }
    }
}

/// The id an item of an older document gets from its list and its name (`draw`: the how
/// manieth of that name).
fn derived_id(list: &str, draw: usize, name: &str) -> String {
    let hash = Sha256::digest(format!("{list}\n{name}\n{draw}"));
    hash.iter()
        .take(GIVEN_LEN)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// An item of a list with an identity and a name a volunteer knows it by.
pub trait Identified {
    /// The list's name in the content (`groups`).
    const LIST: &'static str;
    fn id(&self) -> &str;
    fn id_mut(&mut self) -> &mut String;
    /// What the volunteer calls it: the group's name, the tip's or announcement's title.
    fn name(&self) -> &str;
}

macro_rules! identified {
    ($item:ty, $list:literal, $name:ident) => {
        impl Identified for $item {
            const LIST: &'static str = $list;
            fn id(&self) -> &str {
                &self.id
            }
            fn id_mut(&mut self) -> &mut String {
                &mut self.id
            }
            fn name(&self) -> &str {
                &self.$name
            }
        }
    };
}
identified!(Group, "groups", name);
identified!(Tip, "tips", title);
identified!(Announcement, "announcements", title);

/// Where the ids of items that have none come from.
#[derive(Clone, Copy)]
pub enum Origin<'a> {
    /// A new version of `current`: an item of the same name keeps its id, others get new ones.
    Since(&'a Content),
    /// A document read from the disk: ids derived from each item's list and name.
    Disk,
    /// An older revision of `current` (its history, written before ids): an item of the same
    /// name, or renamed in place, takes that one's id, so that it is found again; others get
    /// derived ids.
    Like(&'a Content),
}

/// Gives an id to every item of `list` that has none: an item of the same name in `before`
/// gives its id; else, when `fresh`, a new random one; else (an older revision read again)
/// the id of the item at the same place when both lists are as long and neither found its
/// namesake (renamed in place), or an id derived from the item's name, the same in every
/// revision. Ids already there are left for the checks (a malformed or twice-used one is
/// refused, never replaced).
fn give<T: Identified>(list: &mut [T], before: Option<&[T]>, fresh: bool) {
    let mut used: HashSet<String> = list.iter().map(|x| x.id().to_owned()).collect();
    if let Some(before) = before {
        for item in list.iter_mut().filter(|x| x.id().is_empty()) {
            let namesake = before
                .iter()
                .find(|old| old.name() == item.name() && !used.contains(old.id()));
            if let Some(old) = namesake {
                used.insert(old.id().to_owned());
                *item.id_mut() = old.id().to_owned();
            }
        }
        if !fresh && before.len() == list.len() {
            let names: HashSet<String> = list.iter().map(|x| x.name().to_owned()).collect();
            for (item, old) in list.iter_mut().zip(before) {
                let alone = !used.contains(old.id()) && !names.contains(old.name());
                if item.id().is_empty() && alone {
                    used.insert(old.id().to_owned());
                    *item.id_mut() = old.id().to_owned();
                }
            }
        }
    }
    for item in list.iter_mut().filter(|x| x.id().is_empty()) {
        let mut id = String::new();
        let mut draw = 0;
        // Another item has it already (two of the same name): draw again.
        while id.is_empty() || used.contains(&id) {
            id = if fresh {
                random_id()
            } else {
                derived_id(T::LIST, draw, item.name())
            };
            draw += 1;
        }
        used.insert(id.clone());
        *item.id_mut() = id;
    }
}

impl Content {
    /// Gives an id to every group, tip and announcement that has none (see the module).
    pub fn give_ids(&mut self, origin: Origin<'_>) {
        let (before, fresh) = match origin {
            Origin::Since(c) => (Some(c), true),
            Origin::Disk => (None, false),
            Origin::Like(c) => (Some(c), false),
        };
        give(&mut self.groups, before.map(|c| &c.groups[..]), fresh);
        give(&mut self.tips, before.map(|c| &c.tips[..]), fresh);
        let announcements = before.map(|c| &c.announcements[..]);
        give(&mut self.announcements, announcements, fresh);
    }

    /// Whether some item has no id yet (a document written before ids).
    pub fn lacks_ids(&self) -> bool {
        self.groups.iter().any(|x| x.id.is_empty())
            || self.tips.iter().any(|x| x.id.is_empty())
            || self.announcements.iter().any(|x| x.id.is_empty())
    }

    /// Each list's ids: well-formed and used once (an empty one is given on save).
    pub(super) fn check_ids(&self, c: &mut Checker) {
        check_list(c, &self.groups);
        check_list(c, &self.tips);
        check_list(c, &self.announcements);
    }
}

fn check_list<T: Identified>(c: &mut Checker, list: &[T]) {
    let mut seen = HashSet::new();
    for (i, item) in list.iter().enumerate() {
        let (id, field) = (item.id(), format!("{}[{i}].id", T::LIST));
        if id.is_empty() {
            continue;
        }
        if !well_formed(id) {
            c.fail(
                field,
                Problem::BadId {
                    value: id.chars().take(MAX_ID_LEN + 8).collect(),
                    max: MAX_ID_LEN,
                },
            );
        } else if !seen.insert(id) {
            c.fail(
                field,
                Problem::IdTwice {
                    value: id.to_owned(),
                },
            );
        }
    }
}

/// The place of the item `id` in `list`.
pub fn position<T: Identified>(list: &[T], id: &str) -> Option<usize> {
    list.iter().position(|x| x.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    #[test]
    fn the_default_gets_the_same_ids_every_time_all_well_formed_and_distinct() {
        let (a, b) = (default_content(), default_content());
        assert!(!a.groups.is_empty() && !a.tips.is_empty());
        let ids: Vec<&str> = a.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            b.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>()
        );
        assert!(ids
            .iter()
            .all(|id| well_formed(id) && id.len() == GIVEN_LEN));
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    }

    #[test]
    fn an_item_without_id_keeps_the_id_of_its_namesake_else_gets_a_new_one() {
        let current = default_content();
        let mut next = current.clone();
        for g in &mut next.groups {
            g.id.clear();
        }
        next.groups.swap(0, 1);
        next.groups[2].name = "Otsokop · Nouveau".into();
        next.give_ids(Origin::Since(&current));
        assert_eq!(next.groups[0].id, current.groups[1].id);
        assert_eq!(next.groups[1].id, current.groups[0].id);
        assert!(current.groups.iter().all(|g| g.id != next.groups[2].id));
        assert!(well_formed(&next.groups[2].id));
    }

    #[test]
    fn an_older_revision_finds_its_items_by_name_and_reads_the_same_every_time() {
        let current = default_content();
        let mut old = current.clone();
        for g in &mut old.groups {
            g.id.clear();
        }
        old.groups.reverse();
        old.groups[0].name = "Otsokop · Disparu".into();
        let (mut a, mut b) = (old.clone(), old);
        a.give_ids(Origin::Like(&current));
        b.give_ids(Origin::Like(&current));
        assert_eq!(a, b, "the same ids at every reading");
        let n = current.groups.len();
        for (i, g) in a.groups.iter().enumerate().skip(1) {
            assert_eq!(g.id, current.groups[n - 1 - i].id, "{}", g.name);
        }
        assert!(current.groups.iter().all(|g| g.id != a.groups[0].id));
    }

    #[test]
    fn a_malformed_or_repeated_id_is_refused_by_name() {
        let mut c = default_content();
        c.groups[1].id = c.groups[0].id.clone();
        c.tips[0].id = "a/b".into();
        let fields: Vec<String> = c
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["groups[1].id", "tips[0].id"]);
    }
}
