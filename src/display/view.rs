//! The display page as a pure function of the content.

use super::moment::Visible;
use super::paginate::GroupPage;
use super::rotation::{slides, Slide};
use super::slide_languages::Voices;
use crate::content::{
    category_in, Announcement, Content, Group, Pin, Pinned, ScreenLanguage, Theme, Tip,
};
use crate::i18n::catalogue;
use crate::i18n::typography::typeset;
use crate::i18n::voice::{said, Voice};
use crate::layout::{self, Head};
use maud::{html, Markup, PreEscaped};

/// Everything the display page is made of.
pub struct DisplayView<'a> {
    pub content: &'a Content,
    /// The tips and announcements the clock puts on the screen now, and any pin.
    pub visible: &'a Visible,
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
    /// A slide previewed alone from the admin area: no event stream, not a screen.
    pub preview: bool,
}

/// The CSS custom properties of the theme; colours are validated `#rrggbb`.
pub fn theme_style(theme: &Theme) -> String {
    format!(
        ":root{{--bg:{};--fg:{};--accent:{}}}",
        theme.background, theme.text, theme.accent
    )
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
        html! { body.display data-build=(view.build) data-preview=[view.preview.then_some("true")] { (stage(view)) } },
    )
}

/// The phrase of each voice, each in its own language, one after the other.
fn each(voices: &[Voice<'_>], class: &str, say: impl Fn(&Voice<'_>) -> String) -> Markup {
    html! {
        @for (i, v) in voices.iter().enumerate() {
            @if i > 0 { span.sep aria-hidden="true" { " / " } }
            span class=(class) lang=(v.code()) { (say(v)) }
        }
    }
}

/// The blocks of each voice, side by side (`two`) when there are two.
fn side_by_side(voices: &[Voice<'_>], block: impl Fn(&Voice<'_>) -> Markup) -> Markup {
    html! {
        div.voices.two[voices.len() > 1] {
            @for v in voices {
                div.voice lang=(v.code()) { (block(v)) }
            }
        }
    }
}

/// The part of the page that changes with the content; the script swaps it in place.
fn stage(view: &DisplayView<'_>) -> Markup {
    let c = view.content;
    let slides = slides(c, view.visible);
    let all = Voices::of(c).all;
    let first_is_community =
        matches!(slides.first(), Some(s) if matches!(s.slide, Slide::Community));
    // A pinned message keeps the QR code in its corner whatever the settings say.
    let message = matches!(view.visible.pin, Some(Pinned::Message(_)));
    let corner = c.display.qr_corner || message;
    let hours = serde_json::to_string(&c.display.opening_hours).unwrap_or_default();
    let theme = serde_json::to_string(&c.display.theme).unwrap_or_default();
    // During a move the corner shows where shoppers should go: the new platform.
    let next = c.next_joinable().zip(view.next_qr_svg);
    let corner_svg = next.map_or(view.qr_svg, |(_, svg)| svg);
    let corner_label = |v: &Voice<'_>| match next {
        Some((n, _)) => said!(v, move_next).replace("{platform}", v.platform_name(n.platform)),
        None => said!(v, scan_to_join).to_owned(),
    };
    let corner_labels: Vec<String> = all.iter().map(corner_label).collect();
    html! {
        div #live data-etag=(view.etag) data-hours=(hours) data-theme=(theme)
            data-corner=(corner) data-not-before=(view.not_before.timestamp_millis())
            data-moving=[next.is_some().then_some("true")]
            data-pinned=[view.visible.pin.is_some().then_some("true")]
            class={ @if corner && !first_is_community { "corner-on" } @if all.len() > 1 { " bilingual" } } {
            main #stage {
                @for (i, shown) in slides.iter().enumerate() {
                    @let voices = shown.voices.as_slice();
                    section.slide.{"slide-" (shown.slide.kind())}.active[i == 0]
                        data-kind=(shown.slide.kind()) data-seconds=(shown.seconds)
                        lang=[(voices.len() == 1).then(|| voices[0].code())]
                        aria-hidden=[(i != 0).then_some("true")] {
                        @match &shown.slide {
                            Slide::Community => (community(view, voices)),
                            Slide::Groups(page, n, total) => (groups(page, *n, *total, c, voices)),
                            Slide::Tip(tip, n, total) => (tip_slide(tip, *n, *total, c, voices)),
                            Slide::Announcement(a) => (announcement(a, c, voices)),
                            Slide::Message(pin) => (pinned_message(pin, c, voices)),
                        }
                    }
                }
            }
            @if corner {
                aside #corner-qr aria-label=(corner_labels.join(" / ")) {
                    div.qr { (PreEscaped(corner_svg)) }
                    div.labels {
                        @for (v, label) in all.iter().zip(&corner_labels) {
                            p lang=(v.code()) { (label) }
                        }
                    }
                }
            }
            div #sleep hidden {
                @for v in &all {
                    div.sleep-voice lang=(v.code()) {
                        p.sleep-title { (said!(v, sleeping)) }
                        p.sleep-hint { (said!(v, sleeping_hint)) }
                    }
                }
            }
        }
        div #progress { div #progress-bar {} }
    }
}

