//! The move changed by someone else while a volunteer was acting on it (its plan, its groups'
//! links, its switch, cancel and "I checked this link" buttons): both versions side by side,
//! with the volunteer's own kept ready to be sent again, so that nothing is overwritten
//! silently.

use super::platform_move_form::PlatformMoveForm;
use crate::admin::edit::Stale;
use crate::admin::request::Ui;
use crate::admin::versions::{versions, Versions};
use crate::admin::views::{page, Ctx, Nav};
use crate::content::{Content, GroupMove, Platform};
use crate::i18n::{platform_move_catalogue, AdminCatalogue, PlatformMoveCatalogue};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

/// One version as a volunteer reads it: each field's label and value.
pub type Rows<'a> = Vec<(&'a str, String)>;

/// A plan of the move, as its form says it.
pub fn plan_rows<'a>(
    t: &AdminCatalogue,
    m: &'a PlatformMoveCatalogue,
    f: &PlatformMoveForm,
) -> Rows<'a> {
    let platform = Platform::ALL
        .into_iter()
        .find(|p| p.key() == f.next_platform)
        .map_or(f.next_platform.clone(), |p| match p {
            Platform::Other => t.platform_other.to_owned(),
            p => p.label().to_owned(),
        });
    let kind = if f.next_kind == "group" {
        m.link_kind_group
    } else {
        m.link_kind_community
    };
    let mut rows = vec![
        (m.next_platform, platform),
        (m.next_link, f.next_link.trim().to_owned()),
        (m.link_kind, kind.to_owned()),
        (m.switch_on, f.switch_on.trim().to_owned()),
        (m.move_message, f.message.trim().to_owned()),
    ];
    if let Some(lang) = crate::content::ScreenLanguage::from_code(&f.tr_lang) {
        rows.push((lang.endonym(), f.tr_message.trim().to_owned()));
    }
    rows
}

/// One group on the next platform: its link, and whether it is already there.
pub fn group_value(m: &PlatformMoveCatalogue, g: Option<&GroupMove>) -> String {
    let g = g.cloned().unwrap_or_default();
    let link = g.link.unwrap_or_default();
    match g.moved {
        true if link.is_empty() => format!("✓ {}", m.already_there),
        true => format!("{link} (✓ {})", m.already_there),
        false => link,
    }
}

/// The plan of `c` and its groups' links, or `None` when `c` has no move planned.
pub fn move_rows<'a>(
    t: &AdminCatalogue,
    m: &'a PlatformMoveCatalogue,
    c: &'a Content,
) -> Option<Rows<'a>> {
    c.next()?;
    let mut rows = plan_rows(t, m, &PlatformMoveForm::from(c));
    rows.extend(
        c.groups
            .iter()
            .map(|g| (g.name.as_str(), group_value(m, g.next.as_ref()))),
    );
    Some(rows)
}

/// What the conflict page shows.
pub struct Conflict<'a> {
    pub stale: &'a Stale,
    pub mine: &'a Rows<'a>,
    pub theirs: Option<&'a Rows<'a>>,
    /// The `id` of the form below that sends mine again, and that form.
    pub form: &'a str,
    pub again: Markup,
}

/// The page (409) with both versions of the move, mine ready to be sent again.
pub fn page_of(ui: &Ui, admin: &crate::auth::Volunteer, c: &Conflict<'_>) -> Response {
    let ctx = Ctx::new(ui, Some(crate::admin::who(admin)));
    let t = ui.t;
    let m = platform_move_catalogue(ui.lang);
    let body = html! {
        (versions(&ctx, &Versions {
            title: m.move_conflict_title,
            saved: c.stale.saved.as_ref(),
            mine: c.mine,
            theirs: c.theirs.map(Vec::as_slice),
            form: c.form,
            draft_from: "/admin/community",
            draft_to: "/admin/community",
            take_theirs: ("/admin/community#move", t.conflict_take_theirs),
        }))
        section.card #move {
            h2 { (m.move_title) }
            (c.again)
        }
    };
    ui.html(
        StatusCode::CONFLICT,
        page(&ctx, t.community_title, Nav::Community, body),
    )
}
