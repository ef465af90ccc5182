//! What the till's screen really shows: the dashboard's card (the kiosk's last picture, its
//! age, and a black or frozen screen said in words), `/admin/screen` to see it large and ask for
//! a new one, and `/admin/screen.jpg`, the picture itself (`crate::display::screen_picture`).

use super::form::AdminForm;
use super::request::{see_other, Ui};
use super::views::{page, Ctx, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::display::screen_picture::{Shot, ANSWER_WITHIN};
use crate::error::AppError;
use crate::i18n::screen_picture::{screen_picture_catalogue, ScreenPictureCatalogue};
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use std::time::Duration;

/// A picture older than this means the kiosk stopped sending them (it sends one every 5 min).
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// `POST /admin/screen`: nothing but the anti-forgery token.
#[derive(Deserialize, Default)]
pub struct AskForm {}

/// "2 min", "3 h", "moins d'une minute".
fn age(t: &ScreenPictureCatalogue, taken: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - taken).num_minutes().max(0);
    match minutes {
        0 => t.just_now.to_owned(),
        m if m < 120 => t.minutes.replace("{n}", &m.to_string()),
        m => t.hours.replace("{n}", &(m / 60).to_string()),
    }
}

/// What the picture says, in words: black, frozen, too old; or that all is well.
fn verdict(ctx: &Ctx<'_>, shot: &Shot, now: DateTime<Utc>) -> Markup {
    let t = screen_picture_catalogue(ctx.lang);
    let old = (now - shot.taken).to_std().unwrap_or_default() >= STALE_AFTER;
    html! {
        @if old {
            p.screen-alarm role="alert" { "⚠ " (t.stale.replace("{age}", &age(t, shot.taken, now))) }
        }
        @if shot.dark {
            p.screen-alarm role="alert" { (t.dark) }
        }
        @if let Some(since) = shot.frozen_since {
            p.screen-alarm role="alert" { (t.frozen.replace("{time}", &ctx.time(&since))) }
        }
        @if !old && !shot.dark && shot.moving {
            p.screen-fine { (t.looks_fine) }
        }
    }
}

/// The picture with its age, or why there is none; and the request still waiting, if any.
fn picture(
    ctx: &Ctx<'_>,
    shot: Option<&Shot>,
    asked: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Markup {
    let t = screen_picture_catalogue(ctx.lang);
    html! {
        @if let Some(shot) = shot {
            figure.screen-picture {
                img src={ "/admin/screen.jpg?t=" (shot.taken.timestamp()) } alt=(t.alt)
                    width=(shot.width) height=(shot.height);
                figcaption { (t.taken.replace("{age}", &age(t, shot.taken, now))) }
            }
            (verdict(ctx, shot, now))
        } @else {
            p.screen-none { (t.none_yet) }
        }
        @if let Some(asked) = asked {
            @let seconds = (now - asked).num_seconds().max(0);
            @if waiting(asked, now) {
                p.screen-waiting role="status" { (t.waiting.replace("{seconds}", &seconds.to_string())) }
            } @else {
                p.screen-alarm role="alert" { "⚠ " (t.no_answer.replace("{seconds}", &seconds.to_string())) }
            }
        }
    }
}

/// Whether a request made at `asked` may still be answered (else the page says what to check).
fn waiting(asked: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (now - asked).to_std().unwrap_or_default() < ANSWER_WITHIN
}

fn ask_button(ctx: &Ctx<'_>) -> Markup {
    let t = screen_picture_catalogue(ctx.lang);
    html! {
        form.inline method="post" action="/admin/screen" {
            (ctx.csrf())
            button type="submit" { (t.take_now) }
        }
    }
}

/// The dashboard's card.
pub fn card(ctx: &Ctx<'_>, state: &AppState) -> Markup {
    let t = screen_picture_catalogue(ctx.lang);
    let shot = state.screen_picture.latest();
    let now = state.clock.now();
    html! {
        section.screen-card aria-labelledby="screen-picture" {
            h2 #screen-picture { (t.title) }
            (picture(ctx, shot.as_ref(), state.screen_picture.asked(), now))
            div.actions {
                (ask_button(ctx))
                @if shot.is_some() { a.button href="/admin/screen" { (t.open) } }
            }
        }
    }
}

/// `GET /admin/screen`: the picture large. While a request waits, the page reloads itself
/// (it holds no form to type in: nothing is lost).
pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let ctx = Ctx::new(&ui, Some(who(&admin)));
    let t = screen_picture_catalogue(ctx.lang);
    let shot = state.screen_picture.latest();
    let now = state.clock.now();
    let asked = state.screen_picture.asked();
    let waiting = asked.is_some_and(|a| waiting(a, now));
    let body = html! {
        @if waiting { (PreEscaped(r#"<meta http-equiv="refresh" content="5">"#)) }
        (picture(&ctx, shot.as_ref(), asked, now))
        div.actions {
            (ask_button(&ctx))
            a.button href="/admin" { (t.back) }
        }
    };
    ui.ok(page(&ctx, t.title, Nav::Elsewhere, body))
}

/// `POST /admin/screen`: asks the kiosk for a picture now.
pub async fn ask(State(state): State<AppState>, AdminForm(_, _): AdminForm<AskForm>) -> Response {
    state.screen_picture.ask(state.clock.now());
    see_other("/admin/screen")
}

/// `GET /admin/screen.jpg`: the last picture.
pub async fn jpeg(State(state): State<AppState>) -> Result<Response, AppError> {
    crate::display::screen_picture::jpeg(&state)
}
