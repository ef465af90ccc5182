//! One error type for every handler: 4xx bodies say what to fix, 5xx bodies stay generic.

use crate::content::Invalid;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// What went wrong: its kind and its values, never its words. `i18n::errors` says it in the
/// admin's language (a page) or in French (the API's JSON); [`IntoResponse`] picks the status,
/// the headers and the JSON.
#[derive(Debug, Clone)]
pub enum AppError {
    NotFound,
    /// An address no route serves: says where things are, for whoever typed it by hand.
    NoSuchPage,
    /// A method the route does not take; the `Allow` header lists those it does.
    MethodNotAllowed(String),
    BadRequest(Refusal),
    /// The document has field errors; answered as a JSON list.
    Invalid(Invalid),
    Unauthorized(Refusal),
    Forbidden(Refusal),
    Stale {
        current: String,
    },
    PreconditionRequired,
    TooLarge(Refusal),
    UnsupportedMedia(Refusal),
    /// A change refused for what it would do to the content (a 422 with no field to show).
    Unprocessable(Refusal),
    TooManyRequests(u64),
    /// Too many of something at once from one place (429), with no set time to wait.
    Crowded(Refusal),
    /// The data disk is full: nothing was saved.
    StorageFull,
    /// Something the server needs is out of order until someone repairs it (503).
    Unavailable(Refusal),
    /// Something went wrong on our side; the cause goes to the log, not to the client.
    Internal(String),
}

/// Why a request was refused, with what the wording needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The body could not be read to its end (the connection broke, a bad encoding).
    BodyUnreadable,
    /// The event stream's `shown` tag is longer than any revision tag.
    ShownTooLong {
        max: usize,
    },
    /// The API's document was not sent as JSON.
    JsonExpected,
    /// The API's document is over the limit, in MiB.
    DocumentTooBig {
        mib: usize,
    },
    NotUtf8,
    /// Where the JSON stops being JSON.
    MalformedJson {
        line: usize,
        column: usize,
    },
    /// An `Authorization` header that is not `Bearer <token>`.
    BadAuthorization,
    UnknownToken,
    /// The file of API tokens cannot be read until an admin repairs it.
    TokensDamaged,
    /// A session-signed change that does not come from a page of this site.
    ForeignOrigin,
    /// A write with neither a token nor a session.
    SignInNeeded,
    /// An admin page asked for with no session, or an expired one.
    SessionExpired,
    /// An admin form whose anti-forgery token is missing, stale or foreign: reload the page.
    StaleForm,
    /// A form of the admin app sent as something else.
    FormExpected,
    FormUnreadable,
    AdminsOnly,
    /// A change to a list that would leave the content with these problems.
    Problems(Vec<crate::content::Problem>),
    /// The data folder refuses writes (read-only, or not the service's own).
    DataFolderReadOnly,
    /// The data folder does not answer.
    DataFolderFailing,
    /// Several big bodies are being read already; try again in a few seconds.
    BusySaving,
    /// Too many displays open from one device, or on the network.
    TooManyDisplays,
    /// A route only the kiosk of this very machine may use (over loopback).
    ThisMachineOnly,
    /// A picture of the screen that is no PNG or JPEG, or cannot be decoded; why.
    ScreenPictureUnreadable(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::NoSuchPage => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Stale { .. } => StatusCode::PRECONDITION_FAILED,
            AppError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::UnsupportedMedia(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests(_) | AppError::Crowded(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        AppError::Internal(err.to_string())
    }

    /// The data folder refused a read or a write: full, 507; read-only or not ours, 503 with
    /// what to do on the Pi; anything else, 503, try again. The cause goes to the log.
    pub fn from_io(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        if crate::store::is_disk_full(&e) {
            tracing::error!("!!! the data folder is full: {e}");
            return AppError::StorageFull;
        }
        if matches!(
            e.kind(),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied
        ) {
            tracing::error!("!!! the data folder refuses writes: {e}");
            return AppError::Unavailable(Refusal::DataFolderReadOnly);
        }
        tracing::error!("!!! the data folder failed: {e}");
        AppError::Unavailable(Refusal::DataFolderFailing)
    }
}

/// The answer to an address no route serves.
pub async fn no_such_page() -> AppError {
    AppError::NoSuchPage
}

/// The answer to a method a route does not take (axum adds the `Allow` header).
pub async fn method_not_allowed(method: axum::http::Method) -> AppError {
    AppError::MethodNotAllowed(method.to_string())
}

impl From<crate::store::SaveError> for AppError {
    fn from(err: crate::store::SaveError) -> Self {
        use crate::store::SaveError;
        match err {
            SaveError::Stale { current } => AppError::Stale {
                current: current.etag.clone(),
            },
            SaveError::Invalid(invalid) => AppError::Invalid(invalid),
            SaveError::Io(e) => AppError::from_io(e),
        }
    }
}

/// One problem of a refused document, as the JSON API says it: the field, the problem's
/// stable code for scripts, and a sentence in French for people.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct FieldReport {
    /// The path of the field at fault (`groups[2].name`).
    pub field: String,
    /// The kind of problem, in snake_case (`too_long`, `not_an_invite_link`…).
    pub code: String,
    /// What to fix, in French.
    pub message: String,
}

