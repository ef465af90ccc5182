//! `/admin`: what needs attention, each with a link to fix it, beside a live preview.

use super::naming_rules;
use super::request::Ui;
use super::views::{page, Ctx, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::content::Content;
use crate::i18n::AdminCatalogue;
use crate::security::CSP;
use crate::store::Snapshot;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use maud::{html, Markup};

/// One thing to fix: what is wrong, and where to fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub href: String,
    pub fix: &'static str,
}

/// Everything on the screen that deserves a volunteer's attention, most important first.
pub fn attention(c: &Content, t: &AdminCatalogue, has_media: impl Fn(&str) -> bool) -> Vec<Item> {
    let mut items = Vec::new();
    if c.has_example_link() {
        items.push(Item {
            text: t.example_link.to_owned(),
            href: "/admin/community".into(),
            fix: t.example_link_fix,
        });
    }
    let breaking = naming_rules::proposals(c).len();
    if breaking > 0 {
        items.push(Item {
            text: t
                .naming_breaks
                .replace(
                    "{template}",
                    &naming_rules::as_shown(&c.display.naming_template, t),
                )
                .replace("{n}", &breaking.to_string()),
            href: "/admin/naming".into(),
            fix: t.naming_fix,
        });
    }
    let outside: Vec<&str> = c
        .groups
        .iter()
        .filter(|g| !g.in_community)
        .map(|g| g.name.as_str())
        .collect();
    if !outside.is_empty() {
        // Signal, Telegram, a group link: no community to bring the groups into (issue 13).
        let template = if c.community.opens_a_community() {
            t.not_in_community
        } else {
            crate::i18n::move_catalogue(super::community::language_of(t)).groups_without_link
        };
        items.push(Item {
            text: template.replace("{names}", &outside.join(", ")),
            href: "/admin/groups".into(),
            fix: t.not_in_community_fix,
        });
    }
    let s = &c.slides;
    for (setting, kind, empty) in [
        (s.community, t.slide_community, false),
        (s.groups, t.slide_groups, c.groups.is_empty()),
        (s.tips, t.slide_tips, c.tips.is_empty()),
        (
            s.announcements,
            t.slide_announcements,
            c.announcements.is_empty(),
        ),
    ] {
        if !setting.enabled {
            items.push(Item {
                text: t.slide_off.replace("{kind}", kind),
                href: "/admin/settings#slides".into(),
                fix: t.slide_off_fix,
            });
        } else if empty && kind != t.slide_groups {
            items.push(Item {
                text: t.slide_empty.replace("{kind}", kind),
                href: if kind == t.slide_tips {
                    "/admin/tips/new".into()
                } else {
                    "/admin/announcements/new".into()
                },
                fix: t.add,
            });
        }
    }
    for (i, a) in c.announcements.iter().enumerate() {
        if a.image.as_deref().is_some_and(|img| !has_media(img)) {
            items.push(Item {
                text: t.missing_image.replace("{title}", &a.title),
                href: format!("/admin/announcements/{i}"),
                fix: t.missing_image_fix,
            });
        }
    }
    let hours = &c.display.opening_hours;
    let no_day_open = [
        &hours.mon, &hours.tue, &hours.wed, &hours.thu, &hours.fri, &hours.sat, &hours.sun,
    ]
    .iter()
    .all(|d| d.is_empty());
    if hours.enabled && no_day_open {
        items.push(Item {
            text: t.always_asleep.to_owned(),
            href: "/admin/settings#hours".into(),
            fix: t.always_asleep_fix,
        });
    }
    items.extend(untranslated(c, t));
    items
}

/// Every item the screen shows in the first language alone, for want of its translation into
/// the second, with a link to its form.
pub fn untranslated(c: &Content, t: &AdminCatalogue) -> Vec<Item> {
    let Some(second) = c.display.second() else {
        return Vec::new();
    };
    let b = crate::i18n::bilingual_catalogue(super::community::language_of(t));
    crate::content::untranslated(c)
        .into_iter()
        .map(|u| {
            let (label, href) = match u.list {
                "community" => (b.community.to_owned(), "/admin/community".to_owned()),
                "move" => (u.label, "/admin/community#move".to_owned()),
                list => (u.label, format!("/admin/{list}/{}", u.index)),
            };
            Item {
                text: b
                    .untranslated
                    .replace("{label}", &label)
                    .replace("{language}", second.endonym()),
                href,
                fix: b.fix,
            }
        })
        .collect()
}

