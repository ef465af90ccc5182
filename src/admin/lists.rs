//! What the three lists (groups, tips, announcements) share: the list page, the form to add or
//! edit one item and its save (revision check, refusal re-rendered, flash redirect), and both
//! versions side by side when someone changed the item meanwhile; each item's buttons (up,
//! down, delete) are `list_buttons.rs`. Each list keeps only its own form, fields and views.

use super::edit::{revision, save_edit, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::views::{message_page, page, versions, Ctx, Nav, Versions};
use super::who;
use crate::auth::Volunteer;
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
    type Item: Send + Clone + PartialEq;
    /// The list's name in the content and in its address (`tips`: `/admin/tips`, `tips[3].`).
    const KEY: &'static str;
    const NAV: Nav;

    fn items(c: &Content) -> &Vec<Self::Item>;
    fn items_mut(c: &mut Content) -> &mut Vec<Self::Item>;
    fn titles(t: &'static AdminCatalogue) -> Titles;
    /// The list page's body, on the day `today` as the screen counts it (the server's clock).
    /// `shown` says which tips and announcements the screen shows now (their days and hours).
    fn list_view(
        ctx: &Ctx<'_>,
        content: &Content,
        etag: &str,
        today: NaiveDate,
        shown: &Visible,
    ) -> Markup;
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
    /// Where "to the top" (`top`) or "to the bottom" puts item `i`: the first or last place of
    /// the list (of its part of the list on the screen); `None` when it is there already.
    fn end(items: &[Self::Item], i: usize, top: bool) -> Option<usize> {
        let j = if top { 0 } else { items.len().checked_sub(1)? };
        (i < items.len() && j != i).then_some(j)
    }
}

/// Where the item that a form opened at some revision showed as item `i` is now.
pub enum ItemLocation<T> {
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
pub async fn locate<F: ItemForm>(
    state: &AppState,
    etag: &str,
    i: usize,
    now: &Content,
) -> ItemLocation<F::Item> {
    let Some(base) = revision(state, etag).await else {
        return ItemLocation::Forgotten;
    };
    let before = F::items(&base);
    let Some(item) = before.get(i) else {
        return ItemLocation::Unknown;
    };
    let now = F::items(now);
    if now.get(i) == Some(item) {
        return ItemLocation::Here(i);
    }
    if let Some(j) = now.iter().position(|x| x == item) {
        return ItemLocation::Here(j);
    }
    // What is at its place now is its new version, unless it is a neighbour that was there
    // already (moved in after the item was deleted).
    match now.get(i) {
        Some(other) if !before.contains(other) => ItemLocation::Changed(Some((i, other.clone()))),
        _ => ItemLocation::Changed(None),
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
pub fn list_path<F: ItemForm>() -> String {
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
        F::list_view(
            &ctx,
            &snapshot.content,
            &snapshot.etag,
            state.clock.today(),
            &crate::display::visible_now(&snapshot, &state.clock),
        ),
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
    let body = html! {
        (preview_link(&ctx, F::KEY, index))
        (form.form_view(&ctx, content, &action, errors, stale))
    };
    ui.html(status, page(&ctx, title, F::NAV, body))
}

/// The preview link (slide_preview.rs) an item's form shows, for the lists whose items are slides of their own.
fn preview_link(ctx: &Ctx<'_>, list: &str, index: Option<usize>) -> Markup {
    let t = ctx.t;
    html! {
        @if let (Some(i), "announcements" | "tips") = (index, list) {
            p.slide-preview {
                a.button href={ "/admin/" (list) "/" (i) "/preview" } target="_blank" rel="noopener" {
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
        Some(i) => match locate::<F>(&state, &etag, i, &current.content).await {
            ItemLocation::Here(j) => (j, current.etag.clone()),
            ItemLocation::Forgotten => (i, etag.clone()),
            ItemLocation::Unknown => return Ok(gone(&ui, &admin, &back)),
            ItemLocation::Changed(theirs) => {
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
