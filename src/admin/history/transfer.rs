//! Export the whole content as one JSON file, and import such a file back: validated
//! completely before anything is replaced, its problems listed field by field.

use super::page::{render, ImportProblem};
use super::restore::save_document;
use crate::admin::edit::{FieldMessage, Message};
use crate::admin::request::{Flash, Ui};
use crate::admin::upload::read_upload;
use crate::auth::Volunteer;
use crate::content::parse_json;
use crate::error::AppError;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::limits::MAX_IMPORT_BYTES;

pub async fn export(State(state): State<AppState>, _admin: Volunteer) -> Response {
    let snapshot = state.store.current();
    // The app's clock, as the screen and the lists use it.
    let day = state.clock.today().format("%Y-%m-%d");
    let disposition = format!("attachment; filename=\"vitrine-contenu-{day}.json\"");
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        snapshot.to_json(),
    )
        .into_response()
}

pub async fn import(
    State(state): State<AppState>,
    admin: Volunteer,
    ui: Ui,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let upload = match read_upload(
        &ui,
        &admin,
        body,
        "content_file",
        MAX_IMPORT_BYTES,
        "/admin/history",
    )
    .await?
    {
        Ok(upload) => upload,
        Err(page) => return Ok(page),
    };
    let (state, ui, admin) = (&state, &ui, &admin);
    let refuse = |status, problem: ImportProblem| async move {
        Ok(render(state, ui, admin, status, None, Some(&problem)).await)
    };
    if upload.file_too_heavy.is_some() {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            ImportProblem::Message(ui.t.import_too_big.into()),
        )
        .await;
    }
    let Some(bytes) = &upload.file else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ImportProblem::Message(ui.t.import_no_file.into()),
        )
        .await;
    };
    let content = match parse_json(bytes) {
        Ok(content) => content,
        Err(invalid) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                ImportProblem::Fields(
                    invalid
                        .0
                        .into_iter()
                        .map(|e| FieldMessage {
                            field: e.field,
                            message: Message::Problem(e.problem),
                        })
                        .collect(),
                ),
            )
            .await
        }
    };
    let etag = upload.field("etag");
    save_document(state, ui, admin, etag, content, Flash::Imported).await
}
