//! The guide to the community: printable on A4 and readable on a phone, from a shared link.
//! During a move it shows both platforms, each with its code, its steps and its privacy note.
//! With a second screen language, the whole guide follows again in it (from a new printed
//! page), each text without its translation in the first language.

use super::colours::Paper;
use super::{document, print_bar, typeset, PrintView, Printed};
use crate::content::{category_in, Content, Group, LinkKind, Platform, ScreenLanguage};
use crate::i18n::catalogue;
use crate::i18n::voice::{said, Voice};
use maud::{html, Markup, PreEscaped};

/// One platform as the guide shows it.
struct Place<'a> {
    platform: Platform,
    kind: LinkKind,
    link: &'a str,
    svg: &'a str,
    /// The label above it during a move ("Today: WhatsApp").
    label: Option<String>,
}

/// The whole guide document: the guide in each of the screen's languages, one after the other.
pub fn page(view: &PrintView<'_>) -> Printed {
    let c = view.content;
    let t = catalogue(c.display.language);
    let title = format!("{} · {}", t.say("guide_title"), c.community.name);
    let languages = c.display.languages_in_order();
    document(
        t,
        &title,
        Paper::of(&c.display.theme).style(None),
        html! {
            body.print.guide {
                (print_bar(t, c.has_example_link()))
                @for (i, lang) in languages.iter().enumerate() {
                    (guide_in(view, *lang, i > 0))
                }
            }
        },
    )
}

/// The guide in `lang`; `again`: it follows the guide in another language.
fn guide_in(view: &PrintView<'_>, lang: ScreenLanguage, again: bool) -> Markup {
    let c = view.content;
    let v = Voice::of(c, lang);
    let t = v.t;
    let primary = c.display.language;
    let com = &c.community;
    let by_category = c.groups_by_category();
    let next = c.next_joinable().zip(view.next_qr_svg);
    let mut places = vec![Place {
        platform: com.platform,
        kind: com.link_kind,
        link: &com.invite_link,
        svg: view.qr_svg,
        label: next
            .map(|_| said!(v, move_now).replace("{platform}", v.platform_name(com.platform))),
    }];
    if let Some((n, svg)) = next {
        let mut label = said!(v, move_next).replace("{platform}", v.platform_name(n.platform));
        if let Some(day) = n.switch_on {
            label = format!(
                "{label} · {}",
                said!(v, move_on).replace("{date}", &v.date(day))
            );
        }
        places.push(Place {
            platform: n.platform,
            kind: n.link_kind,
            link: &n.invite_link,
            svg,
            label: Some(label),
        });
    }
    let pending = v.pending(com.platform, com.link_kind);
    // An item's text in `lang`, or in the first language (so marked) without its translation.
    let (name, cta) = com
        .words_in(lang, primary)
        .unwrap_or((&com.name, &com.call_to_action));
    let cta_lang = com.words_in(lang, primary).map_or(primary, |_| lang);
    // The first guide keeps the plain anchors (#tips, #groups…); the next ones, their own.
    let id = |what: &str| {
        if again {
            format!("{what}-{}", lang.code())
        } else {
            what.to_owned()
        }
    };
    html! {
        main.guide-doc.again[again] lang=(lang.code()) {
            header.guide-head {
                p.kicker { (said!(v, guide_title)) }
                h1 { (name) }
                p.cta lang=(cta_lang.code()) { (typeset(cta, catalogue(cta_lang))) }
                @if let Some((n, _)) = next {
                    @if let Some((line, line_lang)) = n.message_in(lang, primary).map(|l| (l, lang))
                        .or_else(|| n.message_in(primary, primary).map(|l| (l, primary))) {
                        p.move-message lang=(line_lang.code()) { (typeset(line, catalogue(line_lang))) }
                    }
                }
            }
            @for place in &places {
                (join_section(place, &id(&format!("join-{}", place.platform.key())), &v))
            }
            @for place in &places {
                section.guide-ask id=(id(&format!("ask-{}", place.platform.key()))) {
                    h2 {
                        (v.ask_title(place.platform, place.kind))
                        @if next.is_some() { " · " (v.platform_name(place.platform)) }
                    }
                    ol.steps {
                        @for step in v.ask_steps(place.platform, place.kind) { li { (typeset(step, t)) } }
                    }
                }
            }
            @if !c.tips.is_empty() {
                section.guide-tips id=(id("tips")) {
                    h2 { (said!(v, guide_tips_title)) }
                    @for tip in &c.tips {
                        @let (said, title, text) = match tip.words_in(lang, primary) {
                            Some((title, text)) => (lang, title, text),
                            None => (primary, tip.title.as_str(), tip.text.as_str()),
                        };
                        div.tip lang=(said.code()) {
                            h3 { (typeset(title, catalogue(said))) }
                            p { (typeset(text, catalogue(said))) }
                        }
                    }
                }
            }
            section.guide-groups id=(id("groups")) {
                h2 { (said!(v, groups_title)) }
                @if by_category.is_empty() {
                    p { (typeset(said!(v, no_groups), t)) }
                }
                div.columns {
                    @for (category, groups) in &by_category {
                        // A category is never cut between columns or pages (see print.css),
                        // so its heading is always above its groups.
                        div.category-block {
                            h3.category { (category_in(groups, lang, primary).unwrap_or(category)) }
                            @for g in groups { (group(g, c, pending, &v)) }
                        }
                    }
                }
            }
            section.guide-privacy id=(id("privacy")) {
                h2 { (said!(v, guide_privacy_title)) }
                @for place in &places {
                    p { (typeset(v.platform_privacy(place.platform), t)) }
                }
                @for paragraph in v.privacy() {
                    p { (typeset(paragraph, t)) }
                }
            }
        }
    }
}

