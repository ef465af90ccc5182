//! `/admin/history`: the last revisions, who saved each and what it changed in words, each
//! with its button to restore it; the export and import forms beside them, and why a restore,
//! an undo or an import was refused.

use super::changes::{ids_of, version_of, List};
use super::words::{describe, item_words, pin_words};
use crate::admin::edit::{FieldMessage, Stale};
use crate::admin::request::Ui;
use crate::admin::views::{action_button, page, refusal_notices, Ctx, Nav};
use crate::admin::who;
use crate::auth::Volunteer;
use crate::content::{default_content, Content};
use crate::i18n::history::history_words;
use crate::store::{HistoryEntry, HISTORY_LEN};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use std::collections::HashSet;
use std::io;

/// The most lines the page shows (the history may keep more).
const SHOWN: usize = 60;

/// One line of the history, with what it changed from the revision before it, in words.
pub struct Line {
    pub entry: HistoryEntry,
    /// `None` for the oldest revision kept, or one that can no longer be read.
    pub said: Option<Said>,
}

/// What a save changed, in words, with what can be put back of it.
pub struct Said {
    /// A restore of the whole screen: said first.
    pub whole: Option<String>,
    /// Each change, and the item it can put back as that line left it (or before a deletion).
    pub changes: Vec<(String, Option<PutBack>)>,
    /// How many more changes the save made than are said (an import, a naming pass).
    pub more: usize,
    /// Something pinned on the screen, or taken off.
    pub pin: Option<String>,
}

/// The most changes a line says one by one, each with its button; the rest are counted.
const SAID: usize = 6;

impl Said {
    /// Everything in one sentence, as the confirmation of a whole restore lists it.
    pub fn sentence(&self, t: &crate::i18n::AdminCatalogue) -> String {
        let w = history_words(crate::admin::request::language_of(t));
        let more =
            (self.more > 0).then(|| w.more_changes.replace("{count}", &self.more.to_string()));
        let all: Vec<&str> = self
            .whole
            .iter()
            .map(String::as_str)
            .chain(self.changes.iter().map(|(w, _)| w.as_str()))
            .chain(more.as_deref())
            .chain(self.pin.iter().map(String::as_str))
            .collect();
        if all.is_empty() {
            t.history_nothing.to_owned()
        } else {
            all.join(w.and_then)
        }
    }
}

/// One item put back as a revision had it: the button's words and what it posts.
pub struct PutBack {
    pub label: String,
    /// The item as the page shows it now (`changes::version_of`).
    pub version: String,
    /// The revision to take it from (`default` for the built-in content).
    pub from: String,
    pub list: List,
    pub id: String,
}

/// The revisions, newest first, the contents of those shown and of the one before the oldest
/// shown (`None`: unreadable), and the default content the oldest was saved over while the
/// history is not full; read from the disk off the async runtime.
type Read = (Vec<HistoryEntry>, Vec<Option<Content>>, Option<Content>);

async fn read(state: &AppState) -> io::Result<Read> {
    let store = state.store.clone();
    let read = tokio::task::spawn_blocking(move || {
        let entries = store.history()?;
        let contents = entries
            .iter()
            .take(SHOWN + 1)
            .map(|e| store.history_content(&e.id).ok())
            .collect();
        // While fewer revisions than kept exist, the oldest was saved over the default.
        let origin = (entries.len() < HISTORY_LEN).then(default_content);
        Ok((entries, contents, origin))
    });
    read.await.unwrap_or_else(|e| Err(io::Error::other(e)))
}

/// The lines of the page, or `None` when the history cannot be read (the cause is logged: the
/// page says so rather than showing an empty history).
async fn lines(state: &AppState, ctx: &Ctx<'_>, now: &Content) -> Option<Vec<Line>> {
    match read(state).await {
        Ok((entries, contents, origin)) => {
            Some(described(ctx, &entries, &contents, origin.as_ref(), now))
        }
        Err(e) => {
            tracing::error!(error = %e, "the history cannot be read");
            None
        }
    }
}

/// The revision before line `i`: its id (or `default`) and content.
fn before_of<'a>(
    i: usize,
    entries: &'a [HistoryEntry],
    contents: &'a [Option<Content>],
    origin: Option<&'a Content>,
) -> Option<(&'a str, &'a Content)> {
    match contents.get(i + 1) {
        Some(before) => Some((entries[i + 1].id.as_str(), before.as_ref()?)),
        None if i + 1 == entries.len() => origin.map(|c| ("default", c)),
        None => None,
    }
}

