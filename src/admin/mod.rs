//! The admin app under `/admin`: where volunteers sign in and change what the till screen shows.
//!
//! One router, nested in one place (`crate::app`), that owns all its pages — signing in
//! (`login`), accounts, password, API tokens, and one file per part of the content — behind
//! its fence (`fence`: networks, same-origin changes, headers), with its own fallback and error
//! pages (`errors`) in the admin's language (`request`). A page added to [`pages`] is fenced
//! and behind the login because of where it is. `views` holds the shell and form pieces the
//! pages share, `edit` the rule that no edit is ever lost.

mod account_views;
mod accounts;
mod announcements;
mod community;
mod connected_screens;
mod dashboard;
mod edit;
mod errors;
mod fence;
mod form;
mod groups;
mod history;
mod list_buttons;
mod lists;
mod login;
mod logo;
mod naming;
mod naming_rules;
mod password;
mod phrases;
mod pi_health;
pub(crate) mod pin;
mod request;
mod schedule;
mod screen_picture;
mod session;
mod settings;
mod settings_form;
mod slide_preview;
mod small_forms;
mod tips;
mod tokens;
mod translation;
mod upload;
mod versions;
mod views;

pub use naming_rules::{follows as follows_naming, proposals as naming_proposals};
pub use request::{language, Ui};
pub use upload::{sniff, ImageKind, Refused, MAX_IMAGE_BYTES};

use crate::auth::Volunteer;
use crate::AppState;
use announcements::AnnouncementForm as Announcements;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use groups::GroupForm as Groups;
use tips::TipForm as Tips;
use views::Who;

/// The admin app, to be nested at `/admin` as a service (so that `/admin/` is its own too).
pub fn router(state: &AppState) -> Router {
    fenced(state, pages())
}

/// The admin app around `pages`: the pages anyone may open (login, first setup, welcome,
/// language) beside `pages` behind the login, with the admin's fallback and error pages, all
/// inside the fence.
pub fn fenced(state: &AppState, pages: Router<AppState>) -> Router {
    // Big bodies are read a few at a time, and only once the login was checked.
    let signed_in = pages
        .route_layer(from_fn_with_state(
            state.bodies.clone(),
            crate::http::body::one_at_a_time,
        ))
        .route_layer(from_fn_with_state(
            state.clone(),
            session::require_volunteer,
        ));
    Router::new()
        .merge(login::router())
        .route("/lang/{code}", get(request::set_language))
        .merge(signed_in)
        .fallback(errors::not_found)
        .method_not_allowed_fallback(crate::error::method_not_allowed)
        .layer(from_fn(errors::as_pages))
        .layer(from_fn_with_state(state.clone(), fence::fence))
        .layer(from_fn_with_state(state.hosts.clone(), crate::host::layer))
        .with_state(state.clone())
}

/// Every page that needs a signed-in volunteer (paths relative to `/admin`).
pub fn pages() -> Router<AppState> {
    let uploads = Router::new()
        .route(
            "/announcements",
            get(lists::list::<Announcements>).post(announcements::create),
        )
        .route(
            "/announcements/{id}",
            get(lists::edit_form::<Announcements>).post(announcements::update),
        )
        .route("/settings/logo", post(logo::upload_logo))
        .route("/import", post(history::import))
        .layer(DefaultBodyLimit::max(upload::MAX_UPLOAD_BODY));
    // API tokens write as their account: only admins make them, see them or start a new list.
    let admins_only = accounts::router()
        .merge(tokens::router())
        .route_layer(from_fn(session::require_admin));
    Router::new()
        .route("/", get(dashboard::show))
        .route("/logout", post(login::logout))
        .merge(small_forms::limited(Router::new().route(
            "/password",
            get(password::show).post(password::change),
        )))
        .route("/community", get(community::show).post(community::save))
        // The link's check, the reprint reminder and the planned move to another platform.
        .route("/community/check", post(community::checked))
        .route("/community/reprinted", post(community::reprinted))
        .route("/move", post(community::save_move))
        .route(
            "/move/switch",
            get(community::ask_switch).post(community::switch_now),
        )
        .route(
            "/move/cancel",
            get(community::ask_cancel).post(community::cancel),
        )
        .route("/move/groups", post(community::save_groups))
        .route(
            "/groups",
            get(lists::list::<Groups>).post(lists::create::<Groups>),
        )
        .route("/groups/new", get(lists::new_form::<Groups>))
        .route(
            "/groups/{id}",
            get(lists::edit_form::<Groups>).post(lists::update::<Groups>),
        )
        .route("/groups/{id}/move", post(list_buttons::move_item::<Groups>))
        .route(
            "/groups/{id}/delete",
            post(list_buttons::delete_item::<Groups>),
        )
        .route("/naming", get(naming::show))
        .route("/naming/template", post(naming::save_template))
        .route("/naming/apply", post(naming::apply))
        .route(
            "/tips",
            get(lists::list::<Tips>).post(lists::create::<Tips>),
        )
        .route("/tips/new", get(lists::new_form::<Tips>))
        .route(
            "/tips/{id}",
            get(lists::edit_form::<Tips>).post(lists::update::<Tips>),
        )
        .route("/tips/{id}/move", post(list_buttons::move_item::<Tips>))
        .route("/tips/{id}/preview", get(slide_preview::tip))
        .route(
            "/announcements/{id}/preview",
            get(slide_preview::announcement),
        )
        .route("/tips/{id}/delete", post(list_buttons::delete_item::<Tips>))
        .route("/announcements/new", get(lists::new_form::<Announcements>))
        .route(
            "/announcements/{id}/move",
            post(list_buttons::move_item::<Announcements>),
        )
        .route(
            "/announcements/{id}/delete",
            post(list_buttons::delete_item::<Announcements>),
        )
        .route("/settings", get(settings::show).post(settings::save))
        .route("/phrases", get(phrases::show).post(phrases::save))
        .route("/settings/logo/remove", post(logo::remove_logo))
        .route("/pin", get(pin::show).post(pin::start))
        .route("/pin/stop", post(pin::stop))
        .route(
            "/screen",
            get(screen_picture::show).post(screen_picture::ask),
        )
        .route("/screen.jpg", get(screen_picture::jpeg))
        .route("/history", get(history::show))
        .route("/history/restore", post(history::restore))
        .route("/history/item", post(history::restore_item))
        .route("/history/undo", post(history::undo))
        .route("/export", get(history::export))
        .merge(uploads)
        .merge(admins_only)
}

fn who(volunteer: &Volunteer) -> Who<'_> {
    Who {
        name: &volunteer.name,
        csrf: &volunteer.csrf,
        admin: volunteer.is_admin(),
    }
}
