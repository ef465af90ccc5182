//! `/admin/pin`: "show it now". Any volunteer puts the community's QR code (one tap from the
//! dashboard), an announcement or a short message on the whole screen for 1 to 60 minutes;
//! the dashboard shows what holds the screen, a countdown and *Arrêter*. A pin is part of the
//! content: saved by the store (it outlives a restart), named in the history, pushed to the
//! screens by the event stream like any save, and over by itself at its end.

use super::edit::{save_part, Errors, Refusal};
use super::request::{done, language_of, Flash, Ui};
use super::views::{page, Ctx, Field, Kind, Nav};
use super::{form::AdminForm, who};
use crate::auth::Volunteer;
use crate::content::{Content, Pin, PinText, Pinned};
use crate::error::AppError;
use crate::i18n::schedule::{schedule_catalogue, ScheduleCatalogue};
use crate::limits::content::{PIN_MAX_MINUTES, PIN_MESSAGE, PIN_MIN_MINUTES};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use serde::Deserialize;

/// How long a pin lasts when the form does not say: a customer's time at the till.
const DEFAULT_MINUTES: u32 = 5;

/// The form as typed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PinForm {
    /// `community`, `announcement` or `message`.
    what: String,
    announcement: String,
    message: String,
    #[serde(rename = "tr.message")]
    tr_message: String,
    minutes: String,
}

/// `POST /admin/pin/stop`.
#[derive(Deserialize, Default)]
pub struct StopForm {}

fn words(ctx: &Ctx<'_>) -> &'static ScheduleCatalogue {
    schedule_catalogue(language_of(ctx.t))
}

/// What a pin shows, in words ("le QR code de la communauté", "le message « … »").
pub fn what(pin: &Pinned, content: &Content, s: &ScheduleCatalogue) -> String {
    match pin {
        Pinned::Community => s.pinned_qr.to_owned(),
        Pinned::Announcement(title) => match pin.announcement_in(content) {
            Some(_) => s.pinned_announcement.replace("{title}", title),
            None => s.no_announcement.to_owned(),
        },
        Pinned::Message(m) => s.pinned_message.replace("{message}", m),
    }
}

/// The time left, as the countdown starts it (`12:05`); the script counts down from there.
fn left(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (until - now).num_seconds().max(0);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// What holds the screen now, with its countdown and *Arrêter*; none when nothing does.
pub fn holding(ctx: &Ctx<'_>, content: &Content, now: DateTime<Utc>) -> Option<Markup> {
    let pin = content.pin.as_ref().filter(|p| p.is_on(now))?;
    let s = words(ctx);
    let said = s
        .pinned_now
        .replace("{what}", &what(&pin.shows, content, s))
        .replace("{by}", &pin.by);
    let (before, after) = s
        .pinned_left
        .split_once("{time}")
        .unwrap_or((s.pinned_left, ""));
    Some(html! {
        div.notice.pinned role="status" {
            p.notice-title { (said) }
            p {
                (before)
                span.countdown data-left=((pin.until - now).num_seconds().max(0)) { (left(pin.until, now)) }
                (after)
            }
            form method="post" action="/admin/pin/stop" {
                (ctx.csrf())
                button.primary type="submit" { (s.pin_stop) }
            }
        }
    })
}

/// The dashboard's card: what holds the screen, or the one tap that shows the QR code.
pub fn card(ctx: &Ctx<'_>, content: &Content, now: DateTime<Utc>) -> Markup {
    let s = words(ctx);
    html! {
        section.pin-card aria-labelledby="pin-title" {
            h2 #pin-title { (s.pin_title) }
            @if let Some(holding) = holding(ctx, content, now) {
                (holding)
            } @else {
                div.pin-actions {
                    form method="post" action="/admin/pin" {
                        (ctx.csrf())
                        input type="hidden" name="what" value="community";
                        input type="hidden" name="minutes" value=(DEFAULT_MINUTES);
                        button.primary type="submit" { (s.pin_qr) " · " (DEFAULT_MINUTES) " min" }
                    }
                    a.button href="/admin/pin" { (s.pin_other) }
                }
            }
        }
    }
}

/// The form: what to show (the QR code, an announcement, a message) and for how long.
fn form_view(ctx: &Ctx<'_>, content: &Content, form: &PinForm, errors: &Errors) -> Markup {
    let s = words(ctx);
    let second = content.display.second();
    let minutes = if form.minutes.is_empty() {
        DEFAULT_MINUTES.to_string()
    } else {
        form.minutes.clone()
    };
    let chosen = |w: &str| form.what == w || (form.what.is_empty() && w == "community");
    let tr_label = second.map(|l| s.pin_translation.replace("{language}", l.endonym()));
    let announcements: Vec<(usize, &str)> = (content.announcements.iter().enumerate())
        .map(|(i, a)| (i, a.title.as_str()))
        .collect();
    html! {
        p.lead { (s.pin_intro) }
        form.card #pin-form method="post" action="/admin/pin" {
            (ctx.csrf())
            fieldset.field {
                legend { (s.pin_what) }
                label.choice { input type="radio" name="what" value="community" checked[chosen("community")]; " " (s.pin_qr) }
                @if !announcements.is_empty() {
                    label.choice { input type="radio" name="what" value="announcement" checked[chosen("announcement")]; " " (s.pin_announcement) }
                    select name="announcement" aria-label=(s.pin_announcement) {
                        @for (i, title) in &announcements {
                            option value=(i) selected[form.announcement == i.to_string()] { (title) }
                        }
                    }
                }
                label.choice { input type="radio" name="what" value="message" checked[chosen("message")]; " " (s.pin_message) }
            }
            (Field::new(s.pin_message_field, "message", &form.message, errors).max(PIN_MESSAGE).hint(s.pin_message_hint))
            @if let Some(label) = &tr_label {
                (Field::new(label, "tr.message", &form.tr_message, errors).max(PIN_MESSAGE))
            }
            (Field::new(s.pin_minutes, "minutes", &minutes, errors).kind(Kind::Number))
            div.actions {
                button.primary type="submit" { (s.pin_go) }
                a.button href="/admin" { (ctx.t.cancel) }
            }
        }
    }
}

fn render(
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    content: &Content,
    form: &PinForm,
    errors: &Errors,
    now: DateTime<Utc>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let s = words(&ctx);
    let errors = errors.localized(ui.t);
    let body = html! {
        @if let Some(holding) = holding(&ctx, content, now) { (holding) }
        (form_view(&ctx, content, form, &errors))
    };
    ui.html(status, page(&ctx, s.pin_title, Nav::Elsewhere, body))
}

/// `GET /admin/pin`.
pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    render(
        &ui,
        &admin,
        StatusCode::OK,
        &snapshot.content,
        &PinForm::default(),
        &Errors::default(),
        state.clock.now(),
    )
}

