//! `/admin/history`: the last revisions, who saved each and what it changed in words, each
//! with its button to restore it; the export and import forms beside them, and why a restore,
//! an undo or an import was refused.

use super::words::describe;
use crate::admin::edit::{FieldMessage, Stale};
use crate::admin::request::Ui;
use crate::admin::views::{action_button, page, refusal_notices, Ctx, Nav};
use crate::admin::who;
use crate::auth::Volunteer;
use crate::content::{default_content, Content};
use crate::store::{HistoryEntry, HISTORY_LEN};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use std::io;

/// The most lines the page shows (the history may keep more).
const SHOWN: usize = 60;

/// One line of the history, with what it changed from the revision before it, in words.
pub struct Line {
    pub entry: HistoryEntry,
    /// `None` for the oldest revision kept, or one that can no longer be read.
    pub changed: Option<String>,
}

/// The revisions, newest first, and the contents of those shown and of the one before the
/// oldest shown (`None`: unreadable); read from the disk off the async runtime.
type Read = (Vec<HistoryEntry>, Vec<Option<Content>>);

async fn read(state: &AppState) -> io::Result<Read> {
    let store = state.store.clone();
    let read = tokio::task::spawn_blocking(move || {
        let entries = store.history()?;
        let contents = entries
            .iter()
            .take(SHOWN + 1)
            .map(|e| store.history_content(&e.id).ok())
            .collect();
        Ok((entries, contents))
    });
    read.await.unwrap_or_else(|e| Err(io::Error::other(e)))
}

/// The lines of the page, or `None` when the history cannot be read (the cause is logged: the
/// page says so rather than showing an empty history).
async fn lines(state: &AppState, ctx: &Ctx<'_>) -> Option<Vec<Line>> {
    match read(state).await {
        Ok((entries, contents)) => Some(described(ctx, &entries, &contents)),
        Err(e) => {
            tracing::error!(error = %e, "the history cannot be read");
            None
        }
    }
}

fn described(ctx: &Ctx<'_>, entries: &[HistoryEntry], contents: &[Option<Content>]) -> Vec<Line> {
    let count = entries.len();
    // While fewer revisions than kept exist, the oldest one was saved over the default content.
    let origin = (count < HISTORY_LEN).then(default_content);
    entries
        .iter()
        .take(SHOWN)
        .enumerate()
        .map(|(i, entry)| {
            let before = match contents.get(i + 1) {
                Some(before) => before.as_ref(),
                None if i + 1 == count => origin.as_ref(),
                None => None,
            };
            // The same revision as an older one (not the one just before): a restore.
            let restored = entries
                .iter()
                .skip(i + 2)
                .find(|older| older.etag == entry.etag)
                .map(|older| &older.saved_at);
            let changed = match (&contents[i], before) {
                (Some(this), Some(before)) => Some(describe(ctx, before, this, restored)),
                _ => None,
            };
            Line {
                entry: entry.clone(),
                changed,
            }
        })
        .collect()
}

fn view(
    ctx: &Ctx<'_>,
    lines: Option<&[Line]>,
    etag: &str,
    stale: Option<&Stale>,
    problem: Option<&ImportProblem>,
) -> Markup {
    let t = ctx.t;
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
                                @match &line.changed {
                                    Some(words) => (words),
                                    None => span.muted { (t.history_first) },
                                }
                            }
                            td.actions-cell {
                                @if current {
                                    span.badge.ok { (t.history_current) }
                                } @else {
                                    (action_button(ctx, "/admin/history/restore", etag, t.history_restore,
                                        "small", Some(t.history_confirm_restore), Some(("id", &line.entry.id))))
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
    let etag = state.store.current().etag.clone();
    let shown = lines(state, &ctx).await;
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
