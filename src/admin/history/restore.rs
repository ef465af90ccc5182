//! Putting an older version back: one item as a revision had it, or a whole revision, in one
//! click (a new save, so it can be undone too), the banner's "Annuler" (undo the last save), and the one save of a
//! whole document that they and the import share.

use super::changes::{version_of, List};
use super::page::{render, ImportProblem};
use crate::admin::edit::{save_whole, Refusal};
use crate::admin::errors::came_from;
use crate::admin::form::AdminForm;
use crate::admin::request::{done, Flash, Ui};
use crate::auth::Volunteer;
use crate::content::ids::{position, Identified};
use crate::content::{default_content, Content};
use crate::error::AppError;
use crate::i18n::history::history_words;
use crate::store::HISTORY_LEN;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

/// The content of the revision `id` of the history (`default`: the built-in content), read
/// off the async runtime; `None` when it is gone or cannot be read.
async fn read_revision(state: &AppState, id: &str) -> Option<Content> {
    let (store, id) = (state.store.clone(), id.to_owned());
    let read = tokio::task::spawn_blocking(move || match id.as_str() {
        "default" => Ok(default_content()),
        id => store.history_content(id),
    });
    read.await.ok()?.ok()
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
    let Some(content) = read_revision(&state, &form.id).await else {
        let problem = ImportProblem::Message(ui.t.history_unreadable.to_owned());
        return Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::NOT_FOUND,
            None,
            Some(&problem),
        )
        .await);
    };
    save_document(&state, &ui, &admin, &form.etag, content, Flash::Restored).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ItemForm {
    /// The revision to take the item from: a history id, or `default`.
    from: String,
    /// The item as the page showed it (`changes::version_of`).
    version: String,
    list: String,
    id: String,
}

/// Why one item could not be put back.
enum NotBack {
    /// The revision does not have it (or cannot be read).
    Unknown,
    /// The screen already has it so.
    Already,
}

/// Puts the item `id` of `from` into `now` as `from` has it: over itself if still there, else
/// after the item that came before it there (or at its old place).
fn put_back<T: Identified + Clone + PartialEq>(
    from: &[T],
    now: &mut Vec<T>,
    id: &str,
) -> Result<(), NotBack> {
    let at = position(from, id).ok_or(NotBack::Unknown)?;
    let item = from[at].clone();
    match position(now, id) {
        Some(i) if now[i] == item => Err(NotBack::Already),
        Some(i) => {
            now[i] = item;
            Ok(())
        }
        None => {
            let after = at
                .checked_sub(1)
                .and_then(|p| position(now, from[p].id()))
                .map(|p| p + 1);
            let place = after.unwrap_or(at).min(now.len());
            now.insert(place, item);
            Ok(())
        }
    }
}

/// How many times putting an item back is tried again when someone saved in between.
const TRIES: usize = 3;

/// The history's "Remettre ce groupe" and "Revenir à cette version de l'astuce": one item put
/// back as a revision had it, as a new save; nothing else of the screen changes.
pub async fn restore_item(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<ItemForm>,
) -> Result<Response, AppError> {
    let source = read_revision(&state, &form.from).await;
    let (Some(source), Some(list)) = (source, List::from_key(&form.list)) else {
        return Ok(refused(
            &state,
            &ui,
            &admin,
            StatusCode::NOT_FOUND,
            ui.t.history_unreadable,
        )
        .await);
    };
    let words = history_words(ui.lang);
    for _ in 0..TRIES {
        let current = state.store.current();
        let mut content = current.content.clone();
        let changed_since = version_of(list, &form.id, &content) != form.version;
        let done_here = match list {
            List::Groups => {
                // Its place on the next platform is the move's, kept as it is now.
                let now =
                    position(&content.groups, &form.id).map(|i| content.groups[i].next.clone());
                let done = put_back(&source.groups, &mut content.groups, &form.id);
                if let (Some(next), Some(i)) = (now, position(&content.groups, &form.id)) {
                    content.groups[i].next = next;
                }
                done
            }
            List::Tips => put_back(&source.tips, &mut content.tips, &form.id),
            List::Announcements => {
                put_back(&source.announcements, &mut content.announcements, &form.id)
            }
        };
        match done_here {
            Err(NotBack::Unknown) => {
                let t = ui.t.history_unreadable;
                return Ok(refused(&state, &ui, &admin, StatusCode::NOT_FOUND, t).await);
            }
            Err(NotBack::Already) => {}
            Ok(()) if changed_since => {
                let t = words.changed_since;
                return Ok(refused(&state, &ui, &admin, StatusCode::CONFLICT, t).await);
            }
            Ok(()) => {}
        }
        if content == current.content {
            let t = words.already;
            return Ok(refused(&state, &ui, &admin, StatusCode::CONFLICT, t).await);
        }
        match save_whole(&state, &admin.name, &current.etag, content, "").await {
            Ok(()) => return Ok(done("/admin/history", Flash::ItemBack)),
            Err(Refusal::Stale(_)) => continue,
            Err(Refusal::Invalid(errors)) => {
                let problem = ImportProblem::Fields(errors.0);
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return Ok(render(&state, &ui, &admin, status, None, Some(&problem)).await);
            }
            Err(Refusal::Failed(e)) => return Err(e),
            Err(Refusal::Gone) => return Err(AppError::NotFound),
        }
    }
    let stale = crate::admin::edit::Stale::since(&state, "").await;
    Ok(render(
        &state,
        &ui,
        &admin,
        StatusCode::CONFLICT,
        Some(&stale),
        None,
    )
    .await)
}

/// The history page again, saying why nothing was put back.
async fn refused(
    state: &AppState,
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    why: &str,
) -> Response {
    let problem = ImportProblem::Message(why.to_owned());
    render(state, ui, admin, status, None, Some(&problem)).await
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
    let (store, etag, name) = (
        state.store.clone(),
        current.etag.clone(),
        admin.name.clone(),
    );
    let read = tokio::task::spawn_blocking(move || {
        let entries = store.history().unwrap_or_else(|e| {
            tracing::error!(error = %e, "the history cannot be read");
            Vec::new()
        });
        let mine = entries
            .first()
            .is_some_and(|e| e.etag == etag && e.saved_by == name);
        match entries.get(1) {
            _ if !mine => None,
            Some(previous) => store.history_content(&previous.id).ok(),
            None if entries.len() < HISTORY_LEN => Some(default_content()),
            None => None,
        }
    });
    let before = read.await.ok().flatten();
    let Some(before) = before else {
        let problem = ImportProblem::Message(ui.t.undo_impossible.to_owned());
        return Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::CONFLICT,
            None,
            Some(&problem),
        )
        .await);
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
        )
        .await),
        Err(Refusal::Invalid(errors)) => Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(&ImportProblem::Fields(errors.0)),
        )
        .await),
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
    Ok(render(state, ui, admin, status, stale.as_ref(), problem.as_ref()).await)
}