/// The pin the form asks for, or what to fix, each beside its field.
fn read(form: &PinForm, content: &Content, by: &str, now: DateTime<Utc>) -> Result<Pin, Errors> {
    let mut errors = Errors::default();
    let minutes = form.minutes.trim().parse::<u32>().ok();
    let (min, max) = (PIN_MIN_MINUTES, PIN_MAX_MINUTES);
    let minutes = minutes.filter(|m| (min..=max).contains(m));
    if minutes.is_none() {
        errors.add("minutes", crate::content::Problem::PinMinutes { min, max });
    }
    let shows = match form.what.as_str() {
        "announcement" => match form.announcement.parse::<usize>() {
            Ok(i) if i < content.announcements.len() => {
                Some(Pinned::Announcement(content.announcements[i].title.clone()))
            }
            _ => {
                errors.add("what", crate::content::Problem::Empty);
                None
            }
        },
        "message" => Some(Pinned::Message(form.message.trim().to_owned())),
        _ => Some(Pinned::Community),
    };
    let mut translations = crate::content::Translations::default();
    if matches!(shows, Some(Pinned::Message(_))) {
        if let Some(second) = content.display.second() {
            let message = form.tr_message.trim().to_owned();
            translations.insert(second, PinText { message });
        }
    }
    match (shows, minutes) {
        (Some(shows), Some(minutes)) if errors.is_empty() => Ok(Pin {
            shows,
            translations,
            by: by.to_owned(),
            since: now,
            until: now + chrono::Duration::minutes(i64::from(minutes)),
        }),
        _ => Err(errors),
    }
}

/// The content's field names, as the form names them.
fn form_field(field: &str) -> String {
    if field == "pin.shows.message" {
        return "message".to_owned();
    }
    if field.starts_with("pin.translations.") {
        return "tr.message".to_owned();
    }
    field.to_owned()
}

/// `POST /admin/pin`: shows it now.
pub async fn start(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, form): AdminForm<PinForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let snapshot = state.store.current();
    let refuse = |errors: &Errors| {
        render(
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            &snapshot.content,
            &form,
            errors,
            now,
        )
    };
    let pin = match read(&form, &snapshot.content, &admin.name, now) {
        Ok(pin) => pin,
        Err(errors) => return Ok(refuse(&errors)),
    };
    let result = save_part(
        &state,
        &admin.name,
        &snapshot.etag,
        "",
        |c| c.pin.clone(),
        |c| {
            c.pin = Some(pin);
            Some(())
        },
    )
    .await;
    match result {
        Ok(()) => Ok(done("/admin", Flash::Saved)),
        Err(Refusal::Invalid(errors)) => {
            let mut mine = Errors::default();
            for e in errors.0 {
                mine.add(&form_field(&e.field), e.message);
            }
            Ok(refuse(&mine))
        }
        Err(Refusal::Stale(_)) => Ok(done("/admin/pin", Flash::Stale)),
        Err(Refusal::Gone) => Err(AppError::NotFound),
        Err(Refusal::Failed(e)) => Err(e),
    }
}

/// `POST /admin/pin/stop`: the slides again, at once.
pub async fn stop(
    State(state): State<AppState>,
    AdminForm(admin, _): AdminForm<StopForm>,
) -> Result<Response, AppError> {
    let snapshot = state.store.current();
    if snapshot.content.pin.is_none() {
        return Ok(done("/admin", Flash::Saved));
    }
    let result = save_part(
        &state,
        &admin.name,
        &snapshot.etag,
        "",
        |c| c.pin.clone(),
        |c| {
            c.pin = None;
            Some(())
        },
    )
    .await;
    match result {
        Ok(()) => Ok(done("/admin", Flash::Saved)),
        Err(Refusal::Stale(_)) => Ok(done("/admin", Flash::Stale)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(_) => Err(AppError::NotFound),
    }
}
