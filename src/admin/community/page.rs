//! `/admin/community`: the platform and invite link the QR code leads to (and what kind of
//! link it is), the name and the call to action, the link's last check, the planned move
//! (`platform_move.rs`); links to the QR code files, the poster and the guide.

use super::platform_move_form::{
    check_block, kind_select, parse_kind, platform_label, section, PlatformMoveForm,
};
use crate::admin::edit::{save_part, tag, Errors, Refusal, Stale};
use crate::admin::form::AdminForm;
use crate::admin::request::{done, Flash, Ui};
use crate::admin::translation::{self, Beside};
use crate::admin::versions::{versions, Versions};
use crate::admin::views::{page, refusal_notices, Ctx, Field, Kind, Nav};
use crate::admin::who;
use crate::auth::Volunteer;
use crate::content::{
    check_invite_link, complete_scheme, CommunityText, Content, LinkKind, Platform,
};
use crate::error::AppError;
use crate::i18n::platform_move_catalogue;
use crate::i18n::AdminCatalogue;
use crate::limits::content as limits;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

/// The form as typed: strings only, so that nothing a browser sends fails to deserialize.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CommunityForm {
    etag: String,
    platform: String,
    invite_link: String,
    link_kind: String,
    name: String,
    call_to_action: String,
    #[serde(rename = "tr.lang")]
    tr_lang: String,
    #[serde(rename = "tr.name")]
    tr_name: String,
    #[serde(rename = "tr.call_to_action")]
    tr_call_to_action: String,
}

impl CommunityForm {
    fn from(content: &Content, etag: &str) -> Self {
        let c = &content.community;
        let tr_lang = translation::code_for(content);
        let tr = translation::of(&c.translations, &tr_lang);
        CommunityForm {
            tr_lang,
            tr_name: tr.name,
            tr_call_to_action: tr.call_to_action,
            etag: etag.to_owned(),
            platform: c.platform.key().to_owned(),
            invite_link: c.invite_link.clone(),
            link_kind: c.link_kind.key().to_owned(),
            name: c.name.clone(),
            call_to_action: c.call_to_action.clone(),
        }
    }
}

/// What this form edits of the content: a save applies when it is unchanged since the form
/// was opened, whatever else changed (a group, a tip, the move's plan…).
fn edited_part(c: &Content) -> impl PartialEq + serde::Serialize {
    let com = &c.community;
    (
        com.name.clone(),
        com.platform,
        com.invite_link.clone(),
        com.link_kind,
        com.call_to_action.clone(),
        com.translations.clone(),
    )
}

/// One version of the form, for the side-by-side comparison of a conflict.
fn summary<'a>(
    form: &CommunityForm,
    t: &'static AdminCatalogue,
    tr: &'a Beside<'_>,
    tr_labels: &'a (String, String),
) -> Vec<(&'a str, String)> {
    let platform = Platform::ALL
        .into_iter()
        .find(|p| p.key() == form.platform)
        .map_or(form.platform.clone(), |p| platform_label(t, p).to_owned());
    let mut rows = vec![
        (t.platform, platform),
        (t.invite_link, form.invite_link.clone()),
        (t.community_name, form.name.clone()),
        (t.call_to_action, form.call_to_action.clone()),
    ];
    if tr.lang.is_some() {
        rows.push((&tr_labels.0, form.tr_name.clone()));
        rows.push((&tr_labels.1, form.tr_call_to_action.clone()));
    }
    rows
}

