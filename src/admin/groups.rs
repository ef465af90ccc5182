//! `/admin/groups`: the list of groups (reorder, delete) and the form to add or edit one.

use super::edit::{tag, Errors, Stale};
use super::list_buttons::list_actions;
use super::lists::{in_content, item_path, ItemForm, Titles};
use super::naming_rules::follows;
use super::translation::{self, Beside};
use super::views::{checkbox, refusal_notices, Ctx, Field, Kind, Nav};
use crate::content::{Content, Group, GroupText};
use crate::i18n::AdminCatalogue;
use crate::limits::content as limits;
use chrono::NaiveDate;
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct GroupForm {
    etag: String,
    name: String,
    category: String,
    description: String,
    link: String,
    in_community: Option<String>,
    /// Kept, but off the screen, the poster and the guide.
    hidden: Option<String>,
    /// The group on the next platform (edited on the community page): carried
    /// through this form unchanged, so that editing the group does not lose it.
    next_link: String,
    next_moved: Option<String>,
    #[serde(rename = "tr.lang")]
    tr_lang: String,
    #[serde(rename = "tr.category")]
    tr_category: String,
    #[serde(rename = "tr.description")]
    tr_description: String,
}

impl GroupForm {
    fn from(g: &Group, content: &Content) -> Self {
        let tr_lang = translation::code_for(content);
        let tr = translation::of(&g.translations, &tr_lang);
        GroupForm {
            tr_lang,
            tr_category: tr.category,
            tr_description: tr.description,
            etag: tag(g),
            name: g.name.clone(),
            category: g.category.clone(),
            description: g.description.clone(),
            link: g.link.clone().unwrap_or_default(),
            in_community: g.in_community.then(|| "on".to_owned()),
            hidden: g.hidden.then(|| "on".to_owned()),
            next_link: g
                .next
                .as_ref()
                .and_then(|m| m.link.clone())
                .unwrap_or_default(),
            next_moved: g.next.as_ref().filter(|m| m.moved).map(|_| "on".to_owned()),
        }
    }

    fn blank(content: &Content) -> Self {
        GroupForm {
            // A new group starts from the convention, so that it already follows it. Its
            // category is chosen deliberately (suggested, never pre-filled).
            name: content
                .display
                .naming_template
                .replace(super::naming_rules::TOPIC, ""),
            tr_lang: translation::code_for(content),
            ..GroupForm::default()
        }
    }

    fn to_group(&self) -> Group {
        let link = self.link.trim();
        Group {
            // Given by the save: the item's own when it is edited, a new one when added.
            id: String::new(),
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            category: self.category.trim().to_owned(),
            link: (!link.is_empty()).then(|| link.to_owned()),
            in_community: self.in_community.is_some(),
            hidden: self.hidden.is_some(),
            next: crate::content::GroupMove::from_form(&self.next_link, self.next_moved.is_some()),
            translations: translation::merged(
                &Default::default(),
                &self.tr_lang,
                self.translation(),
            ),
        }
    }

    fn translation(&self) -> GroupText {
        GroupText {
            description: self.tr_description.trim().to_owned(),
            category: self.tr_category.trim().to_owned(),
        }
    }
}

impl ItemForm for GroupForm {
    in_content!(Group, groups);
    const NAV: Nav = Nav::Groups;

    fn titles(t: &'static AdminCatalogue) -> Titles {
        Titles {
            list: t.groups_title,
            add: t.add_group,
            edit: t.edit_group,
        }
    }

    fn list_view(
        ctx: &Ctx<'_>,
        content: &Content,
        _today: NaiveDate,
        _shown: &crate::display::Visible,
    ) -> Markup {
        list_view(ctx, content)
    }

    fn form_view(
        &self,
        ctx: &Ctx<'_>,
        content: &Content,
        action: &str,
        errors: &Errors,
        stale: Option<&Stale>,
    ) -> Markup {
        form_view(ctx, content, action, self, errors, stale)
    }

    fn blank(content: &Content) -> Self {
        GroupForm::blank(content)
    }

    fn from_item(g: &Group, content: &Content) -> Self {
        GroupForm::from(g, content)
    }

    fn keep(&self, item: &mut Group, before: &Group) {
        item.translations =
            translation::merged(&before.translations, &self.tr_lang, self.translation());
    }

    fn etag_mut(&mut self) -> &mut String {
        &mut self.etag
    }

    fn to_item(&self) -> Group {
        self.to_group()
    }

    /// The screen shows groups by category: ↑/↓ moves within one.
    fn neighbour(groups: &[Group], i: usize, up: bool) -> Option<usize> {
        let category = &groups.get(i)?.category;
        let same = |j: &usize| groups[*j].category == *category;
        if up {
            (0..i).rev().find(same)
        } else {
            (i + 1..groups.len()).find(same)
        }
    }

    /// "To the top / bottom" of its category: where the first or last group of it is.
    fn end(groups: &[Group], i: usize, top: bool) -> Option<usize> {
        let category = &groups.get(i)?.category;
        let mut same = (0..groups.len()).filter(|j| groups[*j].category == *category);
        let j = if top { same.next() } else { same.next_back() }?;
        (j != i).then_some(j)
    }

