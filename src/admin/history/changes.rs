//! What one save changed, thing by thing: each group, tip and announcement found again by its
//! id between two revisions (added, deleted, renamed, edited, hidden, shown, brought back),
//! each list's order, each kind of slide's duration and switch, and the other parts by name.

use crate::admin::edit::{tag, Section};
use crate::content::ids::Identified;
use crate::content::{Announcement, Content, Group, SlideSetting, Tip};
use std::collections::HashSet;

/// The three lists whose items have an identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Groups,
    Tips,
    Announcements,
}

impl List {
    /// The list's name in the content and in addresses.
    pub fn key(self) -> &'static str {
        match self {
            List::Groups => Group::LIST,
            List::Tips => Tip::LIST,
            List::Announcements => Announcement::LIST,
        }
    }

    pub fn from_key(key: &str) -> Option<List> {
        [List::Groups, List::Tips, List::Announcements]
            .into_iter()
            .find(|l| l.key() == key)
    }
}

/// The kinds of slides, whose duration and switch are settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    Community,
    Groups,
    Tips,
    Announcements,
}

/// One thing a save changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        list: List,
        name: String,
    },
    /// An item that an older revision had, back (restored by someone).
    BroughtBack {
        list: List,
        name: String,
    },
    Deleted {
        list: List,
        id: String,
        name: String,
    },
    Renamed {
        list: List,
        id: String,
        from: String,
        to: String,
    },
    Edited {
        list: List,
        id: String,
        name: String,
    },
    Hidden {
        list: List,
        id: String,
        name: String,
    },
    Shown {
        list: List,
        id: String,
        name: String,
    },
    Reordered {
        list: List,
    },
    Seconds {
        slide: Slide,
        from: u32,
        to: u32,
    },
    SlideOn {
        slide: Slide,
        on: bool,
    },
    /// Another part, said by its name (the community, the display settings).
    Part(Section),
}

impl Change {
    /// The item a volunteer can put back as this line left it, or as it was before it was
    /// deleted: its list and id, and whether it was deleted here.
    pub fn item(&self) -> Option<(List, &str, bool)> {
        match self {
            Change::Deleted { list, id, .. } => Some((*list, id, true)),
            Change::Renamed { list, id, .. }
            | Change::Edited { list, id, .. }
            | Change::Hidden { list, id, .. }
            | Change::Shown { list, id, .. } => Some((*list, id, false)),
            _ => None,
        }
    }
}

/// What one kind of item says of itself to be compared.
trait Item: Identified + PartialEq {
    fn hidden(&self) -> bool;
    /// The item as it would be with `hidden` set as `other`'s: equal when only that differs.
    fn same_but_hidden(&self, other: &Self) -> bool;
}

macro_rules! item {
    ($t:ty) => {
        impl Item for $t {
            fn hidden(&self) -> bool {
                self.hidden
            }
            fn same_but_hidden(&self, other: &Self) -> bool {
                let mut me = self.clone();
                me.hidden = other.hidden;
                me == *other
            }
        }
    };
}
item!(Group);
item!(Tip);
item!(Announcement);

/// The changes of one list, by the items' ids; `known` says whether an id was in an older
/// revision (an item back rather than a new one).
fn list_changes<T: Item>(
    list: List,
    before: &[T],
    after: &[T],
    known: &dyn Fn(&str) -> bool,
    out: &mut Vec<Change>,
) {
    let find = |items: &'_ [T], id: &str| items.iter().position(|x| x.id() == id);
    for old in before {
        if find(after, old.id()).is_none() {
            out.push(Change::Deleted {
                list,
                id: old.id().to_owned(),
                name: old.name().to_owned(),
            });
        }
    }
    for new in after {
        let (id, name) = (new.id().to_owned(), new.name().to_owned());
        let Some(i) = find(before, new.id()) else {
            out.push(if known(new.id()) {
                Change::BroughtBack { list, name }
            } else {
                Change::Added { list, name }
            });
            continue;
        };
        let old = &before[i];
        if old == new {
            continue;
        }
        if old.same_but_hidden(new) {
            out.push(if new.hidden() {
                Change::Hidden { list, id, name }
            } else {
                Change::Shown { list, id, name }
            });
        } else if old.name() != new.name() {
            out.push(Change::Renamed {
                list,
                id,
                from: old.name().to_owned(),
                to: name,
            });
        } else {
            out.push(Change::Edited { list, id, name });
        }
    }
    // The order of the items both revisions have.
    let kept = |items: &[T], other: &[T]| -> Vec<String> {
        items
            .iter()
            .filter(|x| find(other, x.id()).is_some())
            .map(|x| x.id().to_owned())
            .collect()
    };
    if kept(before, after) != kept(after, before) {
        out.push(Change::Reordered { list });
    }
}