fn view(
    ctx: &Ctx<'_>,
    c: &Content,
    etag: &str,
    form: &CommunityForm,
    errors: &Errors,
    stale: Option<&Stale>,
    move_sent: Option<(&PlatformMoveForm, &Errors)>,
) -> Markup {
    let t = ctx.t;
    let m = platform_move_catalogue(ctx.lang);
    let shown = [
        "platform",
        "invite_link",
        "link_kind",
        "name",
        "call_to_action",
        "tr.name",
        "tr.call_to_action",
    ];
    let errors = &translation::form_errors(errors, &form.tr_lang);
    let tr = Beside::new(ctx, &form.tr_lang, errors);
    let (name_in, cta_in) = (tr.label(t.community_name), tr.label(t.call_to_action));
    let labels = (name_in.clone(), cta_in.clone());
    html! {
        p.lead { (t.community_intro) }
        @if move_sent.is_some() {
            // The refused plan is further down: say so where the page opens.
            div.notice.danger role="alert" {
                p.notice-title { (t.not_saved_fix_fields) }
                p { a href="#move-form" { (m.move_title) } }
            }
        }
        @if stale.is_some() {
            // Someone changed these very fields: both versions, mine kept in the form.
            @let mine = summary(form, t, &tr, &labels);
            @let theirs = summary(&CommunityForm::from(c, etag), t, &tr, &labels);
            (versions(ctx, &Versions {
                title: t.conflict_page_title,
                saved: stale.and_then(|s| s.saved.as_ref()),
                mine: &mine,
                theirs: Some(&theirs),
                form: "community-form",
                draft_from: "/admin/community",
                draft_to: "/admin/community",
                take_theirs: ("/admin/community", t.conflict_take_theirs),
            }))
        }
        (refusal_notices(ctx, errors, None, &shown))
        form.card #community-form method="post" action="/admin/community" {
            (ctx.tokens(&form.etag))
            (tr.hidden())
            div.field.has-error[errors.get("platform").is_some()] {
                label for="platform" { (t.platform) }
                @if let Some(e) = errors.get("platform") { p.error { (e) } }
                select #platform name="platform" {
                    @for p in Platform::ALL {
                        option value=(p.key()) selected[p.key() == form.platform] { (platform_label(t, p)) }
                    }
                }
            }
            // Text, not url: a link pasted without https:// is completed by the save.
            (Field::new(t.invite_link, "invite_link", &form.invite_link, errors)
                .kind(Kind::Text).hint(t.invite_link_examples).max(limits::LINK).required())
            (kind_select(m, "link_kind", &form.link_kind))
            (tr.pair(
                html! { (Field::new(t.community_name, "name", &form.name, errors).max(limits::COMMUNITY_NAME).required()) },
                html! { (tr.field(&name_in, "tr.name", &form.tr_name).hint(tr.b.same_name_hint).max(limits::COMMUNITY_NAME)) },
            ))
            (tr.pair(
                html! { (Field::new(t.call_to_action, "call_to_action", &form.call_to_action, errors)
                    .hint(t.call_to_action_hint).max(limits::CALL_TO_ACTION).required()) },
                html! { (tr.field(&cta_in, "tr.call_to_action", &form.tr_call_to_action)
                    .hint(tr.b.empty_hint).max(limits::CALL_TO_ACTION)) },
            ))
            div.actions { button.primary type="submit" { (t.save) } }
        }
        section.card #check {
            h2 { (m.check_title) }
            p.hint { (m.check_hint) }
            (check_block(ctx, m, etag, c.community.link_checked.as_ref(), "current", c.has_example_link()))
        }
        @match move_sent {
            // Refused: the form as it was sent, still against the version it was opened on.
            Some((form, errors)) => (section(ctx, c, etag, form, errors)),
            None => (section(ctx, c, etag, &PlatformMoveForm::from(c), &Errors::default())),
        }
        section.card {
            h2 { (t.qr_title) }
            p { (t.qr_text) }
            div.qr-row {
                img.qr-thumb src="/qr.svg" alt="" width="160" height="160";
                ul.links {
                    li { a href="/qr.svg" download="qr-code.svg" { (t.qr_svg) } }
                    li { a href="/qr.png" download="qr-code.png" { (t.qr_png) } }
                    li { a href="/poster" target="_blank" { (t.poster) } }
                    li { a href="/guide" target="_blank" { (t.guide) } }
                }
            }
        }
    }
}

/// What the community page shows beside its own form.
enum Aside<'a> {
    Nothing,
    /// Someone changed the community meanwhile.
    Stale(&'a Stale),
    /// The move's form, refused: as it was sent, with its problems (in the admin's words).
    Move(&'a PlatformMoveForm, &'a Errors),
}

