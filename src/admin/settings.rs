//! `/admin/settings`: each slide kind's duration and switch, the screen's language, opening
//! hours, corner QR code, colours and logo.

use super::edit::{save_edit, save_part, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::upload::{read_upload, store_picture};
use super::views::{action_button, checkbox, page, refusal_notices, versions, Ctx, Nav, Versions};
use super::who;
use crate::auth::Volunteer;
use crate::content::{
    BilingualLayout, Content, OpeningHours, ScreenLanguage, SecondLanguage, SlideSetting, TimeRange,
};
use crate::error::AppError;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Weekday;
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;

const SLIDES: [&str; 4] = ["community", "groups", "tips", "announcements"];
const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];
const COLOURS: [&str; 3] = ["background", "text", "accent"];
const SECOND: &str = "display.second_language.language";
const LAYOUT: &str = "display.second_language.layout";
const FIRST: &str = "display.second_language.first";
const SIDE_BY_SIDE: &str = "side_by_side";
const ALTERNATING: &str = "alternating";

/// The form's fields, named by the content path they set (so errors land next to them).
type Values = HashMap<String, String>;

fn slide(c: &Content, name: &str) -> SlideSetting {
    let s = &c.slides;
    match name {
        "community" => s.community,
        "groups" => s.groups,
        "tips" => s.tips,
        _ => s.announcements,
    }
}

fn slide_mut<'a>(c: &'a mut Content, name: &str) -> &'a mut SlideSetting {
    let s = &mut c.slides;
    match name {
        "community" => &mut s.community,
        "groups" => &mut s.groups,
        "tips" => &mut s.tips,
        _ => &mut s.announcements,
    }
}

fn colour<'a>(c: &'a mut Content, name: &str) -> &'a mut String {
    let t = &mut c.display.theme;
    match name {
        "background" => &mut t.background,
        "text" => &mut t.text,
        _ => &mut t.accent,
    }
}

/// The form filled from the content.
fn values(c: &Content) -> Values {
    let mut v = Values::new();
    let on = |b: bool| if b { "on".to_owned() } else { String::new() };
    for name in SLIDES {
        let s = slide(c, name);
        v.insert(format!("slides.{name}.enabled"), on(s.enabled));
        v.insert(format!("slides.{name}.seconds"), s.seconds.to_string());
    }
    v.insert("display.language".into(), c.display.language.code().into());
    let second = c.display.second_language;
    v.insert(
        SECOND.into(),
        second.map_or("", |s| s.language.code()).into(),
    );
    let alternating = second.is_some_and(|s| s.layout == BilingualLayout::Alternating);
    v.insert(
        LAYOUT.into(),
        if alternating {
            ALTERNATING
        } else {
            SIDE_BY_SIDE
        }
        .into(),
    );
    v.insert(FIRST.into(), on(second.is_some_and(|s| s.first)));
    v.insert("display.qr_corner".into(), on(c.display.qr_corner));
    let hours = &c.display.opening_hours;
    v.insert("display.opening_hours.enabled".into(), on(hours.enabled));
    for (key, day) in DAYS {
        let ranges: Vec<String> = hours.day(day).iter().map(|r| r.to_string()).collect();
        v.insert(format!("display.opening_hours.{key}"), ranges.join(" "));
    }
    let mut theme = c.clone();
    for name in COLOURS {
        v.insert(
            format!("display.theme.{name}"),
            colour(&mut theme, name).clone(),
        );
    }
    v
}

/// What this form edits of the content (the logo has its own form): a save applies when it
/// is unchanged since the form was opened, whatever else changed.
fn edited_part(c: &Content) -> impl PartialEq {
    let d = &c.display;
    let mut theme = d.theme.clone();
    theme.logo = None;
    (
        c.slides.clone(),
        d.language,
        d.second_language,
        d.qr_corner,
        d.opening_hours.clone(),
        theme,
    )
}