fn described(
    ctx: &Ctx<'_>,
    entries: &[HistoryEntry],
    contents: &[Option<Content>],
    origin: Option<&Content>,
    now: &Content,
) -> Vec<Line> {
    // The ids each line's older revisions had: an item back is not a new one.
    let mut older: Vec<HashSet<String>> = vec![HashSet::new(); contents.len() + 1];
    if let Some(o) = origin {
        older[contents.len()].extend(ids_of(o));
    }
    for i in (0..contents.len()).rev() {
        let mut set = older[i + 1].clone();
        if let Some(c) = &contents[i] {
            set.extend(ids_of(c));
        }
        older[i] = set;
    }
    let w = history_words(ctx.lang);
    entries
        .iter()
        .take(SHOWN)
        .enumerate()
        .map(|(i, entry)| {
            let before = before_of(i, entries, contents, origin);
            // The same revision as an older one (not the one just before): a restore.
            let restored = entries
                .iter()
                .skip(i + 2)
                .find(|older| older.etag == entry.etag)
                .map(|older| &older.saved_at);
            let said = match (&contents[i], before) {
                (Some(this), Some((before_id, before))) => {
                    let (changes, whole) = describe(ctx, before, this, &older[i + 1], restored);
                    let more = changes.len().saturating_sub(SAID);
                    let changes = changes
                        .into_iter()
                        .take(SAID)
                        .map(|(words, change)| {
                            let back = change.item().and_then(|(list, id, deleted)| {
                                let item = item_words(w, list);
                                let on_screen = version_of(list, id, now);
                                // What differs from the screen now: a deleted item back, the
                                // item as this line left it; if the screen still has it so,
                                // the change undone (the item as before this line).
                                let (from, label) = if deleted {
                                    if on_screen == version_of(list, id, before) {
                                        return None;
                                    }
                                    (before_id, w.bring_back.replace("{this}", item.this))
                                } else if on_screen != version_of(list, id, this) {
                                    let label = w.back_to_version.replace("{of_item}", item.of_the);
                                    (entry.id.as_str(), label)
                                } else if on_screen != version_of(list, id, before) {
                                    (before_id, w.undo_change.to_owned())
                                } else {
                                    return None;
                                };
                                Some(PutBack {
                                    version: on_screen,
                                    label,
                                    from: from.to_owned(),
                                    list,
                                    id: id.to_owned(),
                                })
                            });
                            (words, back)
                        })
                        .collect();
                    Some(Said {
                        whole,
                        changes,
                        more,
                        pin: pin_words(ctx, before, this),
                    })
                }
                _ => None,
            };
            Line {
                entry: entry.clone(),
                said,
            }
        })
        .collect()
}

/// The confirmation of putting the whole screen back as line `i` left it: the later saves it
/// undoes, newest first, a few at most.
fn confirm_whole(ctx: &Ctx<'_>, lines: &[Line], i: usize) -> String {
    const LISTED: usize = 8;
    let w = history_words(ctx.lang);
    let time = ctx.time(&lines[i].entry.saved_at);
    let later: Vec<String> = lines[..i]
        .iter()
        .map(|l| {
            let words = l
                .said
                .as_ref()
                .map_or_else(String::new, |s| s.sentence(ctx.t));
            format!(
                "— {} ({}) : {words}",
                l.entry.saved_by,
                ctx.time(&l.entry.saved_at)
            )
        })
        .collect();
    if later.is_empty() {
        return w.confirm_whole_nothing_later.replace("{time}", &time);
    }
    let mut listed = later[..later.len().min(LISTED)].join("\n");
    if later.len() > LISTED {
        listed.push('\n');
        listed.push_str(
            &w.and_more
                .replace("{count}", &(later.len() - LISTED).to_string()),
        );
    }
    w.confirm_whole
        .replace("{time}", &time)
        .replace("{later}", &listed)
}

