//! English strings of the auth pages.

use super::auth::AuthCatalogue;

pub static AUTH_EN: AuthCatalogue = AuthCatalogue {
    lang: "en",
    login_title: "Admin login",
    setup_title: "First login: choose the password",
    setup_intro: "No password has been set yet. The setup code is written in the server's log \
                  and in the file {path} (readable only by the Raspberry Pi's administrator). \
                  It works once.",
    setup_code: "Setup code",
    first_name: "Your first name",
    first_name_hint: "It is shown in the history, next to each change.",
    password: "Password",
    new_password: "New password",
    new_password_again: "The same, once more",
    password_rule: "At least {n} characters: customers may use the same network as the screen. \
                    A short sentence is easier to remember.",
    current_password: "Current password",
    log_in: "Log in",
    set_password: "Save the password",
    wrong_password: "Wrong password.",
    wrong_code: "Wrong setup code: copy it again from the log or the setup-code file.",
    name_required: "Type your first name (40 characters at most).",
    too_many_attempts: "Too many failed attempts from this device: try again in {minutes} min.",
    password_too_short: "Password too short ({n} characters): at least {min}.",
    password_too_long: "Password too long: {max} characters at most.",
    passwords_differ: "The two passwords typed are not the same.",
    password_title: "Change the password",
    password_change_note: "Every open session, on every device, will be closed (except this one).",
    log_out: "Log out",
    forgot: "Forgot the password? On the Raspberry Pi, over SSH: sudo vitrine passwd",
    tokens_title: "API tokens",
    tokens_intro:
        "A token lets a script replace the content through the JSON API \
                   (PUT /api/content, header Authorization: Bearer …). Revoke those no longer used.",
    token_label: "Token name (what it is for)",
    token_label_rule: "Give the token a name of 1 to 40 characters, on one line.",
    create_token: "Create a token",
    token_created: "Copy this token now: it will never be shown again.",
    no_tokens: "No tokens yet.",
    created_on: "created on",
    revoke: "Revoke",
    tokens_damaged: "The list of API tokens cannot be read ({error}): no token works until \
        it is repaired. Start a new, empty list below (the damaged file is kept beside it, \
        renamed), then create the tokens your scripts need again.",
    reset_tokens: "Start a new token list",
    back: "Back to the admin area",
};
