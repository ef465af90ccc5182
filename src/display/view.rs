//! The display page as a pure function of the content.

use super::paginate::{paginate, GroupPage};
use crate::content::{Announcement, Content, Theme, Tip};
use crate::i18n::{catalogue, Catalogue};
use crate::layout::{self, Head};
use maud::{html, Markup, PreEscaped};

/// Everything the display page is made of.
pub struct DisplayView<'a> {
    pub content: &'a Content,
    /// Identifies this rendering; the page compares it with what the event stream announces.
    pub etag: &'a str,
    /// The community QR code as an inline SVG element (generator output only).
    pub qr_svg: &'a str,
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

fn slides(content: &Content) -> Vec<(Slide<'_>, u32)> {
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
        let today = chrono::Local::now().date_naive();
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
    let slides = slides(c);
    let first_is_community = matches!(slides.first(), Some((Slide::Community, _)));
    let corner = c.display.qr_corner;
    let hours = serde_json::to_string(&c.display.opening_hours).unwrap_or_default();
    let theme = serde_json::to_string(&c.display.theme).unwrap_or_default();
    html! {
        div #live data-etag=(view.etag) data-hours=(hours) data-theme=(theme)
            data-corner=(corner)
            class={ @if corner && !first_is_community { "corner-on" } } {
            main #stage {
                @for (i, (slide, seconds)) in slides.iter().enumerate() {
                    section.slide.{"slide-" (slide.kind())}.active[i == 0]
                        data-kind=(slide.kind()) data-seconds=(seconds)
                        aria-hidden=[(i != 0).then_some("true")] {
                        @match slide {
                            Slide::Community => (community(view, t)),
                            Slide::Groups(page, n, total) => (groups(page, *n, *total, t)),
                            Slide::Tip(tip, n, total) => (tip_slide(tip, *n, *total, t)),
                            Slide::Announcement(a) => (announcement(a, t)),
                        }
                    }
                }
            }
            @if corner {
                aside #corner-qr aria-label=(t.scan_to_join) {
                    div.qr { (PreEscaped(view.qr_svg)) }
                    p { (t.scan_to_join) }
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
    let platform = c.platform.label();
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
                    @for step in t.join_steps {
                        li { (step.replace("{platform}", platform)) }
                    }
                }
            }
        }
    }
}

fn groups(page: &GroupPage<'_>, n: usize, total: usize, t: &Catalogue) -> Markup {
    html! {
        header.slide-head {
            h2 { (t.groups_title) }
            @if total > 1 { span.count { (n) " " (t.page_of) " " (total) } }
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
                        @if !g.in_community {
                            p.desc.pending { (t.not_yet_in_community) }
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