fn join_section(place: &Place<'_>, id: &str, v: &Voice<'_>) -> Markup {
    let t = v.t;
    html! {
        section.guide-join id=(id) {
            h2 {
                (v.join_title(place.platform, place.kind))
                @if let Some(label) = &place.label { " · " span.move-label { (typeset(label, t)) } }
            }
            div.join-grid {
                div.guide-qr { (PreEscaped(place.svg)) }
                div {
                    ol.steps {
                        @for step in v.join_steps(place.platform, place.kind) { li { (typeset(step, t)) } }
                    }
                    p.open {
                        a.button href=(place.link) rel="noopener" { (said!(v, guide_open_link)) }
                    }
                    p.link {
                        (typeset(said!(v, or_type_link), t)) " "
                        span.url { (place.link) }
                    }
                }
            }
        }
    }
}

fn group(g: &Group, c: &Content, pending: &str, v: &Voice<'_>) -> Markup {
    let lang = v.lang;
    let next = c.next();
    let primary = c.display.language;
    let description = g
        .description_in(lang, primary)
        .map(|d| (lang, d))
        .or_else(|| g.description_in(primary, primary).map(|d| (primary, d)));
    let moved = g.next.as_ref().filter(|_| next.is_some());
    html! {
        div.group {
            p.name { (crate::i18n::typography::typeset(&g.name, c.display.language)) }
            @if let Some((said, d)) = description { p.desc lang=(said.code()) { (typeset(d, catalogue(said))) } }
            @if !g.in_community {
                p.desc.pending { (pending) }
            } @else if let Some(link) = &g.link {
                p.group-link { a href=(link) rel="noopener" { (said!(v, guide_join_group)) } }
            }
            @if let (Some(n), Some(m)) = (next, moved) {
                @if m.moved {
                    p.desc.moved { (said!(v, group_moved).replace("{platform}", v.platform_name(n.platform))) }
                }
                @if let Some(link) = &m.link {
                    p.group-link { a href=(link) rel="noopener" { (said!(v, guide_join_group)) " · " (v.platform_name(n.platform)) } }
                }
            }
        }
    }
}