/// One version of the form, for the side-by-side comparison of a conflict: each setting and
/// its value, as a volunteer reads them.
fn summary(v: &Values, t: &'static crate::i18n::AdminCatalogue) -> Vec<(&'static str, String)> {
    let b = crate::i18n::bilingual_catalogue(super::community::language_of(t));
    let value = |k: &str| v.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let tick = |k: &str| {
        if value(k).is_empty() {
            t.compare_no
        } else {
            t.compare_yes
        }
        .to_owned()
    };
    let language = |k: &str| {
        ScreenLanguage::from_code(&value(k)).map_or(b.none.to_owned(), |l| l.endonym().to_owned())
    };
    let kinds = [
        t.slide_community,
        t.slide_groups,
        t.slide_tips,
        t.slide_announcements,
    ];
    let mut rows = Vec::new();
    for (name, kind) in SLIDES.iter().zip(kinds) {
        let seconds = value(&format!("slides.{name}.seconds"));
        let shown = if value(&format!("slides.{name}.enabled")).is_empty() {
            t.compare_not_shown
        } else {
            t.compare_shown
        };
        rows.push((kind, shown.replace("{seconds}", &seconds)));
    }
    rows.push((t.qr_corner, tick("display.qr_corner")));
    rows.push((b.primary, language("display.language")));
    rows.push((b.second, language(SECOND)));
    let layout = if value(LAYOUT) == ALTERNATING {
        b.alternating
    } else {
        b.side_by_side
    };
    rows.push((b.layout, layout.to_owned()));
    rows.push((b.second_first, tick(FIRST)));
    rows.push((t.hours_enabled, tick("display.opening_hours.enabled")));
    for ((key, _), label) in DAYS.iter().zip(t.weekdays) {
        let ranges = value(&format!("display.opening_hours.{key}"));
        rows.push((
            label,
            if ranges.is_empty() {
                t.closed.to_owned()
            } else {
                ranges
            },
        ));
    }
    for (name, label) in COLOURS
        .iter()
        .zip([t.colour_background, t.colour_text, t.colour_accent])
    {
        rows.push((
            label,
            value(&format!("display.theme.{name}")).to_lowercase(),
        ));
    }
    rows
}

