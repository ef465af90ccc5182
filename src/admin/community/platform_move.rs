//! The move to another platform's buttons: `POST /admin/move` (plan or change it), its
//! switch now and cancel, the groups on the new platform, the "I checked this link" button and
//! the reprint reminder (switching and cancelling only once confirmed on their page,
//! `platform_move_confirm.rs`); each one, when someone changed what it acts on meanwhile, answers
//! with both versions (`platform_move_conflicts.rs`).

use super::platform_move_confirm::{self as confirm, Asked};
use super::platform_move_conflicts::{
    self as conflicts, group_value, move_rows, plan_rows, Conflict,
};
use super::platform_move_form::{
    form_errors, groups_part, groups_table, parse_kind, plan_part, platform_label, section,
    PlatformMoveForm,
};
use crate::admin::edit::{revision, save_edit, save_part, Errors, Refusal};
use crate::admin::form::AdminForm;
use crate::admin::request::{done, Flash, Ui};
use crate::admin::translation::{self};
use crate::admin::versions::differing;
use crate::admin::views::{message_page, Ctx};
use crate::content::{
    complete_scheme, Content, GroupMove, LinkCheck, LinkKind, MoveText, NextPlatform, Platform,
};
use crate::error::AppError;
use crate::i18n::platform_move_catalogue;
use crate::AppState;
use axum::response::Response;
use chrono::NaiveDate;
use maud::html;
use serde::Deserialize;
use std::collections::HashMap;

fn refused(ui: &Ui, admin: &crate::auth::Volunteer, text: &str) -> Response {
    let ctx = Ctx::new(ui, Some(crate::admin::who(admin)));
    ui.html(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        message_page(
            &ctx,
            ui.t.community_title,
            text,
            "/admin/community#move",
            ui.t.back_to_list,
        ),
    )
}

/// What one of the move's buttons answers once its save is done or refused.
fn after_save(
    ui: &Ui,
    admin: &crate::auth::Volunteer,
    result: Result<(), Refusal>,
    to: &str,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(done(to, Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Stale(_)) => Ok(done(to, Flash::Stale)),
        Err(Refusal::Gone) => Err(AppError::NotFound),
        Err(Refusal::Invalid(errors)) => {
            let text: Vec<String> = errors
                .localized(ui.t)
                .0
                .into_iter()
                .map(|e| {
                    let field = crate::i18n::fields::field_in_words(&e.field, ui.t, ui.lang);
                    let colon = crate::i18n::fields::colon(ui.lang);
                    format!("{field}{colon}{}", e.message.say(ui.t))
                })
                .collect();
            Ok(refused(ui, admin, &text.join(" ; ")))
        }
    }
}

/// `POST /admin/move`: plans (or changes) the move.
pub async fn save_move(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<PlatformMoveForm>,
) -> Result<Response, AppError> {
    let m = platform_move_catalogue(ui.lang);
    let Some(platform) = Platform::ALL
        .into_iter()
        .find(|p| p.key() == form.next_platform)
    else {
        return Ok(refused(&ui, &admin, ui.t.bad_form));
    };
    let switch_on = match form.switch_on.trim() {
        "" => None,
        day => match day.parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => return Ok(refused(&ui, &admin, m.bad_date)),
        },
    };
    let link = complete_scheme(&form.next_link);
    let kind = match platform {
        Platform::Whatsapp | Platform::Matrix => parse_kind(&form.next_kind),
        _ => LinkKind::Group,
    };
    let message = form.message.trim().to_owned();
    let translated = MoveText {
        message: form.tr_message.trim().to_owned(),
    };
    // Applies whatever else changed since the form was opened, unless the plan itself did.
    let result = save_part(
        &state,
        &admin.name,
        &form.etag,
        "community.next.",
        plan_part,
        |c| {
            let kept = c
                .next()
                .filter(|n| n.invite_link == link && n.platform == platform)
                .and_then(|n| n.link_checked.clone());
            let before = c.next().map(|n| n.translations.clone()).unwrap_or_default();
            c.community.next = Some(NextPlatform {
                platform,
                invite_link: link,
                link_kind: kind,
                switch_on,
                message,
                translations: translation::merged(&before, &form.tr_lang, translated),
                link_checked: kept,
            });
            Some(())
        },
    )
    .await;
    match result {
        Err(Refusal::Stale(stale)) => {
            // Someone changed the plan itself: theirs beside mine, mine kept in the form.
            let current = state.store.current();
            let (t, m) = (ui.t, platform_move_catalogue(ui.lang));
            let theirs = current
                .content
                .next()
                .map(|_| plan_rows(t, m, &PlatformMoveForm::from(&current.content)));
            let (mine, theirs) = differing(plan_rows(t, m, &form), theirs);
            let ctx = Ctx::new(&ui, Some(crate::admin::who(&admin)));
            // Mine kept in the form, which now carries the plan as it is (keeping mine is a
            // save over it); the buttons, the revision now current.
            let mut form = form;
            form.etag = stale.etag.clone();
            let again = section(
                &ctx,
                &current.content,
                &current.etag,
                &form,
                &Errors::default(),
            );
            Ok(conflicts::page_of(
                &ui,
                &admin,
                &Conflict {
                    stale: &stale,
                    mine: &mine,
                    theirs: theirs.as_ref(),
                    form: "move-form",
                    again,
                },
            ))
        }
        // The form again, with what was typed and each problem beside its field.
        Err(Refusal::Invalid(errors)) => Ok(super::page::move_refused(
            &state,
            &ui,
            &admin,
            &form,
            &form_errors(errors),
        )),
        result => after_save(&ui, &admin, result, "/admin/community#move"),
    }
}