fn view(
    ctx: &Ctx<'_>,
    lines: Option<&[Line]>,
    etag: &str,
    stale: Option<&Stale>,
    problem: Option<&ImportProblem>,
) -> Markup {
    let t = ctx.t;
    let w = history_words(ctx.lang);
    html! {
        p.lead { (t.history_intro) }
        (refusal_notices(ctx, &Default::default(), stale, &[]))
        @if let Some(lines) = lines.filter(|l| !l.is_empty()) {
            table.history {
                thead { tr {
                    th scope="col" { (t.history_when) }
                    th scope="col" { (t.history_who) }
                    th scope="col" { (t.history_what) }
                    th {}
                } }
                tbody {
                    @for (i, line) in lines.iter().enumerate() {
                        // Only the newest line is the current version, even if an older one
                        // holds the same content (it was restored).
                        @let current = i == 0 && line.entry.etag == etag;
                        tr.current[current] {
                            td { (ctx.time(&line.entry.saved_at)) }
                            td { (line.entry.saved_by) }
                            td {
                                @match &line.said {
                                    Some(said) => {
                                        span.said { (said.sentence(t)) }
                                        @for (words, back) in &said.changes {
                                            @if let Some(back) = back {
                                                (put_back_button(ctx, etag, words, back))
                                            }
                                        }
                                    }
                                    None => span.muted { (t.history_first) },
                                }
                            }
                            td.actions-cell {
                                @if current {
                                    span.badge.ok { (t.history_current) }
                                } @else {
                                    (action_button(ctx, "/admin/history/restore", etag,
                                        &w.whole_screen.replace("{time}", &ctx.time(&line.entry.saved_at)),
                                        "small whole", Some(&confirm_whole(ctx, lines, i)), Some(("id", &line.entry.id))))
                                }
                            }
                        }
                    }
                }
            }
        } @else if lines.is_some() {
            p.empty { (t.history_empty) }
        } @else {
            div.notice.danger role="alert" { p.notice-title { (t.history_list_unreadable) } }
        }
        (transfer_view(ctx, etag, problem))
    }
}

/// The button that puts one item back, under the words of its change.
fn put_back_button(ctx: &Ctx<'_>, etag: &str, words: &str, back: &PutBack) -> Markup {
    let w = history_words(ctx.lang);
    let confirm = w.confirm_item.replace("{action}", &back.label);
    html! {
        form.inline.put-back method="post" action="/admin/history/item" data-confirm=(confirm) {
            (ctx.tokens(etag))
            input type="hidden" name="from" value=(back.from);
            input type="hidden" name="version" value=(back.version);
            input type="hidden" name="list" value=(back.list.key());
            input type="hidden" name="id" value=(back.id);
            button.small type="submit" title=(words) { (back.label) }
        }
    }
}

/// The history page, optionally with a refused restore or import explained.
pub async fn render(
    state: &AppState,
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    stale: Option<&Stale>,
    problem: Option<&ImportProblem>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let current = state.store.current();
    let etag = current.etag.clone();
    let shown = lines(state, &ctx, &current.content).await;
    ui.html(
        status,
        page(
            &ctx,
            ui.t.history_title,
            Nav::History,
            view(&ctx, shown.as_deref(), &etag, stale, problem),
        ),
    )
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    render(&state, &ui, &admin, StatusCode::OK, None, None).await
}

/// Why an import (or a restore) was refused.
pub enum ImportProblem {
    Message(String),
    Fields(Vec<FieldMessage>),
}

/// The export and import forms, with the problems of a refused import.
pub fn transfer_view(ctx: &Ctx<'_>, etag: &str, problem: Option<&ImportProblem>) -> Markup {
    let t = ctx.t;
    html! {
        section.card #transfer {
            h2 { (t.transfer_title) }
            p { (t.export_text) }
            p { a.button href="/admin/export" download { "⤓ " (t.export_button) } }
            p { (t.import_text) }
            @if let Some(problem) = problem {
                div.notice.danger role="alert" {
                    @match problem {
                        ImportProblem::Message(m) => p.notice-title { (m) },
                        ImportProblem::Fields(fields) => {
                            p.notice-title { (t.import_invalid) }
                            table.problems {
                                thead { tr { th scope="col" { (t.import_field) } th scope="col" { (t.import_problem) } } }
                                tbody {
                                    @for f in fields { tr { td { code { (f.field) } } td { (f.message.say(t)) } } }
                                }
                            }
                            p { (t.import_choose_again) }
                        }
                    }
                }
            }
            form method="post" action="/admin/import" enctype="multipart/form-data" data-confirm=(t.import_confirm) {
                (ctx.tokens(etag))
                div.field {
                    label for="content_file" { (t.import_file) }
                    input #content_file type="file" name="content_file" accept=".json,application/json" required;
                }
                div.actions { button.danger type="submit" { (t.import_button) } }
            }
        }
    }
}