fn community(view: &DisplayView<'_>, voices: &[Voice<'_>]) -> Markup {
    let c = &view.content.community;
    let primary = view.content.display.language;
    let name_in = |v: &Voice<'_>| c.words_in(v.lang, primary).map_or(c.name.as_str(), |w| w.0);
    let cta_in = |v: &Voice<'_>| c.words_in(v.lang, primary).map(|w| w.1);
    if let Some((next, svg)) = view.content.next_joinable().zip(view.next_qr_svg) {
        // The move's line in each language it is written in; the first language's alone when
        // none of this slide's is (an alternating slide in a language the line lacks).
        let mut messages: Vec<(ScreenLanguage, &str)> = voices
            .iter()
            .filter_map(|v| next.message_in(v.lang, primary).map(|m| (v.lang, m)))
            .collect();
        if messages.is_empty() {
            messages.extend(next.message_in(primary, primary).map(|m| (primary, m)));
        }
        let side = |which, platform, kind, when: Option<chrono::NaiveDate>, svg| {
            let label = |v: &Voice<'_>| {
                let template = if which == "now" {
                    said!(v, move_now)
                } else {
                    said!(v, move_next)
                };
                template.replace("{platform}", v.platform_name(platform))
            };
            html! {
                div.move-side.(which) {
                    // The date on a line of its own, and room for it on both sides: the codes align.
                    p.move-label {
                        @for v in voices {
                            span.move-voice lang=(v.code()) {
                                span.move-platform { (typeset(&label(v), v.lang)) }
                                @if let Some(day) = when {
                                    " " span.move-date { (typeset(&said!(v, move_on).replace("{date}", &v.date(day)), v.lang)) }
                                }
                            }
                        }
                    }
                    div.qr-move { (PreEscaped(svg)) }
                    @for v in voices {
                        ol.steps lang=(v.code()) {
                            @for step in v.join_steps(platform, kind) { li { (typeset(step, v.lang)) } }
                        }
                    }
                }
            }
        };
        return html! {
            div.community.moving {
                div.move-head {
                    h1 { (typeset(&c.name, primary)) }
                    @if messages.is_empty() {
                        @for v in voices {
                            @if let Some(cta) = cta_in(v) { p.cta lang=(v.code()) { (typeset(cta, v.lang)) } }
                        }
                    } @else {
                        @for (lang, m) in &messages { p.cta lang=(lang.code()) { (typeset(m, *lang)) } }
                    }
                }
                div.move-pair {
                    (side("now", c.platform, c.link_kind, None, view.qr_svg))
                    (side("next", next.platform, next.link_kind, next.switch_on, svg))
                }
            }
        };
    }
    let one_name = voices.iter().all(|v| name_in(v) == c.name);
    html! {
        div.community {
            div.qr-big { (PreEscaped(view.qr_svg)) }
            div.join {
                @if let Some(logo) = &view.content.display.theme.logo {
                    (fitted_picture("logo", logo))
                }
                @if one_name { h1 { (typeset(&c.name, primary)) } }
                (side_by_side(voices, |v| html! {
                    @if !one_name { h1 { (typeset(name_in(v), v.lang)) } }
                    @if let Some(cta) = cta_in(v) { p.cta { (typeset(cta, v.lang)) } }
                    ol.steps {
                        @for step in v.join_steps(c.platform, c.link_kind) {
                            li { (typeset(step, v.lang)) }
                        }
                    }
                }))
            }
        }
    }
}

