//! `/admin/community`: the platform and invite link the QR code leads to, the name and the
//! call to action; links to the QR code files, the poster and the guide.

use super::edit::{save_edit, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::views::{page, refusal_notices, Ctx, Field, Kind, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::content::{check_invite_link, Community, Platform};
use crate::error::AppError;
use crate::i18n::AdminCatalogue;
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
    name: String,
    call_to_action: String,
}

impl CommunityForm {
    fn from(c: &Community, etag: &str) -> Self {
        CommunityForm {
            etag: etag.to_owned(),
            platform: c.platform.key().to_owned(),
            invite_link: c.invite_link.clone(),
            name: c.name.clone(),
            call_to_action: c.call_to_action.clone(),
        }
    }
}

/// The link as the platform's app copies it, without what it adds around the invitation:
/// WhatsApp appends `?mode=…` to copied links, and a trailing slash is easy to paste.
fn tidy_invite_link(platform: Platform, link: &str) -> String {
    let link = link.trim();
    match platform {
        Platform::Whatsapp => link
            .split(['?', '#'])
            .next()
            .unwrap_or(link)
            .trim_end_matches('/')
            .to_owned(),
        _ => link.to_owned(),
    }
}

fn platform_label(t: &AdminCatalogue, p: Platform) -> &'static str {
    match p {
        Platform::Other => t.platform_other,
        p => p.label(),
    }
}

fn view(ctx: &Ctx<'_>, form: &CommunityForm, errors: &Errors, stale: Option<&Stale>) -> Markup {
    let t = ctx.t;
    let shown = ["platform", "invite_link", "name", "call_to_action"];
    html! {
        p.lead { (t.community_intro) }
        (refusal_notices(ctx, errors, stale, &shown))
        form.card method="post" action="/admin/community" {
            (ctx.tokens(&form.etag))
            div.field.has-error[errors.get("platform").is_some()] {
                label for="platform" { (t.platform) }
                @if let Some(e) = errors.get("platform") { p.error { (e) } }
                select #platform name="platform" {
                    @for p in Platform::ALL {
                        option value=(p.key()) selected[p.key() == form.platform] { (platform_label(t, p)) }
                    }
                }
            }
            (Field::new(t.invite_link, "invite_link", &form.invite_link, errors)
                .kind(Kind::Url).hint(t.invite_link_examples).max(500).required())
            (Field::new(t.community_name, "name", &form.name, errors).max(80).required())
            (Field::new(t.call_to_action, "call_to_action", &form.call_to_action, errors)
                .hint(t.call_to_action_hint).max(120).required())
            div.actions { button.primary type="submit" { (t.save) } }
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

fn render(
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    form: &CommunityForm,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    ui.html(
        status,
        page(
            &ctx,
            ui.t.community_title,
            Nav::Community,
            view(&ctx, form, errors, stale),
        ),
    )
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let form = CommunityForm::from(&snapshot.content.community, &snapshot.etag);
    render(&ui, &admin, StatusCode::OK, &form, &Errors::default(), None)
}

pub async fn save(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, mut form): AdminForm<CommunityForm>,
) -> Result<Response, AppError> {
    form.name = form.name.trim().to_owned();
    form.call_to_action = form.call_to_action.trim().to_owned();
    let platform = Platform::ALL.into_iter().find(|p| p.key() == form.platform);
    form.invite_link = tidy_invite_link(platform.unwrap_or(Platform::Other), &form.invite_link);
    let Some(platform) = platform else {
        let errors = Errors::one("platform", ui.t.bad_form);
        return Ok(render(
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            &errors,
            None,
        ));
    };
    // Checked here too so that the message sits next to the link even if other fields fail.
    let mut errors = Errors::default();
    if let Err(message) = check_invite_link(platform, &form.invite_link) {
        errors.add("invite_link", message);
    }
    let edit = Community {
        name: form.name.clone(),
        platform,
        invite_link: form.invite_link.clone(),
        call_to_action: form.call_to_action.clone(),
    };
    let result = save_edit(&state, &admin.name, &form.etag, "community.", |c| {
        c.community = edit;
        Some(())
    })
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
                &ui,
                &admin,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                &invalid,
                None,
            ))
        }
        Err(Refusal::Stale(stale)) => {
            form.etag = stale.etag.clone();
            Ok(render(
                &ui,
                &admin,
                StatusCode::CONFLICT,
                &form,
                &errors,
                Some(&stale),
            ))
        }
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatsapp_links_lose_what_the_app_adds() {
        let copied = " https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=ems_copy_t ";
        let tidy = tidy_invite_link(Platform::Whatsapp, copied);
        assert_eq!(tidy, "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv");
        assert!(check_invite_link(Platform::Whatsapp, &tidy).is_ok());
        assert_eq!(
            tidy_invite_link(Platform::Signal, "https://signal.group/#CjQKIabc"),
            "https://signal.group/#CjQKIabc"
        );
    }
}