/// The settings where two versions differ, each version's rows.
type Rows = Vec<(&'static str, String)>;
fn differences(mine: Rows, theirs: Rows) -> (Rows, Rows) {
    mine.into_iter().zip(theirs).filter(|(m, t)| m != t).unzip()
}

/// Applies the form to a copy of the content, or says which fields cannot be read.
fn apply(c: &mut Content, v: &Values, t: &crate::i18n::AdminCatalogue) -> Errors {
    let get = |k: &str| v.get(k).map(|s| s.trim()).unwrap_or("");
    let mut errors = Errors::default();
    for name in SLIDES {
        let key = format!("slides.{name}.seconds");
        let enabled = !get(&format!("slides.{name}.enabled")).is_empty();
        match get(&key).parse::<u32>() {
            Ok(seconds) => {
                *slide_mut(c, name) = SlideSetting { enabled, seconds };
            }
            Err(_) => errors.add(&key, t.seconds_not_a_number),
        }
    }
    let b = crate::i18n::bilingual_catalogue(super::community::language_of(t));
    match ScreenLanguage::from_code(get("display.language")) {
        Some(lang) => c.display.language = lang,
        None => errors.add("display.language", b.unknown_language),
    }
    c.display.second_language = match get(SECOND) {
        "" => None,
        code => match ScreenLanguage::from_code(code) {
            Some(language) => Some(SecondLanguage {
                language,
                layout: if get(LAYOUT) == ALTERNATING {
                    BilingualLayout::Alternating
                } else {
                    BilingualLayout::SideBySide
                },
                first: !get(FIRST).is_empty(),
            }),
            None => {
                errors.add(SECOND, b.unknown_language);
                None
            }
        },
    };
    c.display.qr_corner = !get("display.qr_corner").is_empty();
    let mut hours = OpeningHours {
        enabled: !get("display.opening_hours.enabled").is_empty(),
        ..OpeningHours::default()
    };
    for (key, day) in DAYS {
        let field = format!("display.opening_hours.{key}");
        let mut ranges = Vec::new();
        for part in get(&field).split([' ', ',', ';']).filter(|p| !p.is_empty()) {
            match part.parse::<TimeRange>() {
                Ok(r) => ranges.push(r),
                Err(message) => errors.add(&field, message),
            }
        }
        ranges.sort_by_key(|r| r.start);
        *hours.day_mut(day) = ranges;
    }
    c.display.opening_hours = hours;
    for name in COLOURS {
        *colour(c, name) = get(&format!("display.theme.{name}")).to_lowercase();
    }
    errors
}

fn view(
    ctx: &Ctx<'_>,
    content: &Content,
    v: &Values,
    etag: &str,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Markup {
    let t = ctx.t;
    let value = |k: &str| v.get(k).cloned().unwrap_or_default();
    let on = |k: &str| v.get(k).is_some_and(|s| !s.is_empty());
    let mut shown: Vec<String> = Vec::new();
    for name in SLIDES {
        shown.push(format!("slides.{name}.seconds"));
    }
    for (key, _) in DAYS {
        shown.push(format!("display.opening_hours.{key}"));
    }
    for name in COLOURS {
        shown.push(format!("display.theme.{name}"));
    }
    shown.push("logo".into());
    shown.push("display.language".into());
    shown.push(SECOND.into());
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    let kinds = [
        t.slide_community,
        t.slide_groups,
        t.slide_tips,
        t.slide_announcements,
    ];
    // Someone changed these very settings: the ones that differ, mine kept in the form.
    let (mine, theirs) = match stale {
        Some(_) => differences(summary(v, t), summary(&values(content), t)),
        None => Default::default(),
    };
    let side_by_side = !mine.is_empty();
    html! {
        @if side_by_side {
            (versions(ctx, &Versions {
                title: t.conflict_page_title,
                saved: stale.and_then(|s| s.saved.as_ref()),
                mine: &mine,
                theirs: Some(&theirs),
                form: "settings-form",
                draft_from: "/admin/settings",
                draft_to: "/admin/settings",
                take_theirs: ("/admin/settings", t.conflict_take_theirs),
            }))
        }
        (refusal_notices(ctx, errors, stale.filter(|_| !side_by_side), &shown))
        form.settings #settings-form method="post" action="/admin/settings" {
            (ctx.tokens(etag))
            section.card #slides {
                h2 { (t.slides_title) }
                p.hint { (t.slides_intro) }
                table.slides {
                    thead { tr { th {} th scope="col" { (t.slide_shown) } th scope="col" { (t.slide_seconds) } } }
                    tbody {
                        @for (name, kind) in SLIDES.iter().zip(kinds) {
                            @let enabled = format!("slides.{name}.enabled");
                            @let seconds = format!("slides.{name}.seconds");
                            @let error = errors.get(&seconds);
                            tr.has-error[error.is_some()] {
                                th scope="row" { label for=(enabled.replace('.', "-")) { (kind) } }
                                td { input type="checkbox" id=(enabled.replace('.', "-")) name=(enabled) checked[on(&enabled)]; }
                                td {
                                    input.seconds type="number" min="3" max="600" name=(seconds) value=(value(&seconds))
                                        aria-label={ (kind) " : " (t.slide_seconds) } aria-invalid=[error.as_ref().map(|_| "true")];
                                    @if let Some(e) = &error { p.error { (e) } }
                                }
                            }
                        }
                    }
                }
            }
            section.card {
                h2 { (t.display_title) }
                (checkbox(t.qr_corner, "display.qr_corner", on("display.qr_corner"), None))
            }
            (languages(ctx, &value, errors))
            section.card #hours {
                h2 { (t.hours_title) }
                (checkbox(t.hours_enabled, "display.opening_hours.enabled", on("display.opening_hours.enabled"), None))
                p.hint { (t.hours_hint) }
                div.days {
                    @for ((key, _), label) in DAYS.iter().zip(t.weekdays) {
                        @let field = format!("display.opening_hours.{key}");
                        @let error = errors.get(&field);
                        div.field.day.has-error[error.is_some()] {
                            label for=(field.replace('.', "-")) { (label) }
                            input type="text" id=(field.replace('.', "-")) name=(field) value=(value(&field))
                                placeholder=(t.closed) aria-invalid=[error.as_ref().map(|_| "true")];
                            @if let Some(e) = &error { p.error { (e) } }
                        }
                    }
                }
            }
            section.card #colours {
                h2 { (t.colours_title) }
                div.colours {
                    @for (name, label) in COLOURS.iter().zip([t.colour_background, t.colour_text, t.colour_accent]) {
                        @let field = format!("display.theme.{name}");
                        @let error = errors.get(&field);
                        div.field.colour.has-error[error.is_some()] {
                            label for=(field.replace('.', "-")) { (label) }
                            input type="color" id=(field.replace('.', "-")) name=(field) value=(value(&field));
                            @if let Some(e) = &error { p.error { (e) } }
                        }
                    }
                }
            }
            div.actions.sticky { button.primary type="submit" { (t.save) } }
        }
        section.card #logo {
            h2 { (t.logo_title) }
            @if let Some(e) = errors.get("logo") { p.error { (e) } }
            @match &content.display.theme.logo {
                Some(logo) => {
                    div.current-image {
                        img.thumb src={ "/media/720/" (logo) } alt=(t.logo_title);
                        (action_button(ctx, "/admin/settings/logo/remove", etag, t.logo_remove, "danger", None, None))
                    }
                }
                None => p { (t.logo_none) },
            }
            form method="post" action="/admin/settings/logo" enctype="multipart/form-data" {
                (ctx.tokens(etag))
                div.field {
                    label for="logo_file" { (t.logo_upload) }
                    input #logo_file type="file" name="logo_file" accept="image/png,image/jpeg,image/webp" required;
                    p.hint { (t.logo_hint) }
                }
                div.actions { button type="submit" { (t.logo_upload) } }
            }
        }
        section.card {
            h2 { (t.account_title) }
            ul.links {
                li { a href="/admin/password" { (t.change_password) } }
                li { a href="/admin/tokens" { (t.api_tokens) } }
                @if ctx.who.as_ref().is_some_and(|w| w.admin) {
                    li { a href="/admin/accounts" { (t.nav_accounts) } }
                }
            }
        }
    }
}

