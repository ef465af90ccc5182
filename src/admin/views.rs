//! Pieces shared by the admin pages: the shell (header, menu, flash) and form fields.
//! Pure functions of their arguments.

use super::edit::{Errors, Section, Stale};
use super::request::Ui;
use crate::content::Language;
use crate::i18n::AdminCatalogue;
use crate::layout::{self, Head};
use chrono::{DateTime, Local, Utc};
use maud::{html, Markup, Render};

/// Who is signed in, as the pages need it.
pub struct Who<'a> {
    pub name: &'a str,
    /// The session's anti-forgery token, sent back by every form as `_csrf`.
    pub csrf: &'a str,
    /// Whether they manage the accounts (the menu then links to them).
    pub admin: bool,
}

/// What every page of the admin area is rendered with.
pub struct Ctx<'a> {
    pub t: &'static AdminCatalogue,
    pub lang: Language,
    pub who: Option<Who<'a>>,
    /// A message shown once, whether it warns, and whether it offers to undo the change.
    pub flash: Option<(&'static str, bool, bool)>,
    pub path: &'a str,
}

impl<'a> Ctx<'a> {
    pub fn new(ui: &'a Ui, who: Option<Who<'a>>) -> Self {
        Ctx {
            t: ui.t,
            lang: ui.lang,
            who,
            flash: ui
                .flash
                .map(|f| (f.message(ui.t), f.is_warning(), f.can_undo())),
            path: &ui.path,
        }
    }

    /// The hidden fields of a form that changes the content: the token and the revision.
    pub fn tokens(&self, etag: &str) -> Markup {
        html! {
            (self.csrf())
            input type="hidden" name="etag" value=(etag);
        }
    }

    /// The hidden anti-forgery field alone.
    pub fn csrf(&self) -> Markup {
        html! {
            @if let Some(who) = &self.who {
                input type="hidden" name="_csrf" value=(who.csrf);
            }
        }
    }

    /// A local date and time, in the admin's language.
    pub fn time(&self, at: &DateTime<Utc>) -> String {
        at.with_timezone(&Local)
            .format(self.t.datetime_format)
            .to_string()
    }

    pub fn section(&self, s: Section) -> &'static str {
        let t = self.t;
        match s {
            Section::Community => t.section_community,
            Section::Groups => t.section_groups,
            Section::Tips => t.section_tips,
            Section::Announcements => t.section_announcements,
            Section::Slides => t.section_slides,
            Section::Display => t.section_display,
        }
    }
}

/// The menu entries; the page shown is marked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Dashboard,
    Community,
    Groups,
    Tips,
    Announcements,
    Settings,
    History,
    /// A page of the area that is not in the menu (a message): the menu shows, nothing marked.
    Elsewhere,
    /// A page outside the menu (login, setup).
    None,
}

