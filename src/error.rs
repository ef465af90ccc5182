//! One error type for every handler: 4xx bodies say what to fix, 5xx bodies stay generic.

use crate::content::Invalid;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("introuvable")]
    NotFound,
    /// An address no route serves: says where things are, for whoever typed it by hand.
    #[error(
        "introuvable : l'écran est sur /, l'administration sur /admin, l'API sur /api/content"
    )]
    NoSuchPage,
    /// A method the route does not take; the `Allow` header lists those it does.
    #[error("méthode {0} refusée ici : utilisez une de celles de l'en-tête Allow")]
    MethodNotAllowed(String),
    #[error("{0}")]
    BadRequest(String),
    /// The document has field errors; answered as a JSON list.
    #[error("contenu invalide : {0}")]
    Invalid(Invalid),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error(
        "le contenu a changé depuis votre lecture (ETag {current}) : relisez-le puis recommencez"
    )]
    Stale { current: String },
    #[error("en-tête If-Match requis : envoyez l'ETag lu par GET /api/content")]
    PreconditionRequired,
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMedia(String),
    #[error("trop de tentatives : réessayez dans {0} s")]
    TooManyRequests(u64),
    /// The data disk is full: nothing was saved; the message says what to do.
    #[error("{0}")]
    StorageFull(String),
    /// Something the server needs is out of order until someone repairs it (503).
    #[error("{0}")]
    Unavailable(String),
    /// A refusal worded in each language of the admin app (its catalogues' words).
    #[error("{fr}")]
    Worded {
        status: StatusCode,
        fr: String,
        en: String,
    },
    /// Something went wrong on our side; the cause goes to the log, not to the client.
    #[error("erreur interne")]
    Internal(String),
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
            AppError::UnsupportedMedia(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::StorageFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Worded { status, .. } => *status,
        }
    }

    /// What the error says in English, for the admin app's English pages; `None` where the
    /// page's own text says it all (a fault, a signed-out save) or only scripts see it.
    pub fn english(&self) -> Option<String> {
        Some(match self {
            AppError::NotFound => "Not found".to_owned(),
            AppError::NoSuchPage => {
                "Not found: the screen is at /, the admin area at /admin, the API at /api/content"
                    .to_owned()
            }
            AppError::MethodNotAllowed(method) => {
                format!("Method {method} is not taken here: use one of those of the Allow header")
            }
            AppError::Invalid(invalid) => invalid
                .0
                .iter()
                .map(|e| {
                    let said = e.problem.render(crate::i18n::problems::EN);
                    format!("{}: {said}", e.field)
                })
                .collect::<Vec<_>>()
                .join("; "),
            AppError::Stale { current } => format!(
                "The content changed since you read it (ETag {current}): read it again, then retry"
            ),
            AppError::TooManyRequests(secs) => {
                format!("Too many attempts: try again in {secs} s")
            }
            AppError::StorageFull(_) => crate::i18n::admin_catalogue(crate::content::Language::En)
                .disk_full
                .to_owned(),
            AppError::Worded { en, .. } => en.clone(),
            _ => return None,
        })
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
            return AppError::StorageFull(crate::store::SaveError::Io(e).to_string());
        }
        if matches!(
            e.kind(),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied
        ) {
            tracing::error!("!!! the data folder refuses writes: {e}");
            return AppError::Worded {
                status: StatusCode::SERVICE_UNAVAILABLE,
                fr: "le dossier de données de l'écran refuse l'écriture (lecture seule, ou il \
                     n'appartient pas à l'utilisateur vitrine) : rien n'a été enregistré, \
                     l'écran garde le contenu précédent. Sur le Pi, redonnez-lui le dossier \
                     (sudo chown -R vitrine: /var/lib/vitrine) ; si la carte SD est passée en \
                     lecture seule, elle s'use : copiez le dossier et changez-la. Puis \
                     recommencez"
                    .into(),
                en: "The screen's data folder refuses writes (read-only, or not owned by the \
                     vitrine user): nothing was saved, the screen keeps the previous content. \
                     On the Pi, give the folder back (sudo chown -R vitrine: /var/lib/vitrine); \
                     if the SD card turned read-only, it is wearing out: copy the folder and \
                     replace it. Then try again"
                    .into(),
            };
        }
        tracing::error!("!!! the data folder failed: {e}");
        AppError::Worded {
            status: StatusCode::SERVICE_UNAVAILABLE,
            fr: "le dossier de données de l'écran ne répond pas : rien n'a été enregistré. \
                 Réessayez dans un moment ; si cela dure, redémarrez l'écran et lisez son \
                 journal (journalctl -u vitrine)"
                .into(),
            en: "The screen's data folder is not answering: nothing was saved. Try again in \
                 a moment; if it lasts, restart the screen and read its log \
                 (journalctl -u vitrine)"
                .into(),
        }
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

/// What an error said, kept in its response's extensions so that an area that answers
/// browsers (the admin app) can render it as a page in their language: in French, as the
/// JSON says it, and in English where the error has words for it.
#[derive(Debug, Clone)]
pub struct Said {
    pub fr: String,
    pub en: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let said = capitalized(&self.to_string());
        let english = self.english().map(|en| capitalized(&en));
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
        response.extensions_mut().insert(Said {
            fr: said,
            en: english,
        });
        if let AppError::TooManyRequests(secs) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// A message as shown to people: a sentence, so it starts with a capital letter (the messages
/// are written to follow a field's name or a status, in lower case).
pub fn capitalized(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn said(err: AppError) -> String {
        let response = err.into_response();
        let shown = response.extensions().get::<Said>().unwrap().fr.clone();
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
            AppError::BadRequest("formulaire illisible : x".into()),
            AppError::Unauthorized("session absente ou expirée".into()),
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
        assert_eq!(capitalized("écran"), "Écran");
        assert_eq!(capitalized(""), "");
    }
}
