//! Both versions side by side when someone else saved what a form edits since it was opened:
//! the panel every page shows (mine kept in the form below it, theirs as saved), and the rows
//! that differ, so that the eye goes to them.

use super::views::Ctx;
use chrono::{DateTime, Utc};
use maud::{html, Markup};

/// One version as a volunteer reads it: each field's label and value.
pub type Rows<L> = Vec<(L, String)>;

/// The rows of two versions that differ: those both say alike are dropped (`theirs` `None`:
/// someone deleted it).
pub fn differing<L: PartialEq + Clone>(
    mine: Rows<L>,
    theirs: Option<Rows<L>>,
) -> (Rows<L>, Option<Rows<L>>) {
    let Some(theirs) = theirs else {
        return (mine, None);
    };
    let mine_kept = mine
        .iter()
        .filter(|r| !theirs.contains(r))
        .cloned()
        .collect();
    let theirs_kept = theirs.into_iter().filter(|r| !mine.contains(r)).collect();
    (mine_kept, Some(theirs_kept))
}

/// Both versions of what a form edits when someone else saved it since the form was opened:
/// mine (kept in the form below the panel) and theirs, with the choice of which to keep.
pub struct Versions<'a> {
    pub title: &'a str,
    /// When and by whom the version on screen was saved.
    pub saved: Option<&'a (DateTime<Utc>, String)>,
    pub mine: &'a [(&'a str, String)],
    /// `None` when theirs is a deletion.
    pub theirs: Option<&'a [(&'a str, String)]>,
    /// The `id` of the form that "keep mine" submits.
    pub form: &'a str,
    /// The form's draft moves from this action to that one (an item now at another place).
    pub draft_from: &'a str,
    pub draft_to: &'a str,
    /// Where "take theirs" leads, and what it says.
    pub take_theirs: (&'a str, &'a str),
}

/// The fields of one version, for the side-by-side comparison; those that the `other`
/// version says differently are marked, so the eye goes to them first.
fn summary_list(fields: &[(&str, String)], other: Option<&[(&str, String)]>) -> Markup {
    let differs = |label: &str, value: &str| {
        other.is_some_and(|o| o.iter().any(|(l, v)| *l == label && v != value))
    };
    html! {
        dl.summary {
            @for (label, value) in fields {
                @let marked = differs(label, value);
                dt.differs[marked] { (label) }
                dd.differs[marked] { @if value.is_empty() { span.muted { "—" } } @else { (value) } }
            }
        }
    }
}

/// The side-by-side panel of a conflict.
pub fn versions(ctx: &Ctx<'_>, v: &Versions<'_>) -> Markup {
    let t = ctx.t;
    let drafts = format!("{} {}", v.draft_from, v.draft_to);
    html! {
        div.conflict role="alert" data-draft-from=(v.draft_from) data-draft-to=(v.draft_to) {
            p.notice-title { (v.title) }
            @if let Some((at, by)) = v.saved {
                p { (t.stale_by.replace("{name}", by).replace("{time}", &ctx.time(at))) }
            }
            p { (t.conflict_text) }
            div.versions {
                section.version.mine {
                    h2 { (t.conflict_mine) }
                    (summary_list(v.mine, v.theirs))
                }
                section.version.theirs {
                    h2 { (t.conflict_theirs) }
                    @match v.theirs {
                        Some(theirs) => (summary_list(theirs, Some(v.mine))),
                        None => p.muted { (t.conflict_gone) },
                    }
                }
            }
            div.actions {
                button.primary.keep-mine type="submit" form=(v.form) { (t.conflict_keep_mine) }
                a.button.take-theirs href=(v.take_theirs.0) data-drop-draft=(drafts) { (v.take_theirs.1) }
            }
            p.hint { (t.conflict_edit) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rows_that_differ_stay_on_each_side() {
        let row = |l: &'static str, v: &str| (l, v.to_owned());
        let mine = vec![row("Nom", "A"), row("Texte", "même"), row("Lien", "x")];
        let theirs = vec![row("Nom", "B"), row("Texte", "même"), row("Lien", "y")];
        let (m, t) = differing(mine.clone(), Some(theirs));
        assert_eq!(m, [row("Nom", "A"), row("Lien", "x")]);
        assert_eq!(t.unwrap(), [row("Nom", "B"), row("Lien", "y")]);
        assert_eq!(differing(mine.clone(), None), (mine, None));
    }
}
