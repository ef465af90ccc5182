//! The buttons on each item of a list (groups, tips, announcements): edit, to the top, up,
//! down, to the bottom (of its category, for a group) and delete, and what they do. Where
//! the page's script runs, the moves happen without a page load (`admin.js`).

use super::edit::{save_edit, Refusal};
use super::form::AdminForm;
use super::lists::{gone, list_path, locate, ItemForm, ItemLocation};
use super::request::{done, Flash, Ui};
use super::views::{action_button, Ctx};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

/// The buttons of item `i` of the list at `/admin/{list}`; `moves`: whether it can go up, down.
pub fn list_actions(
    ctx: &Ctx<'_>,
    list: &str,
    i: usize,
    moves: (bool, bool),
    etag: &str,
    name: &str,
) -> Markup {
    let t = ctx.t;
    let base = format!("/admin/{list}/{i}");
    let confirm = t.confirm_delete.replace("{name}", name);
    let (top, bottom) = match list {
        "groups" => (t.move_top_of_category, t.move_bottom_of_category),
        _ => (t.move_top, t.move_bottom),
    };
    let arrow = |dir: &str, symbol: &str, label: &str| {
        html! {
            form.inline.reorder method="post" action={ (base) "/move" } data-dir=(dir) {
                (ctx.tokens(etag))
                input type="hidden" name="dir" value=(dir);
                button.small.icon type="submit" title=(label) aria-label={ (label) " : " (name) } { (symbol) }
            }
        }
    };
    html! {
        div.item-actions {
            a.button.small href=(base) aria-label={ (t.edit) " : " (name) } { (t.edit) }
            @if moves.0 { (arrow("top", "⤒", top)) (arrow("up", "↑", t.move_up)) }
            @else { span.icon-spacer {} span.icon-spacer {} }
            @if moves.1 { (arrow("down", "↓", t.move_down)) (arrow("bottom", "⤓", bottom)) }
            @else { span.icon-spacer {} span.icon-spacer {} }
            (action_button(ctx, &format!("{base}/delete"), etag, t.delete, "small danger", Some(&confirm), None))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReorderForm {
    etag: String,
    dir: String,
}

/// Moves item `i` up or down, or deletes it (`delete`), if it is unchanged since the list was
/// shown: the click applies to the item it was made on, wherever it is now.
async fn apply_click<F: ItemForm>(
    state: AppState,
    ui: Ui,
    form: AdminForm<ReorderForm>,
    i: usize,
    delete: bool,
) -> Result<Response, AppError> {
    let AdminForm(admin, form) = form;
    let up = form.dir == "up";
    let end = match form.dir.as_str() {
        "top" => Some(true),
        "bottom" => Some(false),
        _ => None,
    };
    let path = list_path::<F>();
    // The click applies to the item it was made on, wherever it is now, if unchanged.
    let current = state.store.current();
    let (i, check) = match locate::<F>(&state, &form.etag, i, &current.content).await {
        ItemLocation::Here(j) => (j, current.etag.clone()),
        ItemLocation::Forgotten => (i, form.etag.clone()),
        ItemLocation::Changed(_) => return Ok(done(&path, Flash::Stale)),
        ItemLocation::Unknown => return Ok(gone(&ui, &admin, &path)),
    };
    let (result, landing) = if delete {
        let r = save_edit(&state, &admin.name, &check, "", |c| {
            let items = F::items_mut(c);
            (i < items.len()).then(|| drop(items.remove(i)))
        })
        .await;
        (r, i.saturating_sub(1))
    } else if let Some(top) = end {
        // To the top or the bottom: taken out, put back there; the others keep their order.
        let to = F::end(F::items(&current.content), i, top);
        let r = save_edit(&state, &admin.name, &check, "", |c| {
            let items = F::items_mut(c);
            let to = to.filter(|to| *to < items.len() && i < items.len())?;
            let item = items.remove(i);
            items.insert(to, item);
            Some(())
        })
        .await;
        (r, to.unwrap_or(i))
    } else {
        let to = F::neighbour(F::items(&current.content), i, up);
        let r = save_edit(&state, &admin.name, &check, "", |c| {
            let items = F::items_mut(c);
            let to = to.filter(|to| *to < items.len() && i < items.len())?;
            items.swap(i, to);
            Some(())
        })
        .await;
        (r, to.unwrap_or(i))
    };
    let flash = if delete { Flash::Deleted } else { Flash::Saved };
    match result {
        Ok(()) => Ok(done(&format!("{path}#item-{landing}"), flash)),
        // The list changed under the click: show it again as it is now, and say so.
        Err(Refusal::Stale(_)) => Ok(done(&path, Flash::Stale)),
        Err(Refusal::Gone) => Ok(gone(&ui, &admin, &path)),
        Err(Refusal::Invalid(errors)) => {
            let problems = errors.0.into_iter().filter_map(|e| match e.message {
                super::edit::Message::Problem(p) => Some(p),
                super::edit::Message::Said(said) => {
                    tracing::warn!(%said, "a list's change refused in words already said");
                    None
                }
            });
            Err(AppError::Unprocessable(crate::error::Refusal::Problems(
                problems.collect(),
            )))
        }
        Err(Refusal::Failed(e)) => Err(e),
    }
}

/// Moves item `i` of the list of `F` one place up or down.
pub async fn move_item<F: ItemForm>(
    State(state): State<AppState>,
    ui: Ui,
    Path(i): Path<usize>,
    form: AdminForm<ReorderForm>,
) -> Result<Response, AppError> {
    apply_click::<F>(state, ui, form, i, false).await
}

/// Deletes item `i` of the list of `F`.
pub async fn delete_item<F: ItemForm>(
    State(state): State<AppState>,
    ui: Ui,
    Path(i): Path<usize>,
    form: AdminForm<ReorderForm>,
) -> Result<Response, AppError> {
    apply_click::<F>(state, ui, form, i, true).await
}
