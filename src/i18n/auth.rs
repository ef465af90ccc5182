//! Strings of the login, setup, password and API-token pages.

use super::{auth_en, auth_fr};

/// The auth pages' strings of one language. Adding a field makes both fail to compile until filled.
pub struct AuthCatalogue {
    pub lang: &'static str,
    pub login_title: &'static str,
    pub setup_title: &'static str,
    /// `{path}` is replaced by where the setup code file is.
    pub setup_intro: &'static str,
    pub setup_code: &'static str,
    pub first_name: &'static str,
    pub first_name_hint: &'static str,
    pub password: &'static str,
    pub new_password: &'static str,
    pub new_password_again: &'static str,
    /// `{n}` is the minimum number of characters.
    pub password_rule: &'static str,
    pub current_password: &'static str,
    pub log_in: &'static str,
    pub set_password: &'static str,
    pub wrong_password: &'static str,
    pub wrong_code: &'static str,
    pub name_required: &'static str,
    /// `{minutes}` is how long to wait.
    pub too_many_attempts: &'static str,
    /// `{n}` is the typed length, `{min}` the minimum.
    pub password_too_short: &'static str,
    /// `{max}` is the maximum.
    pub password_too_long: &'static str,
    pub passwords_differ: &'static str,
    pub password_title: &'static str,
    pub password_change_note: &'static str,
    pub log_out: &'static str,
    pub forgot: &'static str,
    pub tokens_title: &'static str,
    pub tokens_intro: &'static str,
    pub token_label: &'static str,
    pub token_label_rule: &'static str,
    pub create_token: &'static str,
    pub token_created: &'static str,
    pub no_tokens: &'static str,
    pub created_on: &'static str,
    pub revoke: &'static str,
    /// The token file cannot be read; `{error}` is why.
    pub tokens_damaged: &'static str,
    pub reset_tokens: &'static str,
    pub back: &'static str,
}

/// The admin language: French unless the `lang` cookie asks for English.
pub fn auth_catalogue(headers: &axum::http::HeaderMap) -> &'static AuthCatalogue {
    match crate::auth::cookie(headers, "lang") {
        Some("en") => &auth_en::AUTH_EN,
        _ => &auth_fr::AUTH_FR,
    }
}

/// The English strings, for the command line.
pub fn auth_english() -> &'static AuthCatalogue {
    &auth_en::AUTH_EN
}
