//! The HTML of the pages about accounts — login, first setup, welcome, password, API tokens,
//! the accounts list — in the admin shell: pure functions of what they show.

use super::request::Ui;
use super::views::{page, Ctx, Nav, Who};
use crate::assets;
use crate::auth::MIN_PASSWORD_CHARS;
use crate::i18n::AccountCatalogue;
use crate::store::{Account, Role, StoredToken};
use chrono::{DateTime, Utc};
use maud::{html, Markup};

/// The frame of every page here: the admin shell, plus the few styles only these pages need
/// (password fields, a narrow column). Pages for signed-in volunteers show the menu.
fn shell(ui: &Ui, who: Option<Who<'_>>, title: &str, wide: bool, body: Markup) -> Markup {
    let nav = if who.is_some() {
        Nav::Elsewhere
    } else {
        Nav::None
    };
    let ctx = Ctx::new(ui, who);
    page(
        &ctx,
        title,
        nav,
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

fn date(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn name_field(t: &AccountCatalogue, name: &str, hint: bool) -> Markup {
    html! {
        div.field {
            label for="name" { (t.first_name) }
            input #name type="text" name="name" value=(name) required maxlength="40" autocomplete="username" autofocus[name.is_empty()];
            @if hint { p.hint { (t.name_hint) } }
        }
    }
}

fn new_password_fields(t: &AccountCatalogue) -> Markup {
    let min = MIN_PASSWORD_CHARS.to_string();
    html! {
        div.field {
            label for="password" { (t.new_password) }
            input #password type="password" name="password" required minlength=(min) autocomplete="new-password" aria-describedby="password-rule";
            p.hint #password-rule { (t.password_rule.replace("{n}", &min)) }
        }
        div.field {
            label for="password2" { (t.new_password_again) }
            input #password2 type="password" name="password2" required minlength=(min) autocomplete="new-password";
        }
    }
}

pub fn login(ui: &Ui, t: &AccountCatalogue, next: &str, name: &str, error: Option<&str>) -> Markup {
    login_page(ui, t, next, name, error, false)
}

/// The login page after a refused password that had the shape of a one-time code: said,
/// with the welcome page where such a code is typed (whatever the name, known or not).
pub fn login_after_code(ui: &Ui, t: &AccountCatalogue, next: &str, name: &str) -> Markup {
    login_page(ui, t, next, name, Some(t.wrong_password), true)
}

fn login_page(
    ui: &Ui,
    t: &AccountCatalogue,
    next: &str,
    name: &str,
    error: Option<&str>,
    code_typed: bool,
) -> Markup {
    shell(
        ui,
        None,
        t.login_title,
        false,
        html! {
            (error_box(error))
            @if code_typed {
                div.notice.warning.code-typed role="alert" {
                    p { (t.password_looks_like_code) }
                    p { a.button.primary href="/admin/welcome" { (t.welcome_link) } }
                }
            }
            form.card method="post" action="/admin/login" {
                input type="hidden" name="next" value=(next);
                (name_field(t, name, false))
                div.field {
                    label for="password" { (t.password) }
                    input #password type="password" name="password" required autocomplete="current-password" autofocus[!name.is_empty()];
                }
                div.actions { button.primary type="submit" { (t.log_in) } }
            }
            p { a href="/admin/welcome" { (t.welcome_link) } }
            p.hint { (t.forgot) }
        },
    )
}

pub struct SetupView<'a> {
    pub next: &'a str,
    pub name: &'a str,
    /// The setup code as typed, shown again when it was right but the rest was refused.
    pub code: &'a str,
    pub error: Option<&'a str>,
}

pub fn setup(ui: &Ui, t: &AccountCatalogue, v: &SetupView<'_>) -> Markup {
    shell(
        ui,
        None,
        t.setup_title,
        false,
        html! {
            p { (t.setup_intro) }
            (error_box(v.error))
            form.card method="post" action="/admin/setup" {
                input type="hidden" name="next" value=(v.next);
                div.field {
                    label for="code" { (t.setup_code) }
                    input #code type="text" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX-XXXX" value=(v.code) autofocus[v.code.is_empty()];
                }
                (name_field(t, v.name, true))
                (new_password_fields(t))
                div.actions { button.primary type="submit" { (t.set_password) } }
            }
        },
    )
}

pub fn welcome(
    ui: &Ui,
    t: &AccountCatalogue,
    name: &str,
    code: &str,
    error: Option<&str>,
) -> Markup {
    shell(
        ui,
        None,
        t.welcome_title,
        false,
        html! {
            p { (t.welcome_intro) }
            (error_box(error))
            form.card method="post" action="/admin/welcome" {
                (name_field(t, name, false))
                div.field {
                    label for="code" { (t.invitation_code) }
                    input #code type="text" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX-XXXX" value=(code);
                }
                (new_password_fields(t))
                div.actions { button.primary type="submit" { (t.set_password) } }
            }
        },
    )
}

pub fn password(ui: &Ui, t: &AccountCatalogue, who: Who<'_>, error: Option<&str>) -> Markup {
    let csrf = who.csrf.to_owned();
    let admin = who.admin;
    shell(
        ui,
        Some(who),
        t.password_title,
        false,
        html! {
            (error_box(error))
            form.card method="post" action="/admin/password" {
                input type="hidden" name="_csrf" value=(csrf);
                div.field {
                    label for="current" { (t.current_password) }
                    input #current type="password" name="current" required autocomplete="current-password" autofocus;
                }
                (new_password_fields(t))
                p.hint { (t.password_change_note) }
                div.actions { button.primary type="submit" { (t.set_password) } }
            }
            p {
                @if admin { a href="/admin/tokens" { (t.tokens_title) } " · " }
                a href="/admin" { (t.back) }
            }
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

pub fn tokens(ui: &Ui, t: &AccountCatalogue, who: Who<'_>, v: &TokensView<'_>) -> Markup {
    let csrf = who.csrf.to_owned();
    shell(
        ui,
        Some(who),
        t.tokens_title,
        true,
        html! {
            p { (t.tokens_intro) }
            (error_box(v.error))
            @if let Some(why) = v.damaged {
                (error_box(Some(&t.tokens_damaged.replace("{error}", why))))
                form.card method="post" action="/admin/tokens/reset" {
                    input type="hidden" name="_csrf" value=(csrf);
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
                            " " span.date {
                                (t.created_on) " " (date(&token.created)) " " (t.by) " "
                                span.by { (token.created_by.as_deref().unwrap_or(t.command_line)) }
                            }
                            form.inline method="post" action={ "/admin/tokens/" (token.id) "/revoke" } {
                                input type="hidden" name="_csrf" value=(csrf);
                                button.danger.small type="submit" { (t.revoke) }
                            }
                        }
                    }
                }
            }
            form.card method="post" action="/admin/tokens" {
                input type="hidden" name="_csrf" value=(csrf);
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

pub struct AccountsView<'a> {
    pub accounts: &'a [Account],
    /// The account whose one-time code was just made, the code, and until when it works.
    pub code: Option<(&'a str, &'a str, DateTime<Utc>)>,
    pub error: Option<&'a str>,
    /// The name typed in the invitation form, kept after a refusal.
    pub name: &'a str,
    pub now: DateTime<Utc>,
}

/// A local date and time, in the admin's language.
fn local(ui: &Ui, at: &DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format(ui.t.datetime_format)
        .to_string()
}

fn state_of(ui: &Ui, t: &AccountCatalogue, a: &Account, now: DateTime<Utc>) -> String {
    match (&a.invitation, a.disabled) {
        (_, true) => t.state_disabled.to_owned(),
        (Some(inv), false) if inv.expires <= now => {
            t.state_expired.replace("{date}", &local(ui, &inv.expires))
        }
        (Some(inv), false) => t.state_invited.replace("{date}", &local(ui, &inv.expires)),
        (None, false) => t.state_active.to_owned(),
    }
}

pub fn accounts(ui: &Ui, t: &AccountCatalogue, who: Who<'_>, v: &AccountsView<'_>) -> Markup {
    let csrf = who.csrf.to_owned();
    let me = who.name.to_owned();
    let button = |action: String, label: &str, class: &str, confirm: Option<&str>| {
        html! {
            form.inline method="post" action=(action) data-confirm=[confirm] {
                input type="hidden" name="_csrf" value=(csrf);
                button type="submit" class=(format!("small {class}")) { (label) }
            }
        }
    };
    shell(
        ui,
        Some(who),
        t.accounts_title,
        true,
        html! {
            p { (t.accounts_intro) }
            (error_box(v.error))
            @if let Some((name, code, until)) = v.code {
                div.card.created role="status" {
                    p { (t.code_shown.replace("{name}", name).replace("{date}", &local(ui, &until))) }
                    pre.secret { code.invitation { (code) } }
                }
            }
            table.accounts {
                thead { tr {
                    th scope="col" { (t.column_name) }
                    th scope="col" { (t.column_role) }
                    th scope="col" { (t.column_state) }
                    th {}
                } }
                tbody {
                    @for a in v.accounts {
                        @let path = format!("/admin/accounts/{}", urlencode(&a.name));
                        tr.disabled[a.disabled] {
                            td.name { (a.name) @if a.name == me { " " (t.you) } }
                            td { @match a.role { Role::Admin => (t.role_admin), Role::Volunteer => (t.role_volunteer) } }
                            td.state { (state_of(ui, t, a, v.now)) }
                            td.actions-cell {
                                @if a.name != me {
                                    (button(format!("{path}/reset"), t.reset, "", Some(t.confirm_reset)))
                                    @match a.role {
                                        Role::Admin => (button(format!("{path}/volunteer"), t.make_volunteer, "", None)),
                                        Role::Volunteer => (button(format!("{path}/admin"), t.make_admin, "", None)),
                                    }
                                    @if a.disabled {
                                        (button(format!("{path}/enable"), t.enable, "", None))
                                    } @else {
                                        (button(format!("{path}/disable"), t.disable, "danger", None))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (t.invite_title) }
            form.card method="post" action="/admin/accounts" {
                input type="hidden" name="_csrf" value=(csrf);
                div.field {
                    label for="name" { (t.invite_name) }
                    input #name type="text" name="name" value=(v.name) required maxlength="40" autocomplete="off";
                }
                div.field.check {
                    label for="admin" {
                        input #admin type="checkbox" name="admin";
                        span { (t.invite_admin) }
                    }
                }
                div.actions { button.primary type="submit" { (t.invite_button) } }
            }
            p { a href="/admin" { (t.back) } }
        },
    )
}

/// A name as one segment of a path.
pub fn urlencode(name: &str) -> String {
    serde_urlencoded::to_string([("", name)])
        .map(|s| s.trim_start_matches('=').replace('+', "%20"))
        .unwrap_or_default()
}
