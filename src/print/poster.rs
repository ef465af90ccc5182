//! The A4 poster for the till: a big QR code, how to join, and the groups.

use super::fit::{self, Header, Section};
use super::{document, print_bar, typeset, with_platform, PrintView};
use crate::content::Group;
use crate::i18n::{catalogue, Catalogue};
use maud::{html, Markup, PreEscaped};

/// The whole poster document.
pub fn page(view: &PrintView<'_>) -> Markup {
    let c = view.content;
    let t = catalogue(c.display.language);
    let steps: Vec<String> = t
        .join_steps
        .iter()
        .map(|s| with_platform(s, c.community.platform, t))
        .collect();
    let cta = typeset(&c.community.call_to_action, t);
    let header = Header {
        name: &c.community.name,
        call_to_action: &cta,
        steps: &steps,
        link_label: t.or_type_link,
        link: &c.community.invite_link,
    };
    let by_category = c.groups_by_category();
    let plan = fit::plan(&by_category, &header, t.not_yet_in_community);
    let title = format!("{} · {}", t.poster_title, c.community.name);
    document(
        t,
        &title,
        html! {
            body.print.poster {
                (print_bar(t, c.has_example_link()))
                main {
                    // One sheet per printed page, so the screen shows what the paper will.
                    section.sheet {
                        header.poster-head {
                            div.poster-qr { (PreEscaped(view.qr_svg)) }
                            div.poster-join {
                                h1 { (c.community.name) }
                                p.cta { (cta) }
                                ol.steps {
                                    @for step in &steps { li { (step) } }
                                }
                                p.link {
                                    (typeset(t.or_type_link, t)) " "
                                    span.url { (c.community.invite_link) }
                                }
                            }
                        }
                        @if by_category.is_empty() {
                            p.no-groups { (typeset(t.no_groups, t)) }
                        }
                        @if let Some(first) = plan.pages.first().filter(|p| !p.is_empty()) {
                            (groups_page(first, false, plan.type_class, t))
                        }
                    }
                    @for sections in plan.pages.iter().skip(1) {
                        section.sheet {
                            (groups_page(sections, true, plan.type_class, t))
                        }
                    }
                }
            }
        },
    )
}

fn groups_page(
    sections: &[Section<'_>],
    continued: bool,
    type_class: &str,
    t: &Catalogue,
) -> Markup {
    html! {
        div.poster-groups.continued[continued] {
            h2 {
                (t.groups_title)
                @if continued { " (" (t.continued) ")" }
            }
            div.columns.(type_class) {
                @for section in sections {
                    // The heading and the first group are one block, so no column or page
                    // ever ends on a heading.
                    div.keep {
                        h3.category {
                            (section.category)
                            @if section.continued { " (" (t.continued) ")" }
                        }
                        @if let Some(first) = section.groups.first() {
                            (group(first, t))
                        }
                    }
                    @for g in section.groups.iter().skip(1) {
                        (group(g, t))
                    }
                }
            }
        }
    }
}

fn group(g: &Group, t: &Catalogue) -> Markup {
    let note = fit::group_note(g, t.not_yet_in_community);
    html! {
        div.group {
            p.name { (g.name) }
            @if !note.is_empty() {
                p.desc.pending[!g.in_community] { (typeset(note, t)) }
            }
        }
    }
}