/// The screen's languages: the first, an optional second, and how the two share the screen.
fn languages(ctx: &Ctx<'_>, value: &dyn Fn(&str) -> String, errors: &Errors) -> Markup {
    let b = crate::i18n::bilingual_catalogue(ctx.lang);
    let select = |name: &str, label: &str, none: Option<&str>| {
        let id = name.replace('.', "-");
        let error = errors.get(name);
        let chosen = value(name);
        html! {
            div.field.has-error[error.is_some()] {
                label for=(id) { (label) }
                @if let Some(e) = &error { p.error { (e) } }
                select id=(id) name=(name) aria-invalid=[error.as_ref().map(|_| "true")] {
                    @if let Some(none) = none {
                        option value="" selected[chosen.is_empty()] { (none) }
                    }
                    @for lang in ScreenLanguage::ALL {
                        option value=(lang.code()) lang=(lang.code()) selected[chosen == lang.code()] { (lang.endonym()) }
                    }
                }
            }
        }
    };
    let layout = value(LAYOUT);
    html! {
        section.card #languages {
            h2 { (b.title) }
            p.hint { (b.intro) }
            (select("display.language", b.primary, None))
            (select(SECOND, b.second, Some(b.none)))
            fieldset.field {
                legend { (b.layout) }
                @for (key, label) in [(SIDE_BY_SIDE, b.side_by_side), (ALTERNATING, b.alternating)] {
                    label.choice {
                        input type="radio" name=(LAYOUT) value=(key) checked[layout == key];
                        " " (label)
                    }
                }
            }
            (checkbox(b.second_first, FIRST, !value(FIRST).is_empty(), None))
            p { a href="/admin/phrases" { (b.phrases_link) } }
        }
    }
}

/// What a refused settings form is shown again with.
struct Refused<'a> {
    status: StatusCode,
    errors: &'a Errors,
    stale: Option<&'a Stale>,
}

fn render(
    ui: &Ui,
    admin: &Volunteer,
    content: &Content,
    v: &Values,
    etag: &str,
    r: Refused<'_>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    ui.html(
        r.status,
        page(
            &ctx,
            ui.t.settings_title,
            Nav::Settings,
            view(&ctx, content, v, etag, &r.errors.localized(ui.t), r.stale),
        ),
    )
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let v = values(&snapshot.content);
    let ok = Refused {
        status: StatusCode::OK,
        errors: &Errors::default(),
        stale: None,
    };
    render(&ui, &admin, &snapshot.content, &v, &snapshot.etag, ok)
}

