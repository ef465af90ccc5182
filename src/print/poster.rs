//! The A4 poster for the till: a big QR code, how to join, and the groups; during a move,
//! both platforms' codes side by side, each with its own steps.

use super::fit::{self, Header, MoveHeader, Notes, Section};
use super::{document, print_bar, typeset, PrintView};
use crate::content::Group;
use crate::i18n::{catalogue, Catalogue};
use maud::{html, Markup, PreEscaped};

/// The whole poster document.
pub fn page(view: &PrintView<'_>) -> Markup {
    let c = view.content;
    let t = catalogue(c.display.language);
    let steps: Vec<String> = t
        .words(&c.community)
        .join_steps
        .iter()
        .map(|s| typeset(s, t))
        .collect();
    let next = c.next_joinable().zip(view.next_qr_svg);
    let next_steps: Vec<String> = next
        .map(|(n, _)| {
            t.platforms
                .get(n.platform, n.link_kind)
                .join_steps
                .iter()
                .map(|s| typeset(s, t))
                .collect()
        })
        .unwrap_or_default();
    let cta = typeset(&c.community.call_to_action, t);
    let message = next
        .map(|(n, _)| typeset(&n.message, t))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| cta.clone());
    let header = Header {
        name: &c.community.name,
        call_to_action: &cta,
        steps: &steps,
        link_label: t.or_type_link,
        link: &c.community.invite_link,
        moving: next.map(|(n, _)| MoveHeader {
            message: &message,
            steps: [&steps, &next_steps],
            links: [&c.community.invite_link, &n.invite_link],
        }),
    };
    let moved_tag = next.map(|(n, _)| {
        t.group_moved
            .replace("{platform}", t.platform_name(n.platform))
    });
    let notes = Notes {
        pending: t.words(&c.community).pending,
        moved: moved_tag.as_deref(),
    };
    let by_category = c.groups_by_category();
    let plan = fit::plan(&by_category, &header, notes);
    let title = format!("{} · {}", t.poster_title, c.community.name);
    document(
        t,
        &title,
        html! {
            body.print.poster.moving[next.is_some()] {
                (print_bar(t, c.has_example_link()))
                main {
                    // One sheet per printed page, so the screen shows what the paper will.
                    section.sheet {
                        @if let Some((n, next_svg)) = next {
                            header.poster-head.poster-move {
                                h1 { (c.community.name) }
                                p.cta { (message) }
                                div.move-pair {
                                    (side(&t.move_now.replace("{platform}", t.platform_name(c.community.platform)), None, view.qr_svg, &steps, &c.community.invite_link, t))
                                    (side(&t.move_next.replace("{platform}", t.platform_name(n.platform)), n.switch_on.map(|d| t.move_on.replace("{date}", &t.date(d))), next_svg, &next_steps, &n.invite_link, t))
                                }
                            }
                        } @else {
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
                        }
                        @if by_category.is_empty() {
                            p.no-groups { (typeset(t.no_groups, t)) }
                        }
                        @if let Some(first) = plan.pages.first().filter(|p| !p.is_empty()) {
                            (groups_page(first, false, plan.type_class, notes, t))
                        }
                    }
                    @for sections in plan.pages.iter().skip(1) {
                        section.sheet {
                            (groups_page(sections, true, plan.type_class, notes, t))
                        }
                    }
                }
            }
        },
    )
}

/// One platform of a move: its label, its code, its steps and its link.
fn side(
    label: &str,
    when: Option<String>,
    svg: &str,
    steps: &[String],
    link: &str,
    t: &Catalogue,
) -> Markup {
    html! {
        div.move-side {
            p.move-label { span.move-platform { (typeset(label, t)) } @if let Some(when) = when { " " span.move-date { (when) } } }
            div.move-qr { (PreEscaped(svg)) }
            ol.steps { @for step in steps { li { (step) } } }
            p.link { span.url { (link) } }
        }
    }
}

fn groups_page(
    sections: &[Section<'_>],
    continued: bool,
    type_class: &str,
    notes: Notes<'_>,
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
                            (group(first, notes, t))
                        }
                    }
                    @for g in section.groups.iter().skip(1) {
                        (group(g, notes, t))
                    }
                }
            }
        }
    }
}

fn group(g: &Group, notes: Notes<'_>, t: &Catalogue) -> Markup {
    let note = fit::group_note(g, notes);
    let moved = notes.moved.is_some() && g.next.as_ref().is_some_and(|m| m.moved);
    html! {
        div.group {
            p.name { (g.name) }
            @if !note.is_empty() {
                p.desc.pending[!g.in_community && !moved].moved[moved] { (typeset(note, t)) }
            }
        }
    }
}
