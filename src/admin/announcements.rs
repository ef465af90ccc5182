//! `/admin/announcements`: the coop's messages, each with an optional picture uploaded in the
//! same form (multipart); the picture is checked from its bytes and stored under its hash.

use super::edit::{save_edit, Errors, Refusal, Stale};
use super::groups::gone;
use super::lists::list_actions;
use super::request::{done, Flash, Ui};
use super::tips::clean_text;
use super::upload::{read_upload, store_picture, MAX_IMAGE_BYTES};
use super::views::{checkbox, page, refusal_notices, Ctx, Field, Kind, Nav};
use super::who;
use crate::auth::Admin;
use crate::content::{is_image_name, Announcement, Content};
use crate::error::AppError;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

/// The form as typed; `image` is the picture kept from before (or just uploaded).
#[derive(Default)]
struct AnnouncementForm {
    etag: String,
    title: String,
    text: String,
    image: String,
    remove_image: bool,
}

fn list_view(ctx: &Ctx<'_>, content: &Content, etag: &str) -> Markup {
    let t = ctx.t;
    let count = content.announcements.len();
    html! {
        p.lead { (t.announcements_intro) }
        p.toolbar { a.button.primary href="/admin/announcements/new" { "+ " (t.add_announcement) } }
        @if content.announcements.is_empty() { p.empty { (t.no_announcements) } }
        ol.items {
            @for (i, a) in content.announcements.iter().enumerate() {
                li.item #{"item-" (i)} {
                    @if let Some(img) = &a.image {
                        img.thumb src={ "/media/" (img) } alt="" loading="lazy";
                    }
                    div.item-main {
                        a.item-title href={ "/admin/announcements/" (i) } { (a.title) }
                        @if !a.text.is_empty() { p.item-text { (a.text) } }
                    }
                    (list_actions(ctx, "announcements", i, count, etag, &a.title))
                }
            }
        }
    }
}

pub async fn list(State(state): State<AppState>, admin: Admin, ui: Ui) -> Response {
    let snapshot = state.store.current();
    let ctx = Ctx::new(&ui, Some(who(&admin)));
    ui.ok(page(
        &ctx,
        ui.t.announcements_title,
        Nav::Announcements,
        list_view(&ctx, &snapshot.content, &snapshot.etag),
    ))
}