fn render(
    state: &AppState,
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    form: &CommunityForm,
    errors: &Errors,
    aside: Aside<'_>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    let (stale, move_sent) = match aside {
        Aside::Nothing => (None, None),
        Aside::Stale(stale) => (Some(stale), None),
        Aside::Move(form, errors) => (None, Some((form, errors))),
    };
    let snapshot = state.store.current();
    ui.html(
        status,
        page(
            &ctx,
            ui.t.community_title,
            Nav::Community,
            view(
                &ctx,
                &snapshot.content,
                &snapshot.etag,
                form,
                errors,
                stale,
                move_sent,
            ),
        ),
    )
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let form = CommunityForm::from(&snapshot.content, &tag(&edited_part(&snapshot.content)));
    render(
        &state,
        &ui,
        &admin,
        StatusCode::OK,
        &form,
        &Errors::default(),
        Aside::Nothing,
    )
}

/// The community page with the move's form as it was sent and its problems beside its fields.
pub fn move_refused(
    state: &AppState,
    ui: &Ui,
    admin: &Volunteer,
    form: &PlatformMoveForm,
    errors: &Errors,
) -> Response {
    let snapshot = state.store.current();
    let community = CommunityForm::from(&snapshot.content, &tag(&edited_part(&snapshot.content)));
    render(
        state,
        ui,
        admin,
        StatusCode::UNPROCESSABLE_ENTITY,
        &community,
        &Errors::default(),
        Aside::Move(form, &errors.localized(ui.t)),
    )
}

pub async fn save(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, mut form): AdminForm<CommunityForm>,
) -> Result<Response, AppError> {
    form.name = form.name.trim().to_owned();
    form.call_to_action = form.call_to_action.trim().to_owned();
    form.tr_name = form.tr_name.trim().to_owned();
    form.tr_call_to_action = form.tr_call_to_action.trim().to_owned();
    let platform = Platform::ALL.into_iter().find(|p| p.key() == form.platform);
    // What was pasted stays as it was (shown again if refused); only a missing https:// is added.
    let link = complete_scheme(&form.invite_link);
    let Some(platform) = platform else {
        let errors = Errors::one("platform", ui.t.bad_form);
        return Ok(render(
            &state,
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            &errors,
            Aside::Nothing,
        ));
    };
    // Checked here too so that the message sits next to the link even if other fields fail.
    let mut errors = Errors::default();
    if let Err(message) = check_invite_link(platform, &link) {
        errors.add("invite_link", message);
    }
    let kind = match platform {
        Platform::Whatsapp | Platform::Matrix => parse_kind(&form.link_kind),
        _ => LinkKind::Group,
    };
    let now = state.clock.now();
    let (name, call_to_action) = (form.name.clone(), form.call_to_action.clone());
    let translated = CommunityText {
        name: form.tr_name.clone(),
        call_to_action: form.tr_call_to_action.clone(),
    };
    let tr_lang = form.tr_lang.clone();
    let result = save_part(
        &state,
        &admin.name,
        &form.etag,
        "community.",
        edited_part,
        |c| {
            // Nothing was printed with the example link: replacing it asks for no reprint.
            let printed = !c.has_example_link();
            let com = &mut c.community;
            if com.invite_link != link || com.platform != platform {
                // Posters printed until now show the old link; the new one was never confirmed.
                if printed {
                    com.reprint_since = Some(now);
                }
                com.link_checked = None;
            }
            com.name = name;
            com.platform = platform;
            com.invite_link = link;
            com.link_kind = kind;
            com.call_to_action = call_to_action;
            com.translations = translation::merged(&com.translations, &tr_lang, translated);
            Some(())
        },
    )
    .await;
    match result {
        Ok(()) => Ok(done("/admin/community", Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Invalid(mut invalid)) => {
            // The link's error is already in `invalid`; keep ours only if it is not.
            if invalid.get("invite_link").is_none() {
                invalid.0.extend(errors.0);
            }
            Ok(render(
                &state,
                &ui,
                &admin,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                &invalid,
                Aside::Nothing,
            ))
        }
        Err(Refusal::Stale(stale)) => {
            form.etag = stale.etag.clone();
            Ok(render(
                &state,
                &ui,
                &admin,
                StatusCode::CONFLICT,
                &form,
                &errors,
                Aside::Stale(&stale),
            ))
        }
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_keeps_what_was_pasted_and_gains_its_https() {
        let copied = " chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=ems_copy_t ";
        let link = complete_scheme(copied);
        assert_eq!(
            link,
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=ems_copy_t"
        );
        assert!(check_invite_link(Platform::Whatsapp, &link).is_ok());
    }
}