/// A whole admin page.
pub fn page(ctx: &Ctx<'_>, title: &str, nav: Nav, body: Markup) -> Markup {
    let t = ctx.t;
    let menu = [
        (Nav::Dashboard, "/admin", t.nav_dashboard),
        (Nav::Community, "/admin/community", t.nav_community),
        (Nav::Groups, "/admin/groups", t.nav_groups),
        (Nav::Tips, "/admin/tips", t.nav_tips),
        (
            Nav::Announcements,
            "/admin/announcements",
            t.nav_announcements,
        ),
        (Nav::Settings, "/admin/settings", t.nav_settings),
        (Nav::History, "/admin/history", t.nav_history),
    ];
    let full_title = format!("{title} · {}", t.area_name);
    layout::page(
        Head {
            lang: t.lang,
            title: &full_title,
            stylesheet: "admin.css",
            script: Some("admin.js"),
            inline_style: None,
        },
        html! {
            body.admin data-draft-restored=(t.draft_restored) data-draft-discard=(t.draft_discard) data-draft-file-again=(t.draft_file_again) {
                a.skip href="#main" { (t.skip_to_content) }
                header.topbar {
                    div.bar {
                        a.brand href="/admin" { span.logo aria-hidden="true" { "▣" } " " (t.area_name) }
                        div.account {
                            @for (lang, label) in [(Language::Fr, "FR"), (Language::En, "EN")] {
                                @if lang == ctx.lang {
                                    span.lang.current aria-current="true" lang=(lang.code()) { (label) }
                                } @else {
                                    a.lang href={ "/admin/lang/" (lang.code()) "?next=" (ctx.path) }
                                        lang=(lang.code()) hreflang=(lang.code()) { (label) }
                                }
                            }
                            @if let Some(who) = &ctx.who {
                                span.who { (t.signed_in_as.replace("{name}", who.name)) }
                                @if who.admin {
                                    a href="/admin/accounts" { (t.nav_accounts) }
                                }
                                a href="/admin/password" { (t.password) }
                                form.inline method="post" action="/admin/logout" {
                                    input type="hidden" name="_csrf" value=(who.csrf);
                                    button.link type="submit" { (t.logout) }
                                }
                            }
                        }
                    }
                    @if ctx.who.is_some() && nav != Nav::None {
                        nav.menu aria-label=(t.nav_label) {
                            @for (entry, href, label) in menu {
                                a href=(href) aria-current=[(entry == nav).then_some("page")] { (label) }
                            }
                            a.screen href="/" target="_blank" rel="noopener" { (t.view_screen) " ↗" }
                        }
                    }
                }
                main #main {
                    @if let Some((message, warning, undo)) = ctx.flash {
                        div.flash.warning[warning] role="status" {
                            p {
                                @if !warning { "✓ " }
                                (message)
                            }
                            @if let (true, Some(who)) = (undo, &ctx.who) {
                                form.inline.undo method="post" action="/admin/history/undo" {
                                    input type="hidden" name="_csrf" value=(who.csrf);
                                    button.small type="submit" { (t.undo) }
                                }
                            }
                        }
                    }
                    h1 { (title) }
                    (body)
                }
            }
        },
    )
}

/// What kind of input a field is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Url,
    Textarea,
    Number,
    /// A day (`AAAA-MM-JJ`, with the browser's calendar).
    Date,
}

/// A labelled input with its hint and, after a refused save, its error.
pub struct Field<'a> {
    pub label: &'a str,
    pub name: &'a str,
    pub value: &'a str,
    pub kind: Kind,
    pub hint: Option<&'a str>,
    pub error: Option<String>,
    /// Characters allowed (from `limits::content`), counted live beside the field. Never a
    /// `maxlength`: the browser would cut a pasted text without a word; the save refuses it.
    pub max: Option<usize>,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'a str>,
    pub required: bool,
    /// Marked "(optional)" after the label.
    pub optional: Option<&'a str>,
}

impl<'a> Field<'a> {
    pub fn new(label: &'a str, name: &'a str, value: &'a str, errors: &Errors) -> Self {
        Field {
            label,
            name,
            value,
            kind: Kind::Text,
            hint: None,
            error: errors.get(name),
            max: None,
            list: None,
            required: false,
            optional: None,
        }
    }
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn max(mut self, max: usize) -> Self {
        self.max = Some(max);
        self
    }
    pub fn list(mut self, id: &'a str) -> Self {
        self.list = Some(id);
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn optional(mut self, word: &'a str) -> Self {
        self.optional = Some(word);
        self
    }
}

impl Render for Field<'_> {
    fn render(&self) -> Markup {
        let id = self.name.replace(['.', '[', ']'], "-");
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let count_id = format!("{id}-count");
        let described: Vec<&str> = [
            (self.error.is_some(), error_id.as_str()),
            (self.hint.is_some(), hint_id.as_str()),
            (self.max.is_some(), count_id.as_str()),
        ]
        .into_iter()
        .filter_map(|(shown, id)| shown.then_some(id))
        .collect();
        let described = (!described.is_empty()).then(|| described.join(" "));
        let length = self.value.chars().count();
        let invalid = self.error.as_ref().map(|_| "true");
        html! {
            div.field.has-error[self.error.is_some()] {
                label for=(id) {
                    (self.label)
                    @if let Some(word) = self.optional { " " span.optional { "(" (word) ")" } }
                }
                @if let Some(error) = &self.error {
                    p.error id=(error_id) { (error) }
                }
                @match self.kind {
                    Kind::Textarea => {
                        textarea id=(id) name=(self.name) rows="4" required[self.required]
                            data-max=[self.max] aria-invalid=[invalid]
                            aria-describedby=[described.as_deref()] { (self.value) }
                    }
                    kind => {
                        input id=(id) name=(self.name) value=(self.value)
                            type=(match kind { Kind::Url => "url", Kind::Number => "number", Kind::Date => "date", _ => "text" })
                            inputmode=[(kind == Kind::Number).then_some("numeric")]
                            required[self.required] data-max=[self.max] list=[self.list]
                            aria-invalid=[invalid] aria-describedby=[described.as_deref()];
                    }
                }
                @if let Some(hint) = self.hint {
                    p.hint id=(hint_id) { (hint) }
                }
                @if let Some(max) = self.max {
                    p.counter.over[length > max] id=(count_id) data-for=(id) {
                        (length) " / " (max)
                    }
                }
            }
        }
    }
}

