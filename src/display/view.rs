//! The display page as a pure function of the content.

use super::paginate::{paginate, GroupPage};
use crate::content::{Announcement, Content, Theme, Tip};
use crate::i18n::{catalogue, Catalogue};
use crate::layout::{self, Head};
use maud::{html, Markup, PreEscaped};

/// Everything the display page is made of.
pub struct DisplayView<'a> {
    pub content: &'a Content,
    /// The day whose announcements are shown (their first and last days).
    pub today: chrono::NaiveDate,
    /// Identifies this rendering; the page compares it with what the event stream announces.
    pub etag: &'a str,
    /// The community QR code as an inline SVG element (generator output only).
    pub qr_svg: &'a str,
    /// During a move, the next platform's QR code, likewise.
    pub next_qr_svg: Option<&'a str>,
    /// The earliest moment the clock can say (build date, newest revision): a screen whose
    /// clock says earlier stays awake rather than trust it (display.js).
    pub not_before: chrono::DateTime<chrono::Utc>,
    /// Fingerprint of the embedded assets, so that an upgraded server reloads the page.
    pub build: &'a str,
}

/// The CSS custom properties of the theme; colours are validated `#rrggbb`.
pub fn theme_style(theme: &Theme) -> String {
    format!(
        ":root{{--bg:{};--fg:{};--accent:{}}}",
        theme.background, theme.text, theme.accent
    )
}

enum Slide<'a> {
    Community,
    Groups(GroupPage<'a>, usize, usize),
    Tip(&'a Tip, usize, usize),
    Announcement(&'a Announcement),
}

impl Slide<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Slide::Community => "community",
            Slide::Groups(..) => "groups",
            Slide::Tip(..) => "tip",
            Slide::Announcement(..) => "announcement",
        }
    }
}

fn slides(content: &Content, today: chrono::NaiveDate) -> Vec<(Slide<'_>, u32)> {
    let s = &content.slides;
    let mut out = Vec::new();
    if s.community.enabled {
        out.push((Slide::Community, s.community.seconds));
    }
    if s.groups.enabled {
        let pages = paginate(content);
        let total = pages.len();
        for (i, page) in pages.into_iter().enumerate() {
            out.push((Slide::Groups(page, i + 1, total), s.groups.seconds));
        }
    }
    if s.tips.enabled {
        // Hidden tips and announcements out of their days stay in the content, not on screen.
        let shown: Vec<_> = content.tips.iter().filter(|t| !t.hidden).collect();
        let total = shown.len();
        for (i, tip) in shown.into_iter().enumerate() {
            out.push((Slide::Tip(tip, i + 1, total), s.tips.seconds));
        }
    }
    if s.announcements.enabled {
        for a in content.announcements.iter().filter(|a| a.on_screen(today)) {
            out.push((Slide::Announcement(a), s.announcements.seconds));
        }
    }
    // A screen with everything switched off still shows how to join.
    if out.is_empty() {
        out.push((Slide::Community, s.community.seconds));
    }
    out
}

/// The whole display document.
pub fn page(view: &DisplayView<'_>) -> Markup {
    let t = catalogue(view.content.display.language);
    let style = theme_style(&view.content.display.theme);
    layout::page(
        Head {
            lang: t.lang,
            title: &view.content.community.name,
            stylesheet: "display.css",
            script: Some("display.js"),
            inline_style: Some(&style),
        },
        html! { body.display data-build=(view.build) { (stage(view, t)) } },
    )
}

/// The part of the page that changes with the content; the script swaps it in place.
fn stage(view: &DisplayView<'_>, t: &Catalogue) -> Markup {
    let c = view.content;
    let slides = slides(c, view.today);
    let first_is_community = matches!(slides.first(), Some((Slide::Community, _)));
    let corner = c.display.qr_corner;
    let hours = serde_json::to_string(&c.display.opening_hours).unwrap_or_default();
    let theme = serde_json::to_string(&c.display.theme).unwrap_or_default();
    // During a move the corner shows where shoppers should go: the new platform.
    let next = c.next_joinable().zip(view.next_qr_svg);
    let (corner_svg, corner_label) = match next {
        Some((n, svg)) => (
            svg,
            t.move_next
                .replace("{platform}", t.platform_name(n.platform)),
        ),
        None => (view.qr_svg, t.scan_to_join.to_owned()),
    };
    html! {
        div #live data-etag=(view.etag) data-hours=(hours) data-theme=(theme)
            data-corner=(corner) data-not-before=(view.not_before.timestamp_millis())
            data-moving=[next.is_some().then_some("true")]
            class={ @if corner && !first_is_community { "corner-on" } } {
            main #stage {
                @for (i, (slide, seconds)) in slides.iter().enumerate() {
                    section.slide.{"slide-" (slide.kind())}.active[i == 0]
                        data-kind=(slide.kind()) data-seconds=(seconds)
                        aria-hidden=[(i != 0).then_some("true")] {
                        @match slide {
                            Slide::Community => (community(view, t)),
                            Slide::Groups(page, n, total) => (groups(page, *n, *total, c, t)),
                            Slide::Tip(tip, n, total) => (tip_slide(tip, *n, *total, t)),
                            Slide::Announcement(a) => (announcement(a, t)),
                        }
                    }
                }
            }
            @if corner {
                aside #corner-qr aria-label=(corner_label) {
                    div.qr { (PreEscaped(corner_svg)) }
                    p { (corner_label) }
                }
            }
            div #sleep hidden {
                p.sleep-title { (t.sleeping) }
                p.sleep-hint { (t.sleeping_hint) }
            }
        }
        div #progress { div #progress-bar {} }
    }
}

