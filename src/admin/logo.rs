//! The screen's logo, on the settings page: `POST /admin/settings/logo` (upload one, made fit
//! for the screen like every picture) and its removal.

use super::edit::{save_edit, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::settings::{render, Refused};
use super::settings_form::values;
use super::upload::{read_upload, store_picture};
use crate::auth::Volunteer;
use crate::error::AppError;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

pub async fn upload_logo(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let back = "/admin/settings";
    let mut upload = match read_upload(
        &ui,
        &admin,
        body,
        "logo_file",
        super::upload::MAX_IMAGE_BYTES,
        back,
    )
    .await?
    {
        Ok(upload) => upload,
        Err(page) => return Ok(page),
    };
    let etag = upload.field("etag").to_owned();
    let refused = |status, errors: Errors, stale: Option<&Stale>| {
        let content = &state.store.current().content;
        let v = values(content);
        let etag = stale.map_or(etag.as_str(), |s| s.etag.as_str());
        render(
            &ui,
            &admin,
            content,
            &v,
            etag,
            Refused {
                status,
                errors: &errors,
                stale,
            },
        )
    };
    let name = match store_picture(&state, &ui, &mut upload).await {
        Ok(Some(name)) => name,
        Ok(None) => {
            return Ok(refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                Errors::one("logo", ui.t.upload_empty),
                None,
            ))
        }
        Err((status, message)) => return Ok(refused(status, Errors::one("logo", message), None)),
    };
    let result = save_edit(&state, &admin.name, &etag, "display.theme.", |c| {
        c.display.theme.logo = Some(name);
        Some(())
    })
    .await;
    match result {
        Ok(()) => Ok(done("/admin/settings#logo", Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Stale(stale)) => Ok(refused(
            StatusCode::CONFLICT,
            Errors::default(),
            Some(&stale),
        )),
        Err(Refusal::Invalid(errors)) => {
            Ok(refused(StatusCode::UNPROCESSABLE_ENTITY, errors, None))
        }
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EtagForm {
    etag: String,
}

pub async fn remove_logo(
    State(state): State<AppState>,
    AdminForm(admin, form): AdminForm<EtagForm>,
) -> Result<Response, AppError> {
    let result = save_edit(&state, &admin.name, &form.etag, "", |c| {
        c.display.theme.logo = None;
        Some(())
    })
    .await;
    match result {
        Ok(()) => Ok(done("/admin/settings#logo", Flash::Saved)),
        Err(Refusal::Stale(_)) => Ok(done("/admin/settings#logo", Flash::Stale)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(_) => Err(AppError::NotFound),
    }
}
