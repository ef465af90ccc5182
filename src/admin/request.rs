//! What every admin page reads from the request besides the session: the language chosen
//! (read here and nowhere else), the one-time flash message, the path; and the responses
//! that go with them, with the one rule for where a `next` link may lead.

use crate::content::Language;
use crate::http::cookies::{Cookie, SameSite};
use crate::i18n::{admin_catalogue, AdminCatalogue};
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;

/// The admin language, kept for a year; a preference, so it may follow a link from elsewhere.
const LANG: Cookie = Cookie {
    name: "lang",
    path: "/admin",
    same_site: SameSite::Lax,
    max_age: Duration::from_secs(365 * 24 * 3600),
};
/// A message to show once, on the page a save redirects to.
const FLASH: Cookie = Cookie {
    name: "flash",
    path: "/admin",
    same_site: SameSite::Strict,
    max_age: Duration::from_secs(60),
};

/// A message shown once after a save; only its code travels in the cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    Saved,
    Deleted,
    Restored,
    Imported,
    Renamed,
    /// A click on a list that someone else had changed meanwhile: nothing was done.
    Stale,
    /// The last save was undone.
    Undone,
    /// One item put back from the history.
    ItemBack,
}

impl Flash {
    const ALL: [Flash; 8] = [
        Flash::Undone,
        Flash::ItemBack,
        Flash::Saved,
        Flash::Deleted,
        Flash::Restored,
        Flash::Imported,
        Flash::Renamed,
        Flash::Stale,
    ];

    /// Whether the message warns rather than confirms.
    pub fn is_warning(self) -> bool {
        self == Flash::Stale
    }

    /// Whether the message follows a change of the content, which the banner offers to undo.
    pub fn can_undo(self) -> bool {
        self != Flash::Stale
    }

    fn code(self) -> &'static str {
        match self {
            Flash::Saved => "saved",
            Flash::Deleted => "deleted",
            Flash::Restored => "restored",
            Flash::Imported => "imported",
            Flash::Renamed => "renamed",
            Flash::Stale => "stale",
            Flash::Undone => "undone",
            Flash::ItemBack => "item-back",
        }
    }

    pub fn message(self, t: &AdminCatalogue) -> &'static str {
        match self {
            Flash::Saved => t.flash_saved,
            Flash::Deleted => t.flash_deleted,
            Flash::Restored => t.flash_restored,
            Flash::Imported => t.flash_imported,
            Flash::Renamed => t.flash_renamed,
            Flash::Stale => t.flash_stale,
            Flash::Undone => t.flash_undone,
            Flash::ItemBack => crate::i18n::history::history_words(language_of(t)).item_back,
        }
    }
}

/// The admin language of a request: the `lang` cookie, French otherwise.
pub fn language(headers: &HeaderMap) -> Language {
    match LANG.read(headers) {
        Some("en") => Language::En,
        _ => Language::Fr,
    }
}

/// The request as the admin pages see it.
pub struct Ui {
    pub lang: Language,
    pub t: &'static AdminCatalogue,
    pub flash: Option<Flash>,
    /// The path asked for, so that the language links come back to it.
    pub path: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Ui {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let lang = language(&parts.headers);
        let flash = FLASH
            .read(&parts.headers)
            .and_then(|code| Flash::ALL.into_iter().find(|f| f.code() == code));
        Ok(Ui {
            lang,
            t: admin_catalogue(lang),
            flash,
            // The nested admin router sees its own paths without `/admin`: the link back
            // needs the whole one.
            path: match parts.extensions.get::<axum::extract::NestedPath>() {
                Some(prefix) if parts.uri.path() == "/" => prefix.as_str().to_owned(),
                Some(prefix) => format!("{}{}", prefix.as_str(), parts.uri.path()),
                None => parts.uri.path().to_owned(),
            },
        })
    }
}

impl Ui {
    /// An HTML page; the flash, now shown, is forgotten.
    pub fn html(&self, status: StatusCode, markup: Markup) -> Response {
        let mut response = (status, markup).into_response();
        if self.flash.is_some() {
            response
                .headers_mut()
                .append(header::SET_COOKIE, FLASH.clear());
        }
        response
    }

    /// A 200 page.
    pub fn ok(&self, markup: Markup) -> Response {
        self.html(StatusCode::OK, markup)
    }
}

/// The language of an admin catalogue.
pub fn language_of(t: &AdminCatalogue) -> Language {
    Language::ALL
        .into_iter()
        .find(|l| l.code() == t.lang)
        .unwrap_or_default()
}

/// After a successful POST: back to a page with a message shown once (POST-redirect-GET).
pub fn done(to: &str, flash: Flash) -> Response {
    let mut response = see_other(to);
    if let Some(value) = FLASH.set(flash.code()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A 303 redirect.
pub fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/admin")),
        )],
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct Next {
    pub next: Option<String>,
}

/// Where a `next` link may lead: only a page of the admin area, never another site.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if (p == "/admin" || p.starts_with("/admin/") || p.starts_with("/admin?"))
                && !p.contains("//")
                && !p.contains('\\')
                && p.chars().all(|c| c.is_ascii_graphic()) =>
        {
            p
        }
        _ => "/admin",
    }
}

/// `GET /admin/lang/{fr|en}?next=/admin/...`: remembers the language in a cookie.
pub async fn set_language(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let lang = if code == "en" { "en" } else { "fr" };
    let mut response = see_other(safe_next(q.next.as_deref()));
    if let Some(value) = LANG.set(lang) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_lang_cookie_else_french() {
        let mut h = HeaderMap::new();
        assert_eq!(language(&h), Language::Fr);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; lang=en; flash=saved"),
        );
        assert_eq!(language(&h), Language::En);
    }

    #[test]
    fn next_links_only_lead_back_into_the_admin_area() {
        assert_eq!(safe_next(Some("/admin/groups")), "/admin/groups");
        assert_eq!(safe_next(Some("/admin/groups?x=1")), "/admin/groups?x=1");
        assert_eq!(safe_next(Some("/administrator")), "/admin");
        assert_eq!(safe_next(Some("/admin/\\evil")), "/admin");
        assert_eq!(safe_next(Some("//evil.example/admin")), "/admin");
        assert_eq!(safe_next(Some("/admin//evil.example")), "/admin");
        assert_eq!(safe_next(Some("https://evil.example")), "/admin");
        assert_eq!(safe_next(None), "/admin");
    }
}
