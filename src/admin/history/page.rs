//! `/admin/history`: the last revisions, who saved each and what it changed in words, any of
//! them restored in one click (a new save, so it can be undone too), the banner's "Annuler"
//! (undo the last save); export and import beside it.

use super::transfer::{transfer_view, ImportProblem};
use super::words::describe;
use crate::admin::edit::{save_whole, Refusal, Stale};
use crate::admin::errors::came_from;
use crate::admin::form::AdminForm;
use crate::admin::request::{done, Flash, Ui};
use crate::admin::views::{action_button, page, refusal_notices, Ctx, Nav};
use crate::admin::who;
use crate::auth::Volunteer;
use crate::content::{default_content, Content};
use crate::error::AppError;
use crate::store::{HistoryEntry, HISTORY_LEN};
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

/// The most lines the page shows (the history may keep more).
const SHOWN: usize = 60;

/// One line of the history, with what it changed from the revision before it, in words.
pub struct Line {
    pub entry: HistoryEntry,
    /// `None` for the oldest revision kept, or one that can no longer be read.
    pub changed: Option<String>,
}

fn lines(state: &AppState, ctx: &Ctx<'_>) -> Vec<Line> {
    let entries = state.store.history().unwrap_or_default();
    let count = entries.len();
    let contents: Vec<Option<Content>> = entries
        .iter()
        .take(SHOWN + 1)
        .map(|e| state.store.history_content(&e.id).ok())
        .collect();
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
    lines: &[Line],
    etag: &str,
    stale: Option<&Stale>,
    problem: Option<&ImportProblem>,
) -> Markup {
    let t = ctx.t;
    html! {
        p.lead { (t.history_intro) }
        (refusal_notices(ctx, &Default::default(), stale, &[]))
        @if lines.is_empty() {
            p.empty { (t.history_empty) }
        } @else {
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
        }
        (transfer_view(ctx, etag, problem))
    }
}

/// The history page, optionally with a refused restore or import explained.
pub fn render(
    state: &AppState,
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    stale: Option<&Stale>,
    problem: Option<&ImportProblem>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let etag = state.store.current().etag.clone();
    ui.html(
        status,
        page(
            &ctx,
            ui.t.history_title,
            Nav::History,
            view(&ctx, &lines(state, &ctx), &etag, stale, problem),
        ),
    )
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    render(&state, &ui, &admin, StatusCode::OK, None, None)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RestoreForm {
    etag: String,
    id: String,
}

pub async fn restore(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<RestoreForm>,
) -> Result<Response, AppError> {
    let Ok(content) = state.store.history_content(&form.id) else {
        let problem = ImportProblem::Message(ui.t.history_unreadable.to_owned());
        return Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::NOT_FOUND,
            None,
            Some(&problem),
        ));
    };
    save_document(&state, &ui, &admin, &form.etag, content, Flash::Restored).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UndoForm {}

/// The banner's "Annuler": puts back the revision before the newest one, if the newest is the
/// volunteer's own and nobody saved since; then back to the page it was clicked on.
pub async fn undo(
    State(state): State<AppState>,
    ui: Ui,
    headers: HeaderMap,
    AdminForm(admin, _): AdminForm<UndoForm>,
) -> Result<Response, AppError> {
    let current = state.store.current();
    let entries = state.store.history().unwrap_or_default();
    let mine = entries
        .first()
        .is_some_and(|e| e.etag == current.etag && e.saved_by == admin.name);
    let before = match entries.get(1) {
        _ if !mine => None,
        Some(previous) => state.store.history_content(&previous.id).ok(),
        None if entries.len() < HISTORY_LEN => Some(default_content()),
        None => None,
    };
    let Some(before) = before else {
        let problem = ImportProblem::Message(ui.t.undo_impossible.to_owned());
        return Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::CONFLICT,
            None,
            Some(&problem),
        ));
    };
    let back = came_from(&headers)
        .filter(|p| !p.starts_with("/admin/history/"))
        .unwrap_or_else(|| "/admin/history".to_owned());
    match save_whole(&state, &admin.name, &current.etag, before, "").await {
        Ok(()) => Ok(done(&back, Flash::Undone)),
        Err(Refusal::Stale(stale)) => Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::CONFLICT,
            Some(&stale),
            None,
        )),
        Err(Refusal::Invalid(errors)) => Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(&ImportProblem::Fields(errors.0)),
        )),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

/// Saves a whole document (restore, import) and goes back to the history saying `flash`; if
/// refused, shows the history page again with why.
pub async fn save_document(
    state: &AppState,
    ui: &Ui,
    admin: &Volunteer,
    etag: &str,
    content: Content,
    flash: Flash,
) -> Result<Response, AppError> {
    let (status, stale, problem) = match save_whole(state, &admin.name, etag, content, "").await {
        Ok(()) => return Ok(done("/admin/history", flash)),
        Err(Refusal::Stale(stale)) => (StatusCode::CONFLICT, Some(stale), None),
        Err(Refusal::Invalid(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(ImportProblem::Fields(errors.0)),
        ),
        Err(Refusal::Failed(e)) => return Err(e),
        Err(Refusal::Gone) => return Err(AppError::NotFound),
    };
    Ok(render(
        state,
        ui,
        admin,
        status,
        stale.as_ref(),
        problem.as_ref(),
    ))
}
