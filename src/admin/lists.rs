//! What the three lists (groups, tips, announcements) share: moving an item up or down and
//! deleting it, each a one-button form that carries the revision it was shown from.

use super::edit::{save_edit, Refusal};
use super::groups::gone;
use super::request::{done, Flash, Ui};
use super::views::{action_button, Ctx};
use crate::auth::AdminForm;
use crate::content::Content;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

/// The buttons of item `i` of the list at `/admin/{list}`.
pub fn list_actions(
    ctx: &Ctx<'_>,
    list: &str,
    i: usize,
    count: usize,
    etag: &str,
    name: &str,
) -> Markup {
    let t = ctx.t;
    let base = format!("/admin/{list}/{i}");
    let confirm = t.confirm_delete.replace("{name}", name);
    let arrow = |dir: &str, symbol: &str, label: &str| {
        html! {
            form.inline method="post" action={ (base) "/move" } {
                (ctx.tokens(etag))
                input type="hidden" name="dir" value=(dir);
                button.small.icon type="submit" title=(label) aria-label={ (label) " : " (name) } { (symbol) }
            }
        }
    };
    html! {
        div.item-actions {
            a.button.small href=(base) aria-label={ (t.edit) " : " (name) } { (t.edit) }
            @if i > 0 { (arrow("up", "↑", t.move_up)) } @else { span.icon-spacer {} }
            @if i + 1 < count { (arrow("down", "↓", t.move_down)) } @else { span.icon-spacer {} }
            (action_button(ctx, &format!("{base}/delete"), etag, t.delete, "small danger", Some(&confirm), None))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    etag: String,
    dir: String,
}

/// One of the lists, and how to reach its items in the content.
#[derive(Clone, Copy)]
enum List {
    Groups,
    Tips,
    Announcements,
}

impl List {
    fn path(self) -> &'static str {
        match self {
            List::Groups => "/admin/groups",
            List::Tips => "/admin/tips",
            List::Announcements => "/admin/announcements",
        }
    }

    fn len(self, c: &Content) -> usize {
        match self {
            List::Groups => c.groups.len(),
            List::Tips => c.tips.len(),
            List::Announcements => c.announcements.len(),
        }
    }

    fn swap(self, c: &mut Content, a: usize, b: usize) {
        match self {
            List::Groups => c.groups.swap(a, b),
            List::Tips => c.tips.swap(a, b),
            List::Announcements => c.announcements.swap(a, b),
        }
    }

    fn remove(self, c: &mut Content, i: usize) {
        match self {
            List::Groups => drop(c.groups.remove(i)),
            List::Tips => drop(c.tips.remove(i)),
            List::Announcements => drop(c.announcements.remove(i)),
        }
    }
}

async fn act(
    state: AppState,
    ui: Ui,
    form: AdminForm<MoveForm>,
    list: List,
    i: usize,
    delete: bool,
) -> Result<Response, AppError> {
    let AdminForm(admin, form) = form;
    let up = form.dir == "up";
    let (result, landing) = if delete {
        let r = save_edit(&state, &admin.name, &form.etag, "", |c| {
            (i < list.len(c)).then(|| list.remove(c, i))
        })
        .await;
        (r, i.saturating_sub(1))
    } else {
        let to = if up { i.checked_sub(1) } else { Some(i + 1) };
        let r = save_edit(&state, &admin.name, &form.etag, "", |c| {
            let to = to.filter(|to| *to < list.len(c) && i < list.len(c))?;
            list.swap(c, i, to);
            Some(())
        })
        .await;
        (r, to.unwrap_or(i))
    };
    let flash = if delete { Flash::Deleted } else { Flash::Saved };
    match result {
        Ok(()) => Ok(done(&format!("{}#item-{landing}", list.path()), flash)),
        // The list changed under the click: show it again as it is now, and say so.
        Err(Refusal::Stale(_)) => Ok(done(list.path(), Flash::Stale)),
        Err(Refusal::Gone) => Ok(gone(&ui, &admin, list.path())),
        Err(Refusal::Invalid(errors)) => Err(AppError::BadRequest(
            errors
                .0
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )),
        Err(Refusal::Failed(e)) => Err(e),
    }
}

macro_rules! list_handlers {
    ($move_fn:ident, $delete_fn:ident, $list:expr) => {
        pub async fn $move_fn(
            State(state): State<AppState>,
            ui: Ui,
            Path(i): Path<usize>,
            form: AdminForm<MoveForm>,
        ) -> Result<Response, AppError> {
            act(state, ui, form, $list, i, false).await
        }

        pub async fn $delete_fn(
            State(state): State<AppState>,
            ui: Ui,
            Path(i): Path<usize>,
            form: AdminForm<MoveForm>,
        ) -> Result<Response, AppError> {
            act(state, ui, form, $list, i, true).await
        }
    };
}

list_handlers!(move_group, delete_group, List::Groups);
list_handlers!(move_tip, delete_tip, List::Tips);
list_handlers!(move_announcement, delete_announcement, List::Announcements);
