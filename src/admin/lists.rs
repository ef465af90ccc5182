//! What the three lists (groups, tips, announcements) share: the list page, the form to add or
//! edit one item and its save (revision check, refusal re-rendered, flash redirect), and both
//! versions side by side when someone changed the item meanwhile; each item's buttons (up,
//! down, delete) are `list_buttons.rs`. Each list keeps only its own form, fields and views.

use super::edit::{save_edit, tag, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::versions::{versions, Versions};
use super::views::{message_page, page, Ctx, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::content::ids::{self, Identified};
use crate::content::Content;
use crate::display::Visible;
use crate::error::AppError;
use crate::i18n::AdminCatalogue;
use crate::store::Snapshot;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{html, Markup};
use serde::de::DeserializeOwned;

/// The part of an [`ItemForm`] that only says which list of the content it edits:
/// `in_content!(Tip, tips)` inside the `impl`.
macro_rules! in_content {
    ($item:ty, $list:ident) => {
        type Item = $item;
        const KEY: &'static str = stringify!($list);

        fn items(c: &$crate::content::Content) -> &Vec<$item> {
            &c.$list
        }

        fn items_mut(c: &mut $crate::content::Content) -> &mut Vec<$item> {
            &mut c.$list
        }
    };
}
pub(crate) use in_content;

/// The titles of a list's pages.
pub struct Titles {
    pub list: &'static str,
    pub add: &'static str,
    pub edit: &'static str,
}

/// The form of one item of a list, and what is its own: where the list is, its views.
pub trait ItemForm: Sized + Send + Sync + 'static {
    /// The item as the content keeps it.
    type Item: Send + Clone + PartialEq + Identified + serde::Serialize;
    /// The list's name in the content and in its address (`tips`: `/admin/tips`, `tips[3].`).
    const KEY: &'static str;
    const NAV: Nav;

    fn items(c: &Content) -> &Vec<Self::Item>;
    fn items_mut(c: &mut Content) -> &mut Vec<Self::Item>;
    fn titles(t: &'static AdminCatalogue) -> Titles;
    /// The list page's body, on the day `today` as the screen counts it (the server's clock).
    /// `shown` says which tips and announcements the screen shows now (their days and hours).
    fn list_view(ctx: &Ctx<'_>, content: &Content, today: NaiveDate, shown: &Visible) -> Markup;
    /// The form's body, posted to `action`.
    fn form_view(
        &self,
        ctx: &Ctx<'_>,
        content: &Content,
        action: &str,
        errors: &Errors,
        stale: Option<&Stale>,
    ) -> Markup;
    /// The form to add a new item.
    fn blank(content: &Content) -> Self;
    /// The form showing an item as it is (its translation into the screen's second language
    /// of `content` too), carrying the item's version ([`tag`]).
    fn from_item(item: &Self::Item, content: &Content) -> Self;
    /// The version of the item the form started from (`etag`; the current one once the form
    /// is shown again over someone else's change).
    fn etag_mut(&mut self) -> &mut String;
    /// The item the form describes.
    fn to_item(&self) -> Self::Item;
    /// Carries over into the edited `item` what the form does not show but `before` has
    /// (translations into other languages than the form's).
    fn keep(&self, _item: &mut Self::Item, _before: &Self::Item) {}
    /// The content checks refused the item: forget what must not be shown again.
    fn refused(&mut self, _errors: &Errors) {}
    /// The item as a volunteer reads it: each field's label and value (to compare versions).
    fn summary(item: &Self::Item, t: &'static AdminCatalogue) -> Vec<(&'static str, String)>;
    /// What the form itself refuses before the content checks (a date that cannot be read).
    fn check(&self, _t: &'static AdminCatalogue) -> Errors {
        Errors::default()
    }
    /// The item that ↑ (`up`) or ↓ swaps item `i` with: the one next to it on the screen.
    fn neighbour(items: &[Self::Item], i: usize, up: bool) -> Option<usize> {
        let j = if up { i.checked_sub(1)? } else { i + 1 };
        (j < items.len() && i < items.len()).then_some(j)
    }
    /// Where "to the top" (`top`) or "to the bottom" puts item `i`: the first or last place of
    /// the list (of its part of the list on the screen); `None` when it is there already.
    fn end(items: &[Self::Item], i: usize, top: bool) -> Option<usize> {
        let j = if top { 0 } else { items.len().checked_sub(1)? };
        (i < items.len() && j != i).then_some(j)
    }
}

/// The page shown when the item a form edits was changed (or deleted) by someone else since
/// the form was opened: both versions side by side, mine kept in the form below.
fn conflict<F: ItemForm>(
    ui: &Ui,
    admin: &Volunteer,
    current: &Snapshot,
    id: &str,
    form: &F,
    theirs: Option<&F::Item>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let t = ui.t;
    let list = list_path::<F>();
    let from = format!("{list}/{id}");
    let action = match theirs {
        Some(_) => from.clone(),
        None => list.clone(),
    };
    let mine = F::summary(&form.to_item(), t);
    let theirs_fields = theirs.map(|item| F::summary(item, t));
    let panel = versions(
        &ctx,
        &Versions {
            title: if theirs.is_some() {
                t.conflict_title
            } else {
                t.conflict_deleted
            },
            saved: current.saved.as_ref(),
            mine: &mine,
            theirs: theirs_fields.as_deref(),
            form: "item-form",
            draft_from: &from,
            draft_to: &action,
            take_theirs: match theirs {
                Some(_) => (&action, t.conflict_take_theirs),
                None => (&list, t.conflict_leave_deleted),
            },
        },
    );
    let body = html! {
        (panel)
        (form.form_view(&ctx, &current.content, &action, &Errors::default(), None))
    };
    ui.html(
        StatusCode::CONFLICT,
        page(&ctx, F::titles(t).edit, F::NAV, body),
    )
}

/// The address of the list of `F`.
pub fn list_path<F: ItemForm>() -> String {
    format!("/admin/{}", F::KEY)
}

/// The address of item `index` of the list named `list` (`tips`) of `c`, or of the list when
/// it has no such item (the dashboard's links to what needs fixing).
pub fn path_at(c: &Content, list: &str, index: usize) -> String {
    let id = match list {
        "groups" => c.groups.get(index).map(|x| x.id.as_str()),
        "tips" => c.tips.get(index).map(|x| x.id.as_str()),
        "announcements" => c.announcements.get(index).map(|x| x.id.as_str()),
        _ => None,
    };
    match id {
        Some(id) => format!("/admin/{list}/{id}"),
        None => format!("/admin/{list}"),
    }
}

/// The address of one item of a list.
pub fn item_path<T: Identified>(item: &T) -> String {
    format!("/admin/{}/{}", T::LIST, item.id())
}

pub async fn list<F: ItemForm>(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
) -> Response {
    let snapshot = state.store.current();
    let ctx = Ctx::new(&ui, Some(who(&admin)));
    ui.ok(page(
        &ctx,
        F::titles(ui.t).list,
        F::NAV,
        F::list_view(
            &ctx,
            &snapshot.content,
            state.clock.today(),
            &crate::display::visible_now(&snapshot, &state.clock),
        ),
    ))
}

/// The form to add (`id` none) or edit the item `id`, answered with `status`.
#[allow(clippy::too_many_arguments)]
pub fn render_form<F: ItemForm>(
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    content: &Content,
    id: Option<&str>,
    form: &F,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    let action = match id {
        Some(id) => format!("{}/{id}", list_path::<F>()),
        None => list_path::<F>(),
    };
    let titles = F::titles(ui.t);
    let title = if id.is_some() {
        titles.edit
    } else {
        titles.add
    };
    let body = html! {
        (preview_link(&ctx, F::KEY, id))
        (form.form_view(&ctx, content, &action, errors, stale))
    };
    ui.html(status, page(&ctx, title, F::NAV, body))
}

/// The preview link (slide_preview.rs) an item's form shows, for the lists whose items are slides of their own.
fn preview_link(ctx: &Ctx<'_>, list: &str, id: Option<&str>) -> Markup {
    let t = ctx.t;
    html! {
        @if let (Some(id), "announcements" | "tips") = (id, list) {
            p.slide-preview {
                a.button href={ "/admin/" (list) "/" (id) "/preview" } target="_blank" rel="noopener" {
                    (t.preview_slide) " ↗"
                }
                " " span.hint { (t.preview_slide_hint) }
            }
        }
    }
}

/// The page that says an item no longer exists, with a way back to its list.
pub fn gone(ui: &Ui, admin: &Volunteer, list: &str) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    ui.html(
        StatusCode::NOT_FOUND,
        message_page(
            &ctx,
            ui.t.gone_title,
            ui.t.gone_text,
            list,
            ui.t.back_to_list,
        ),
    )
}

pub async fn new_form<F: ItemForm>(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
) -> Response {
    let snapshot = state.store.current();
    let form = F::blank(&snapshot.content);
    let (content, errors) = (&snapshot.content, &Errors::default());
    render_form(
        &ui,
        &admin,
        StatusCode::OK,
        content,
        None,
        &form,
        errors,
        None,
    )
}

pub async fn edit_form<F: ItemForm>(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    Path(id): Path<String>,
) -> Response {
    let snapshot = state.store.current();
    let items = F::items(&snapshot.content);
    match ids::position(items, &id) {
        Some(i) => {
            let form = F::from_item(&items[i], &snapshot.content);
            let (content, errors) = (&snapshot.content, &Errors::default());
            render_form(
                &ui,
                &admin,
                StatusCode::OK,
                content,
                Some(&id),
                &form,
                errors,
                None,
            )
        }
        None => gone(&ui, &admin, &list_path::<F>()),
    }
}

pub async fn create<F: ItemForm + DeserializeOwned>(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<F>,
) -> Result<Response, AppError> {
    save(state, ui, admin, None, form).await
}

pub async fn update<F: ItemForm + DeserializeOwned>(
    State(state): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
    AdminForm(admin, form): AdminForm<F>,
) -> Result<Response, AppError> {
    save(state, ui, admin, Some(id), form).await
}

/// Whether `item` is at the `version` a form or a button carries: the item's own ([`tag`]),
/// or the whole document's entity tag when nothing at all changed since (a form opened before
/// an upgrade, or a script posting with the API's `ETag`).
pub fn unchanged<T: serde::Serialize>(item: &T, version: &str, etag: &str) -> bool {
    version == etag || tag(item) == version
}

/// How many times a save whose item is unchanged is tried again when someone else's save of
/// another part slipped in between (each try reads the content anew).
const TRIES: usize = 3;

/// Saves the form as a new item (`id` none) or over the item `id`, if that item is as it was
/// when the form was opened (whatever else changed); otherwise shows both versions.
pub async fn save<F: ItemForm>(
    state: AppState,
    ui: Ui,
    admin: Volunteer,
    id: Option<String>,
    mut form: F,
) -> Result<Response, AppError> {
    let refused = form.check(ui.t);
    if !refused.is_empty() {
        let content = &state.store.current().content;
        return Ok(render_form(
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            content,
            id.as_deref(),
            &form,
            &refused,
            None,
        ));
    }
    let back = list_path::<F>();
    let version = form.etag_mut().clone();
    let mut item = form.to_item();
    let mut tries = 0;
    let (result, id) = loop {
        tries += 1;
        let current = state.store.current();
        let items = F::items(&current.content);
        let (at, id) = match &id {
            None => {
                if item.id().is_empty() {
                    *item.id_mut() = ids::new_id(items);
                }
                (items.len(), item.id().to_owned())
            }
            Some(id) => match ids::position(items, id) {
                Some(j) if unchanged(&items[j], &version, &current.etag) => {
                    *item.id_mut() = id.clone();
                    (j, id.clone())
                }
                // No such item now nor when the form was opened (nothing changed since): a
                // made-up address.
                None if version == current.etag || !ids::well_formed(id) => {
                    return Ok(gone(&ui, &admin, &back))
                }
                theirs => {
                    let theirs = theirs.map(|j| &items[j]);
                    if let Some(now) = theirs {
                        *form.etag_mut() = tag(now);
                    }
                    return Ok(conflict(&ui, &admin, &current, id, &form, theirs));
                }
            },
        };
        let prefix = format!("{}[{at}].", F::KEY);
        let (form_ref, new) = (&form, item.clone());
        let result = save_edit(&state, &admin.name, &current.etag, &prefix, |c| {
            let items = F::items_mut(c);
            match items.get_mut(at) {
                Some(slot) if slot.id() == new.id() => {
                    let mut new = new;
                    form_ref.keep(&mut new, slot);
                    *slot = new;
                }
                _ => items.push(new),
            }
            Some(())
        })
        .await;
        match result {
            Err(Refusal::Stale(_)) if tries < TRIES => continue,
            result => break (result, id),
        }
    };
    let (status, errors, stale) = match result {
        Ok(()) => return Ok(done(&format!("{back}#item-{id}"), Flash::Saved)),
        Err(Refusal::Failed(e)) => return Err(e),
        Err(Refusal::Gone) => return Ok(gone(&ui, &admin, &back)),
        Err(Refusal::Invalid(errors)) => {
            form.refused(&errors);
            (StatusCode::UNPROCESSABLE_ENTITY, errors, None)
        }
        Err(Refusal::Stale(stale)) => (StatusCode::CONFLICT, Errors::default(), Some(stale)),
    };
    let snapshot = state.store.current();
    let shown = id_if_kept::<F>(&snapshot.content, &id);
    Ok(render_form(
        &ui,
        &admin,
        status,
        &snapshot.content,
        shown,
        &form,
        &errors,
        stale.as_ref(),
    ))
}

/// `id` when the list has that item (the form edits it), `None` for a new one not yet saved.
fn id_if_kept<'a, F: ItemForm>(content: &Content, id: &'a str) -> Option<&'a str> {
    ids::position(F::items(content), id).map(|_| id)
}
