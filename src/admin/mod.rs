//! The admin area under `/admin`: where volunteers change what the till screen shows.
//!
//! One file per page; `views` holds the shell and form pieces they share, `edit` the rule
//! that no edit is ever lost (every form carries the revision it started from).

mod announcements;
mod community;
mod dashboard;
mod edit;
mod groups;
mod history;
mod lists;
mod naming;
mod naming_rules;
mod request;
mod settings;
mod tips;
mod transfer;
mod upload;
mod views;

pub use naming_rules::{follows as follows_naming, proposals as naming_proposals};
pub use request::{language, Ui};
pub use upload::{sniff, ImageKind, Refused, MAX_IMAGE_BYTES};

use crate::auth::Admin;
use crate::content::Language;
use crate::i18n::admin_catalogue;
use crate::AppState;
use announcements::AnnouncementForm as Announcements;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use groups::GroupForm as Groups;
use maud::Markup;
use tips::TipForm as Tips;
use views::{Ctx, Who};

/// Every admin page but login, setup, logout, password and tokens (those are `auth`'s).
pub fn router() -> Router<AppState> {
    let uploads = Router::new()
        .route(
            "/admin/announcements",
            get(lists::list::<Announcements>).post(announcements::create),
        )
        .route(
            "/admin/announcements/{i}",
            get(lists::edit_form::<Announcements>).post(announcements::update),
        )
        .route("/admin/settings/logo", post(settings::upload_logo))
        .route("/admin/import", post(transfer::import))
        .layer(DefaultBodyLimit::max(upload::MAX_UPLOAD_BODY));
    Router::new()
        .route("/admin", get(dashboard::show))
        .route("/admin/lang/{code}", get(request::set_language))
        .route(
            "/admin/community",
            get(community::show).post(community::save),
        )
        .route(
            "/admin/groups",
            get(lists::list::<Groups>).post(lists::create::<Groups>),
        )
        .route("/admin/groups/new", get(lists::new_form::<Groups>))
        .route(
            "/admin/groups/{i}",
            get(lists::edit_form::<Groups>).post(lists::update::<Groups>),
        )
        .route("/admin/groups/{i}/move", post(lists::move_item::<Groups>))
        .route(
            "/admin/groups/{i}/delete",
            post(lists::delete_item::<Groups>),
        )
        .route("/admin/naming", get(naming::show))
        .route("/admin/naming/template", post(naming::save_template))
        .route("/admin/naming/apply", post(naming::apply))
        .route(
            "/admin/tips",
            get(lists::list::<Tips>).post(lists::create::<Tips>),
        )
        .route("/admin/tips/new", get(lists::new_form::<Tips>))
        .route(
            "/admin/tips/{i}",
            get(lists::edit_form::<Tips>).post(lists::update::<Tips>),
        )
        .route("/admin/tips/{i}/move", post(lists::move_item::<Tips>))
        .route("/admin/tips/{i}/delete", post(lists::delete_item::<Tips>))
        .route(
            "/admin/announcements/new",
            get(lists::new_form::<Announcements>),
        )
        .route(
            "/admin/announcements/{i}/move",
            post(lists::move_item::<Announcements>),
        )
        .route(
            "/admin/announcements/{i}/delete",
            post(lists::delete_item::<Announcements>),
        )
        .route("/admin/settings", get(settings::show).post(settings::save))
        .route("/admin/settings/logo/remove", post(settings::remove_logo))
        .route("/admin/history", get(history::show))
        .route("/admin/history/restore", post(history::restore))
        .route("/admin/export", get(transfer::export))
        .merge(uploads)
}

fn who(admin: &Admin) -> Who<'_> {
    Who {
        name: &admin.name,
        csrf: &admin.csrf,
    }
}

/// The admin shell around `body`, in French: for pages outside the menu (login, setup…).
pub fn page(title: &str, admin: Option<&Admin>, body: Markup) -> Markup {
    page_in(Language::Fr, title, admin, body)
}

/// The admin shell in a language (see [`language`] for the one a request asks for).
pub fn page_in(lang: Language, title: &str, admin: Option<&Admin>, body: Markup) -> Markup {
    let ctx = Ctx {
        t: admin_catalogue(lang),
        lang,
        who: admin.map(who),
        flash: None,
        path: "/admin",
    };
    views::page(&ctx, title, views::Nav::None, body)
}
