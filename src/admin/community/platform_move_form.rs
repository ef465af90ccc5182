//! The planned move's form on the community page: the plan (the next platform, its link, the
//! switch date, the line shown during the move), each group's place on the next platform, and
//! the "checked on … by …" block with its button.

use crate::admin::edit::{tag, Errors};
use crate::admin::translation::{self, Beside};
use crate::admin::views::{action_button, checkbox, refusal_notices, Ctx, Field, Kind};
use crate::content::{Content, LinkCheck, LinkKind, NextPlatform, Platform};
use crate::i18n::{platform_move_catalogue, AdminCatalogue, PlatformMoveCatalogue};
use crate::limits::content as limits;
use maud::{html, Markup};
use serde::Deserialize;

/// The move's form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct PlatformMoveForm {
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

impl PlatformMoveForm {
    /// The form showing the plan of `c`, carrying the plan's version.
    pub fn from(c: &Content) -> PlatformMoveForm {
        let tr_lang = translation::code_for(c);
        let etag = tag(&plan_part(c));
        match c.next() {
            Some(n) => PlatformMoveForm {
                etag,
                next_platform: n.platform.key().to_owned(),
                next_link: n.invite_link.clone(),
                next_kind: n.link_kind.key().to_owned(),
                switch_on: n.switch_on.map(|d| d.to_string()).unwrap_or_default(),
                message: n.message.clone(),
                tr_message: translation::of(&n.translations, &tr_lang).message,
                tr_lang,
            },
            None => PlatformMoveForm {
                etag,
                next_platform: Platform::Signal.key().to_owned(),
                next_kind: LinkKind::Group.key().to_owned(),
                tr_lang,
                ..PlatformMoveForm::default()
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

pub fn kind_select(m: &PlatformMoveCatalogue, name: &str, value: &str) -> Markup {
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

/// "Checked on … by …" and the button, for one link (`which`: `current` or `next`); for the
/// example link shipped with vitrine, nothing to check: the way to replace it.
pub fn check_block(
    ctx: &Ctx<'_>,
    m: &PlatformMoveCatalogue,
    etag: &str,
    check: Option<&LinkCheck>,
    which: &str,
    example: bool,
) -> Markup {
    if example && which == "current" {
        return html! {
            div.link-check.example {
                p.todo { (ctx.t.example_link) }
                p { a.button.small href="/admin/community#community-form" { (ctx.t.example_link_fix) } }
            }
        };
    }
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
pub fn form_errors(errors: Errors) -> Errors {
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

/// What the move's form edits, whose version it carries: the plan.
pub fn plan_part(c: &Content) -> Option<NextPlatform> {
    c.community.next.clone()
}

/// The move's section of the community page: the plan's form carries the plan's version
/// (`form.etag`), the buttons the revision `etag` the page shows.
pub fn section(
    ctx: &Ctx<'_>,
    c: &Content,
    etag: &str,
    form: &PlatformMoveForm,
    errors: &Errors,
) -> Markup {
    let m = platform_move_catalogue(ctx.lang);
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
                (ctx.tokens(&form.etag))
                div.field {
                    label for="next_platform" { (m.next_platform) }
                    select #next_platform name="next_platform" {
                        @for p in Platform::ALL {
                            option value=(p.key()) selected[p.key() == form.next_platform] {
                                (platform_label(t, p))
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
                    (check_block(ctx, m, etag, n.link_checked.as_ref(), "next", false))
                }
                div.actions {
                    // Each opens a page that says what is ready, and asks.
                    a.button.primary href="/admin/move/switch" { (m.switch_now) }
                    a.button.danger href="/admin/move/cancel" { (m.cancel_move) }
                }
                (groups_table(ctx, m, c, n, &tag(&groups_part(c)), errors))
            }
        }
    }
}

/// What the move's groups form edits, whose version it carries: whether a move is under way,
/// and each group (by its id) on the next platform.
pub fn groups_part(c: &Content) -> impl PartialEq + serde::Serialize {
    let groups = c.groups.iter().map(|g| (g.id.clone(), g.next.clone()));
    (c.next().is_some(), groups.collect::<Vec<_>>())
}

pub fn groups_table(
    ctx: &Ctx<'_>,
    m: &PlatformMoveCatalogue,
    c: &Content,
    n: &NextPlatform,
    etag: &str,
    errors: &Errors,
) -> Markup {
    let platform = platform_label(ctx.t, n.platform);
    html! {
        h3 { (m.groups_on_next.replace("{platform}", platform)) }
        p.hint { (m.groups_on_next_hint) }
        form.move-groups #move-groups method="post" action="/admin/move/groups" {
            (ctx.tokens(etag))
            @for g in &c.groups {
                @let moved = g.next.clone().unwrap_or_default();
                @let link_name = format!("link_{}", g.id);
                fieldset.move-group {
                    legend { (g.name) }
                    (Field::new(m.group_next_link, &link_name, moved.link.as_deref().unwrap_or(""), errors)
                        .kind(Kind::Text).max(limits::LINK).optional(ctx.t.optional))
                    (checkbox(m.already_there, &format!("moved_{}", g.id), moved.moved, None))
                }
            }
            div.actions { button.primary type="submit" { (m.save_groups) } }
        }
    }
}

/// The group form's fields for the next platform: shown during a move, else carried hidden.
pub fn group_fields(ctx: &Ctx<'_>, c: &Content, link: &str, moved: bool) -> Markup {
    let m = platform_move_catalogue(ctx.lang);
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

/// A platform's name as the admin area says it ("Autre" for another platform).
pub fn platform_label(t: &AdminCatalogue, p: Platform) -> &'static str {
    match p {
        Platform::Other => t.platform_other,
        p => p.label(),
    }
}
