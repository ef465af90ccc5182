//! Strings of the pages about accounts: login, setup, welcome, password, accounts, API tokens.

use super::{account_en, account_fr};
use crate::content::Language;

/// The account pages' strings of one language. Adding a field makes both fail to compile until filled.
pub struct AccountCatalogue {
    pub lang: &'static str,
    pub login_title: &'static str,
    pub setup_title: &'static str,
    /// `{path}` is replaced by where the setup code file is.
    pub setup_intro: &'static str,
    pub setup_code: &'static str,
    pub first_name: &'static str,
    pub password: &'static str,
    pub new_password: &'static str,
    pub new_password_again: &'static str,
    /// `{n}` is the minimum number of characters.
    pub password_rule: &'static str,
    pub current_password: &'static str,
    pub log_in: &'static str,
    pub set_password: &'static str,
    pub wrong_password: &'static str,
    /// After a refused password shaped like a one-time code, above the welcome page's link.
    pub password_looks_like_code: &'static str,
    pub wrong_code: &'static str,
    pub name_required: &'static str,
    /// `{minutes}` is how long to wait.
    pub too_many_attempts: &'static str,
    /// Too many wrong passwords for one name, from anywhere; `{minutes}` is how long to wait.
    pub account_locked: &'static str,
    /// `{n}` is the typed length, `{min}` the minimum.
    pub password_too_short: &'static str,
    /// `{max}` is the maximum.
    pub password_too_long: &'static str,
    pub passwords_differ: &'static str,
    pub password_title: &'static str,
    pub password_change_note: &'static str,
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
    pub make_admin: &'static str,
    pub make_volunteer: &'static str,
    pub back: &'static str,
    pub name_hint: &'static str,
    pub account_disabled: &'static str,
    pub welcome_title: &'static str,
    pub welcome_intro: &'static str,
    pub welcome_link: &'static str,
    pub invitation_code: &'static str,
    pub wrong_invitation: &'static str,
    pub invitation_expired: &'static str,
    pub accounts_title: &'static str,
    pub accounts_intro: &'static str,
    pub column_name: &'static str,
    pub column_role: &'static str,
    pub column_state: &'static str,
    pub role_admin: &'static str,
    pub role_volunteer: &'static str,
    pub state_active: &'static str,
    pub state_disabled: &'static str,
    pub state_invited: &'static str,
    pub state_expired: &'static str,
    pub you: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub reset: &'static str,
    pub confirm_reset: &'static str,
    pub invite_title: &'static str,
    pub invite_name: &'static str,
    pub invite_admin: &'static str,
    pub invite_button: &'static str,
    pub code_shown: &'static str,
    pub name_taken: &'static str,
    pub last_admin: &'static str,
    pub too_many_accounts: &'static str,
    pub not_yourself: &'static str,
    pub no_such_account: &'static str,
    pub by: &'static str,
    pub command_line: &'static str,
}

/// The strings of a language.
pub fn account_catalogue(lang: Language) -> &'static AccountCatalogue {
    match lang {
        Language::En => &account_en::ACCOUNT_EN,
        Language::Fr => &account_fr::ACCOUNT_FR,
    }
}
