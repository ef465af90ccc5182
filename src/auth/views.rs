//! The auth pages' HTML: pure functions of what they show.

use super::Admin;
use crate::assets;
use crate::content::Language;
use crate::i18n::auth::AuthCatalogue;
use crate::store::StoredToken;
use maud::{html, Markup};

/// The frame of every auth page: the admin area's shell, plus the few styles only these
/// pages need (password fields, a narrow column).
fn shell(
    t: &AuthCatalogue,
    title: &str,
    admin: Option<&Admin>,
    wide: bool,
    body: Markup,
) -> Markup {
    let lang = if t.lang == "en" {
        Language::En
    } else {
        Language::Fr
    };
    crate::admin::page_in(
        lang,
        title,
        admin,
        html! {
            link rel="stylesheet" href=(assets::url("auth.css"));
            div.auth.wide[wide] { (body) }
        },
    )
}

fn error_box(error: Option<&str>) -> Markup {
    html! {
        @if let Some(e) = error {
            p.notice.danger.error role="alert" { (e) }
        }
    }
}

fn password_rule(t: &AuthCatalogue) -> String {
    t.password_rule
        .replace("{n}", &super::MIN_PASSWORD_CHARS.to_string())
}

pub fn login(t: &AuthCatalogue, next: &str, name: &str, error: Option<&str>) -> Markup {
    shell(
        t,
        t.login_title,
        None,
        false,
        html! {
            (error_box(error))
            form.card method="post" action="/admin/login" {
                input type="hidden" name="next" value=(next);
                div.field {
                    label for="name" { (t.first_name) }
                    input #name type="text" name="name" value=(name) required maxlength="40" autocomplete="given-name" autofocus[name.is_empty()];
                }
                div.field {
                    label for="password" { (t.password) }
                    input #password type="password" name="password" required autocomplete="current-password" autofocus[!name.is_empty()];
                }
                div.actions { button.primary type="submit" { (t.log_in) } }
            }
            p.hint { (t.forgot) }
        },
    )
}

pub struct SetupView<'a> {
    pub next: &'a str,
    pub name: &'a str,
    pub code_path: &'a str,
    pub error: Option<&'a str>,
}

pub fn setup(t: &AuthCatalogue, v: &SetupView<'_>) -> Markup {
    shell(
        t,
        t.setup_title,
        None,
        false,
        html! {
            p { (t.setup_intro.replace("{path}", v.code_path)) }
            (error_box(v.error))
            form.card method="post" action="/admin/setup" {
                input type="hidden" name="next" value=(v.next);
                div.field {
                    label for="code" { (t.setup_code) }
                    input #code type="text" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX-XXXX" autofocus;
                }
                div.field {
                    label for="name" { (t.first_name) }
                    input #name type="text" name="name" value=(v.name) required maxlength="40" autocomplete="given-name";
                    p.hint { (t.first_name_hint) }
                }
                (new_password_fields(t))
                div.actions { button.primary type="submit" { (t.set_password) } }
            }
        },
    )
}

fn new_password_fields(t: &AuthCatalogue) -> Markup {
    let min = super::MIN_PASSWORD_CHARS.to_string();
    html! {
        div.field {
            label for="password" { (t.new_password) }
            input #password type="password" name="password" required minlength=(min) autocomplete="new-password" aria-describedby="password-rule";
            p.hint #password-rule { (password_rule(t)) }
        }
        div.field {
            label for="password2" { (t.new_password_again) }
            input #password2 type="password" name="password2" required minlength=(min) autocomplete="new-password";
        }
    }
}

pub fn password(t: &AuthCatalogue, admin: &Admin, error: Option<&str>) -> Markup {
    shell(
        t,
        t.password_title,
        Some(admin),
        false,
        html! {
            (error_box(error))
            form.card method="post" action="/admin/password" {
                input type="hidden" name="_csrf" value=(admin.csrf);
                div.field {
                    label for="current" { (t.current_password) }
                    input #current type="password" name="current" required autocomplete="current-password" autofocus;
                }
                (new_password_fields(t))
                p.hint { (t.password_change_note) }
                div.actions { button.primary type="submit" { (t.set_password) } }
            }
            p { a href="/admin/tokens" { (t.tokens_title) } " · " a href="/admin" { (t.back) } }
        },
    )
}

pub struct TokensView<'a> {
    pub tokens: &'a [StoredToken],
    /// The label and token just created, shown this once.
    pub created: Option<(&'a str, &'a str)>,
    pub error: Option<&'a str>,
    /// Why the token file cannot be read, if it cannot: the page offers a new list.
    pub damaged: Option<&'a str>,
}

pub fn tokens(t: &AuthCatalogue, admin: &Admin, v: &TokensView<'_>) -> Markup {
    shell(
        t,
        t.tokens_title,
        Some(admin),
        true,
        html! {
            p { (t.tokens_intro) }
            (error_box(v.error))
            @if let Some(why) = v.damaged {
                (error_box(Some(&t.tokens_damaged.replace("{error}", why))))
                form.card method="post" action="/admin/tokens/reset" {
                    input type="hidden" name="_csrf" value=(admin.csrf);
                    div.actions { button.danger type="submit" { (t.reset_tokens) } }
                }
            }
            @if let Some((label, token)) = v.created {
                div.card.created role="status" {
                    p { strong { (label) } " — " (t.token_created) }
                    pre.secret { code.token { (token) } }
                }
            }
            @if v.tokens.is_empty() {
                p { (t.no_tokens) }
            } @else {
                ul.tokens {
                    @for token in v.tokens {
                        li {
                            strong { (token.label) }
                            " " span.date { (t.created_on) " " (token.created.format("%Y-%m-%d %H:%M UTC")) }
                            form.inline method="post" action={ "/admin/tokens/" (token.id) "/revoke" } {
                                input type="hidden" name="_csrf" value=(admin.csrf);
                                button.danger.small type="submit" { (t.revoke) }
                            }
                        }
                    }
                }
            }
            form.card method="post" action="/admin/tokens" {
                input type="hidden" name="_csrf" value=(admin.csrf);
                div.field {
                    label for="label" { (t.token_label) }
                    input #label type="text" name="label" required maxlength="40";
                }
                div.actions { button.primary type="submit" { (t.create_token) } }
            }
            p { a href="/admin" { (t.back) } }
        },
    )
}