/// What the move's buttons act on: the plan and the groups on the next platform (a group
/// renamed meanwhile does not change what switching or cancelling does).
type PlanAndGroups = (Option<NextPlatform>, Vec<Option<GroupMove>>);
fn plan_and_groups(c: &Content) -> PlanAndGroups {
    let groups = c.groups.iter().map(|g| g.next.clone());
    (c.community.next.clone(), groups.collect())
}

/// Which link a button confirms, or that it acts on the whole move.
#[derive(Clone, Copy, PartialEq)]
enum Subject {
    Move,
    CurrentLink,
}

/// The rows of `c` that a button acts on, for the side-by-side comparison.
fn subject_rows<'a>(ui: &Ui, subject: Subject, c: &'a Content) -> Option<conflicts::Rows<'a>> {
    let (t, m) = (ui.t, platform_move_catalogue(ui.lang));
    match subject {
        Subject::Move => move_rows(t, m, c),
        Subject::CurrentLink => Some(vec![
            (
                t.platform,
                platform_label(t, c.community.platform).to_owned(),
            ),
            (t.invite_link, c.community.invite_link.clone()),
        ]),
    }
}

/// Applies a button's `edit` when what it acts on (`part`) is as it was when the page was
/// opened; when someone changed it, both versions, and the button ready to be pressed again.
#[allow(clippy::too_many_arguments)]
async fn apply_button<P: PartialEq + serde::Serialize>(
    state: &AppState,
    ui: &Ui,
    admin: &crate::auth::Volunteer,
    (action, form): (&str, &EtagForm),
    subject: Subject,
    part: impl Fn(&Content) -> P,
    edit: impl FnOnce(&mut Content) -> Option<()>,
    to: &str,
) -> Result<Response, AppError> {
    let result = save_part(state, &admin.name, &form.etag, "", part, edit).await;
    let Err(Refusal::Stale(stale)) = result else {
        return after_save(ui, admin, result, to);
    };
    let Some(base) = revision(state, &form.etag).await else {
        return after_save(ui, admin, Err(Refusal::Stale(stale)), to);
    };
    let current = state.store.current();
    let (mine, theirs) = differing(
        subject_rows(ui, subject, &base).unwrap_or_default(),
        subject_rows(ui, subject, &current.content),
    );
    let ctx = Ctx::new(ui, Some(crate::admin::who(admin)));
    let again = html! {
        form #move-again method="post" action=(action) {
            (ctx.tokens(&stale.etag))
            input type="hidden" name="which" value=(form.which);
            // Switching and cancelling were confirmed before both versions were shown.
            @if form.confirmed() { input type="hidden" name="confirm" value=(form.confirm); }
        }
    };
    Ok(conflicts::page_of(
        ui,
        admin,
        &Conflict {
            stale: &stale,
            mine: &mine,
            theirs: theirs.as_ref(),
            form: "move-again",
            again,
        },
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EtagForm {
    etag: String,
    which: String,
    /// `yes` once the confirmation page of switching or cancelling was read.
    confirm: String,
}

impl EtagForm {
    fn confirmed(&self) -> bool {
        self.confirm == confirm::CONFIRMED
    }
}

/// The confirmation page of `asked`; asked for by a button that was not confirmed, refused.
fn ask(
    state: &AppState,
    ui: &Ui,
    admin: &crate::auth::Volunteer,
    asked: Asked,
    refused_now: bool,
) -> Response {
    let current = state.store.current();
    let status = match refused_now {
        true => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        false => axum::http::StatusCode::OK,
    };
    confirm::page_for(ui, admin, status, asked, &current.content, &current.etag).unwrap_or_else(
        || {
            refused(
                ui,
                admin,
                platform_move_catalogue(ui.lang).nothing_to_switch,
            )
        },
    )
}

/// `GET /admin/move/switch`: what is ready on the new platform, and the switch to confirm.
pub async fn ask_switch(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    admin: crate::auth::Volunteer,
) -> Response {
    ask(&state, &ui, &admin, Asked::Switch, false)
}

/// `GET /admin/move/cancel`: what cancelling throws away, and the cancel to confirm.
pub async fn ask_cancel(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    admin: crate::auth::Volunteer,
) -> Response {
    ask(&state, &ui, &admin, Asked::Cancel, false)
}

/// `POST /admin/move/switch`: the next platform becomes the community now.
pub async fn switch_now(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    if !form.confirmed() {
        return Ok(ask(&state, &ui, &admin, Asked::Switch, true));
    }
    let now = state.clock.now();
    if state.store.current().content.switched(now).is_none() {
        return Ok(refused(
            &ui,
            &admin,
            platform_move_catalogue(ui.lang).nothing_to_switch,
        ));
    }
    let switch = |c: &mut Content| {
        *c = c.switched(now)?;
        Some(())
    };
    let button = ("/admin/move/switch", &form);
    apply_button(
        &state,
        &ui,
        &admin,
        button,
        Subject::Move,
        plan_and_groups,
        switch,
        "/admin/community",
    )
    .await
}

/// `POST /admin/move/cancel`: the community stays where it is.
pub async fn cancel(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    if !form.confirmed() {
        return Ok(ask(&state, &ui, &admin, Asked::Cancel, true));
    }
    let cancel = |c: &mut Content| {
        *c = c.move_cancelled();
        Some(())
    };
    let button = ("/admin/move/cancel", &form);
    apply_button(
        &state,
        &ui,
        &admin,
        button,
        Subject::Move,
        plan_and_groups,
        cancel,
        "/admin/community",
    )
    .await
}

/// `POST /admin/move/groups`: each group's link and "already there" on the next platform.
pub async fn save_groups(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, fields): AdminForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let etag = fields.get("etag").cloned().unwrap_or_default();
    // The groups the form shows (each by its id), and what was typed for each.
    let shown = |id: &str| fields.contains_key(&format!("link_{id}"));
    let typed = |id: &str| {
        let link = fields.get(&format!("link_{id}")).map_or("", String::as_str);
        GroupMove::from_form(link, fields.contains_key(&format!("moved_{id}")))
    };
    let result = save_part(&state, &admin.name, &etag, "", groups_part, |c| {
        c.next()?;
        for g in c.groups.iter_mut().filter(|g| shown(&g.id)) {
            g.next = typed(&g.id);
        }
        Some(())
    })
    .await;
    let to = "/admin/community#move";
    let Err(Refusal::Stale(stale)) = result else {
        return after_save(&ui, &admin, result, to);
    };
    // Someone changed these groups too: theirs beside mine, mine kept in the form.
    let current = state.store.current();
    let m = platform_move_catalogue(ui.lang);
    let on_form = || current.content.groups.iter().filter(|g| shown(&g.id));
    let mine = on_form()
        .map(|g| (g.name.as_str(), group_value(m, typed(&g.id).as_ref())))
        .collect();
    let theirs = current.content.next().map(|_| {
        on_form()
            .map(|g| (g.name.as_str(), group_value(m, g.next.as_ref())))
            .collect()
    });
    let (mine, theirs) = differing(mine, theirs);
    let mut preview = current.content.clone();
    for g in preview.groups.iter_mut().filter(|g| shown(&g.id)) {
        g.next = typed(&g.id);
    }
    let ctx = Ctx::new(&ui, Some(crate::admin::who(&admin)));
    let again = match preview.next() {
        Some(n) => groups_table(&ctx, m, &preview, n, &stale.etag, &Errors::default()),
        None => html! {},
    };
    Ok(conflicts::page_of(
        &ui,
        &admin,
        &Conflict {
            stale: &stale,
            mine: &mine,
            theirs: theirs.as_ref(),
            form: "move-groups",
            again,
        },
    ))
}

/// `POST /admin/community/check`: someone confirmed a link works.
pub async fn checked(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    let check = LinkCheck {
        on: state.clock.now(),
        by: admin.name.clone(),
    };
    let next = form.which == "next";
    if !next && state.store.current().content.has_example_link() {
        // The example shipped with vitrine leads nowhere: there is nothing to confirm.
        return Ok(refused(&ui, &admin, ui.t.example_link));
    }
    // The link confirmed is the one shown when the button was pressed.
    let link = |c: &Content| match next {
        true => c.next().map(|n| (n.platform, n.invite_link.clone())),
        false => Some((c.community.platform, c.community.invite_link.clone())),
    };
    let confirm = |c: &mut Content| {
        match next {
            true => c.community.next.as_mut()?.link_checked = Some(check),
            false => c.community.link_checked = Some(check),
        }
        Some(())
    };
    let subject = if next {
        Subject::Move
    } else {
        Subject::CurrentLink
    };
    let button = ("/admin/community/check", &form);
    apply_button(
        &state, &ui, &admin, button, subject, link, confirm, "/admin",
    )
    .await
}

/// `POST /admin/community/reprinted`: the posters and guides were printed again.
pub async fn reprinted(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    let result = save_edit(&state, &admin.name, &form.etag, "", |c| {
        c.community.reprint_since = None;
        Some(())
    })
    .await;
    after_save(&ui, &admin, result, "/admin")
}
