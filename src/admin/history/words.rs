//! What one save changed, in the words a volunteer reads in the history: « a supprimé le groupe
//! « Otsokop · Covoiturage » », « a renommé l'astuce … en … », « a passé la durée des astuces
//! de 15 à 20 s », « a remis tout l'écran comme le … ».

use super::changes::{changes, Change, List, Slide};
use crate::admin::views::Ctx;
use crate::content::Content;
use crate::i18n::history::{history_words, HistoryWords, ItemWords};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// How a kind of item is named.
pub fn item_words(w: &'static HistoryWords, list: List) -> &'static ItemWords {
    match list {
        List::Groups => &w.group,
        List::Tips => &w.tip,
        List::Announcements => &w.announcement,
    }
}

fn slide_index(slide: Slide) -> usize {
    match slide {
        Slide::Community => 0,
        Slide::Groups => 1,
        Slide::Tips => 2,
        Slide::Announcements => 3,
    }
}

/// One change in words.
pub fn say(ctx: &Ctx<'_>, change: &Change) -> String {
    let (t, w) = (ctx.t, history_words(ctx.lang));
    let quote = |name: &str| t.quote.replace("{name}", name);
    let named = |template: &str, list: List, name: &str| {
        template
            .replace("{item}", item_words(w, list).the)
            .replace("{name}", &quote(name))
    };
    match change {
        Change::Added { list, name } => named(w.added, *list, name),
        Change::BroughtBack { list, name } => named(w.brought_back, *list, name),
        Change::Deleted { list, name, .. } => named(w.deleted, *list, name),
        Change::Edited { list, name, .. } => named(w.edited, *list, name),
        Change::Hidden { list, name, .. } => named(w.hidden, *list, name),
        Change::Shown { list, name, .. } => named(w.shown, *list, name),
        Change::Renamed { list, from, to, .. } => w
            .renamed
            .replace("{item}", item_words(w, *list).the)
            .replace("{from}", &quote(from))
            .replace("{to}", &quote(to)),
        Change::Reordered { list } => t.history_reordered.replace(
            "{section}",
            ctx.section(match list {
                List::Groups => crate::admin::edit::Section::Groups,
                List::Tips => crate::admin::edit::Section::Tips,
                List::Announcements => crate::admin::edit::Section::Announcements,
            }),
        ),
        Change::Seconds { slide, from, to } => w
            .seconds
            .replace("{slides}", w.of_slides[slide_index(*slide)])
            .replace("{from}", &from.to_string())
            .replace("{to}", &to.to_string()),
        Change::SlideOn { slide, on } => (if *on { w.slides_on } else { w.slides_off })
            .replace("{slides}", w.slides[slide_index(*slide)]),
        Change::Part(section) => t
            .history_changed
            .replace("{section}", ctx.section(*section)),
    }
}

/// What a save changed from `before` to `after`, each change with its words; `older`: the ids
/// of items older revisions had; `restored` when `after` is an older revision put back, saved
/// at that time (said first).
pub fn describe(
    ctx: &Ctx<'_>,
    before: &Content,
    after: &Content,
    older: &HashSet<String>,
    restored: Option<&DateTime<Utc>>,
) -> (Vec<(String, Change)>, Option<String>) {
    let said = changes(before, after, older)
        .into_iter()
        .map(|c| (say(ctx, &c), c))
        .collect();
    let whole = restored.map(|at| {
        history_words(ctx.lang)
            .restored
            .replace("{time}", &ctx.time(at))
    });
    (said, whole)
}

/// The words of a pin started or stopped by a save, if it did.
pub fn pin_words(ctx: &Ctx<'_>, before: &Content, after: &Content) -> Option<String> {
    if before.pin == after.pin {
        return None;
    }
    let s = crate::i18n::schedule::schedule_catalogue(ctx.lang);
    Some(match &after.pin {
        Some(pin) => s
            .history_pin
            .replace("{what}", &crate::admin::pin::what(&pin.shows, after, s))
            .replace(
                "{minutes}",
                &(pin.until - pin.since).num_minutes().to_string(),
            ),
        None => s.history_unpin.to_owned(),
    })
}