/// The dashboard as a pure function of the content and the list of things to fix.
fn view(
    ctx: &Ctx<'_>,
    snapshot: &Snapshot,
    items: &[Item],
    screens: Markup,
    moves: &Moves,
) -> Markup {
    let t = ctx.t;
    html! {
        div.dashboard {
            section.attention aria-labelledby="todo" {
                h2 #todo { (t.attention_title) }
                (moves.clock)
                @if items.is_empty() && moves.count == 0 {
                    p.all-good { "✓ " (t.all_good) }
                } @else {
                    ul.todo {
                        (moves.first)
                        @for item in items {
                            li {
                                span.todo-text { (item.text) }
                                a.button.small href=(item.href) { (item.fix) }
                            }
                        }
                    }
                }
                p.saved {
                    @match &snapshot.saved {
                        Some((at, by)) => (t.last_saved.replace("{time}", &ctx.time(at)).replace("{name}", by)),
                        None => (t.never_saved),
                    }
                }
                (moves.links)
                (screens)
                h2 { (t.print_title) }
                ul.links {
                    li { a href="/poster" target="_blank" { (t.poster) } }
                    li { a href="/guide" target="_blank" { (t.guide) } }
                    li { a href="/qr.svg" download="qr-code.svg" { (t.qr_svg) } }
                    li { a href="/qr.png" download="qr-code.png" { (t.qr_png) } }
                }
            }
            section.preview-box aria-labelledby="preview" {
                h2 #preview { (t.preview_title) }
                div.preview {
                    iframe src="/" title=(t.preview_title) tabindex="-1" loading="lazy" {}
                }
                p.hint { (t.preview_hint) " " a href="/" target="_blank" rel="noopener" { (t.view_screen) " ↗" } }
                p.version { "vitrine " (crate::version::describe()) }
            }
        }
    }
}

/// What issue 13's part of the dashboard adds (platforms, links, the clock: `moving.rs`).
struct Moves {
    first: Markup,
    count: usize,
    clock: Markup,
    links: Markup,
}

/// Announcements waiting for their first day, and those past their last one (still kept).
pub fn schedule(c: &Content, t: &AdminCatalogue, today: chrono::NaiveDate) -> Vec<Item> {
    let date = |d: chrono::NaiveDate| d.format(t.date_format).to_string();
    let mut items = Vec::new();
    for (i, a) in c.announcements.iter().enumerate() {
        let text = match (a.first_day, a.last_day) {
            (_, Some(last)) if last < today => t
                .dashboard_expired
                .replace("{title}", &a.title)
                .replace("{date}", &date(last)),
            (Some(first), _) if today < first => t
                .dashboard_scheduled
                .replace("{title}", &a.title)
                .replace("{date}", &date(first)),
            _ => continue,
        };
        items.push(Item {
            text,
            href: format!("/admin/announcements/{i}"),
            fix: t.dashboard_see_announcement,
        });
    }
    items
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let mut items = attention(&snapshot.content, ui.t, |name| state.store.has_media(name));
    items.extend(schedule(&snapshot.content, ui.t, state.clock.today()));
    let ctx = Ctx::new(&ui, Some(who(&admin)));
    let situation = super::community::Situation {
        now: state.clock.now(),
        clock: crate::platform_move::clock(&state),
        undone: snapshot.content.switch_due(state.clock.today())
            && snapshot
                .content
                .next()
                .is_some_and(|n| crate::platform_move::was_undone(&state.store, n)),
    };
    let notices = super::community::attention(&snapshot.content, &situation, &ctx);
    let moves = Moves {
        first: super::community::notices(&ctx, &snapshot.etag, &notices),
        count: notices.len(),
        clock: super::community::browser_clock(&ctx, situation.now),
        links: super::community::links_panel(&ctx, &snapshot.content, &snapshot.etag),
    };
    let current = state.pages.get(&snapshot).map(|p| p.etag.clone());
    let screens = super::connected_screens::panel(
        &ctx,
        &state.screens.report(),
        current.as_deref().unwrap_or(""),
    );
    let mut response = ui.ok(page(
        &ctx,
        ui.t.dashboard_title,
        Nav::Dashboard,
        view(&ctx, &snapshot, &items, screens, &moves),
    ));
    // The preview frames our own display page; nothing else may be framed.
    let csp = CSP.replace("frame-ancestors", "frame-src 'self'; frame-ancestors");
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;
    use crate::i18n::admin_catalogue;

    #[test]
    fn the_default_content_asks_for_a_real_link_and_the_missing_groups() {
        let t = admin_catalogue(crate::content::Language::Fr);
        let items = attention(&default_content(), t, |_| true);
        let hrefs: Vec<&str> = items.iter().map(|i| i.href.as_str()).collect();
        assert_eq!(hrefs, ["/admin/community", "/admin/groups"]);
        assert!(items[1].text.contains("Otsokop · Bricolage"));
    }

    #[test]
    fn switched_off_slides_broken_names_and_sleepless_hours_are_listed() {
        let t = admin_catalogue(crate::content::Language::Fr);
        let mut c = default_content();
        c.slides.tips.enabled = false;
        c.groups[0].name = "annonces".into();
        c.announcements[0].image = Some(format!("{}.png", "a".repeat(64)));
        c.display.opening_hours = Default::default();
        c.display.opening_hours.enabled = true;
        let items = attention(&c, t, |_| false);
        let hrefs: Vec<&str> = items.iter().map(|i| i.href.as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "/admin/community",
                "/admin/naming",
                "/admin/groups",
                "/admin/settings#slides",
                "/admin/announcements/0",
                "/admin/settings#hours"
            ]
        );
    }
}
