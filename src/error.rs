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
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        AppError::Internal(err.to_string())
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
            SaveError::Io(e) => AppError::Internal(format!("saving content: {e}")),
        }
    }
}

/// What an error said, kept in its response's extensions so that an area that answers
/// browsers (the admin app) can render it as a page in their language.
#[derive(Debug, Clone)]
pub struct Said(pub String);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let mut response = match &self {
            AppError::Invalid(invalid) => (
                status,
                Json(serde_json::json!({ "error": self.to_string(), "fields": invalid.0 })),
            )
                .into_response(),
            _ => (
                status,
                Json(serde_json::json!({ "error": self.to_string() })),
            )
                .into_response(),
        };
        response.extensions_mut().insert(Said(self.to_string()));
        if let AppError::TooManyRequests(secs) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
