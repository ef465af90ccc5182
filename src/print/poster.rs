//! The A4 poster for the till: the community's name and the coop's logo, a big QR code, how to
//! join, and the groups, in the screen's language or its two languages on an equal footing;
//! during a move, both platforms' codes side by side, each with its own steps.

use super::colours::Paper;
use super::fit::{self, Category, Entry, Header, Section};
use super::move_head::MoveHeader;
use super::{document, print_bar, typeset, PrintView, Printed};
use crate::content::{category_in, Content, Group, ScreenLanguage};
use crate::i18n::voice::{said, Voice};
use maud::{html, Markup, PreEscaped};

/// A text in one language, as printed.
struct Said {
    lang: ScreenLanguage,
    text: String,
    /// A tag rather than a description (not yet in the community, already moved).
    tag: Option<&'static str>,
}

impl Said {
    fn new(v: &Voice<'_>, text: &str) -> Said {
        Said {
            lang: v.lang,
            text: typeset(text, v.t),
            tag: None,
        }
    }
}

/// A category as printed: its heading in each language, its groups with their notes.
struct Listed<'a> {
    headings: Vec<Said>,
    groups: Vec<(&'a Group, Vec<Said>)>,
}

/// One group's notes in each language: its description where written, or its tag.
fn notes(g: &Group, c: &Content, voices: &[Voice<'_>]) -> Vec<Said> {
    let primary = c.display.language;
    let com = &c.community;
    let moved_to = c
        .next()
        .filter(|_| g.next.as_ref().is_some_and(|m| m.moved));
    voices
        .iter()
        .filter_map(|v| {
            if let Some(n) = moved_to {
                let tag = said!(v, group_moved).replace("{platform}", v.platform_name(n.platform));
                return Some(Said {
                    tag: Some("moved"),
                    ..Said::new(v, &tag)
                });
            }
            if !g.in_community {
                return Some(Said {
                    tag: Some("pending"),
                    ..Said::new(v, v.pending(com.platform, com.link_kind))
                });
            }
            g.description_in(v.lang, primary).map(|d| Said::new(v, d))
        })
        .collect()
}

/// What each language says, once: a text the second language leaves untranslated, or says
/// the same way, is printed once.
fn distinct(said: Vec<Said>) -> Vec<Said> {
    let mut out: Vec<Said> = Vec::new();
    for s in said {
        if !out.iter().any(|o| o.text == s.text) {
            out.push(s);
        }
    }
    out
}

/// The whole poster document.
pub fn page(view: &PrintView<'_>) -> Printed {
    let c = view.content;
    let primary = c.display.language;
    let voices = Voice::all(c);
    let pv = Voice::of(c, primary);
    let com = &c.community;
    let names = distinct(
        voices
            .iter()
            .filter_map(|v| com.words_in(v.lang, primary).map(|(n, _)| Said::new(v, n)))
            .collect(),
    );
    // Beside the code: each language's call to action (if written in it) and its steps.
    let beside: Vec<(Voice<'_>, Option<String>, Vec<String>)> = voices
        .iter()
        .map(|v| {
            let cta = com
                .words_in(v.lang, primary)
                .map(|(_, cta)| typeset(cta, v.t));
            let steps = v.join_steps(com.platform, com.link_kind);
            (*v, cta, steps.iter().map(|s| typeset(s, v.t)).collect())
        })
        .collect();
    let next = c.next_joinable().zip(view.next_qr_svg);
    // During a move: each platform with its label and steps in every language.
    let mut sides: Option<[Side<'_>; 2]> = next.map(|(n, next_svg)| {
        [
            Side::of(
                &voices,
                com.platform,
                com.link_kind,
                view.qr_svg,
                &com.invite_link,
                |v| said!(v, move_now).replace("{platform}", v.platform_name(com.platform)),
            ),
            Side::of(
                &voices,
                n.platform,
                n.link_kind,
                next_svg,
                &n.invite_link,
                |v| {
                    let label =
                        said!(v, move_next).replace("{platform}", v.platform_name(n.platform));
                    match n.switch_on {
                        Some(d) => format!(
                            "{label} · {}",
                            said!(v, move_on).replace("{date}", &v.date(d))
                        ),
                        None => label,
                    }
                },
            ),
        ]
    });
    // The move's line in each language it is written in, else each call to action.
    let mut messages: Vec<Said> = next.map_or_else(Vec::new, |(n, _)| {
        let lines = voices
            .iter()
            .filter_map(|v| n.message_in(v.lang, primary).map(|line| Said::new(v, line)));
        distinct(lines.collect())
    });
    if messages.is_empty() {
        messages = distinct(
            voices
                .iter()
                .filter_map(|v| {
                    com.words_in(v.lang, primary)
                        .map(|(_, cta)| Said::new(v, cta))
                })
                .collect(),
        );
    }
    let message_texts: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
    let link_labels: Vec<Said> = distinct(
        voices
            .iter()
            .map(|v| Said::new(v, said!(v, or_type_link)))
            .collect(),
    );

    let by_category = c.groups_by_category();
    let categories: Vec<Listed<'_>> = by_category
        .iter()
        .map(|(_, groups)| {
            let headings = distinct(
                voices
                    .iter()
                    .filter_map(|v| category_in(groups, v.lang, primary).map(|h| Said::new(v, h)))
                    .collect(),
            );
            let groups = groups.iter().map(|g| (*g, notes(g, c, &voices))).collect();
            Listed { headings, groups }
        })
        .collect();
    let continued_of = |s: &Said| {
        let v = Voice::of(c, s.lang);
        format!("{} ({})", s.text, said!(v, continued))
    };
    let measured: Vec<Category<'_>> = categories
        .iter()
        .map(|Listed { headings, groups }| Category {
            heading: headings
                .iter()
                .map(|h| h.text.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            heading_continued: headings
                .iter()
                .map(continued_of)
                .collect::<Vec<_>>()
                .join(" / "),
            entries: groups
                .iter()
                .map(|(g, notes)| Entry {
                    name: &g.name,
                    notes: notes.iter().map(|n| n.text.as_str()).collect(),
                })
                .collect(),
        })
        .collect();
    // The first step, when both platforms word it alike in every language, is said once
    // across both codes: their steps beside them leave the groups more room.
    let shared: Vec<Said> = sides
        .as_mut()
        .map(|sides| {
            let [a, b] = sides;
            let alike = a
                .steps
                .iter()
                .zip(&b.steps)
                .all(|((_, x), (_, y))| !x.is_empty() && x.first() == y.first());
            if !alike {
                return Vec::new();
            }
            b.steps.iter_mut().for_each(|(_, st)| {
                st.remove(0);
            });
            a.steps
                .iter_mut()
                .map(|(lang, st)| Said {
                    lang: *lang,
                    text: st.remove(0),
                    tag: None,
                })
                .collect()
        })
        .unwrap_or_default();
    let shared_texts: Vec<&str> = shared.iter().map(|s| s.text.as_str()).collect();
    let move_steps: Option<[Vec<&str>; 2]> = sides.as_ref().map(|sides| {
        sides.each_ref().map(|s| {
            s.steps
                .iter()
                .flat_map(|(_, st)| st.iter().map(String::as_str))
                .collect()
        })
    });
    let header = Header {
        names: names.iter().map(|n| n.text.as_str()).collect(),
        logo: c.display.theme.logo.is_some(),
        voices: beside
            .iter()
            .map(|(_, cta, steps)| (cta.as_deref(), steps.iter().map(String::as_str).collect()))
            .collect(),
        link_labels: link_labels.iter().map(|l| l.text.as_str()).collect(),
        link: &com.invite_link,
        moving: sides
            .as_ref()
            .zip(move_steps.as_ref())
            .map(|(sides, steps)| MoveHeader {
                messages: &message_texts,
                labels: sides.each_ref().map(|s| s.labels.as_str()),
                shared: &shared_texts,
                steps: [&steps[0], &steps[1]],
                languages: voices.len(),
                links: sides.each_ref().map(|s| s.link),
            }),
    };
    let plan = fit::plan(&measured, &header);
    let groups_titles: Vec<Said> = distinct(
        voices
            .iter()
            .map(|v| Said::new(v, said!(v, groups_title)))
            .collect(),
    );
    let two = beside.len() > 1;
    let title = format!("{} · {}", pv.t.say("poster_title"), com.name);
    let style = Paper::of(&c.display.theme).style(Some(plan.scale));
    // A short list on a page of its own spreads over the columns it fills, not three.
    let one_page = plan.pages.len() == 1;
    let groups_page = |columns: &fit::Page, continued: bool| {
        let filled = columns.iter().filter(|c| !c.is_empty()).count();
        let spread = if one_page { filled } else { fit::COLUMNS };
        html! {
            div.poster-groups.continued[continued] {
                h2 {
                    @for (i, t) in groups_titles.iter().enumerate() {
                        @if i > 0 { span.sep { " / " } }
                        span lang=(t.lang.code()) {
                            (t.text)
                            @if continued { " (" (said!(Voice::of(c, t.lang), continued)) ")" }
                        }
                    }
                }
                div.columns.(format!("cols-{spread}")) {
                    @for column in columns {
                        div.column {
                            @for section in column {
                                (section_of(section, &categories[section.category], c))
                            }
                        }
                    }
                }
            }
        }
    };
    let body = html! {
        body.print.poster.moving[next.is_some()].two[two] {
            (print_bar(pv.t, c.has_example_link()))
            main {
                // One sheet per printed page, so the screen shows what the paper will.
                section.sheet.first {
                    header.poster-title {
                        @if let Some(logo) = &c.display.theme.logo {
                            img.logo src={ "/media/" (logo) } alt="";
                        }
                        div.names {
                            @for n in &names { h1 lang=(n.lang.code()) { (n.text) } }
                        }
                    }
                    @if let Some(sides) = &sides {
                        div.poster-head.poster-move {
                            @for m in &messages { p.cta lang=(m.lang.code()) { (m.text) } }
                            @for s in &shared {
                                ol.steps.move-shared lang=(s.lang.code()) { li { (s.text) } }
                            }
                            div.move-pair.after-shared[!shared.is_empty()] {
                                @for side in sides { (side.markup()) }
                            }
                        }
                    } @else {
                        div.poster-head.two[two] {
                            div.poster-qr { (PreEscaped(view.qr_svg)) }
                            div.poster-join {
                                @for (v, cta, steps) in &beside {
                                    div.voice lang=(v.code()) {
                                        @if let Some(cta) = cta { p.cta { (cta) } }
                                        ol.steps {
                                            @for step in steps { li { (step) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if by_category.is_empty() {
                        p.no-groups { (typeset(said!(pv, no_groups), pv.t)) }
                    }
                    @if let Some(first) = plan.pages.first().filter(|p| p.iter().any(|col| !col.is_empty())) {
                        (groups_page(first, false))
                    }
                    footer.poster-foot {
                        p.link {
                            @for (i, l) in link_labels.iter().enumerate() {
                                @if i > 0 { span.sep { " / " } }
                                span lang=(l.lang.code()) { (l.text) }
                            }
                            " "
                            span.url { (com.invite_link) }
                        }
                    }
                }
                @for columns in plan.pages.iter().skip(1) {
                    section.sheet {
                        (groups_page(columns, true))
                    }
                }
            }
        }
    };
    document(pv.t, &title, style, body)
}

/// One category's groups in one column, under its heading (which says "continued" where the
/// category began in an earlier column or page).
fn section_of(section: &Section, Listed { headings, groups }: &Listed<'_>, c: &Content) -> Markup {
    let groups = &groups[section.entries.clone()];
    html! {
        // The heading and the first group are one block, so no column or page ever ends on a
        // heading.
        div.keep {
            h3.category.continued[section.continued] {
                @for (i, h) in headings.iter().enumerate() {
                    @if i > 0 { span.sep { " / " } }
                    span lang=(h.lang.code()) {
                        (h.text)
                        @if section.continued { " (" (said!(Voice::of(c, h.lang), continued)) ")" }
                    }
                }
            }
            @if let Some((g, notes)) = groups.first() { (group(g, notes, c)) }
        }
        @for (g, notes) in groups.iter().skip(1) { (group(g, notes, c)) }
    }
}

/// A group: its name, then what it is about in each language, in one paragraph.
fn group(g: &Group, notes: &[Said], c: &Content) -> Markup {
    let name = crate::i18n::typography::typeset(&g.name, c.display.language);
    html! {
        p.group {
            span.name { (name) }
            @for (i, n) in notes.iter().enumerate() {
                @if i > 0 { span.sep { " / " } }
                " "
                span.desc.pending[n.tag == Some("pending")].moved[n.tag == Some("moved")] lang=(n.lang.code()) { (n.text) }
            }
        }
    }
}

/// One platform of a move: its label, its code with its steps beside it (in every language),
/// and its link.
struct Side<'a> {
    /// The label in each language, once each ("Aujourd'hui : WhatsApp / Gaur: WhatsApp").
    labels: String,
    svg: &'a str,
    steps: Vec<(ScreenLanguage, Vec<String>)>,
    link: &'a str,
}

impl<'a> Side<'a> {
    fn of(
        voices: &[Voice<'_>],
        platform: crate::content::Platform,
        kind: crate::content::LinkKind,
        svg: &'a str,
        link: &'a str,
        label: impl Fn(&Voice<'_>) -> String,
    ) -> Side<'a> {
        let labels = distinct(voices.iter().map(|v| Said::new(v, &label(v))).collect());
        Side {
            labels: labels
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            svg,
            steps: voices
                .iter()
                .map(|v| {
                    let steps = v.join_steps(platform, kind);
                    (v.lang, steps.iter().map(|s| typeset(s, v.t)).collect())
                })
                .collect(),
            link,
        }
    }

    fn markup(&self) -> Markup {
        html! {
            div.move-side {
                p.move-label { (self.labels) }
                div.move-body {
                    div.move-qr { (PreEscaped(self.svg)) }
                    div.move-steps {
                        @for (lang, steps) in &self.steps {
                            ol.steps lang=(lang.code()) { @for step in steps { li { (step) } } }
                        }
                    }
                }
                p.link { span.url { (self.link) } }
            }
        }
    }
}