fn community(view: &DisplayView<'_>, t: &Catalogue) -> Markup {
    let c = &view.content.community;
    if let Some((next, svg)) = view.content.next_joinable().zip(view.next_qr_svg) {
        let message = Some(next.message.as_str())
            .filter(|m| !m.is_empty())
            .unwrap_or(&c.call_to_action);
        let when = next
            .switch_on
            .map(|d| t.move_on.replace("{date}", &t.date(d)));
        return html! {
            div.community.moving {
                div.move-head {
                    h1 { (c.name) }
                    p.cta { (message) }
                }
                div.move-pair {
                    (move_side(
                        "now",
                        &t.move_now.replace("{platform}", t.platform_name(c.platform)),
                        None,
                        view.qr_svg,
                        t.words(c).join_steps,
                    ))
                    (move_side(
                        "next",
                        &t.move_next.replace("{platform}", t.platform_name(next.platform)),
                        when,
                        svg,
                        t.platforms.get(next.platform, next.link_kind).join_steps,
                    ))
                }
            }
        };
    }
    html! {
        div.community {
            div.qr-big { (PreEscaped(view.qr_svg)) }
            div.join {
                @if let Some(logo) = &view.content.display.theme.logo {
                    img.logo src={ "/media/" (logo) } alt="" decoding="async";
                }
                h1 { (c.name) }
                p.cta { (c.call_to_action) }
                ol.steps {
                    @for step in t.words(c).join_steps {
                        li { (step) }
                    }
                }
            }
        }
    }
}

/// One platform of a move on the community slide: its name, its code and its steps.
fn move_side(
    which: &str,
    label: &str,
    when: Option<String>,
    svg: &str,
    steps: [&str; 3],
) -> Markup {
    html! {
        div.move-side.(which) {
            // The date on a line of its own, and room for it on both sides: the codes align.
            p.move-label { span.move-platform { (label) } @if let Some(when) = when { " " span.move-date { (when) } } }
            div.qr-move { (PreEscaped(svg)) }
            ol.steps { @for step in steps { li { (step) } } }
        }
    }
}

fn groups(page: &GroupPage<'_>, n: usize, total: usize, c: &Content, t: &Catalogue) -> Markup {
    let pending = t.words(&c.community).pending;
    let moved_tag = c.next().map(|n| {
        t.group_moved
            .replace("{platform}", t.platform_name(n.platform))
    });
    html! {
        header.slide-head {
            h2 { (t.groups_title) }
            @if total > 1 { span.count { (t.page(n, total)) } }
        }
        div.rows {
            @for section in page {
                h3.row.category {
                    span.category-name { (section.category) }
                    @if section.continued { span.continued { "(" (t.continued) ")" } }
                }
                @for g in &section.groups {
                    div.row.group {
                        p.name { (g.name) }
                        @if let Some(tag) = moved_tag.as_ref().filter(|_| g.next.as_ref().is_some_and(|m| m.moved)) {
                            p.desc.moved { "✓ " (tag) }
                        } @else if !g.in_community {
                            p.desc.pending { (pending) }
                        } @else if !g.description.is_empty() {
                            p.desc { (g.description) }
                        }
                    }
                }
            }
        }
    }
}

fn tip_slide(tip: &Tip, n: usize, total: usize, t: &Catalogue) -> Markup {
    html! {
        div.text-slide {
            p.kicker { (t.tip) " " (n) " / " (total) }
            h2 { (tip.title) }
            p.body { (tip.text) }
        }
    }
}

fn announcement(a: &Announcement, t: &Catalogue) -> Markup {
    html! {
        div.text-slide.with-image[a.image.is_some()] {
            @if let Some(img) = &a.image {
                img.picture src={ "/media/" (img) } alt="" decoding="async";
            }
            div.words {
                p.kicker { (t.announcement) }
                h2 { (a.title) }
                @if !a.text.is_empty() { p.body { (a.text) } }
            }
        }
    }
}
