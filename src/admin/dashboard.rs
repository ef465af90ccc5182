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

/// One thing to fix: what is wrong, and where to fix it; or one kind of task with its count,
/// the first one's link, and each of them in `list`.
#[derive(Debug, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub href: String,
    pub fix: &'static str,
    /// The tasks of a kind gathered in this card (empty when it is one task).
    pub list: Vec<(String, String)>,
    /// What the task is about, in a few words, for a gathered card's list (else its text).
    pub short: Option<String>,
}

/// Tasks of one kind as one card: alone as they are, or several under `many` ("{n}"), each
/// still reachable from the card's list.
pub fn gathered(items: Vec<Item>, many: &str) -> Option<Item> {
    match items.len() {
        0 => None,
        1 => items.into_iter().next(),
        n => Some(Item {
            text: many.replace("{n}", &n.to_string()),
            href: items[0].href.clone(),
            fix: items[0].fix,
            list: items
                .into_iter()
                .map(|i| (i.short.unwrap_or(i.text), i.href))
                .collect(),
            short: None,
        }),
    }
}

/// Everything on the screen that deserves a volunteer's attention, most important first.
pub fn attention(c: &Content, t: &AdminCatalogue, has_media: impl Fn(&str) -> bool) -> Vec<Item> {
    let mut items = Vec::new();
    if c.has_example_link() {
        items.push(Item {
            text: t.example_link.to_owned(),
            href: "/admin/community".into(),
            fix: t.example_link_fix,
            list: Vec::new(),
            short: None,
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
            list: Vec::new(),
            short: None,
        });
    }
    let outside: Vec<&str> = c
        .shown_groups()
        .filter(|g| !g.in_community)
        .map(|g| g.name.as_str())
        .collect();
    if !outside.is_empty() {
        // Signal, Telegram, a group link: no community to bring the groups into.
        let template = if c.community.opens_a_community() {
            t.not_in_community
        } else {
            crate::i18n::platform_move_catalogue(super::request::language_of(t)).groups_without_link
        };
        items.push(Item {
            text: template.replace("{names}", &outside.join(", ")),
            href: "/admin/groups".into(),
            fix: t.not_in_community_fix,
            list: Vec::new(),
            short: None,
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
                list: Vec::new(),
                short: None,
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
                list: Vec::new(),
                short: None,
            });
        }
    }
    let mut missing = Vec::new();
    for a in &c.announcements {
        if a.image.as_deref().is_some_and(|img| !has_media(img)) {
            missing.push(Item {
                text: t.missing_image.replace("{title}", &a.title),
                href: format!("/admin/announcements/{}", a.id),
                fix: t.missing_image_fix,
                list: Vec::new(),
                short: Some(a.title.clone()),
            });
        }
    }
    items.extend(gathered(missing, t.missing_image_many));
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
            list: Vec::new(),
            short: None,
        });
    }
    let language = c.display.second().map_or("", |s| s.endonym());
    let b = crate::i18n::bilingual_catalogue(super::request::language_of(t));
    items.extend(gathered(
        untranslated(c, t),
        &b.untranslated_many.replace("{language}", language),
    ));
    items
}

