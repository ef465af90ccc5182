//! The admin side of platforms: the planned move (its form, its switch and cancel, the groups
//! on the new platform), the "I checked this link" button, the reprint reminder, and what the
//! dashboard says about all of them and about a clock that is wrong.

use super::platform_move_conflicts::{
    self as conflicts, differing, group_value, move_rows, plan_rows, Conflict,
};
use crate::admin::edit::{revision, save_edit, save_part, Errors, Refusal};
use crate::admin::form::AdminForm;
use crate::admin::request::{done, Flash, Ui};
use crate::admin::translation::{self, Beside};
use crate::admin::views::{
    action_button, checkbox, message_page, refusal_notices, Ctx, Field, Kind,
};
use crate::content::wording::mismatches;
use crate::content::{
    complete_scheme, Content, GroupMove, LinkCheck, LinkKind, MoveText, NextPlatform, Platform,
    WrongClock,
};
use crate::error::AppError;
use crate::i18n::{move_catalogue, MoveCatalogue};
use crate::limits::content as limits;
use crate::AppState;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;

/// The move's form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct MoveForm {
    pub etag: String,
    pub next_platform: String,
    pub next_link: String,
    pub next_kind: String,
    pub switch_on: String,
    pub message: String,
    /// The language of the line's translation field, and that translation.
    #[serde(rename = "tr.lang")]
    pub tr_lang: String,
    #[serde(rename = "tr.message")]
    pub tr_message: String,
}

impl MoveForm {
    pub fn from(c: &Content) -> MoveForm {
        let tr_lang = translation::code_for(c);
        match c.next() {
            Some(n) => MoveForm {
                etag: String::new(),
                next_platform: n.platform.key().to_owned(),
                next_link: n.invite_link.clone(),
                next_kind: n.link_kind.key().to_owned(),
                switch_on: n.switch_on.map(|d| d.to_string()).unwrap_or_default(),
                message: n.message.clone(),
                tr_message: translation::of(&n.translations, &tr_lang).message,
                tr_lang,
            },
            None => MoveForm {
                next_platform: Platform::Signal.key().to_owned(),
                next_kind: LinkKind::Group.key().to_owned(),
                tr_lang,
                ..MoveForm::default()
            },
        }
    }
}

pub fn parse_kind(key: &str) -> LinkKind {
    if key == LinkKind::Group.key() {
        LinkKind::Group
    } else {
        LinkKind::Community
    }
}

pub fn kind_select(m: &MoveCatalogue, name: &str, value: &str) -> Markup {
    html! {
        div.field {
            label for=(name) { (m.link_kind) }
            select #(name) name=(name) {
                option value="community" selected[value != "group"] { (m.link_kind_community) }
                option value="group" selected[value == "group"] { (m.link_kind_group) }
            }
            p.hint { (m.link_kind_hint) }
        }
    }
}

/// "Checked on … by …" and the button, for one link (`which`: `current` or `next`).
pub fn check_block(
    ctx: &Ctx<'_>,
    m: &MoveCatalogue,
    etag: &str,
    check: Option<&LinkCheck>,
    which: &str,
) -> Markup {
    html! {
        div.link-check {
            @match check {
                Some(c) => p { (m.checked_on.replace("{date}", &ctx.time(&c.on)).replace("{name}", &c.by)) },
                None => p.todo { (m.never_checked) },
            }
            (action_button(ctx, "/admin/community/check", etag, m.i_checked, "small", None, Some(("which", which))))
        }
    }
}

/// The fields of the move's form, as its refusals name them.
const MOVE_FIELDS: [&str; 5] = ["form", "next_link", "switch_on", "message", "tr.message"];

/// The plan's problems, named after the form's fields (`invite_link` is `next_link` there).
fn form_errors(errors: Errors) -> Errors {
    Errors(
        errors
            .0
            .into_iter()
            .map(|mut e| {
                if e.field == "invite_link" {
                    e.field = "next_link".to_owned();
                }
                e
            })
            .collect(),
    )
}

