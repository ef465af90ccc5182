//! The history's words, one catalogue per admin language: what each save changed, item by item
//! ("a renommé le groupe « A » en « B »"), and the buttons that put one item, or the whole
//! screen, back.
//!
//! `{placeholder}`s are replaced where the words are used; `{name}`, `{from}` and `{to}` are
//! already quoted (`quote` of the admin catalogue).

use crate::content::Language;

/// How one kind of item is named in a sentence.
pub struct ItemWords {
    /// "le groupe", "l'astuce".
    pub the: &'static str,
    /// "du groupe", "de l'astuce".
    pub of_the: &'static str,
    /// "ce groupe", "cette astuce".
    pub this: &'static str,
}

pub struct HistoryWords {
    pub group: ItemWords,
    pub tip: ItemWords,
    pub announcement: ItemWords,
    /// The slides of each kind, after "la durée": community, groups, tips, announcements.
    pub of_slides: [&'static str; 4],
    /// The slides of each kind, as an object: community, groups, tips, announcements.
    pub slides: [&'static str; 4],
    /// `{item}` `{name}`.
    pub added: &'static str,
    pub brought_back: &'static str,
    pub deleted: &'static str,
    pub edited: &'static str,
    pub hidden: &'static str,
    pub shown: &'static str,
    /// `{item}` `{from}` `{to}`.
    pub renamed: &'static str,
    /// `{slides}` `{from}` `{to}` (seconds).
    pub seconds: &'static str,
    /// `{slides}`.
    pub slides_on: &'static str,
    pub slides_off: &'static str,
    /// A restore of the whole screen: `{time}`.
    pub restored: &'static str,
    /// Buttons: `{this}`; `{of_item}`; `{time}`.
    pub bring_back: &'static str,
    pub back_to_version: &'static str,
    /// On the line of the item's latest change: that change undone, the item as before it.
    pub undo_change: &'static str,
    pub whole_screen: &'static str,
    /// Confirmations: `{time}` `{later}` (the later changes, one per line); `{action}`.
    pub confirm_whole: &'static str,
    pub confirm_whole_nothing_later: &'static str,
    pub confirm_item: &'static str,
    /// The changes of one save not said one by one: `{count}`.
    pub more_changes: &'static str,
    /// Between two changes of one save.
    pub and_then: &'static str,
    /// More later changes than listed: `{count}`.
    pub and_more: &'static str,
    /// The item is already as it was: nothing to put back.
    pub already: &'static str,
    /// The item changed since the history was shown: nothing done.
    pub changed_since: &'static str,
    /// The page after putting an item back.
    pub item_back: &'static str,
}

static FR: HistoryWords = HistoryWords {
    group: ItemWords {
        the: "le groupe",
        of_the: "du groupe",
        this: "ce groupe",
    },
    tip: ItemWords {
        the: "l'astuce",
        of_the: "de l'astuce",
        this: "cette astuce",
    },
    announcement: ItemWords {
        the: "l'annonce",
        of_the: "de l'annonce",
        this: "cette annonce",
    },
    of_slides: ["du QR code de la communauté", "des groupes", "des astuces", "des annonces"],
    slides: ["le QR code de la communauté", "les groupes", "les astuces", "les annonces"],
    added: "a ajouté {item} {name}",
    brought_back: "a remis {item} {name}",
    deleted: "a supprimé {item} {name}",
    edited: "a modifié {item} {name}",
    hidden: "a masqué {item} {name}",
    shown: "a remis à l'écran {item} {name}",
    renamed: "a renommé {item} {from} en {to}",
    seconds: "a passé la durée {slides} de {from} à {to} s",
    slides_on: "a remis {slides} à l'écran",
    slides_off: "a retiré {slides} de l'écran",
    restored: "a remis tout l'écran comme le {time}",
    bring_back: "Remettre {this}",
    back_to_version: "Revenir à cette version {of_item}",
    undo_change: "Annuler ce changement",
    whole_screen: "Remettre tout l'écran comme le {time}",
    confirm_whole: "Remettre tout l'écran comme le {time} ?\n\nCela annulera ce qui a été fait depuis :\n{later}",
    confirm_whole_nothing_later: "Remettre tout l'écran comme le {time} ?",
    confirm_item: "{action} ? Le reste de l'écran ne change pas.",
    more_changes: "et {count} autre(s) changement(s)",
    and_then: " ; ",
    and_more: "… et {count} autre(s) enregistrement(s)",
    already: "C'est déjà ainsi à l'écran : rien à remettre.",
    changed_since: "Quelqu'un a changé cet élément depuis que cette page a été ouverte : rien n'a été remis. Relisez l'historique ci-dessous, puis recommencez si c'est toujours ce que vous voulez.",
    item_back: "Remis à l'écran tel qu'il était. Le reste n'a pas changé.",
};

static EN: HistoryWords = HistoryWords {
    group: ItemWords {
        the: "the group",
        of_the: "of the group",
        this: "this group",
    },
    tip: ItemWords {
        the: "the tip",
        of_the: "of the tip",
        this: "this tip",
    },
    announcement: ItemWords {
        the: "the announcement",
        of_the: "of the announcement",
        this: "this announcement",
    },
    of_slides: [
        "the community's QR code",
        "the groups",
        "the tips",
        "the announcements",
    ],
    slides: [
        "the community's QR code",
        "the groups",
        "the tips",
        "the announcements",
    ],
    added: "added {item} {name}",
    brought_back: "brought back {item} {name}",
    deleted: "deleted {item} {name}",
    edited: "edited {item} {name}",
    hidden: "hid {item} {name}",
    shown: "put {item} {name} back on the screen",
    renamed: "renamed {item} {from} to {to}",
    seconds: "changed the duration of {slides} from {from} to {to} s",
    slides_on: "put {slides} back on the screen",
    slides_off: "took {slides} off the screen",
    restored: "put the whole screen back as on {time}",
    bring_back: "Bring {this} back",
    back_to_version: "Go back to this version {of_item}",
    undo_change: "Undo this change",
    whole_screen: "Put the whole screen back as on {time}",
    confirm_whole:
        "Put the whole screen back as on {time}?\n\nThis undoes what was done since:\n{later}",
    confirm_whole_nothing_later: "Put the whole screen back as on {time}?",
    confirm_item: "{action}? The rest of the screen does not change.",
    more_changes: "and {count} more change(s)",
    and_then: "; ",
    and_more: "… and {count} more save(s)",
    already: "It is already so on the screen: nothing to put back.",
    changed_since: "Someone changed this item since this page was opened: nothing was put back. Read the history below again, then try again if it is still what you want.",
    item_back: "Put back as it was. Nothing else changed.",
};

pub fn history_words(lang: Language) -> &'static HistoryWords {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(s: &str) -> Vec<&str> {
        let mut m: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(m, _)| m))
            .collect();
        m.sort_unstable();
        m
    }

    #[test]
    fn english_keeps_every_french_marker() {
        let pairs = |w: &'static HistoryWords| {
            [
                w.added,
                w.brought_back,
                w.deleted,
                w.edited,
                w.hidden,
                w.shown,
                w.renamed,
                w.seconds,
                w.slides_on,
                w.slides_off,
                w.restored,
                w.bring_back,
                w.back_to_version,
                w.whole_screen,
                w.confirm_whole,
                w.confirm_whole_nothing_later,
                w.confirm_item,
                w.and_more,
                w.more_changes,
            ]
        };
        let (fr, en) = (pairs(&FR), pairs(&EN));
        assert!(fr.iter().all(|s| !s.is_empty()));
        for (f, e) in fr.iter().zip(en) {
            assert_eq!(markers(f), markers(e), "{f} / {e}");
        }
    }
}
