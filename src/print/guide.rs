//! The guide to the community: printable on A4 and readable on a phone, from a shared link.
//! During a move it shows both platforms, each with its code, its steps and its privacy note.

use super::{document, print_bar, typeset, PrintView};
use crate::content::{Content, Group, LinkKind, Platform};
use crate::i18n::{catalogue, Catalogue};
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

/// The whole guide document.
pub fn page(view: &PrintView<'_>) -> Markup {
    let c = view.content;
    let t = catalogue(c.display.language);
    let com = &c.community;
    let title = format!("{} · {}", t.guide_title, com.name);
    let by_category = c.groups_by_category();
    let next = c.next_joinable().zip(view.next_qr_svg);
    let mut places = vec![Place {
        platform: com.platform,
        kind: com.link_kind,
        link: &com.invite_link,
        svg: view.qr_svg,
        label: next.map(|_| {
            t.move_now
                .replace("{platform}", t.platform_name(com.platform))
        }),
    }];
    if let Some((n, svg)) = next {
        let mut label = t
            .move_next
            .replace("{platform}", t.platform_name(n.platform));
        if let Some(day) = n.switch_on {
            label = format!("{label} · {}", t.move_on.replace("{date}", &t.date(day)));
        }
        places.push(Place {
            platform: n.platform,
            kind: n.link_kind,
            link: &n.invite_link,
            svg,
            label: Some(label),
        });
    }
    let words = t.words(com);
    document(
        t,
        &title,
        html! {
            body.print.guide {
                (print_bar(t, c.has_example_link()))
                main.guide-doc {
                    header.guide-head {
                        p.kicker { (t.guide_title) }
                        h1 { (com.name) }
                        p.cta { (typeset(&com.call_to_action, t)) }
                        @if let Some((n, _)) = next {
                            @if !n.message.is_empty() { p.move-message { (typeset(&n.message, t)) } }
                        }
                    }
                    @for place in &places {
                        (join_section(place, t))
                    }
                    @for place in &places {
                        @let w = t.platforms.get(place.platform, place.kind);
                        section.guide-ask #{"ask-" (place.platform.key())} {
                            h2 {
                                (w.ask_title)
                                @if next.is_some() { " · " (t.platform_name(place.platform)) }
                            }
                            ol.steps {
                                @for step in w.ask_steps { li { (typeset(step, t)) } }
                            }
                        }
                    }
                    @if !c.tips.is_empty() {
                        section.guide-tips #tips {
                            h2 { (t.guide_tips_title) }
                            @for tip in &c.tips {
                                div.tip {
                                    h3 { (typeset(&tip.title, t)) }
                                    p { (typeset(&tip.text, t)) }
                                }
                            }
                        }
                    }
                    section.guide-groups #groups {
                        h2 { (t.groups_title) }
                        @if by_category.is_empty() {
                            p { (typeset(t.no_groups, t)) }
                        }
                        div.columns {
                            @for (category, groups) in &by_category {
                                // The heading and the first group never part (see print.css).
                                div.keep {
                                    h3.category { (category) }
                                    @if let Some(first) = groups.first() { (group(first, c, words.pending, t)) }
                                }
                                @for g in groups.iter().skip(1) { (group(g, c, words.pending, t)) }
                            }
                        }
                    }
                    section.guide-privacy #privacy {
                        h2 { (t.guide_privacy_title) }
                        @for place in &places {
                            p { (typeset(t.guide_platform_privacy.get(place.platform), t)) }
                        }
                        @for paragraph in t.guide_privacy {
                            p { (typeset(paragraph, t)) }
                        }
                    }
                }
            }
        },
    )
}

fn join_section(place: &Place<'_>, t: &Catalogue) -> Markup {
    let w = t.platforms.get(place.platform, place.kind);
    html! {
        section.guide-join #{"join-" (place.platform.key())} {
            h2 {
                (w.join_title)
                @if let Some(label) = &place.label { " · " span.move-label { (typeset(label, t)) } }
            }
            div.join-grid {
                div.guide-qr { (PreEscaped(place.svg)) }
                div {
                    ol.steps {
                        @for step in w.join_steps { li { (typeset(step, t)) } }
                    }
                    p.open {
                        a.button href=(place.link) rel="noopener" { (t.guide_open_link) }
                    }
                    p.link {
                        (typeset(t.or_type_link, t)) " "
                        span.url { (place.link) }
                    }
                }
            }
        }
    }
}

fn group(g: &Group, c: &Content, pending: &str, t: &Catalogue) -> Markup {
    let next = c.next();
    let moved = g.next.as_ref().filter(|_| next.is_some());
    html! {
        div.group {
            p.name { (g.name) }
            @if !g.description.is_empty() { p.desc { (typeset(&g.description, t)) } }
            @if !g.in_community {
                p.desc.pending { (pending) }
            } @else if let Some(link) = &g.link {
                p.group-link { a href=(link) rel="noopener" { (t.guide_join_group) } }
            }
            @if let (Some(n), Some(m)) = (next, moved) {
                @if m.moved {
                    p.desc.moved { (t.group_moved.replace("{platform}", t.platform_name(n.platform))) }
                }
                @if let Some(link) = &m.link {
                    p.group-link { a href=(link) rel="noopener" { (t.guide_join_group) " · " (t.platform_name(n.platform)) } }
                }
            }
        }
    }
}
