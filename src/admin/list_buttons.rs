//! The buttons on each item of a list (groups, tips, announcements): edit, to the top, up,
//! down, to the bottom (of its category, for a group) and delete, and what they do. Where
//! the page's script runs, the moves happen without a page load (`admin.js`).

use super::edit::{save_edit, tag, Refusal};
use super::form::AdminForm;
use super::lists::{gone, item_path, list_path, unchanged, ItemForm};
use super::request::{done, Flash, Ui};
use super::views::{action_button, Ctx};
use crate::content::ids::{self, Identified};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

/// The buttons of `item`, on its list's page; `moves`: whether it can go up, down. Each
/// carries the item's version: a click applies only to the item as the volunteer saw it.
pub fn list_actions<T: Identified + serde::Serialize>(
    ctx: &Ctx<'_>,
    item: &T,
    moves: (bool, bool),
) -> Markup {
    let t = ctx.t;
    let (base, name, etag) = (item_path(item), item.name(), tag(item));
    let confirm = t.confirm_delete.replace("{name}", name);
    let (top, bottom) = match T::LIST {
        "groups" => (t.move_top_of_category, t.move_bottom_of_category),
        _ => (t.move_top, t.move_bottom),
    };
    let arrow = |dir: &str, symbol: &str, label: &str| {
        html! {
            form.inline.reorder method="post" action={ (base) "/move" } data-dir=(dir) {
                (ctx.tokens(&etag))
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
            (action_button(ctx, &format!("{base}/delete"), &etag, t.delete, "small danger", Some(&confirm), None))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReorderForm {
    etag: String,
    dir: String,
}

/// How many times a click is tried again when someone saved another part in between.
const TRIES: usize = 3;

/// Moves the item `id` up or down, or deletes it (`delete`), if it is as the volunteer saw
/// it (its version), wherever it is in the list now.
async fn apply_click<F: ItemForm>(
    state: AppState,
    ui: Ui,
    form: AdminForm<ReorderForm>,
    id: String,
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
    let mut tries = 0;
    let (result, landing) = loop {
        tries += 1;
        let current = state.store.current();
        let items = F::items(&current.content);
        let i = match ids::position(items, &id) {
            Some(i) if unchanged(&items[i], &form.etag, &current.etag) => i,
            Some(_) => return Ok(done(&path, Flash::Stale)),
            None => return Ok(gone(&ui, &admin, &path)),
        };
        let check = &current.etag;
        let (result, landing) = if delete {
            let r = save_edit(&state, &admin.name, check, "", |c| {
                let items = F::items_mut(c);
                (i < items.len()).then(|| drop(items.remove(i)))
            })
            .await;
            let near = i.checked_sub(1).or((items.len() > 1).then_some(1));
            (
                r,
                near.and_then(|j| items.get(j)).map(|x| x.id().to_owned()),
            )
        } else if let Some(top) = end {
            // To the top or the bottom: taken out, put back there; the others keep their order.
            let to = F::end(items, i, top);
            let r = save_edit(&state, &admin.name, check, "", |c| {
                let items = F::items_mut(c);
                let to = to.filter(|to| *to < items.len() && i < items.len())?;
                let item = items.remove(i);
                items.insert(to, item);
                Some(())
            })
            .await;
            (r, Some(id.clone()))
        } else {
            let to = F::neighbour(items, i, up);
            let r = save_edit(&state, &admin.name, check, "", |c| {
                let items = F::items_mut(c);
                let to = to.filter(|to| *to < items.len() && i < items.len())?;
                items.swap(i, to);
                Some(())
            })
            .await;
            (r, Some(id.clone()))
        };
        match result {
            Err(Refusal::Stale(_)) if tries < TRIES => continue,
            result => break (result, landing),
        }
    };
    let landing = landing.map_or(String::new(), |id| format!("#item-{id}"));
    let flash = if delete { Flash::Deleted } else { Flash::Saved };
    match result {
        Ok(()) => Ok(done(&format!("{path}{landing}"), flash)),
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

/// Moves the item `id` of the list of `F` up, down, to the top or to the bottom.
pub async fn move_item<F: ItemForm>(
    State(state): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
    form: AdminForm<ReorderForm>,
) -> Result<Response, AppError> {
    apply_click::<F>(state, ui, form, id, false).await
}

/// Deletes the item `id` of the list of `F`.
pub async fn delete_item<F: ItemForm>(
    State(state): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
    form: AdminForm<ReorderForm>,
) -> Result<Response, AppError> {
    apply_click::<F>(state, ui, form, id, true).await
}
