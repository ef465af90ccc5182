//! `/admin/announcements`: the coop's messages, each with an optional picture uploaded in the
//! same form (multipart); the picture is checked from its bytes and stored under its hash.

use super::edit::{tag, Errors, Stale};
use super::list_buttons::list_actions;
use super::lists::{in_content, item_path, render_form, save as save_item, ItemForm, Titles};
use super::request::Ui;
use super::schedule::{badge, when, words, ScheduleForm};
use super::tips::clean_text;
use super::translation::{self, Beside};
use super::upload::{read_upload, store_picture, MAX_IMAGE_BYTES};
use super::views::{checkbox, refusal_notices, Ctx, Field, Kind, Nav};
use crate::auth::Volunteer;
use crate::content::{is_image_name, Announcement, Content, MessageText};
use crate::display::Visible;
use crate::error::AppError;
use crate::i18n::AdminCatalogue;
use crate::limits::content as limits;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use maud::{html, Markup};

/// The form as typed; `image` is the picture kept from before (or just uploaded).
#[derive(Default)]
pub struct AnnouncementForm {
    etag: String,
    title: String,
    text: String,
    image: String,
    remove_image: bool,
    hidden: bool,
    /// The days as typed (`AAAA-MM-JJ`, or empty).
    first_day: String,
    last_day: String,
    /// The days of the week and hours.
    schedule: ScheduleForm,
    /// The translation into the screen's second language, and that language's code.
    tr_lang: String,
    tr_title: String,
    tr_text: String,
}

impl AnnouncementForm {
    fn translation(&self) -> MessageText {
        MessageText {
            title: self.tr_title.trim().to_owned(),
            text: clean_text(&self.tr_text),
        }
    }
}