/// Every item the screen shows in the first language alone, for want of its translation into
/// the second, with a link to its form.
pub fn untranslated(c: &Content, t: &AdminCatalogue) -> Vec<Item> {
    let Some(second) = c.display.second() else {
        return Vec::new();
    };
    let b = crate::i18n::bilingual_catalogue(super::request::language_of(t));
    crate::content::untranslated(c)
        .into_iter()
        .map(|u| {
            let (label, href) = match u.list {
                "community" => (b.community.to_owned(), "/admin/community".to_owned()),
                "move" => (u.label, "/admin/community#move".to_owned()),
                list => (u.label, super::lists::path_at(c, list, u.index)),
            };
            Item {
                text: b
                    .untranslated
                    .replace("{label}", &label)
                    .replace("{language}", second.endonym()),
                href,
                fix: b.fix,
                list: Vec::new(),
                short: Some(label),
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
    pi_health: Markup,
    pin: Markup,
) -> Markup {
    let t = ctx.t;
    html! {
        div.dashboard {
            section.attention aria-labelledby="todo" {
                (pin)
                (pi_health)
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
                                @if item.list.is_empty() {
                                    a.button.small href=(item.href) { (item.fix) }
                                } @else {
                                    details.todo-list {
                                        summary.button.small { (t.todo_show_list) " (" (item.list.len()) ")" }
                                        ul {
                                            @for (text, href) in &item.list {
                                                li { a href=(href) { (text) } }
                                            }
                                        }
                                    }
                                }
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
                    iframe src="/?preview" title=(t.preview_title) tabindex="-1" loading="lazy" {}
                }
                p.hint { (t.preview_hint) " " a href="/" target="_blank" rel="noopener" { (t.view_screen) " ↗" } }
                p.version { "vitrine " (crate::version::describe()) }
            }
        }
    }
}

/// What the dashboard says about the platforms, the links and the clock
/// (`community/notices.rs`).
struct Moves {
    first: Markup,
    count: usize,
    clock: Markup,
    links: Markup,
}

/// Announcements waiting for their first day, and those past their last one (still kept).
pub fn schedule(c: &Content, t: &AdminCatalogue, today: chrono::NaiveDate) -> Vec<Item> {
    let date = |d: chrono::NaiveDate| d.format(t.date_format).to_string();
    let (mut expired, mut scheduled) = (Vec::new(), Vec::new());
    for a in &c.announcements {
        let (text, day, kind) = match (a.first_day, a.last_day) {
            (_, Some(last)) if last < today => (
                t.dashboard_expired
                    .replace("{title}", &a.title)
                    .replace("{date}", &date(last)),
                last,
                &mut expired,
            ),
            (Some(first), _) if today < first => (
                t.dashboard_scheduled
                    .replace("{title}", &a.title)
                    .replace("{date}", &date(first)),
                first,
                &mut scheduled,
            ),
            _ => continue,
        };
        kind.push(Item {
            text,
            href: format!("/admin/announcements/{}", a.id),
            fix: t.dashboard_see_announcement,
            list: Vec::new(),
            short: Some(format!("{} · {}", a.title, date(day))),
        });
    }
    gathered(expired, t.dashboard_expired_many)
        .into_iter()
        .chain(gathered(scheduled, t.dashboard_scheduled_many))
        .collect()
}

/// Old revisions the history's size bound forgot since the server started, if any.
pub fn forgotten(forgotten: Option<crate::store::Forgotten>, t: &AdminCatalogue) -> Option<Item> {
    let f = forgotten?;
    Some(Item {
        text: t
            .history_forgotten
            .replace("{count}", &f.count.to_string())
            .replace("{date}", &f.last.format(t.date_format).to_string()),
        href: "/admin/history".into(),
        fix: t.nav_history,
        list: Vec::new(),
        short: None,
    })
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let mut items = attention(&snapshot.content, ui.t, |name| state.store.has_media(name));
    items.extend(schedule(&snapshot.content, ui.t, state.clock.today()));
    items.extend(forgotten(state.store.history_forgotten(), ui.t));
    let ctx = Ctx::new(&ui, Some(who(&admin)));
    let due =
        (snapshot.content.next()).filter(|_| snapshot.content.switch_due(state.clock.today()));
    let undone = match due {
        Some(n) => crate::platform_move::was_undone(&state.store, n).await,
        None => false,
    };
    let situation = super::community::Situation {
        now: state.clock.now(),
        clock: crate::platform_move::clock(&state).await,
        undone,
    };
    let notices = super::community::attention(&snapshot.content, &situation, &ctx);
    let moves = Moves {
        first: super::community::notices(&ctx, &snapshot.etag, &notices),
        count: notices.len(),
        clock: super::community::browser_clock(&ctx, situation.now),
        links: super::community::links_panel(&ctx, &snapshot.content, &snapshot.etag),
    };
    let current = state.pages.get(&snapshot).map(|p| p.etag.clone());
    let screens = html! {
        (super::screen_picture::card(&ctx, &state))
        (super::connected_screens::panel(
            &ctx,
            &state.screens.report(),
            current.as_deref().unwrap_or(""),
        ))
    };
    let probe = state.pi_health.clone();
    let pi_problems = tokio::task::spawn_blocking(move || probe.problems())
        .await
        .unwrap_or_default();
    let pi_health = super::pi_health::card(&ctx, &pi_problems);
    let pin = super::pin::card(&ctx, &snapshot.content, state.clock.now());
    let mut response = ui.ok(page(
        &ctx,
        ui.t.dashboard_title,
        Nav::Dashboard,
        view(&ctx, &snapshot, &items, screens, &moves, pi_health, pin),
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
                &format!("/admin/announcements/{}", c.announcements[0].id),
                "/admin/settings#hours"
            ]
        );
    }

    #[test]
    fn untranslated_texts_make_one_card_with_their_count_and_each_in_its_list() {
        let t = admin_catalogue(crate::content::Language::Fr);
        let mut c = default_content();
        c.display.second_language = Some(crate::content::SecondLanguage {
            language: crate::content::ScreenLanguage::Eu,
            layout: crate::content::BilingualLayout::SideBySide,
            first: false,
        });
        let n = crate::content::untranslated(&c).len();
        assert!(n > 1);
        let items = attention(&c, t, |_| true);
        let cards: Vec<&Item> = items.iter().filter(|i| !i.list.is_empty()).collect();
        assert_eq!(cards.len(), 1, "{items:?}");
        assert!(
            cards[0].text.starts_with(&format!("{n} textes")),
            "{}",
            cards[0].text
        );
        assert_eq!(cards[0].list.len(), n);
        assert_eq!(cards[0].list[1].0, c.groups[0].name);
        assert_eq!(cards[0].href, cards[0].list[0].1);
    }
}
