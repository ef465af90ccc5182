//! What one save changed, in the words a volunteer reads in the history: « a supprimé
//! « Otsokop · Covoiturage » », « a renommé … en … », « a restauré la version du … ».

use crate::admin::edit::{changed_sections, Section};
use crate::admin::views::Ctx;
use crate::content::Content;
use chrono::{DateTime, Utc};

/// One change between two revisions of a list, by the names of its items.
#[derive(Debug, PartialEq, Eq)]
pub enum ListChange {
    Added(String),
    Deleted(String),
    Renamed {
        from: String,
        to: String,
    },
    Edited(String),
    Reordered,
    /// Several items at once (an import, a naming pass): said by the list's name.
    Several,
}

/// What changed in one list whose items are named by `name`.
pub fn list_change<T: PartialEq>(
    before: &[T],
    after: &[T],
    name: impl Fn(&T) -> &str,
) -> Option<ListChange> {
    if before == after {
        return None;
    }
    let without = |long: &[T], short: &[T]| {
        (0..long.len()).find(|&i| long[..i] == short[..i] && long[i + 1..] == short[i..])
    };
    if after.len() + 1 == before.len() {
        if let Some(i) = without(before, after) {
            return Some(ListChange::Deleted(name(&before[i]).to_owned()));
        }
    }
    if before.len() + 1 == after.len() {
        if let Some(i) = without(after, before) {
            return Some(ListChange::Added(name(&after[i]).to_owned()));
        }
    }
    if before.len() == after.len() {
        let differ: Vec<usize> = (0..before.len())
            .filter(|&i| before[i] != after[i])
            .collect();
        if let [i] = differ[..] {
            let (from, to) = (name(&before[i]), name(&after[i]));
            return Some(if from == to {
                ListChange::Edited(to.to_owned())
            } else {
                ListChange::Renamed {
                    from: from.to_owned(),
                    to: to.to_owned(),
                }
            });
        }
        if before.iter().all(|b| after.contains(b)) && after.iter().all(|a| before.contains(a)) {
            return Some(ListChange::Reordered);
        }
    }
    Some(ListChange::Several)
}

/// The words for the change from `before` to `after`; `restored` when `after` is the content
/// of an older revision saved at that time.
pub fn describe(
    ctx: &Ctx<'_>,
    before: &Content,
    after: &Content,
    restored: Option<&DateTime<Utc>>,
) -> String {
    let t = ctx.t;
    if let Some(at) = restored {
        return t.history_restored.replace("{time}", &ctx.time(at));
    }
    let mut phrases = Vec::new();
    for section in changed_sections(before, after) {
        let change = match section {
            Section::Groups => list_change(&before.groups, &after.groups, |g| &g.name),
            Section::Tips => list_change(&before.tips, &after.tips, |x| &x.title),
            Section::Announcements => {
                list_change(&before.announcements, &after.announcements, |x| &x.title)
            }
            _ => None,
        };
        let quote = |name: &str| t.quote.replace("{name}", name);
        phrases.push(match change {
            Some(ListChange::Added(name)) => t.history_added.replace("{name}", &quote(&name)),
            Some(ListChange::Deleted(name)) => t.history_deleted.replace("{name}", &quote(&name)),
            Some(ListChange::Edited(name)) => t.history_edited.replace("{name}", &quote(&name)),
            Some(ListChange::Renamed { from, to }) => t
                .history_renamed
                .replace("{from}", &quote(&from))
                .replace("{to}", &quote(&to)),
            Some(ListChange::Reordered) => t
                .history_reordered
                .replace("{section}", ctx.section(section)),
            Some(ListChange::Several) | None => {
                t.history_changed.replace("{section}", ctx.section(section))
            }
        });
    }
    if before.pin != after.pin {
        let s = crate::i18n::schedule::schedule_catalogue(ctx.lang);
        phrases.push(match &after.pin {
            Some(pin) => s
                .history_pin
                .replace("{what}", &crate::admin::pin::what(&pin.shows, after, s))
                .replace(
                    "{minutes}",
                    &(pin.until - pin.since).num_minutes().to_string(),
                ),
            None => s.history_unpin.to_owned(),
        });
    }
    if phrases.is_empty() {
        return t.history_nothing.to_owned();
    }
    phrases.join(" ; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_kind_of_list_change_is_named() {
        fn n(s: &String) -> &str {
            s
        }
        let abc = names(&["a", "b", "c"]);
        assert_eq!(
            list_change(&abc, &names(&["a", "c"]), n),
            Some(ListChange::Deleted("b".into()))
        );
        assert_eq!(
            list_change(&abc, &names(&["a", "b", "x", "c"]), n),
            Some(ListChange::Added("x".into()))
        );
        assert_eq!(
            list_change(&abc, &names(&["a", "B", "c"]), n),
            Some(ListChange::Renamed {
                from: "b".into(),
                to: "B".into()
            })
        );
        assert_eq!(
            list_change(&abc, &names(&["b", "a", "c"]), n),
            Some(ListChange::Reordered)
        );
        assert_eq!(
            list_change(&abc, &names(&["x", "y"]), n),
            Some(ListChange::Several)
        );
        assert_eq!(list_change(&abc, &abc, n), None);
    }
}