/// The move's section of the community page.
pub fn section(ctx: &Ctx<'_>, c: &Content, etag: &str, form: &MoveForm, errors: &Errors) -> Markup {
    let m = move_catalogue(ctx.lang);
    let t = ctx.t;
    let next = c.next();
    let errors = &translation::form_errors(errors, &form.tr_lang);
    let tr = Beside::new(ctx, &form.tr_lang, errors);
    let message_in = tr.label(m.move_message);
    html! {
        section.card #move {
            h2 { (m.move_title) }
            p { (m.move_intro) }
            @if let Some(e) = errors.get("form") { p.error role="alert" { (e) } }
            (refusal_notices(ctx, errors, None, &MOVE_FIELDS))
            form #move-form method="post" action="/admin/move" {
                (ctx.tokens(etag))
                div.field {
                    label for="next_platform" { (m.next_platform) }
                    select #next_platform name="next_platform" {
                        @for p in Platform::ALL {
                            option value=(p.key()) selected[p.key() == form.next_platform] {
                                (match p { Platform::Other => t.platform_other, p => p.label() })
                            }
                        }
                    }
                }
                (Field::new(m.next_link, "next_link", &form.next_link, errors)
                    .hint(m.next_link_hint).max(limits::LINK).optional(t.optional))
                (kind_select(m, "next_kind", &form.next_kind))
                div.field.has-error[errors.get("switch_on").is_some()] {
                    label for="switch_on" { (m.switch_on) " " span.optional { "(" (t.optional) ")" } }
                    @if let Some(e) = errors.get("switch_on") { p.error { (e) } }
                    input #switch_on type="date" name="switch_on" value=(form.switch_on);
                    p.hint { (m.switch_on_hint) }
                }
                (tr.hidden())
                (tr.pair(
                    html! { (Field::new(m.move_message, "message", &form.message, errors)
                        .hint(m.move_message_hint).max(limits::MOVE_MESSAGE).optional(t.optional)) },
                    html! { (tr.field(&message_in, "tr.message", &form.tr_message)
                        .max(limits::MOVE_MESSAGE).optional(t.optional)) },
                ))
                div.actions { button.primary type="submit" { (m.save_move) } }
            }
            @if let Some(n) = next {
                @if !n.invite_link.is_empty() {
                    (check_block(ctx, m, etag, n.link_checked.as_ref(), "next"))
                }
                div.actions {
                    (action_button(ctx, "/admin/move/switch", etag, m.switch_now, "primary", Some(m.switch_confirm), None))
                    (action_button(ctx, "/admin/move/cancel", etag, m.cancel_move, "danger", Some(m.cancel_confirm), None))
                }
                (groups_table(ctx, m, c, n, etag, errors))
            }
        }
    }
}

fn groups_table(
    ctx: &Ctx<'_>,
    m: &MoveCatalogue,
    c: &Content,
    n: &NextPlatform,
    etag: &str,
    errors: &Errors,
) -> Markup {
    let platform = match n.platform {
        Platform::Other => ctx.t.platform_other,
        p => p.label(),
    };
    html! {
        h3 { (m.groups_on_next.replace("{platform}", platform)) }
        p.hint { (m.groups_on_next_hint) }
        form.move-groups #move-groups method="post" action="/admin/move/groups" {
            (ctx.tokens(etag))
            @for (i, g) in c.groups.iter().enumerate() {
                @let moved = g.next.clone().unwrap_or_default();
                @let link_name = format!("link_{i}");
                fieldset.move-group {
                    legend { (g.name) }
                    (Field::new(m.group_next_link, &link_name, moved.link.as_deref().unwrap_or(""), errors)
                        .kind(Kind::Text).max(limits::LINK).optional(ctx.t.optional))
                    (checkbox(m.already_there, &format!("moved_{i}"), moved.moved, None))
                }
            }
            div.actions { button.primary type="submit" { (m.save_groups) } }
        }
    }
}

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

/// What a refusal of one of the move's buttons answers.
fn answer(
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
                .map(|e| format!("{} : {}", e.field, e.message.say(ui.t)))
                .collect();
            Ok(refused(ui, admin, &text.join(" ; ")))
        }
    }
}

