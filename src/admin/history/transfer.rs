//! Export the whole content as one JSON file, and import such a file back: validated
//! completely before anything is replaced, its problems listed field by field.

use super::page::{render, save_document};
use crate::admin::edit::{FieldMessage, Message};
use crate::admin::request::{Flash, Ui};
use crate::admin::upload::read_upload;
use crate::admin::views::Ctx;
use crate::auth::Volunteer;
use crate::content::parse_json;
use crate::error::AppError;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

/// The heaviest content file accepted; a real one is a few tens of kilobytes.
const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// Why an import (or a restore) was refused.
pub enum ImportProblem {
    Message(String),
    Fields(Vec<FieldMessage>),
}

/// The export and import forms, with the problems of a refused import.
pub fn transfer_view(ctx: &Ctx<'_>, etag: &str, problem: Option<&ImportProblem>) -> Markup {
    let t = ctx.t;
    html! {
        section.card #transfer {
            h2 { (t.transfer_title) }
            p { (t.export_text) }
            p { a.button href="/admin/export" download { "⤓ " (t.export_button) } }
            p { (t.import_text) }
            @if let Some(problem) = problem {
                div.notice.danger role="alert" {
                    @match problem {
                        ImportProblem::Message(m) => p.notice-title { (m) },
                        ImportProblem::Fields(fields) => {
                            p.notice-title { (t.import_invalid) }
                            table.problems {
                                thead { tr { th scope="col" { (t.import_field) } th scope="col" { (t.import_problem) } } }
                                tbody {
                                    @for f in fields { tr { td { code { (f.field) } } td { (f.message.say(t)) } } }
                                }
                            }
                            p { (t.import_choose_again) }
                        }
                    }
                }
            }
            form method="post" action="/admin/import" enctype="multipart/form-data" data-confirm=(t.import_confirm) {
                (ctx.tokens(etag))
                div.field {
                    label for="content_file" { (t.import_file) }
                    input #content_file type="file" name="content_file" accept=".json,application/json" required;
                }
                div.actions { button.danger type="submit" { (t.import_button) } }
            }
        }
    }
}

pub async fn export(State(state): State<AppState>, _admin: Volunteer) -> Response {
    let snapshot = state.store.current();
    let day = chrono::Local::now().format("%Y-%m-%d");
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
    let refuse = |status, problem: ImportProblem| {
        Ok(render(&state, &ui, &admin, status, None, Some(&problem)))
    };
    if upload.file_too_heavy.is_some() {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            ImportProblem::Message(ui.t.import_too_big.into()),
        );
    }
    let Some(bytes) = &upload.file else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ImportProblem::Message(ui.t.import_no_file.into()),
        );
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
        }
    };
    let etag = upload.field("etag");
    save_document(&state, &ui, &admin, etag, content, Flash::Imported).await
}
