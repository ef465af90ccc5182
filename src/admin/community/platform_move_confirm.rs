//! The pages that ask before the move's two big buttons act: `GET /admin/move/switch` says
//! what is ready on the new platform and what is not (its link, how many groups have a link
//! there and are marked "already there", the message and its translation) before switching;
//! `GET /admin/move/cancel` says what cancelling throws away. A button posted without its
//! confirmation gets the same page, refused, and nothing changes.

use super::platform_move_form::platform_label;
use crate::admin::edit::Errors;
use crate::admin::request::Ui;
use crate::admin::translation::Beside;
use crate::admin::views::{page, Ctx, Nav};
use crate::auth::Volunteer;
use crate::content::{Content, NextPlatform};
use crate::i18n::{platform_move_catalogue, PlatformMoveCatalogue};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

/// Which button is asked about.
#[derive(Clone, Copy, PartialEq)]
pub enum Asked {
    Switch,
    Cancel,
}

impl Asked {
    fn action(self) -> &'static str {
        match self {
            Asked::Switch => "/admin/move/switch",
            Asked::Cancel => "/admin/move/cancel",
        }
    }
}

/// The value a confirmed form sends as `confirm`.
pub const CONFIRMED: &str = "yes";

/// How the groups stand on the next platform: with a link there, marked "already there", of
/// how many, and the names of those the screen will show as coming soon after the switch.
struct Groups<'a> {
    linked: usize,
    moved: usize,
    total: usize,
    not_ready: Vec<&'a str>,
}

fn groups(c: &Content) -> Groups<'_> {
    let has_link = |g: &&crate::content::Group| {
        g.next
            .as_ref()
            .and_then(|m| m.link.as_deref())
            .is_some_and(|l| !l.trim().is_empty())
    };
    let is_moved = |g: &&crate::content::Group| g.next.as_ref().is_some_and(|m| m.moved);
    // The groups shoppers see; a hidden one does not hold the move back.
    Groups {
        linked: c.shown_groups().filter(has_link).count(),
        moved: c.shown_groups().filter(is_moved).count(),
        total: c.shown_groups().count(),
        not_ready: c
            .shown_groups()
            .filter(|g| !is_moved(g))
            .map(|g| g.name.as_str())
            .collect(),
    }
}

/// One line of what is ready (`ok`) or not.
fn line(ok: bool, text: Markup) -> Markup {
    html! {
        li.ready[ok].missing[!ok] {
            span.mark aria-hidden="true" { @if ok { "✓" } @else { "!" } }
            " " span.what { (text) }
        }
    }
}

fn counts(template: &str, platform: &str, n: usize, total: usize) -> String {
    template
        .replace("{platform}", platform)
        .replace("{count}", &n.to_string())
        .replace("{total}", &total.to_string())
}

/// What is ready for the switch and what is not.
fn readiness(ctx: &Ctx<'_>, m: &PlatformMoveCatalogue, c: &Content, n: &NextPlatform) -> Markup {
    let platform = platform_label(ctx.t, n.platform);
    let g = groups(c);
    let errors = Errors::default();
    let second = c.display.second();
    let tr = Beside::new(ctx, second.map_or("", |l| l.code()), &errors);
    let translated = second
        .and_then(|l| n.translations.get(&l))
        .map(|t| t.message.trim());
    let colon = crate::i18n::fields::colon(ctx.lang);
    html! {
        ul.readiness {
            (line(!n.invite_link.is_empty(), html! {
                (m.next_link) (colon)
                @if n.invite_link.is_empty() { (m.confirm_no_link) } @else { code { (n.invite_link) } }
            }))
            @if !n.invite_link.is_empty() {
                @match &n.link_checked {
                    Some(check) => (line(true, html! { (m.checked_on.replace("{date}", &ctx.time(&check.on)).replace("{name}", &check.by)) })),
                    None => (line(false, html! { (m.never_checked) })),
                }
            }
            (line(g.total > 0 && g.linked == g.total, html! {
                span.groups-linked { (counts(m.confirm_groups_linked, platform, g.linked, g.total)) }
            }))
            (line(g.moved == g.total, html! {
                span.groups-moved { (counts(m.confirm_groups_moved, platform, g.moved, g.total)) }
                @if !g.not_ready.is_empty() {
                    " " (m.confirm_groups_soon) " "
                    span.groups-not-ready { (g.not_ready.join(", ")) }
                }
            }))
            @let message = n.message.trim();
            (line(!message.is_empty(), html! {
                (m.move_message) (colon)
                @if message.is_empty() { (m.confirm_no_message) } @else { q.message { (message) } }
            }))
            @if second.is_some() && !message.is_empty() {
                @let label = tr.label(m.move_message);
                (line(translated.is_some_and(|t| !t.is_empty()), html! {
                    (label) (colon)
                    @match translated.filter(|t| !t.is_empty()) {
                        Some(t) => q.translation { (t) },
                        None => (m.confirm_not_translated),
                    }
                }))
            }
        }
    }
}

/// The confirmation page for `asked`, or `None` when no move is planned.
pub fn page_for(
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    asked: Asked,
    c: &Content,
    etag: &str,
) -> Option<Response> {
    let n = c.next()?;
    let ctx = Ctx::new(ui, Some(crate::admin::who(admin)));
    let m = platform_move_catalogue(ui.lang);
    let platform = platform_label(ui.t, n.platform);
    let current = platform_label(ui.t, c.community.platform);
    let (title, intro, yes, no) = match asked {
        Asked::Switch => (
            m.confirm_switch_title,
            m.confirm_switch_intro,
            m.confirm_switch_yes,
            m.confirm_switch_no,
        ),
        Asked::Cancel => (
            m.confirm_cancel_title,
            m.confirm_cancel_intro,
            m.confirm_cancel_yes,
            m.confirm_cancel_no,
        ),
    };
    let fill = |s: &str| {
        s.replace("{platform}", platform)
            .replace("{current}", current)
    };
    let title = fill(title);
    let body = html! {
        @if status != StatusCode::OK {
            div.notice.danger role="alert" {
                p.notice-title { (m.confirm_first) }
            }
        }
        p.lead { (fill(intro)) }
        section.card.confirm-move {
            h2 { (fill(m.confirm_what_is_ready)) }
            (readiness(&ctx, m, c, n))
            @if asked == Asked::Switch && n.invite_link.is_empty() {
                p.error role="alert" { (m.nothing_to_switch) }
            }
            div.actions {
                @if asked == Asked::Cancel || !n.invite_link.is_empty() {
                    form.inline #confirm-move method="post" action=(asked.action()) {
                        (ctx.tokens(etag))
                        input type="hidden" name="confirm" value=(CONFIRMED);
                        button type="submit" class=(if asked == Asked::Switch { "primary" } else { "danger" }) { (yes) }
                    }
                }
                a.button href="/admin/community#move" { (no) }
            }
        }
    };
    Some(ui.html(status, page(&ctx, &title, Nav::Community, body)))
}