/// A labelled checkbox; checked sends `on`.
pub fn checkbox(label: &str, name: &str, checked: bool, error: Option<String>) -> Markup {
    let id = name.replace(['.', '[', ']'], "-");
    html! {
        div.field.check.has-error[error.is_some()] {
            @if let Some(error) = &error { p.error { (error) } }
            label for=(id) {
                input type="checkbox" id=(id) name=(name) checked[checked];
                span { (label) }
            }
        }
    }
}

/// The notices above a refused form: what to fix, and whether someone else saved meanwhile.
pub fn refusal_notices(
    ctx: &Ctx<'_>,
    errors: &Errors,
    stale: Option<&Stale>,
    shown: &[&str],
) -> Markup {
    let t = ctx.t;
    html! {
        @if let Some(stale) = stale {
            div.notice.warning role="alert" {
                p.notice-title { (t.stale_title) }
                @if let Some((at, by)) = &stale.saved {
                    p { (t.stale_by.replace("{name}", by).replace("{time}", &ctx.time(at))) }
                }
                @if !stale.sections.is_empty() {
                    @let sections: Vec<&str> = stale.sections.iter().map(|s| ctx.section(*s)).collect();
                    p { (t.stale_changed.replace("{sections}", &sections.join(", "))) }
                }
                p { (t.stale_text) }
            }
        }
        @if !errors.is_empty() {
            div.notice.danger role="alert" {
                p.notice-title { (t.not_saved_fix_fields) }
                @let others: Vec<_> = errors.others(shown, t).collect();
                @if !others.is_empty() {
                    ul { @for (field, message) in others {
                        li { (crate::i18n::fields::field_in_words(field, t, ctx.lang)) (crate::i18n::fields::colon(ctx.lang)) (message) }
                    } }
                }
            }
        }
    }
}

/// A small form with one button that posts to `action` (move, delete, restore…).
pub fn action_button(
    ctx: &Ctx<'_>,
    action: &str,
    etag: &str,
    label: &str,
    class: &str,
    confirm: Option<&str>,
    extra: Option<(&str, &str)>,
) -> Markup {
    html! {
        form.inline method="post" action=(action) data-confirm=[confirm] {
            (ctx.tokens(etag))
            @if let Some((name, value)) = extra {
                input type="hidden" name=(name) value=(value);
            }
            button type="submit" class=(class) { (label) }
        }
    }
}

/// The page shown when an item is gone or a form is broken.
pub fn message_page(
    ctx: &Ctx<'_>,
    title: &str,
    text: &str,
    back: &str,
    back_label: &str,
) -> Markup {
    page(
        ctx,
        title,
        Nav::Elsewhere,
        html! {
            p.lead { (text) }
            p { a.button href=(back) { (back_label) } }
        },
    )
}