    fn summary(g: &Group, t: &'static AdminCatalogue) -> Vec<(&'static str, String)> {
        let community = if g.in_community {
            t.badge_in_community
        } else {
            t.badge_not_in_community
        };
        vec![
            (t.group_name, g.name.clone()),
            (t.group_category, g.category.clone()),
            (t.group_description, g.description.clone()),
            (t.group_link, g.link.clone().unwrap_or_default()),
            (t.group_in_community, community.to_owned()),
        ]
        .into_iter()
        .chain(g.translations.iter().map(|(lang, tr)| {
            (
                lang.endonym(),
                format!("{} — {}", tr.category, tr.description),
            )
        }))
        .collect()
    }
}

fn list_view(ctx: &Ctx<'_>, content: &Content) -> Markup {
    let t = ctx.t;
    let template = &content.display.naming_template;
    html! {
        p.lead { (t.groups_intro) }
        p.toolbar {
            a.button.primary href="/admin/groups/new" { "+ " (t.add_group) }
            a.button href="/admin/naming" { (t.naming_title) }
        }
        @if content.groups.is_empty() {
            p.empty { (t.no_groups) }
        }
        @let reachable = badges(t, &content.community);
        @for (category, indices) in by_category(&content.groups) {
          section.category {
            h2.category-title { (category) }
            ol.items {
            @for (k, &i) in indices.iter().enumerate() {
                @let g = &content.groups[i];
                li.item.hidden[g.hidden] #{"item-" (g.id)} {
                    div.item-main {
                        a.item-title href=(item_path(g)) { (g.name) }
                        div.badges {
                            @if g.hidden { span.badge.todo { (t.badge_hidden_group) } }
                            @if g.in_community {
                                span.badge.ok { (reachable.0) }
                            } @else {
                                span.badge.todo { (reachable.1) }
                            }
                            @if !follows(template, &g.name) {
                                a.badge.todo href="/admin/naming" { (t.badge_breaks_naming) }
                            }
                        }
                        @if !g.description.is_empty() { p.item-text { (g.description) } }
                    }
                    (list_actions(ctx, g, (k > 0, k + 1 < indices.len())))
                }
            }
            }
          }
        }
    }
}

/// The groups' places in the list, by category in the screen's order (first seen first).
fn by_category(groups: &[Group]) -> Vec<(&str, Vec<usize>)> {
    let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        match out.iter_mut().find(|(c, _)| *c == g.category) {
            Some((_, list)) => list.push(i),
            None => out.push((&g.category, vec![i])),
        }
    }
    out
}

/// The form, posted to `action`.
fn form_view(
    ctx: &Ctx<'_>,
    content: &Content,
    action: &str,
    form: &GroupForm,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Markup {
    let t = ctx.t;
    let name_hint = t.group_name_hint.replace(
        "{template}",
        &super::naming_rules::as_shown(&content.display.naming_template, t),
    );
    let shown = [
        "name",
        "category",
        "description",
        "link",
        "in_community",
        "tr.category",
        "tr.description",
    ];
    let errors = &translation::form_errors(errors, &form.tr_lang);
    let tr = Beside::new(ctx, &form.tr_lang, errors);
    let (category_in, description_in) = (tr.label(t.group_category), tr.label(t.group_description));
    html! {
        (refusal_notices(ctx, errors, stale, &shown))
        form.card #item-form method="post" action=(action) {
            (ctx.tokens(&form.etag))
            (tr.hidden())
            (Field::new(t.group_name, "name", &form.name, errors).hint(&name_hint).max(limits::GROUP_NAME).required())
            // As wide, for its type, as a column of the screen: a long name wraps here as there.
            div.name-preview {
                p.hint { (t.group_name_preview) }
                p.name-shown data-preview-of="name" { (form.name) }
            }
            (tr.pair(
                html! { (Field::new(t.group_category, "category", &form.category, errors)
                    .hint(t.group_category_hint).list("categories").max(limits::GROUP_CATEGORY).required()) },
                html! { (tr.field(&category_in, "tr.category", &form.tr_category)
                    .hint(tr.b.category_hint).max(limits::GROUP_CATEGORY)) },
            ))
            datalist #categories {
                @for (category, _) in content.groups_by_category() { option value=(category) {} }
            }
            (tr.pair(
                html! { (Field::new(t.group_description, "description", &form.description, errors)
                    .hint(t.group_description_hint).max(limits::GROUP_DESCRIPTION).optional(t.optional)) },
                html! { (tr.field(&description_in, "tr.description", &form.tr_description)
                    .hint(tr.b.empty_hint).max(limits::GROUP_DESCRIPTION)) },
            ))
            (Field::new(t.group_link, "link", &form.link, errors)
                .kind(Kind::Url).hint(t.group_link_hint).max(limits::LINK).optional(t.optional))
            (checkbox(if content.community.opens_a_community() { t.group_in_community } else { t.group_joinable }, "in_community", form.in_community.is_some(), errors.get("in_community")))
            (super::community::group_fields(ctx, content, &form.next_link, form.next_moved.is_some()))
            (checkbox(t.hide_group, "hidden", form.hidden.is_some(), None))
            div.actions {
                button.primary type="submit" { (t.save) }
                a.button href="/admin/groups" { (t.cancel) }
            }
        }
    }
}

/// The badges of a group that can or cannot be joined yet, in the words of the platform: on
/// Signal or Telegram there is no community to be "in", and the pending one is the
/// tag the screen itself shows.
fn badges(
    t: &'static AdminCatalogue,
    community: &crate::content::Community,
) -> (&'static str, &'static str) {
    let pending = crate::i18n::voice::Voice::built_in(super::request::language_of(t).into())
        .pending(community.platform, community.link_kind);
    if community.opens_a_community() {
        (t.badge_in_community, t.badge_not_in_community)
    } else {
        (t.badge_joinable, pending)
    }
}
