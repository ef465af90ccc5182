//! `/admin/tips`: the guide tips shown one per slide (add, edit, delete, reorder).

use super::edit::{tag, Errors, Stale};
use super::list_buttons::list_actions;
use super::lists::{in_content, item_path, ItemForm, Titles};
use super::schedule::{badge, when, words, ScheduleForm, DAY_FIELDS};
use super::translation::{self, Beside};
use super::views::{checkbox, refusal_notices, Ctx, Field, Kind, Nav};
use crate::content::{Content, MessageText, Tip};
use crate::display::Visible;
use crate::i18n::AdminCatalogue;
use crate::limits::content as limits;
use chrono::NaiveDate;
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TipForm {
    etag: String,
    title: String,
    text: String,
    hidden: Option<String>,
    #[serde(rename = "tr.lang")]
    tr_lang: String,
    #[serde(rename = "tr.title")]
    tr_title: String,
    #[serde(rename = "tr.text")]
    tr_text: String,
    /// The days' boxes and the hours (see `schedule`).
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, String>,
}

impl TipForm {
    fn schedule(&self) -> ScheduleForm {
        ScheduleForm::from_fields(|name| self.rest.get(name).map_or("", String::as_str))
    }

    /// The translation the form says, cleaned as the original is.
    fn translation(&self) -> MessageText {
        MessageText {
            title: self.tr_title.trim().to_owned(),
            text: clean_text(&self.tr_text),
        }
    }
}

/// A text area's lines as the content keeps them: `\n`, no blank edges.
pub fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

impl ItemForm for TipForm {
    in_content!(Tip, tips);
    const NAV: Nav = Nav::Tips;

    fn titles(t: &'static AdminCatalogue) -> Titles {
        Titles {
            list: t.tips_title,
            add: t.add_tip,
            edit: t.edit_tip,
        }
    }

    fn list_view(ctx: &Ctx<'_>, content: &Content, _today: NaiveDate, shown: &Visible) -> Markup {
        let t = ctx.t;
        let count = content.tips.len();
        html! {
            p.lead { (t.tips_intro) }
            p.toolbar { a.button.primary href="/admin/tips/new" { "+ " (t.add_tip) } }
            @if content.tips.is_empty() { p.empty { (t.no_tips) } }
            ol.items {
                @for (i, tip) in content.tips.iter().enumerate() {
                    li.item.hidden[tip.hidden] #{"item-" (tip.id)} {
                        div.item-main {
                            a.item-title href=(item_path(tip)) { (tip.title) }
                            @if tip.hidden { " " span.badge.todo { (t.badge_hidden) } }
                            @if let Some((words, on)) = badge(&tip.schedule, &content.display.opening_hours, shown.tips.contains(&i), ctx.lang) {
                                " " span.badge.schedule.on[on] { (words) }
                            }
                            p.item-text { (tip.text) }
                        }
                        (list_actions(ctx, tip, (i > 0, i + 1 < count)))
                    }
                }
            }
        }
    }

    fn form_view(
        &self,
        ctx: &Ctx<'_>,
        content: &Content,
        action: &str,
        errors: &Errors,
        stale: Option<&Stale>,
    ) -> Markup {
        let t = ctx.t;
        let errors = &translation::form_errors(errors, &self.tr_lang);
        let tr = Beside::new(ctx, &self.tr_lang, errors);
        let (title_in, text_in) = (tr.label(t.tip_title), tr.label(t.tip_text));
        html! {
            (refusal_notices(ctx, errors, stale, &["title", "text", "tr.title", "tr.text", "hours"]))
            form.card #item-form method="post" action=(action) {
                (ctx.tokens(&self.etag))
                (tr.hidden())
                (tr.pair(
                    html! { (Field::new(t.tip_title, "title", &self.title, errors).max(limits::TIP_TITLE).required()) },
                    html! { (tr.field(&title_in, "tr.title", &self.tr_title).max(limits::TIP_TITLE).hint(tr.b.empty_hint)) },
                ))
                (tr.pair(
                    html! { (Field::new(t.tip_text, "text", &self.text, errors)
                        .kind(Kind::Textarea).hint(t.tip_text_hint).max(limits::TIP_TEXT).required()) },
                    html! { (tr.field(&text_in, "tr.text", &self.tr_text).kind(Kind::Textarea).max(limits::TIP_TEXT)) },
                ))
                (self.schedule().view(ctx, errors, &content.display.opening_hours))
                (checkbox(t.hide_from_screen, "hidden", self.hidden.is_some(), None))
                div.actions {
                    button.primary type="submit" { (t.save) }
                    a.button href="/admin/tips" { (t.cancel) }
                }
            }
        }
    }

    fn blank(content: &Content) -> Self {
        TipForm {
            tr_lang: translation::code_for(content),
            ..TipForm::default()
        }
    }

    fn from_item(tip: &Tip, content: &Content) -> Self {
        let tr_lang = translation::code_for(content);
        let tr = translation::of(&tip.translations, &tr_lang);
        let schedule = ScheduleForm::of(&tip.schedule);
        let mut rest: std::collections::BTreeMap<String, String> = DAY_FIELDS
            .iter()
            .zip(schedule.days)
            .filter(|(_, on)| *on)
            .map(|(name, _)| (name.to_string(), "on".to_owned()))
            .collect();
        rest.insert("hours".to_owned(), schedule.hours);
        TipForm {
            etag: tag(tip),
            title: tip.title.clone(),
            text: tip.text.clone(),
            hidden: tip.hidden.then(|| "on".to_owned()),
            tr_lang,
            tr_title: tr.title,
            tr_text: tr.text,
            rest,
        }
    }

    fn keep(&self, item: &mut Tip, before: &Tip) {
        item.translations =
            translation::merged(&before.translations, &self.tr_lang, self.translation());
    }

    fn etag_mut(&mut self) -> &mut String {
        &mut self.etag
    }

    fn summary(tip: &Tip, t: &'static AdminCatalogue) -> Vec<(&'static str, String)> {
        let shown = if tip.hidden {
            t.badge_hidden
        } else {
            t.badge_shown
        };
        vec![
            (t.tip_title, tip.title.clone()),
            (t.tip_text, tip.text.clone()),
            (t.hide_from_screen, shown.to_owned()),
            (
                words(t).legend,
                when(&tip.schedule, words(t)).unwrap_or_default(),
            ),
        ]
        .into_iter()
        .chain(
            tip.translations
                .iter()
                .map(|(lang, tr)| (lang.endonym(), format!("{} — {}", tr.title, tr.text))),
        )
        .collect()
    }

    fn check(&self, _t: &'static AdminCatalogue) -> Errors {
        let mut errors = Errors::default();
        self.schedule().check(&mut errors);
        errors
    }

    fn to_item(&self) -> Tip {
        Tip {
            // Given by the save: the item's own when it is edited, a new one when added.
            id: String::new(),
            title: self.title.trim().to_owned(),
            text: clean_text(&self.text),
            hidden: self.hidden.is_some(),
            schedule: self.schedule().read().unwrap_or_default(),
            translations: translation::merged(
                &Default::default(),
                &self.tr_lang,
                self.translation(),
            ),
        }
    }
}