impl FieldReport {
    pub fn all(invalid: &Invalid) -> Vec<FieldReport> {
        invalid
            .0
            .iter()
            .map(|e| FieldReport {
                field: e.field.clone(),
                code: e.problem.code().to_owned(),
                message: e.problem.render(crate::i18n::problems::FR),
            })
            .collect()
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(crate::content::Language::Fr))
    }
}

impl std::error::Error for AppError {}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        // The API speaks French to people; the admin app words the error kept in the answer's
        // extensions again, in the admin's language.
        let said = self.say(crate::content::Language::Fr);
        let mut response = match &self {
            AppError::Invalid(invalid) => (
                status,
                Json(serde_json::json!({
                    "error": said,
                    "fields": FieldReport::all(invalid),
                })),
            )
                .into_response(),
            _ => (status, Json(serde_json::json!({ "error": said }))).into_response(),
        };
        if let AppError::TooManyRequests(secs) = &self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*secs));
        }
        response.extensions_mut().insert(self);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn said(err: AppError) -> String {
        let response = err.into_response();
        let kept = response.extensions().get::<AppError>().unwrap();
        let shown = kept.say(crate::content::Language::Fr);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            json["error"],
            shown.as_str(),
            "the page and the API say the same"
        );
        shown
    }

    #[tokio::test]
    async fn a_data_folder_that_refuses_writes_says_what_to_do() {
        use std::io::{Error, ErrorKind};
        let read_only = AppError::from_io(Error::from(ErrorKind::ReadOnlyFilesystem));
        assert_eq!(read_only.status(), StatusCode::SERVICE_UNAVAILABLE);
        let words = said(read_only).await;
        assert!(
            words.contains("lecture seule") && words.contains("chown"),
            "{words}"
        );
        let full = AppError::from_io(Error::from(ErrorKind::StorageFull));
        assert_eq!(full.status(), StatusCode::INSUFFICIENT_STORAGE);
        let failing = AppError::from_io(Error::other("I/O error"));
        assert_eq!(failing.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(said(failing).await.contains("journalctl"));
    }

    #[tokio::test]
    async fn every_message_starts_with_a_capital_letter() {
        for err in [
            AppError::NotFound,
            AppError::NoSuchPage,
            AppError::MethodNotAllowed("DELETE".into()),
            AppError::BadRequest(Refusal::BodyUnreadable),
            AppError::Unauthorized(Refusal::SessionExpired),
            AppError::Stale {
                current: "\"abc\"".into(),
            },
            AppError::PreconditionRequired,
            AppError::TooManyRequests(30),
            AppError::Internal("disk".into()),
        ] {
            let said = said(err).await;
            assert!(said.starts_with(char::is_uppercase), "{said}");
        }
        assert_eq!(crate::i18n::errors::capitalized("écran"), "Écran");
        assert_eq!(crate::i18n::errors::capitalized(""), "");
    }
}
