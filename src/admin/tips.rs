//! `/admin/tips`: the guide tips shown one per slide (add, edit, delete, reorder).

use super::edit::{save_edit, Errors, Refusal, Stale};
use super::groups::gone;
use super::lists::list_actions;
use super::request::{done, Flash, Ui};
use super::views::{page, refusal_notices, Ctx, Field, Kind, Nav};
use super::who;
use crate::auth::{Admin, AdminForm};
use crate::content::{Content, Tip};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TipForm {
    etag: String,
    title: String,
    text: String,
}

/// A text area's lines as the content keeps them: `\n`, no blank edges.
pub fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

fn list_view(ctx: &Ctx<'_>, content: &Content, etag: &str) -> Markup {
    let t = ctx.t;
    let count = content.tips.len();
    html! {
        p.lead { (t.tips_intro) }
        p.toolbar { a.button.primary href="/admin/tips/new" { "+ " (t.add_tip) } }
        @if content.tips.is_empty() { p.empty { (t.no_tips) } }
        ol.items {
            @for (i, tip) in content.tips.iter().enumerate() {
                li.item #{"item-" (i)} {
                    div.item-main {
                        a.item-title href={ "/admin/tips/" (i) } { (tip.title) }
                        p.item-text { (tip.text) }
                    }
                    (list_actions(ctx, "tips", i, count, etag, &tip.title))
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
        ui.t.tips_title,
        Nav::Tips,
        list_view(&ctx, &snapshot.content, &snapshot.etag),
    ))
}

fn render_form(
    ui: &Ui,
    admin: &Admin,
    status: StatusCode,
    index: Option<usize>,
    form: &TipForm,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    let t = ui.t;
    let action = index.map_or("/admin/tips".to_owned(), |i| format!("/admin/tips/{i}"));
    let body = html! {
        (refusal_notices(&ctx, errors, stale, &["title", "text"]))
        form.card method="post" action=(action) {
            (ctx.tokens(&form.etag))
            (Field::new(t.tip_title, "title", &form.title, errors).max(60).required())
            (Field::new(t.tip_text, "text", &form.text, errors)
                .kind(Kind::Textarea).hint(t.tip_text_hint).max(280).required())
            div.actions {
                button.primary type="submit" { (t.save) }
                a.button href="/admin/tips" { (t.cancel) }
            }
        }
    };
    let title = if index.is_some() {
        t.edit_tip
    } else {
        t.add_tip
    };
    ui.html(status, page(&ctx, title, Nav::Tips, body))
}

pub async fn new_form(State(state): State<AppState>, admin: Admin, ui: Ui) -> Response {
    let form = TipForm {
        etag: state.store.current().etag.clone(),
        ..TipForm::default()
    };
    render_form(
        &ui,
        &admin,
        StatusCode::OK,
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
    match snapshot.content.tips.get(i) {
        Some(tip) => {
            let form = TipForm {
                etag: snapshot.etag.clone(),
                title: tip.title.clone(),
                text: tip.text.clone(),
            };
            render_form(
                &ui,
                &admin,
                StatusCode::OK,
                Some(i),
                &form,
                &Errors::default(),
                None,
            )
        }
        None => gone(&ui, &admin, "/admin/tips"),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<TipForm>,
) -> Result<Response, AppError> {
    save(state, ui, admin, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    ui: Ui,
    Path(i): Path<usize>,
    AdminForm(admin, form): AdminForm<TipForm>,
) -> Result<Response, AppError> {
    save(state, ui, admin, Some(i), form).await
}

async fn save(
    state: AppState,
    ui: Ui,
    admin: Admin,
    index: Option<usize>,
    mut form: TipForm,
) -> Result<Response, AppError> {
    let tip = Tip {
        title: form.title.trim().to_owned(),
        text: clean_text(&form.text),
    };
    let at = index.unwrap_or(state.store.current().content.tips.len());
    let result = save_edit(
        &state,
        &admin.name,
        &form.etag,
        &format!("tips[{at}]."),
        |c| {
            match index {
                Some(i) => *c.tips.get_mut(i)? = tip,
                None => c.tips.push(tip),
            }
            Some(())
        },
    )
    .await;
    match result {
        Ok(()) => Ok(done(&format!("/admin/tips#item-{at}"), Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Gone) => Ok(gone(&ui, &admin, "/admin/tips")),
        Err(Refusal::Invalid(errors)) => Ok(render_form(
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
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
                index,
                &form,
                &Errors::default(),
                Some(&stale),
            ))
        }
    }
}