pub async fn save(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, v): AdminForm<Values>,
) -> Result<Response, AppError> {
    let etag = v.get("etag").cloned().unwrap_or_default();
    let current = state.store.current();
    let mut edited = current.content.clone();
    let unreadable = apply(&mut edited, &v, ui.t);
    let result = if unreadable.is_empty() {
        save_part(&state, &admin.name, &etag, "", edited_part, |c| {
            // Only the settings this page shows; the rest stays as saved by others.
            c.slides = edited.slides.clone();
            c.display.language = edited.display.language;
            c.display.second_language = edited.display.second_language;
            c.display.qr_corner = edited.display.qr_corner;
            c.display.opening_hours = edited.display.opening_hours.clone();
            let logo = c.display.theme.logo.take();
            c.display.theme = edited.display.theme.clone();
            c.display.theme.logo = logo;
            Some(())
        })
        .await
    } else {
        Err(Refusal::Invalid(unreadable))
    };
    let content = state.store.current().content.clone();
    match result {
        Ok(()) => Ok(done("/admin/settings", Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Invalid(errors)) => {
            let r = Refused {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                errors: &errors,
                stale: None,
            };
            Ok(render(&ui, &admin, &content, &v, &etag, r))
        }
        Err(Refusal::Stale(stale)) => {
            let r = Refused {
                status: StatusCode::CONFLICT,
                errors: &Errors::default(),
                stale: Some(&stale),
            };
            Ok(render(&ui, &admin, &content, &v, &stale.etag, r))
        }
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

pub async fn upload_logo(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let back = "/admin/settings";
    let mut upload = match read_upload(
        &ui,
        &admin,
        body,
        "logo_file",
        super::upload::MAX_IMAGE_BYTES,
        back,
    )
    .await?
    {
        Ok(upload) => upload,
        Err(page) => return Ok(page),
    };
    let etag = upload.field("etag").to_owned();
    let refused = |status, errors: Errors, stale: Option<&Stale>| {
        let content = &state.store.current().content;
        let v = values(content);
        let etag = stale.map_or(etag.as_str(), |s| s.etag.as_str());
        render(
            &ui,
            &admin,
            content,
            &v,
            etag,
            Refused {
                status,
                errors: &errors,
                stale,
            },
        )
    };
    let name = match store_picture(&state, &ui, &mut upload).await {
        Ok(Some(name)) => name,
        Ok(None) => {
            return Ok(refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                Errors::one("logo", ui.t.upload_empty),
                None,
            ))
        }
        Err((status, message)) => return Ok(refused(status, Errors::one("logo", message), None)),
    };
    let result = save_edit(&state, &admin.name, &etag, "display.theme.", |c| {
        c.display.theme.logo = Some(name);
        Some(())
    })
    .await;
    match result {
        Ok(()) => Ok(done("/admin/settings#logo", Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Stale(stale)) => Ok(refused(
            StatusCode::CONFLICT,
            Errors::default(),
            Some(&stale),
        )),
        Err(Refusal::Invalid(errors)) => {
            Ok(refused(StatusCode::UNPROCESSABLE_ENTITY, errors, None))
        }
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EtagForm {
    etag: String,
}

pub async fn remove_logo(
    State(state): State<AppState>,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    let result = save_edit(&state, &admin.name, &form.etag, "", |c| {
        c.display.theme.logo = None;
        Some(())
    })
    .await;
    match result {
        Ok(()) => Ok(done("/admin/settings#logo", Flash::Saved)),
        Err(Refusal::Stale(_)) => Ok(done("/admin/settings#logo", Flash::Stale)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(_) => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;
    use crate::i18n::admin_catalogue;

    #[test]
    fn the_form_round_trips_the_settings() {
        let c = default_content();
        let mut edited = c.clone();
        let errors = apply(
            &mut edited,
            &values(&c),
            admin_catalogue(crate::content::Language::Fr),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(edited, c);
    }

    #[test]
    fn unreadable_fields_are_named() {
        let c = default_content();
        let mut v = values(&c);
        v.insert("slides.tips.seconds".into(), "dix".into());
        v.insert(
            "display.opening_hours.mon".into(),
            "9h-12h 14:00-18:00".into(),
        );
        let mut edited = c.clone();
        let errors = apply(
            &mut edited,
            &v,
            admin_catalogue(crate::content::Language::Fr),
        );
        assert!(errors.get("slides.tips.seconds").is_some());
        assert!(errors
            .get("display.opening_hours.mon")
            .unwrap()
            .contains("09:00-19:30"));
    }
}