fn render_form(
    ui: &Ui,
    admin: &Admin,
    status: StatusCode,
    index: Option<usize>,
    form: &AnnouncementForm,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let errors = &errors.localized(ui.t);
    let t = ui.t;
    let action = index.map_or("/admin/announcements".to_owned(), |i| {
        format!("/admin/announcements/{i}")
    });
    let image_error = errors.get("image");
    let body = html! {
        (refusal_notices(&ctx, errors, stale, &["title", "text", "image"]))
        form.card method="post" action=(action) enctype="multipart/form-data" {
            (ctx.tokens(&form.etag))
            (Field::new(t.announcement_title, "title", &form.title, errors).max(80).required())
            (Field::new(t.announcement_text, "text", &form.text, errors)
                .kind(Kind::Textarea).max(400).optional(t.optional))
            div.field.has-error[image_error.is_some()] {
                label for="image_file" { (t.announcement_image) " " span.optional { "(" (t.optional) ")" } }
                @if let Some(e) = &image_error { p.error #image-error { (e) } }
                @if is_image_name(&form.image) {
                    input type="hidden" name="image" value=(form.image);
                    div.current-image {
                        img.thumb src={ "/media/" (form.image) } alt=(t.current_image);
                        (checkbox(t.remove_image, "remove_image", form.remove_image, None))
                    }
                }
                input #image_file type="file" name="image_file" accept="image/png,image/jpeg,image/webp"
                    aria-describedby="image-hint" aria-invalid=[image_error.as_ref().map(|_| "true")];
                p.hint #image-hint { (t.image_hint) }
            }
            div.actions {
                button.primary type="submit" { (t.save) }
                a.button href="/admin/announcements" { (t.cancel) }
            }
        }
    };
    let title = if index.is_some() {
        t.edit_announcement
    } else {
        t.add_announcement
    };
    ui.html(status, page(&ctx, title, Nav::Announcements, body))
}

pub async fn new_form(State(state): State<AppState>, admin: Admin, ui: Ui) -> Response {
    let form = AnnouncementForm {
        etag: state.store.current().etag.clone(),
        ..AnnouncementForm::default()
    };
    render_form(
        &ui,
        &admin,
        StatusCode::OK,
        None,
        &form,
        &Errors::default(),
        None,
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    admin: Admin,
    ui: Ui,
    Path(i): Path<usize>,
) -> Response {
    let snapshot = state.store.current();
    match snapshot.content.announcements.get(i) {
        Some(a) => {
            let form = AnnouncementForm {
                etag: snapshot.etag.clone(),
                title: a.title.clone(),
                text: a.text.clone(),
                image: a.image.clone().unwrap_or_default(),
                remove_image: false,
            };
            render_form(
                &ui,
                &admin,
                StatusCode::OK,
                Some(i),
                &form,
                &Errors::default(),
                None,
            )
        }
        None => gone(&ui, &admin, "/admin/announcements"),
    }
}

pub async fn create(
    State(state): State<AppState>,
    admin: Admin,
    ui: Ui,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    save(state, ui, admin, None, body).await
}

pub async fn update(
    State(state): State<AppState>,
    admin: Admin,
    ui: Ui,
    Path(i): Path<usize>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    save(state, ui, admin, Some(i), body).await
}

async fn save(
    state: AppState,
    ui: Ui,
    admin: Admin,
    index: Option<usize>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let back = "/admin/announcements";
    let mut upload =
        match read_upload(&ui, &admin, body, "image_file", MAX_IMAGE_BYTES, back).await? {
            Ok(upload) => upload,
            Err(page) => return Ok(page),
        };
    let mut form = AnnouncementForm {
        etag: upload.field("etag").to_owned(),
        title: upload.field("title").trim().to_owned(),
        text: clean_text(upload.field("text")),
        image: upload.field("image").trim().to_owned(),
        remove_image: !upload.field("remove_image").is_empty(),
    };
    match store_picture(&state, &ui, &mut upload).await {
        Ok(Some(name)) => {
            // A new picture replaces the old one, even if "remove" was ticked.
            form.image = name;
            form.remove_image = false;
        }
        Ok(None) => {}
        Err((status, message)) => {
            let errors = Errors::one("image", message);
            return Ok(render_form(
                &ui, &admin, status, index, &form, &errors, None,
            ));
        }
    }
    let announcement = Announcement {
        title: form.title.clone(),
        text: form.text.clone(),
        image: (!form.image.is_empty() && !form.remove_image).then(|| form.image.clone()),
    };
    let at = index.unwrap_or(state.store.current().content.announcements.len());
    let prefix = format!("announcements[{at}].");
    let result = save_edit(&state, &admin.name, &form.etag, &prefix, |c| {
        match index {
            Some(i) => *c.announcements.get_mut(i)? = announcement,
            None => c.announcements.push(announcement),
        }
        Some(())
    })
    .await;
    match result {
        Ok(()) => Ok(done(&format!("{back}#item-{at}"), Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Gone) => Ok(gone(&ui, &admin, back)),
        Err(Refusal::Invalid(errors)) => {
            if errors.get("image").is_some() {
                // A forged or stale picture name: forget it rather than show a broken image.
                form.image.clear();
            }
            Ok(render_form(
                &ui,
                &admin,
                StatusCode::UNPROCESSABLE_ENTITY,
                index,
                &form,
                &errors,
                None,
            ))
        }
        Err(Refusal::Stale(stale)) => {
            form.etag = stale.etag.clone();
            Ok(render_form(
                &ui,
                &admin,
                StatusCode::CONFLICT,
                index,
                &form,
                &Errors::default(),
                Some(&stale),
            ))
        }
    }
}
