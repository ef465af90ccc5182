//! The guide to the community: printable on A4 and readable on a phone, from a shared link.

use super::{document, print_bar, typeset, with_platform, PrintView};
use crate::content::Group;
use crate::i18n::{catalogue, Catalogue};
use maud::{html, Markup, PreEscaped};

/// The whole guide document.
pub fn page(view: &PrintView<'_>) -> Markup {
    let c = view.content;
    let t = catalogue(c.display.language);
    let platform = c.community.platform;
    let title = format!("{} · {}", t.guide_title, c.community.name);
    let by_category = c.groups_by_category();
    document(
        t,
        &title,
        html! {
            body.print.guide {
                (print_bar(t, c.has_example_link()))
                main.guide-doc {
                    header.guide-head {
                        p.kicker { (t.guide_title) }
                        h1 { (c.community.name) }
                        p.cta { (typeset(&c.community.call_to_action, t)) }
                    }
                    section.guide-join #join {
                        h2 { (t.guide_join_title) }
                        div.join-grid {
                            div.guide-qr { (PreEscaped(view.qr_svg)) }
                            div {
                                ol.steps {
                                    @for step in t.join_steps {
                                        li { (with_platform(step, platform, t)) }
                                    }
                                }
                                p.open {
                                    a.button href=(c.community.invite_link) rel="noopener" {
                                        (t.guide_open_link)
                                    }
                                }
                                p.link {
                                    (typeset(t.or_type_link, t)) " "
                                    span.url { (c.community.invite_link) }
                                }
                            }
                        }
                    }
                    section.guide-ask #ask {
                        h2 { (t.guide_ask_title) }
                        ol.steps {
                            @for step in t.guide_ask_steps {
                                li { (with_platform(step, platform, t)) }
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
                                    @if let Some(first) = groups.first() { (group(first, t)) }
                                }
                                @for g in groups.iter().skip(1) { (group(g, t)) }
                            }
                        }
                    }
                    section.guide-privacy #privacy {
                        h2 { (t.guide_privacy_title) }
                        p { (typeset(t.guide_platform_privacy.get(platform), t)) }
                        @for paragraph in t.guide_privacy {
                            p { (typeset(paragraph, t)) }
                        }
                    }
                }
            }
        },
    )
}

fn group(g: &Group, t: &Catalogue) -> Markup {
    html! {
        div.group {
            p.name { (g.name) }
            @if !g.description.is_empty() { p.desc { (typeset(&g.description, t)) } }
            @if !g.in_community {
                p.desc.pending { (t.not_yet_in_community) }
            } @else if let Some(link) = &g.link {
                p.group-link { a href=(link) rel="noopener" { (t.guide_join_group) } }
            }
        }
    }
}
