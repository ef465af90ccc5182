//! `/admin/naming`: the naming template of groups, and the renames it asks for, shown before
//! they are applied, all in one save.

use super::edit::{save_edit, save_part, tag, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::naming_rules::{as_shown, as_stored, proposals, Proposal};
use super::request::{done, Flash, Ui};
use super::versions::{versions, Versions};
use super::views::{page, refusal_notices, Ctx, Field, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::error::AppError;
use crate::limits::content as limits;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TemplateForm {
    etag: String,
    naming_template: String,
}

/// What the page shows besides the content itself.
struct View<'a> {
    template: &'a str,
    /// The version of the template the template's form carries.
    version: &'a str,
    /// The revision the renames were proposed from: their form carries it.
    etag: &'a str,
    proposals: &'a [Proposal],
    /// The groups whose box is ticked (all but clashes, at first).
    checked: &'a dyn Fn(&Proposal) -> bool,
    errors: &'a Errors,
    stale: Option<&'a Stale>,
    /// The template saved meanwhile by someone else, when it differs from the one typed.
    theirs: Option<&'a str>,
}

fn view(ctx: &Ctx<'_>, v: &View<'_>) -> Markup {
    let t = ctx.t;
    html! {
        p.lead { (t.naming_intro) }
        @if let Some(theirs) = v.theirs {
            // Someone changed the template itself: both versions, mine kept in the form.
            (versions(ctx, &Versions {
                title: t.conflict_page_title,
                saved: v.stale.and_then(|s| s.saved.as_ref()),
                mine: &[(t.naming_template, as_shown(v.template, t))],
                theirs: Some(&[(t.naming_template, as_shown(theirs, t))]),
                form: "template-form",
                draft_from: "/admin/naming/template",
                draft_to: "/admin/naming/template",
                take_theirs: ("/admin/naming", t.conflict_take_theirs),
            }))
        }
        (refusal_notices(ctx, v.errors, v.stale.filter(|_| v.theirs.is_none()), &["naming_template", "rename"]))
        form.card.row-form #template-form method="post" action="/admin/naming/template" {
            (ctx.tokens(v.version))
            (Field::new(t.naming_template, "naming_template", &as_shown(v.template, t), v.errors)
                .hint(t.naming_template_hint).max(limits::NAMING_TEMPLATE).required())
            div.actions { button.primary type="submit" { (t.save) } }
        }
        @if v.proposals.is_empty() {
            p.all-good { "✓ " (t.naming_all_follow) }
        } @else {
            form.card method="post" action="/admin/naming/apply" {
                (ctx.tokens(v.etag))
                p { (t.naming_preview) }
                @if let Some(e) = v.errors.get("rename") { p.error { (e) } }
                table.renames {
                    thead { tr {
                        th scope="col" { (t.naming_rename) }
                        th scope="col" { (t.naming_current) }
                        th scope="col" { (t.naming_proposed) }
                    } }
                    tbody {
                        @for p in v.proposals {
                            @let id = format!("rename_{}", p.index);
                            tr.clash[p.duplicate] {
                                td { input type="checkbox" id=(id) name=(id) checked[(v.checked)(p)]; }
                                td { label for=(id) { s { (p.current) } } }
                                td {
                                    label for=(id) { strong { (p.proposed) } }
                                    @if p.duplicate { br; span.error { "⚠ " (t.naming_duplicate) } }
                                }
                            }
                        }
                    }
                }
                div.actions { button.primary type="submit" { (t.naming_apply) } }
            }
        }
    }
}

fn render(ui: &Ui, admin: &Volunteer, status: StatusCode, v: &View<'_>) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = v.errors.localized(ui.t);
    let v = &View {
        errors: &errors,
        ..*v
    };
    ui.html(
        status,
        page(&ctx, ui.t.naming_title, Nav::Groups, view(&ctx, v)),
    )
}

fn unless_clash(p: &Proposal) -> bool {
    !p.duplicate
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let proposals = proposals(&snapshot.content);
    render(
        &ui,
        &admin,
        StatusCode::OK,
        &View {
            template: &snapshot.content.display.naming_template,
            version: &tag(&snapshot.content.display.naming_template),
            etag: &snapshot.etag,
            proposals: &proposals,
            checked: &unless_clash,
            errors: &Errors::default(),
            stale: None,
            theirs: None,
        },
    )
}

