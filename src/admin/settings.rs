//! `/admin/settings`: each slide kind's duration and switch, the screen's language, opening
//! hours, corner QR code, colours and logo.

use super::edit::{save_part, tag, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::settings_form::{
    apply, edited_part, summary, values, Values, ALTERNATING, COLOURS, DAYS, FIRST, LAYOUT, SECOND,
    SIDE_BY_SIDE, SLIDES,
};
use super::versions::{differing, versions, Versions};
use super::views::{action_button, checkbox, page, refusal_notices, Ctx, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::content::{Content, ScreenLanguage};
use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

/// The settings page; its form carries `etag`, the version of the settings it was opened at
/// (`edited_part`); the logo's forms, which replace the picture whole, the document's.
fn view(
    ctx: &Ctx<'_>,
    content: &Content,
    v: &Values,
    etag: &str,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Markup {
    let t = ctx.t;
    let document = crate::store::etag_of(content);
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
        Some(_) => {
            let (mine, theirs) = differing(summary(v, t), Some(summary(&values(content), t)));
            (mine, theirs.unwrap_or_default())
        }
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
                        (action_button(ctx, "/admin/settings/logo/remove", &document, t.logo_remove, "danger", None, None))
                    }
                }
                None => p { (t.logo_none) },
            }
            form method="post" action="/admin/settings/logo" enctype="multipart/form-data" {
                (ctx.tokens(&document))
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
                @if ctx.who.as_ref().is_some_and(|w| w.admin) {
                    li { a href="/admin/tokens" { (t.api_tokens) } }
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
pub struct Refused<'a> {
    pub status: StatusCode,
    pub errors: &'a Errors,
    pub stale: Option<&'a Stale>,
}

pub fn render(
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
    let version = tag(&edited_part(&snapshot.content));
    render(&ui, &admin, &snapshot.content, &v, &version, ok)
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