fn slide_changes(slide: Slide, before: &SlideSetting, after: &SlideSetting, out: &mut Vec<Change>) {
    if before.seconds != after.seconds {
        out.push(Change::Seconds {
            slide,
            from: before.seconds,
            to: after.seconds,
        });
    }
    if before.enabled != after.enabled {
        out.push(Change::SlideOn {
            slide,
            on: after.enabled,
        });
    }
}

/// Everything that differs from `before` to `after`, in the order of the admin's menu.
/// `older` are the ids of items in revisions before `before`.
pub fn changes(before: &Content, after: &Content, older: &HashSet<String>) -> Vec<Change> {
    let known = |id: &str| older.contains(id);
    let mut out = Vec::new();
    if before.community != after.community {
        out.push(Change::Part(Section::Community));
    }
    list_changes(
        List::Groups,
        &before.groups,
        &after.groups,
        &known,
        &mut out,
    );
    list_changes(List::Tips, &before.tips, &after.tips, &known, &mut out);
    list_changes(
        List::Announcements,
        &before.announcements,
        &after.announcements,
        &known,
        &mut out,
    );
    let (b, a) = (&before.slides, &after.slides);
    slide_changes(Slide::Community, &b.community, &a.community, &mut out);
    slide_changes(Slide::Groups, &b.groups, &a.groups, &mut out);
    slide_changes(Slide::Tips, &b.tips, &a.tips, &mut out);
    slide_changes(
        Slide::Announcements,
        &b.announcements,
        &a.announcements,
        &mut out,
    );
    if before.display != after.display {
        out.push(Change::Part(Section::Display));
    }
    out
}

/// The version of the item `id` of `list` in `content` as a button carries it ([`tag`]), or
/// `absent`: a click applies only to the item as the page showed it.
pub fn version_of(list: List, id: &str, content: &Content) -> String {
    fn of<T: Identified + serde::Serialize>(items: &[T], id: &str) -> String {
        items
            .iter()
            .find(|x| x.id() == id)
            .map_or_else(|| "absent".to_owned(), tag)
    }
    match list {
        List::Groups => of(&content.groups, id),
        List::Tips => of(&content.tips, id),
        List::Announcements => of(&content.announcements, id),
    }
}

/// The ids of every item of `content`, to tell an item brought back from a new one.
pub fn ids_of(content: &Content) -> impl Iterator<Item = String> + '_ {
    let groups = content.groups.iter().map(|x| x.id.clone());
    let tips = content.tips.iter().map(|x| x.id.clone());
    let ann = content.announcements.iter().map(|x| x.id.clone());
    groups.chain(tips).chain(ann)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    fn of(before: &Content, after: &Content) -> Vec<Change> {
        changes(before, after, &HashSet::new())
    }

    #[test]
    fn each_kind_of_change_is_found_by_id() {
        let a = default_content();
        let g = a.groups[2].clone();
        let mut b = a.clone();
        b.groups.remove(2);
        assert_eq!(
            of(&a, &b),
            [Change::Deleted {
                list: List::Groups,
                id: g.id.clone(),
                name: g.name.clone()
            }]
        );
        // Back, as a restore would: "brought back" when an older revision had it.
        let older: HashSet<String> = [g.id.clone()].into();
        assert_eq!(
            changes(&b, &a, &older),
            [Change::BroughtBack {
                list: List::Groups,
                name: g.name.clone()
            }]
        );
        let mut c = a.clone();
        c.tips[1].title = "Nouveau titre".into();
        c.tips[2].text = "Autre texte".into();
        c.tips[3].hidden = true;
        c.slides.tips.seconds += 5;
        let t = &a.tips;
        assert_eq!(
            of(&a, &c),
            [
                Change::Renamed {
                    list: List::Tips,
                    id: t[1].id.clone(),
                    from: t[1].title.clone(),
                    to: "Nouveau titre".into()
                },
                Change::Edited {
                    list: List::Tips,
                    id: t[2].id.clone(),
                    name: t[2].title.clone()
                },
                Change::Hidden {
                    list: List::Tips,
                    id: t[3].id.clone(),
                    name: t[3].title.clone()
                },
                Change::Seconds {
                    slide: Slide::Tips,
                    from: a.slides.tips.seconds,
                    to: a.slides.tips.seconds + 5
                },
            ]
        );
        // A move is an order change only; an edit beside it is said too.
        let mut d = a.clone();
        d.groups.swap(0, 1);
        assert_eq!(of(&a, &d), [Change::Reordered { list: List::Groups }]);
        assert!(of(&a, &a).is_empty());
    }
}