/// `POST /admin/move`: plans (or changes) the move.
pub async fn save_move(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<MoveForm>,
) -> Result<Response, AppError> {
    let m = move_catalogue(ui.lang);
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
    let plan = |c: &Content| c.community.next.clone();
    let result = save_part(
        &state,
        &admin.name,
        &form.etag,
        "community.next.",
        plan,
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
            let (t, m) = (ui.t, move_catalogue(ui.lang));
            let theirs = current
                .content
                .next()
                .map(|_| plan_rows(t, m, &MoveForm::from(&current.content)));
            let (mine, theirs) = differing(plan_rows(t, m, &form), theirs);
            let ctx = Ctx::new(&ui, Some(crate::admin::who(&admin)));
            let again = section(
                &ctx,
                &current.content,
                &stale.etag,
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
        result => answer(&ui, &admin, result, "/admin/community#move"),
    }
}

/// What the move's buttons act on: the plan and the groups on the next platform (a group
/// renamed meanwhile does not change what switching or cancelling does).
type TheMove = (Option<NextPlatform>, Vec<Option<GroupMove>>);
fn the_move(c: &Content) -> TheMove {
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
    let (t, m) = (ui.t, move_catalogue(ui.lang));
    match subject {
        Subject::Move => move_rows(t, m, c),
        Subject::CurrentLink => Some(vec![
            (
                t.platform,
                platform_label(c.community.platform, t).to_owned(),
            ),
            (t.invite_link, c.community.invite_link.clone()),
        ]),
    }
}

/// Applies a button's `edit` when what it acts on (`part`) is as it was when the page was
/// opened; when someone changed it, both versions, and the button ready to be pressed again.
#[allow(clippy::too_many_arguments)]
async fn press<P: PartialEq>(
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
        return answer(ui, admin, result, to);
    };
    let Some(base) = revision(state, &form.etag) else {
        return answer(ui, admin, Err(Refusal::Stale(stale)), to);
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
}

/// `POST /admin/move/switch`: the next platform becomes the community now.
pub async fn switch_now(
    axum::extract::State(state): axum::extract::State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    if state.store.current().content.switched(now).is_none() {
        return Ok(refused(
            &ui,
            &admin,
            move_catalogue(ui.lang).nothing_to_switch,
        ));
    }
    let switch = |c: &mut Content| {
        *c = c.switched(now)?;
        Some(())
    };
    let button = ("/admin/move/switch", &form);
    press(
        &state,
        &ui,
        &admin,
        button,
        Subject::Move,
        the_move,
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
    let cancel = |c: &mut Content| {
        *c = c.move_cancelled();
        Some(())
    };
    let button = ("/admin/move/cancel", &form);
    press(
        &state,
        &ui,
        &admin,
        button,
        Subject::Move,
        the_move,
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
    let typed = |i: usize| {
        let link = fields.get(&format!("link_{i}")).map_or("", String::as_str);
        GroupMove::from_form(link, fields.contains_key(&format!("moved_{i}")))
    };
    // What the form edits: each group (by name, as numbered on the form) on the next platform.
    let part = |c: &Content| {
        let groups = c.groups.iter().map(|g| (g.name.clone(), g.next.clone()));
        (c.next().is_some(), groups.collect::<Vec<_>>())
    };
    let result = save_part(&state, &admin.name, &etag, "", part, |c| {
        c.next()?;
        for (i, g) in c.groups.iter_mut().enumerate() {
            g.next = typed(i);
        }
        Some(())
    })
    .await;
    let to = "/admin/community#move";
    let Err(Refusal::Stale(stale)) = result else {
        return answer(&ui, &admin, result, to);
    };
    let Some(base) = revision(&state, &etag) else {
        return answer(&ui, &admin, Err(Refusal::Stale(stale)), to);
    };
    // Someone changed these groups too: theirs beside mine, mine kept in the form, each
    // group's typed values now at its current place.
    let current = state.store.current();
    let m = move_catalogue(ui.lang);
    let mine = base
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.name.as_str(), group_value(m, typed(i).as_ref())))
        .collect();
    let theirs = current.content.next().map(|_| {
        let groups = current.content.groups.iter();
        groups
            .map(|g| (g.name.as_str(), group_value(m, g.next.as_ref())))
            .collect()
    });
    let (mine, theirs) = differing(mine, theirs);
    let mut preview = current.content.clone();
    for g in &mut preview.groups {
        if let Some(i) = base.groups.iter().position(|b| b.name == g.name) {
            g.next = typed(i);
        }
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
    press(
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
    answer(&ui, &admin, result, "/admin")
}

/// What the server knows of its clock and of the planned switch, for the dashboard.
pub struct Situation {
    pub now: DateTime<Utc>,
    pub clock: Result<(), WrongClock>,
    /// The move's date has come but it was undone from the history.
    pub undone: bool,
}

/// The language of an admin catalogue.
pub fn language_of(t: &crate::i18n::AdminCatalogue) -> crate::content::Language {
    crate::content::Language::ALL
        .into_iter()
        .find(|l| l.code() == t.lang)
        .unwrap_or_default()
}

fn platform_label(p: Platform, t: &crate::i18n::AdminCatalogue) -> &'static str {
    match p {
        Platform::Other => t.platform_other,
        p => p.label(),
    }
}

/// The dashboard's items about platforms, links and the clock, most important first.
pub fn attention(c: &Content, s: &Situation, ctx: &Ctx<'_>) -> Vec<Notice> {
    let t = ctx.t;
    let m = move_catalogue(ctx.lang);
    let mut items = Vec::new();
    match s.clock {
        Err(WrongClock::BeforeBuild) => items.push(Notice {
            text: format!(
                "{} {}",
                m.clock_before_build.replace("{now}", &ctx.time(&s.now)),
                m.clock_consequence
            ),
            href: String::new(),
            fix: "",
            post: None,
        }),
        Err(WrongClock::BeforeNewestRevision(at)) => items.push(Notice {
            text: format!(
                "{} {}",
                m.clock_before_revision
                    .replace("{now}", &ctx.time(&s.now))
                    .replace("{at}", &ctx.time(&at)),
                m.clock_consequence
            ),
            href: String::new(),
            fix: "",
            post: None,
        }),
        Ok(()) => {}
    }
    if let Some(since) = c.community.reprint_since {
        items.push(Notice {
            text: m.reprint.replace("{date}", &ctx.time(&since)),
            href: "/poster".into(),
            fix: t.poster,
            post: Some(("/admin/community/reprinted", m.reprint_done)),
        });
    }
    let com = &c.community;
    if !c.has_example_link() {
        let platform = platform_label(com.platform, t);
        match &com.link_checked {
            None => items.push(Notice {
                text: m.link_never_checked.replace("{platform}", platform),
                href: "/admin/community#check".into(),
                fix: m.check_fix,
                post: None,
            }),
            Some(check) if check.is_stale(s.now) => items.push(Notice {
                text: m
                    .link_check_stale
                    .replace("{platform}", platform)
                    .replace("{date}", &ctx.time(&check.on))
                    .replace("{name}", &check.by),
                href: "/admin/community#check".into(),
                fix: m.check_fix,
                post: None,
            }),
            Some(_) => {}
        }
    }
    if let Some(n) = c.next() {
        let platform = platform_label(n.platform, t);
        let (moved, total) = c.groups_moved();
        let date = n
            .switch_on
            .map(|d| d.to_string())
            .unwrap_or_else(|| m.move_by_hand.to_owned());
        items.push(Notice {
            text: m
                .move_under_way
                .replace("{platform}", platform)
                .replace("{date}", &date)
                .replace("{moved}", &moved.to_string())
                .replace("{total}", &total.to_string()),
            href: "/admin/community#move".into(),
            fix: m.move_fix,
            post: None,
        });
        if n.invite_link.is_empty() {
            items.push(Notice {
                text: m.move_no_link.replace("{platform}", platform),
                href: "/admin/community#move".into(),
                fix: m.move_fix,
                post: None,
            });
        } else if let Some(check) = n.link_checked.as_ref().filter(|k| k.is_stale(s.now)) {
            items.push(Notice {
                text: m
                    .link_check_stale
                    .replace("{platform}", platform)
                    .replace("{date}", &ctx.time(&check.on))
                    .replace("{name}", &check.by),
                href: "/admin/community#move".into(),
                fix: m.check_fix,
                post: None,
            });
        } else if n.link_checked.is_none() {
            items.push(Notice {
                text: m.link_never_checked.replace("{platform}", platform),
                href: "/admin/community#move".into(),
                fix: m.check_fix,
                post: None,
            });
        }
        let missing: Vec<&str> = c
            .groups
            .iter()
            .filter(|g| !g.next.as_ref().is_some_and(|m| m.moved))
            .map(|g| g.name.as_str())
            .collect();
        if !missing.is_empty() {
            items.push(Notice {
                text: m
                    .move_groups_missing
                    .replace("{platform}", platform)
                    .replace("{names}", &missing.join(", ")),
                href: "/admin/community#move".into(),
                fix: m.move_fix,
                post: None,
            });
        }
        if s.undone {
            items.push(Notice {
                text: m.move_undone.replace("{date}", &date),
                href: "/admin/community#move".into(),
                fix: m.move_fix,
                post: None,
            });
        }
    }
    for found in mismatches(c) {
        let template = if found.next {
            m.mismatch_next
        } else {
            m.mismatch
        };
        items.push(Notice {
            text: template
                .replace("{title}", &found.title)
                .replace("{problem}", &found.problem),
            href: format!("/admin/{}/{}", found.list, found.index),
            fix: m.mismatch_fix,
            post: None,
        });
    }
    items
}

/// One thing the dashboard asks about platforms, links or the clock.
#[derive(Debug)]
pub struct Notice {
    pub text: String,
    /// Where to fix it (none: nothing to click, the text says what to do).
    pub href: String,
    pub fix: &'static str,
    /// A button that settles it here (path, label).
    pub post: Option<(&'static str, &'static str)>,
}

/// The notices, as items of the dashboard's list.
pub fn notices(ctx: &Ctx<'_>, etag: &str, notices: &[Notice]) -> Markup {
    html! {
        @for n in notices {
            li.move-notice {
                span.todo-text { (n.text) }
                @if !n.href.is_empty() { a.button.small href=(n.href) { (n.fix) } }
                @if let Some((action, label)) = n.post {
                    (action_button(ctx, action, etag, label, "small", None, None))
                }
            }
        }
    }
}

/// The dashboard's account of each invite link: when it was last confirmed and by whom, with
/// the button to confirm it now.
pub fn links_panel(ctx: &Ctx<'_>, c: &Content, etag: &str) -> Markup {
    let m = move_catalogue(ctx.lang);
    let t = ctx.t;
    let mut links = vec![(
        platform_label(c.community.platform, t),
        c.community.invite_link.as_str(),
        c.community.link_checked.as_ref(),
        "current",
    )];
    if let Some(n) = c.next().filter(|n| !n.invite_link.is_empty()) {
        links.push((
            platform_label(n.platform, t),
            &n.invite_link,
            n.link_checked.as_ref(),
            "next",
        ));
    }
    html! {
        section.invite-links aria-labelledby="invite-links" {
            h2 #invite-links { (m.check_title) }
            ul.invite-links {
                @for (platform, link, check, which) in links {
                    li {
                        p { strong { (platform) } " · " code { (link) } }
                        (check_block(ctx, m, etag, check, which))
                    }
                }
            }
        }
    }
}

/// The dashboard's hidden warning that the browser's script shows when this computer's clock
/// and the screen's differ by more than five minutes (`assets/static/clock.js`).
pub fn browser_clock(ctx: &Ctx<'_>, now: DateTime<Utc>) -> Markup {
    let m = move_catalogue(ctx.lang);
    html! {
        p.notice.warning #clock-skew hidden data-server-time=(now.timestamp_millis())
            data-template=(m.browser_clock) data-lang=(ctx.lang.code()) {}
        script src=(crate::assets::url("clock.js")) defer {}
    }
}

/// The group form's fields for the next platform: shown during a move, else carried hidden.
pub fn group_fields(ctx: &Ctx<'_>, c: &Content, link: &str, moved: bool) -> Markup {
    let m = move_catalogue(ctx.lang);
    html! {
        @if c.next().is_some() {
            (Field::new(m.group_next_link, "next_link", link, &Errors::default())
                .kind(Kind::Text).max(limits::LINK).optional(ctx.t.optional))
            (checkbox(m.already_there, "next_moved", moved, None))
        } @else {
            input type="hidden" name="next_link" value=(link);
            @if moved { input type="hidden" name="next_moved" value="on"; }
        }
    }
}