fn groups(
    page: &GroupPage<'_>,
    n: usize,
    total: usize,
    c: &Content,
    voices: &[Voice<'_>],
) -> Markup {
    let primary = c.display.language;
    let moved = |g: &Group| c.next().is_some() && g.next.as_ref().is_some_and(|m| m.moved);
    html! {
        header.slide-head {
            h2 { (each(voices, "title", |v| said!(v, groups_title).to_owned())) }
            // Always there, so that the script can number the slides it lays out again.
            span.count hidden[total < 2] {
                @for (i, v) in voices.iter().enumerate() {
                    @if i > 0 { span.sep aria-hidden="true" { " / " } }
                    span.page lang=(v.code()) data-of=(said!(v, page_of)) { (v.page(n, total)) }
                }
            }
        }
        div.columns {
            @for column in page {
                div.column {
                    @for section in column {
                        h3.row.category data-category=(section.index) {
                            @for (i, (v, name)) in voices.iter().filter_map(|v| Some((v, category_in(&section.groups, v.lang, primary)?))).enumerate() {
                                @if i > 0 { span.sep aria-hidden="true" { " / " } }
                                span.category-name lang=(v.code()) { (typeset(name, v.lang)) }
                                span.continued lang=(v.code()) hidden[!section.continued] { "(" (said!(v, continued)) ")" }
                            }
                        }
                        @for g in &section.groups {
                            div.row.group data-category=(section.index) {
                                p.name { (typeset(&g.name, primary)) }
                                div.descs {
                                    @for v in voices {
                                        @if moved(g) {
                                            @if let Some(n) = c.next() {
                                                p.desc.moved lang=(v.code()) { "✓ " (said!(v, group_moved).replace("{platform}", v.platform_name(n.platform))) }
                                            }
                                        } @else if !g.in_community {
                                            // Not yet reachable (a switch before its link was given): what it
                                            // is first, then that it is coming.
                                            @let soon = v.pending(c.community.platform, c.community.link_kind);
                                            @match g.description_in(v.lang, primary) {
                                                Some(d) => p.desc.with-status lang=(v.code()) {
                                                    span.desc-text { (typeset(d, v.lang)) } " " span.pending { (soon) }
                                                },
                                                None => p.desc.pending lang=(v.code()) { (soon) },
                                            }
                                        } @else if let Some(d) = g.description_in(v.lang, primary) {
                                            p.desc lang=(v.code()) { (typeset(d, v.lang)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn tip_slide(tip: &Tip, n: usize, total: usize, c: &Content, voices: &[Voice<'_>]) -> Markup {
    let primary = c.display.language;
    html! {
        div.text-slide {
            (side_by_side(voices, |v| {
                let (title, text) = tip.words_in(v.lang, primary).unwrap_or((&tip.title, &tip.text));
                html! {
                    p.kicker { (said!(v, tip)) " " (n) " / " (total) }
                    h2 { (typeset(title, v.lang)) }
                    p.body { (typeset(text, v.lang)) }
                }
            }))
        }
    }
}

/// A stored picture as a screen asks for it: the smaller copy when the screen's short side is
/// under the next size up (see `limits::SCREEN_IMAGE_SIDES`), so that Chromium never decodes a
/// picture bigger than its screen; the stored picture on larger screens.
fn fitted_picture(class: &str, name: &str) -> Markup {
    let sides = crate::limits::SCREEN_IMAGE_SIDES;
    let next = sides
        .iter()
        .skip(1)
        .chain([&crate::limits::STORED_IMAGE_SIDE]);
    html! {
        picture {
            @for (side, next) in sides.iter().zip(next) {
                source
                    media=(format!("(max-width: {0}px), (max-height: {0}px)", next - 1))
                    srcset={ "/media/" (side) "/" (name) };
            }
            img class=(class) src={ "/media/" (name) } alt="" decoding="async";
        }
    }
}

fn announcement(a: &Announcement, c: &Content, voices: &[Voice<'_>]) -> Markup {
    let primary = c.display.language;
    html! {
        div.text-slide.with-image[a.image.is_some()] {
            @if let Some(img) = &a.image {
                (fitted_picture("picture", img))
            }
            div.words {
                (side_by_side(voices, |v| {
                    let (title, text) = a.words_in(v.lang, primary).unwrap_or((&a.title, &a.text));
                    html! {
                        p.kicker { (said!(v, announcement)) }
                        h2 { (typeset(title, v.lang)) }
                        @if !text.is_empty() { p.body { (typeset(text, v.lang)) } }
                    }
                }))
            }
        }
    }
}

/// A pinned message: one short line, as large as the screen allows, in each language.
fn pinned_message(pin: &Pin, c: &Content, voices: &[Voice<'_>]) -> Markup {
    let primary = c.display.language;
    html! {
        div.text-slide.message-slide {
            (side_by_side(voices, |v| html! {
                @if let Some(m) = pin.message_in(v.lang, primary) {
                    h2 { (typeset(m, v.lang)) }
                }
            }))
        }
    }
}
