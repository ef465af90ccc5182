//! `/admin/groups`: the list of groups (reorder, delete) and the form to add or edit one.

use super::edit::{save_edit, Errors, Refusal, Stale};
use super::lists::list_actions;
use super::naming_rules::follows;
use super::request::{done, Flash, Ui};
use super::views::{checkbox, message_page, page, refusal_notices, Ctx, Field, Kind, Nav};
use super::who;
use crate::auth::{Admin, AdminForm};
use crate::content::{Content, Group};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct GroupForm {
    etag: String,
    name: String,
    category: String,
    description: String,
    link: String,
    in_community: Option<String>,
}

impl GroupForm {
    fn from(g: &Group, etag: &str) -> Self {
        GroupForm {
            etag: etag.to_owned(),
            name: g.name.clone(),
            category: g.category.clone(),
            description: g.description.clone(),
            link: g.link.clone().unwrap_or_default(),
            in_community: g.in_community.then(|| "on".to_owned()),
        }
    }

    fn blank(content: &Content, etag: &str) -> Self {
        GroupForm {
            etag: etag.to_owned(),
            // A new group starts from the convention, so that it already follows it.
            name: content
                .display
                .naming_template
                .replace(super::naming_rules::TOPIC, ""),
            category: content
                .groups
                .last()
                .map(|g| g.category.clone())
                .unwrap_or_default(),
            ..GroupForm::default()
        }
    }

    fn to_group(&self) -> Group {
        let link = self.link.trim();
        Group {
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            category: self.category.trim().to_owned(),
            link: (!link.is_empty()).then(|| link.to_owned()),
            in_community: self.in_community.is_some(),
        }
    }
}

fn list_view(ctx: &Ctx<'_>, content: &Content, etag: &str) -> Markup {
    let t = ctx.t;
    let template = &content.display.naming_template;
    let count = content.groups.len();
    html! {
        p.lead { (t.groups_intro) }
        p.toolbar {
            a.button.primary href="/admin/groups/new" { "+ " (t.add_group) }
            a.button href="/admin/naming" { (t.naming_title) }
        }
        @if content.groups.is_empty() {
            p.empty { (t.no_groups) }
        }
        ol.items {
            @for (i, g) in content.groups.iter().enumerate() {
                li.item #{"item-" (i)} {
                    div.item-main {
                        span.chip { (g.category) }
                        a.item-title href={ "/admin/groups/" (i) } { (g.name) }
                        div.badges {
                            @if g.in_community {
                                span.badge.ok { (t.badge_in_community) }
                            } @else {
                                span.badge.todo { (t.badge_not_in_community) }
                            }
                            @if !follows(template, &g.name) {
                                a.badge.todo href="/admin/naming" { (t.badge_breaks_naming) }
                            }
                        }
                        @if !g.description.is_empty() { p.item-text { (g.description) } }
                    }
                    (list_actions(ctx, "groups", i, count, etag, &g.name))
                }
            }
        }
    }
}

pub async fn list(State(state): State<AppState>, admin: Admin, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let ctx = Ctx::new(&ui, Some(who(&admin)));
    ui.ok(page(
        &ctx,
        ui.t.groups_title,
        Nav::Groups,
        list_view(&ctx, &snapshot.content, &snapshot.etag),
    ))
}

/// Where the form is posted: a new group, or group `i`.
fn form_view(
    ctx: &Ctx<'_>,
    content: &Content,
    index: Option<usize>,
    form: &GroupForm,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Markup {
    let t = ctx.t;
    let action = match index {
        Some(i) => format!("/admin/groups/{i}"),
        None => "/admin/groups".to_owned(),
    };
    let name_hint = t
        .group_name_hint
        .replace("{template}", &content.display.naming_template);
    let shown = ["name", "category", "description", "link", "in_community"];
    html! {
        (refusal_notices(ctx, errors, stale, &shown))
        form.card method="post" action=(action) {
            (ctx.tokens(&form.etag))
            (Field::new(t.group_name, "name", &form.name, errors).hint(&name_hint).max(80).required())
            (Field::new(t.group_category, "category", &form.category, errors)
                .hint(t.group_category_hint).list("categories").max(40).required())
            datalist #categories {
                @for (category, _) in content.groups_by_category() { option value=(category) {} }
            }
            (Field::new(t.group_description, "description", &form.description, errors)
                .hint(t.group_description_hint).max(140).optional(t.optional))
            (Field::new(t.group_link, "link", &form.link, errors)
                .kind(Kind::Url).hint(t.group_link_hint).max(500).optional(t.optional))
            (checkbox(t.group_in_community, "in_community", form.in_community.is_some(), errors.get("in_community")))
            div.actions {
                button.primary type="submit" { (t.save) }
                a.button href="/admin/groups" { (t.cancel) }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn render_form(
    ui: &Ui,
    admin: &Admin,
    status: StatusCode,
    content: &Content,
    index: Option<usize>,
    form: &GroupForm,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    let title = if index.is_some() {
        ui.t.edit_group
    } else {
        ui.t.add_group
    };
    ui.html(
        status,
        page(
            &ctx,
            title,
            Nav::Groups,
            form_view(&ctx, content, index, form, errors, stale),
        ),
    )
}

/// The page that says an item no longer exists, with a way back to its list.
pub fn gone(ui: &Ui, admin: &Admin, list: &str) -> Response {
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

pub async fn new_form(State(state): State<AppState>, admin: Admin, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let form = GroupForm::blank(&snapshot.content, &snapshot.etag);
    render_form(
        &ui,
        &admin,
        StatusCode::OK,
        &snapshot.content,
        None,
        &form,
        &Errors::default(),
        None,
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    admin: Admin,
    ui: Ui,
    Path(i): Path<usize>,
) -> Response {
    let snapshot = state.store.current();
    match snapshot.content.groups.get(i) {
        Some(g) => {
            let form = GroupForm::from(g, &snapshot.etag);
            render_form(
                &ui,
                &admin,
                StatusCode::OK,
                &snapshot.content,
                Some(i),
                &form,
                &Errors::default(),
                None,
            )
        }
        None => gone(&ui, &admin, "/admin/groups"),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<GroupForm>,
) -> Result<Response, AppError> {
    save(state, ui, admin, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    ui: Ui,
    Path(i): Path<usize>,
    AdminForm(admin, form): AdminForm<GroupForm>,
) -> Result<Response, AppError> {
    save(state, ui, admin, Some(i), form).await
}

async fn save(
    state: AppState,
    ui: Ui,
    admin: Admin,
    index: Option<usize>,
    mut form: GroupForm,
) -> Result<Response, AppError> {
    let group = form.to_group();
    let at = index.unwrap_or(state.store.current().content.groups.len());
    let result = save_edit(
        &state,
        &admin.name,
        &form.etag,
        &format!("groups[{at}]."),
        |c| {
            match index {
                Some(i) => *c.groups.get_mut(i)? = group,
                None => c.groups.push(group),
            }
            Some(())
        },
    )
    .await;
    let content = state.store.current().content.clone();
    match result {
        Ok(()) => Ok(done(&format!("/admin/groups#item-{at}"), Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Gone) => Ok(gone(&ui, &admin, "/admin/groups")),
        Err(Refusal::Invalid(errors)) => Ok(render_form(
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            &content,
            index,
            &form,
            &errors,
            None,
        )),
        Err(Refusal::Stale(stale)) => {
            form.etag = stale.etag.clone();
            Ok(render_form(
                &ui,
                &admin,
                StatusCode::CONFLICT,
                &content,
                index,
                &form,
                &Errors::default(),
                Some(&stale),
            ))
        }
    }
}
