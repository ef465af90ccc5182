//! What the dashboard says about the community's links, the move to another platform and a
//! clock that is wrong: its notices, most important first; each invite link's last check; the
//! warning when this computer's clock and the screen's differ.

use super::platform_move_form::{check_block, platform_label};
use crate::admin::views::{action_button, Ctx};
use crate::content::wording::mismatches;
use crate::content::{Content, WrongClock};
use crate::i18n::platform_move_catalogue;
use chrono::{DateTime, Utc};
use maud::{html, Markup};

/// What the server knows of its clock and of the planned switch, for the dashboard.
pub struct Situation {
    pub now: DateTime<Utc>,
    pub clock: Result<(), WrongClock>,
    /// The move's date has come but it was undone from the history.
    pub undone: bool,
}

/// The dashboard's items about platforms, links and the clock, most important first.
pub fn attention(c: &Content, s: &Situation, ctx: &Ctx<'_>) -> Vec<Notice> {
    let t = ctx.t;
    let m = platform_move_catalogue(ctx.lang);
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
        let platform = platform_label(t, com.platform);
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
        let platform = platform_label(t, n.platform);
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
            .shown_groups()
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
            href: crate::admin::lists::path_at(c, found.list, found.index),
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
    let m = platform_move_catalogue(ctx.lang);
    let t = ctx.t;
    let mut links = vec![(
        platform_label(t, c.community.platform),
        c.community.invite_link.as_str(),
        c.community.link_checked.as_ref(),
        "current",
    )];
    if let Some(n) = c.next().filter(|n| !n.invite_link.is_empty()) {
        links.push((
            platform_label(t, n.platform),
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
                        (check_block(ctx, m, etag, check, which, c.has_example_link()))
                    }
                }
            }
        }
    }
}

/// The dashboard's hidden warning that the browser's script shows when this computer's clock
/// and the screen's differ by more than five minutes (`assets/static/clock.js`).
pub fn browser_clock(ctx: &Ctx<'_>, now: DateTime<Utc>) -> Markup {
    let m = platform_move_catalogue(ctx.lang);
    html! {
        p.notice.warning #clock-skew hidden data-server-time=(now.timestamp_millis())
            data-template=(m.browser_clock) data-lang=(ctx.lang.code()) {}
        script src=(crate::assets::url("clock.js")) defer {}
    }
}
