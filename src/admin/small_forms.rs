//! The admin's small forms (login, setup, welcome, password, API tokens): their body limit,
//! checked from `Content-Length` before any handler runs, and the page that says what to fix
//! when a body goes over it.

use super::request::language;
use super::views::{page, Ctx, Nav};
use crate::content::Language;
use crate::i18n::admin_catalogue;
use crate::limits::AUTH_FORM_BODY;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use maud::html;
use tower_http::limit::RequestBodyLimitLayer;

/// `router` with its bodies limited to [`AUTH_FORM_BODY`]; a refusal is [`too_long`]'s page.
pub fn limited<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(RequestBodyLimitLayer::new(AUTH_FORM_BODY))
        .layer(from_fn(explain))
}

/// Turns the limit's bare 413 into a page in the admin's language.
async fn explain(req: Request, next: Next) -> Response {
    let lang = language(req.headers());
    // The admin app is nested at /admin, which its routes do not see.
    let path = format!("/admin{}", req.uri().path());
    let response = next.run(req).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    too_long(lang, &path)
}

/// What a browser shows for a small form whose body is far too long, with a way back to it.
fn too_long(lang: Language, path: &str) -> Response {
    // A token's revoke and reset buttons sit on the tokens page; the other forms have a page
    // of their own at their address.
    let back = if path.starts_with("/admin/tokens") {
        "/admin/tokens"
    } else {
        path
    };
    let kib = AUTH_FORM_BODY / 1024;
    let (title, text, again) = match lang {
        Language::Fr => (
            "Formulaire bien trop long",
            format!(
                "Ce formulaire a envoyé bien plus de texte qu'il n'en faut ({kib} Kio au plus) : \
                 il ne demande qu'un nom, un mot de passe de 200 caractères au plus, un code ou \
                 le nom d'un jeton. Rien n'a été enregistré ni vérifié. Revenez au formulaire \
                 et tapez-les à nouveau, sans rien y coller d'autre."
            ),
            "Retour au formulaire",
        ),
        Language::En => (
            "Form far too long",
            format!(
                "This form sent far more text than it needs ({kib} KiB at most): it only asks \
                 for a name, a password of at most 200 characters, a code or a token's name. \
                 Nothing was saved or checked. Go back to the form and type them again, \
                 without pasting anything else into it."
            ),
            "Back to the form",
        ),
    };
    let ctx = Ctx {
        t: admin_catalogue(lang),
        lang,
        who: None,
        flash: None,
        path: back,
    };
    let markup = page(
        &ctx,
        title,
        Nav::None,
        html! {
            p.lead.error role="alert" { (text) }
            p { a.button href=(back) { (again) } }
        },
    );
    (StatusCode::PAYLOAD_TOO_LARGE, markup).into_response()
}