/// A day as the date field sends it; empty is none, anything else unreadable is an error.
fn day(typed: &str) -> Result<Option<NaiveDate>, ()> {
    match typed.trim() {
        "" => Ok(None),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

/// The announcement's days on screen, as a badge of the list: when it starts if it has not
/// yet, and always when it ends (or that it has no end).
fn days_badge(a: &Announcement, t: &AdminCatalogue, today: NaiveDate) -> String {
    let date = |d: NaiveDate| d.format(t.date_format).to_string();
    match (a.first_day, a.last_day) {
        (_, Some(last)) if last < today => t.badge_expired.replace("{date}", &date(last)),
        (Some(first), Some(last)) if today < first => t
            .badge_between
            .replace("{first}", &date(first))
            .replace("{last}", &date(last)),
        (Some(first), None) if today < first => t.badge_scheduled.replace("{date}", &date(first)),
        (_, Some(last)) => t.badge_until.replace("{date}", &date(last)),
        (_, None) => t.badge_no_end.to_owned(),
    }
}

impl ItemForm for AnnouncementForm {
    in_content!(Announcement, announcements);
    const NAV: Nav = Nav::Announcements;

    fn titles(t: &'static AdminCatalogue) -> Titles {
        Titles {
            list: t.announcements_title,
            add: t.add_announcement,
            edit: t.edit_announcement,
        }
    }

    fn list_view(ctx: &Ctx<'_>, content: &Content, today: NaiveDate, shown: &Visible) -> Markup {
        let t = ctx.t;
        let count = content.announcements.len();
        html! {
            p.lead { (t.announcements_intro) }
            p.toolbar { a.button.primary href="/admin/announcements/new" { "+ " (t.add_announcement) } }
            @if content.announcements.is_empty() { p.empty { (t.no_announcements) } }
            ol.items {
                @for (i, a) in content.announcements.iter().enumerate() {
                    li.item.hidden[a.hidden] #{"item-" (a.id)} {
                        @if let Some(img) = &a.image {
                            img.thumb src={ "/media/720/" (img) } alt="" loading="lazy";
                        }
                        div.item-main {
                            a.item-title href=(item_path(a)) { (a.title) }
                            @if a.hidden { " " span.badge.todo { (t.badge_hidden) } }
                            " " span.badge.days { (days_badge(a, t, today)) }
                            @if let Some((words, on)) = badge(&a.schedule, &content.display.opening_hours, shown.announcements.contains(&i), ctx.lang) {
                                " " span.badge.schedule.on[on] { (words) }
                            }
                            @if !a.text.is_empty() { p.item-text { (a.text) } }
                        }
                        (list_actions(ctx, a, (i > 0, i + 1 < count)))
                    }
                }
            }
        }
    }

    fn form_view(
        &self,
        ctx: &Ctx<'_>,
        content: &Content,
        action: &str,
        errors: &Errors,
        stale: Option<&Stale>,
    ) -> Markup {
        let t = ctx.t;
        let image_error = errors.get("image");
        let errors = &translation::form_errors(errors, &self.tr_lang);
        let tr = Beside::new(ctx, &self.tr_lang, errors);
        let (title_in, text_in) = (
            tr.label(t.announcement_title),
            tr.label(t.announcement_text),
        );
        html! {
            (refusal_notices(ctx, errors, stale, &["title", "text", "image", "tr.title", "tr.text", "hours"]))
            form.card #item-form method="post" action=(action) enctype="multipart/form-data" {
                (ctx.tokens(&self.etag))
                (tr.hidden())
                (tr.pair(
                    html! { (Field::new(t.announcement_title, "title", &self.title, errors).max(limits::ANNOUNCEMENT_TITLE).required()) },
                    html! { (tr.field(&title_in, "tr.title", &self.tr_title).max(limits::ANNOUNCEMENT_TITLE).hint(tr.b.empty_hint)) },
                ))
                (tr.pair(
                    html! { (Field::new(t.announcement_text, "text", &self.text, errors)
                        .kind(Kind::Textarea).max(limits::ANNOUNCEMENT_TEXT).optional(t.optional)) },
                    html! { (tr.field(&text_in, "tr.text", &self.tr_text).kind(Kind::Textarea).max(limits::ANNOUNCEMENT_TEXT)) },
                ))
                div.day-range {
                    (Field::new(t.announcement_first_day, "first_day", &self.first_day, errors)
                        .kind(Kind::Date).optional(t.optional))
                    (Field::new(t.announcement_last_day, "last_day", &self.last_day, errors)
                        .kind(Kind::Date).optional(t.optional))
                }
                p.hint { (t.announcement_days_hint) }
                (self.schedule.view(ctx, errors, &content.display.opening_hours))
                (checkbox(t.hide_from_screen, "hidden", self.hidden, None))
                div.field.has-error[image_error.is_some()] {
                    label for="image_file" { (t.announcement_image) " " span.optional { "(" (t.optional) ")" } }
                    @if let Some(e) = &image_error { p.error #image-error { (e) } }
                    @if is_image_name(&self.image) {
                        input type="hidden" name="image" value=(self.image);
                        div.current-image {
                            img.thumb src={ "/media/720/" (self.image) } alt=(t.current_image);
                            (checkbox(t.remove_image, "remove_image", self.remove_image, None))
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
        }
    }

    fn blank(content: &Content) -> Self {
        AnnouncementForm {
            tr_lang: translation::code_for(content),
            ..AnnouncementForm::default()
        }
    }

    fn from_item(a: &Announcement, content: &Content) -> Self {
        let tr_lang = translation::code_for(content);
        let tr = translation::of(&a.translations, &tr_lang);
        AnnouncementForm {
            tr_lang,
            tr_title: tr.title,
            tr_text: tr.text,
            etag: tag(a),
            title: a.title.clone(),
            text: a.text.clone(),
            image: a.image.clone().unwrap_or_default(),
            remove_image: false,
            hidden: a.hidden,
            first_day: a.first_day.map(|d| d.to_string()).unwrap_or_default(),
            last_day: a.last_day.map(|d| d.to_string()).unwrap_or_default(),
            schedule: ScheduleForm::of(&a.schedule),
        }
    }

    fn keep(&self, item: &mut Announcement, before: &Announcement) {
        item.translations =
            translation::merged(&before.translations, &self.tr_lang, self.translation());
    }

    fn etag_mut(&mut self) -> &mut String {
        &mut self.etag
    }

    fn to_item(&self) -> Announcement {
        Announcement {
            // Given by the save: the item's own when it is edited, a new one when added.
            id: String::new(),
            title: self.title.clone(),
            text: self.text.clone(),
            image: (!self.image.is_empty() && !self.remove_image).then(|| self.image.clone()),
            hidden: self.hidden,
            first_day: day(&self.first_day).ok().flatten(),
            last_day: day(&self.last_day).ok().flatten(),
            schedule: self.schedule.read().unwrap_or_default(),
            translations: translation::merged(
                &Default::default(),
                &self.tr_lang,
                self.translation(),
            ),
        }
    }

    fn check(&self, t: &'static AdminCatalogue) -> Errors {
        let mut errors = Errors::default();
        let (first, last) = (day(&self.first_day), day(&self.last_day));
        if first.is_err() {
            errors.add("first_day", t.date_invalid);
        }
        if last.is_err() {
            errors.add("last_day", t.date_invalid);
        }
        if let (Ok(Some(first)), Ok(Some(last))) = (first, last) {
            if last < first {
                errors.add("last_day", t.dates_order);
            }
        }
        self.schedule.check(&mut errors);
        errors
    }

    fn summary(a: &Announcement, t: &'static AdminCatalogue) -> Vec<(&'static str, String)> {
        vec![
            (t.announcement_title, a.title.clone()),
            (t.announcement_text, a.text.clone()),
            (t.announcement_image, a.image.clone().unwrap_or_default()),
            (
                t.announcement_first_day,
                a.first_day
                    .map(|d| d.format(t.date_format).to_string())
                    .unwrap_or_default(),
            ),
            (
                t.announcement_last_day,
                a.last_day
                    .map(|d| d.format(t.date_format).to_string())
                    .unwrap_or_default(),
            ),
            (
                t.hide_from_screen,
                (if a.hidden {
                    t.badge_hidden
                } else {
                    t.badge_shown
                })
                .to_owned(),
            ),
            (
                words(t).legend,
                when(&a.schedule, words(t)).unwrap_or_default(),
            ),
        ]
    }

    fn refused(&mut self, errors: &Errors) {
        if errors.get("image").is_some() {
            // A forged or stale picture name: forget it rather than show a broken image.
            self.image.clear();
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    save(state, ui, admin, None, body).await
}

pub async fn update(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    Path(id): Path<String>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    save(state, ui, admin, Some(id), body).await
}

/// Reads the multipart form and stores its picture, then saves it as the other lists do.
async fn save(
    state: AppState,
    ui: Ui,
    admin: Volunteer,
    id: Option<String>,
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
        hidden: !upload.field("hidden").is_empty(),
        first_day: upload.field("first_day").trim().to_owned(),
        last_day: upload.field("last_day").trim().to_owned(),
        schedule: ScheduleForm::from_fields(|name| upload.field(name)),
        tr_lang: upload.field(translation::LANG).to_owned(),
        tr_title: upload.field("tr.title").trim().to_owned(),
        tr_text: clean_text(upload.field("tr.text")),
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
            let content = &state.store.current().content;
            return Ok(render_form(
                &ui,
                &admin,
                status,
                content,
                id.as_deref(),
                &form,
                &errors,
                None,
            ));
        }
    }
    save_item(state, ui, admin, id, form).await
}
