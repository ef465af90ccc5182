//! What the three lists (groups, tips, announcements) share: the list page, the form to add or
//! edit one item and its save (revision check, refusal re-rendered, flash redirect), moving an
//! item up or down and deleting it. Each list keeps only its own form, fields and views.

use super::edit::{revision, save_edit, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::views::{action_button, message_page, page, versions, Ctx, Nav, Versions};
use super::who;
use crate::auth::Volunteer;
use crate::content::Content;
use crate::error::AppError;
use crate::i18n::AdminCatalogue;
use crate::store::Snapshot;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::de::DeserializeOwned;
use serde::Deserialize;

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
    type Item: Send + Clone + PartialEq;
    /// The list's name in the content and in its address (`tips`: `/admin/tips`, `tips[3].`).
    const KEY: &'static str;
    const NAV: Nav;

    fn items(c: &Content) -> &Vec<Self::Item>;
    fn items_mut(c: &mut Content) -> &mut Vec<Self::Item>;
    fn titles(t: &'static AdminCatalogue) -> Titles;
    /// The list page's body.
    fn list_view(ctx: &Ctx<'_>, content: &Content, etag: &str) -> Markup;
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
    fn blank(content: &Content, etag: &str) -> Self;
    /// The form showing an item as it is (its translation into the screen's second language
    /// of `content` too).
    fn from_item(item: &Self::Item, content: &Content, etag: &str) -> Self;
    /// The revision the form started from (the current one once it is shown again).
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
}

/// Where the item that a form opened at some revision showed as item `i` is now.
enum Whereabouts<T> {
    /// Unchanged since, at this place of the current list.
    Here(usize),
    /// Someone changed it since: what it is now and where, or `None` if someone deleted it.
    Changed(Option<(usize, T)>),
    /// The form's revision has no such item (a forged form).
    Unknown,
    /// The form's revision is no longer known: only the whole document can be compared.
    Forgotten,
}

/// Finds the item `i` of the form's revision `etag` in the current content `now`: by its place
/// if it is still there unchanged, else by its value (others moved or deleted around it).
fn locate<F: ItemForm>(
    state: &AppState,
    etag: &str,
    i: usize,
    now: &Content,
) -> Whereabouts<F::Item> {
    let Some(base) = revision(state, etag) else {
        return Whereabouts::Forgotten;
    };
    let before = F::items(&base);
    let Some(item) = before.get(i) else {
        return Whereabouts::Unknown;
    };
    let now = F::items(now);
    if now.get(i) == Some(item) {
        return Whereabouts::Here(i);
    }
    if let Some(j) = now.iter().position(|x| x == item) {
        return Whereabouts::Here(j);
    }
    // What is at its place now is its new version, unless it is a neighbour that was there
    // already (moved in after the item was deleted).
    match now.get(i) {
        Some(other) if !before.contains(other) => Whereabouts::Changed(Some((i, other.clone()))),
        _ => Whereabouts::Changed(None),
    }
}

/// The page shown when the item a form edits was changed (or deleted) by someone else since
/// the form was opened: both versions side by side, mine kept in the form below.
fn conflict<F: ItemForm>(
    ui: &Ui,
    admin: &Volunteer,
    current: &Snapshot,
    i: usize,
    form: &F,
    theirs: Option<(usize, F::Item)>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let t = ui.t;
    let list = list_path::<F>();
    let from = format!("{list}/{i}");
    let action = match &theirs {
        Some((j, _)) => format!("{list}/{j}"),
        None => list.clone(),
    };
    let mine = F::summary(&form.to_item(), t);
    let theirs_fields = theirs.as_ref().map(|(_, item)| F::summary(item, t));
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
            take_theirs: match &theirs {
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
fn list_path<F: ItemForm>() -> String {
    format!("/admin/{}", F::KEY)
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
        F::list_view(&ctx, &snapshot.content, &snapshot.etag),
    ))
}

/// The form to add (`index` none) or edit item `index`, answered with `status`.
#[allow(clippy::too_many_arguments)]
pub fn render_form<F: ItemForm>(
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    content: &Content,
    index: Option<usize>,
    form: &F,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    let action = match index {
        Some(i) => format!("{}/{i}", list_path::<F>()),
        None => list_path::<F>(),
    };
    let titles = F::titles(ui.t);
    let title = if index.is_some() {
        titles.edit
    } else {
        titles.add
    };
    let body = form.form_view(&ctx, content, &action, errors, stale);
    ui.html(status, page(&ctx, title, F::NAV, body))
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
    let form = F::blank(&snapshot.content, &snapshot.etag);
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
    Path(i): Path<usize>,
) -> Response {
    let snapshot = state.store.current();
    match F::items(&snapshot.content).get(i) {
        Some(item) => {
            let form = F::from_item(item, &snapshot.content, &snapshot.etag);
            let (content, errors) = (&snapshot.content, &Errors::default());
            render_form(
                &ui,
                &admin,
                StatusCode::OK,
                content,
                Some(i),
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
    Path(i): Path<usize>,
    AdminForm(admin, form): AdminForm<F>,
) -> Result<Response, AppError> {
    save(state, ui, admin, Some(i), form).await
}

/// Saves the form as a new item (`index` none) or over item `index`, if nobody saved since it
/// was shown; otherwise shows it again with what was refused.
pub async fn save<F: ItemForm>(
    state: AppState,
    ui: Ui,
    admin: Volunteer,
    index: Option<usize>,
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
            index,
            &form,
            &refused,
            None,
        ));
    }
    let item = form.to_item();
    let current = state.store.current();
    let etag = form.etag_mut().clone();
    let back = list_path::<F>();
    // Where the save lands, and the revision it is checked against: the item's own check
    // (done here) lets it through whatever else changed.
    let (at, check) = match index {
        None => (F::items(&current.content).len(), current.etag.clone()),
        Some(i) => match locate::<F>(&state, &etag, i, &current.content) {
            Whereabouts::Here(j) => (j, current.etag.clone()),
            Whereabouts::Forgotten => (i, etag.clone()),
            Whereabouts::Unknown => return Ok(gone(&ui, &admin, &back)),
            Whereabouts::Changed(theirs) => {
                *form.etag_mut() = current.etag.clone();
                return Ok(conflict(&ui, &admin, &current, i, &form, theirs));
            }
        },
    };
    let index = index.map(|_| at);
    let prefix = format!("{}[{at}].", F::KEY);
    let form_ref = &form;
    let result = save_edit(&state, &admin.name, &check, &prefix, |c| {
        let items = F::items_mut(c);
        match index {
            Some(i) => {
                let slot = items.get_mut(i)?;
                let mut item = item;
                form_ref.keep(&mut item, slot);
                *slot = item;
            }
            None => items.push(item),
        }
        Some(())
    })
    .await;
    let (status, errors, stale) = match result {
        Ok(()) => return Ok(done(&format!("{back}#item-{at}"), Flash::Saved)),
        Err(Refusal::Failed(e)) => return Err(e),
        Err(Refusal::Gone) => return Ok(gone(&ui, &admin, &back)),
        Err(Refusal::Invalid(errors)) => {
            form.refused(&errors);
            (StatusCode::UNPROCESSABLE_ENTITY, errors, None)
        }
        Err(Refusal::Stale(stale)) => {
            *form.etag_mut() = stale.etag.clone();
            (StatusCode::CONFLICT, Errors::default(), Some(stale))
        }
    };
    let snapshot = state.store.current();
    Ok(render_form(
        &ui,
        &admin,
        status,
        &snapshot.content,
        index,
        &form,
        &errors,
        stale.as_ref(),
    ))
}

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
            @if moves.0 { (arrow("up", "↑", t.move_up)) } @else { span.icon-spacer {} }
            @if moves.1 { (arrow("down", "↓", t.move_down)) } @else { span.icon-spacer {} }
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

async fn act<F: ItemForm>(
    state: AppState,
    ui: Ui,
    form: AdminForm<MoveForm>,
    i: usize,
    delete: bool,
) -> Result<Response, AppError> {
    let AdminForm(admin, form) = form;
    let up = form.dir == "up";
    let path = list_path::<F>();
    // The click applies to the item it was made on, wherever it is now, if unchanged.
    let current = state.store.current();
    let (i, check) = match locate::<F>(&state, &form.etag, i, &current.content) {
        Whereabouts::Here(j) => (j, current.etag.clone()),
        Whereabouts::Forgotten => (i, form.etag.clone()),
        Whereabouts::Changed(_) => return Ok(done(&path, Flash::Stale)),
        Whereabouts::Unknown => return Ok(gone(&ui, &admin, &path)),
    };
    let (result, landing) = if delete {
        let r = save_edit(&state, &admin.name, &check, "", |c| {
            let items = F::items_mut(c);
            (i < items.len()).then(|| drop(items.remove(i)))
        })
        .await;
        (r, i.saturating_sub(1))
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
    form: AdminForm<MoveForm>,
) -> Result<Response, AppError> {
    act::<F>(state, ui, form, i, false).await
}

/// Deletes item `i` of the list of `F`.
pub async fn delete_item<F: ItemForm>(
    State(state): State<AppState>,
    ui: Ui,
    Path(i): Path<usize>,
    form: AdminForm<MoveForm>,
) -> Result<Response, AppError> {
    act::<F>(state, ui, form, i, true).await
}