pub async fn save_template(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<TemplateForm>,
) -> Result<Response, AppError> {
    let template = as_stored(form.naming_template.trim(), ui.t);
    let result = save_part(
        &state,
        &admin.name,
        &form.etag,
        "display.",
        |c| c.display.naming_template.clone(),
        |c| {
            c.display.naming_template = template.clone();
            Some(())
        },
    )
    .await;
    let snapshot = state.store.current();
    let (status, errors, stale, version) = match result {
        Ok(()) => return Ok(done("/admin/naming", Flash::Saved)),
        Err(Refusal::Failed(e)) => return Err(e),
        Err(Refusal::Invalid(errors)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, errors, None, form.etag)
        }
        Err(Refusal::Stale(stale)) => {
            let etag = stale.etag.clone();
            (StatusCode::CONFLICT, Errors::default(), Some(stale), etag)
        }
        Err(Refusal::Gone) => return Err(AppError::NotFound),
    };
    // The proposals follow the template as typed, so the volunteer sees what it would do.
    let mut preview = snapshot.content.clone();
    preview.display.naming_template = template.clone();
    let proposals = if errors.is_empty() {
        proposals(&preview)
    } else {
        Vec::new()
    };
    Ok(render(
        &ui,
        &admin,
        status,
        &View {
            template: &template,
            version: &version,
            etag: &snapshot.etag,
            proposals: &proposals,
            checked: &unless_clash,
            errors: &errors,
            stale: stale.as_ref(),
            theirs: stale
                .as_ref()
                .map(|_| snapshot.content.display.naming_template.as_str()),
        },
    ))
}

/// Renames the ticked groups (`rename_<index>` fields) to their proposed names, in one save.
pub async fn apply(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let etag = form.get("etag").cloned().unwrap_or_default();
    let ticked = |p: &Proposal| form.contains_key(&format!("rename_{}", p.index));
    let snapshot = state.store.current();
    // Computed from the revision the volunteer saw (the save below refuses any other).
    let all = proposals(&snapshot.content);
    let chosen: Vec<&Proposal> = all.iter().filter(|p| ticked(p)).collect();
    let result = if chosen.is_empty() {
        Err(Refusal::Invalid(Errors::one(
            "rename",
            ui.t.naming_none_checked,
        )))
    } else {
        save_edit(&state, &admin.name, &etag, "", |c| {
            for p in &chosen {
                c.groups.get_mut(p.index)?.name = p.proposed.clone();
            }
            Some(())
        })
        .await
    };
    let (status, errors, stale, etag) = match result {
        Ok(()) => return Ok(done("/admin/groups", Flash::Renamed)),
        Err(Refusal::Failed(e)) => return Err(e),
        Err(Refusal::Invalid(errors)) => {
            // Field errors name groups by index: say which rename they concern.
            let errors = Errors(
                errors
                    .0
                    .into_iter()
                    .map(|mut e| {
                        if let Some(p) = chosen
                            .iter()
                            .find(|p| e.field == format!("groups[{}].name", p.index))
                        {
                            e.field = p.proposed.clone();
                        }
                        e
                    })
                    .collect(),
            );
            (StatusCode::UNPROCESSABLE_ENTITY, errors, None, etag)
        }
        Err(Refusal::Stale(stale)) => {
            let etag = stale.etag.clone();
            (StatusCode::CONFLICT, Errors::default(), Some(stale), etag)
        }
        Err(Refusal::Gone) => (
            StatusCode::CONFLICT,
            Errors::default(),
            Some(Stale::since(&state, &etag).await),
            snapshot.etag.clone(),
        ),
    };
    let snapshot = state.store.current();
    let proposals = proposals(&snapshot.content);
    Ok(render(
        &ui,
        &admin,
        status,
        &View {
            template: &snapshot.content.display.naming_template,
            version: &tag(&snapshot.content.display.naming_template),
            etag: &etag,
            proposals: &proposals,
            checked: &ticked,
            errors: &errors,
            stale: stale.as_ref(),
            theirs: None,
        },
    ))
}
