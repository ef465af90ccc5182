//! One account per volunteer: an admin invites with a one-time code (shown once, 7 days),
//! the volunteer redeems it with a password of their own; an admin resets and disables
//! accounts, never the last admin; the single password of an older install becomes the first
//! account; the history and the token list name the account.

use crate::common;

use axum::http::{header, StatusCode};
use common::auth::*;
use vitrine::store::{Role, Store};
use vitrine::AppState;

const PASSWORD: &str = "une phrase assez longue";
const JON_PASSWORD: &str = "le mot de passe de Jon";

/// Maite (the first admin) signed in: her cookie and form token.
async fn maite(state: &AppState) -> (String, String) {
    let cookie = set_up(state, PASSWORD).await;
    let csrf = csrf_of(&get(state, "/admin/accounts", Some(&cookie)).await.body);
    (cookie, csrf)
}

/// The one-time code shown on the page, once.
fn shown_code(reply: &Reply) -> String {
    let codes = reply.texts("code.invitation");
    assert_eq!(codes.len(), 1, "{}", reply.body);
    codes[0].clone()
}

async fn invite(state: &AppState, cookie: &str, csrf: &str, name: &str, admin: bool) -> Reply {
    let mut fields = vec![("_csrf", csrf), ("name", name)];
    if admin {
        fields.push(("admin", "on"));
    }
    send(state, form("/admin/accounts", &fields, Some(cookie))).await
}

async fn welcome(state: &AppState, name: &str, code: &str, password: &str) -> Reply {
    let fields = [
        ("name", name),
        ("code", code),
        ("password", password),
        ("password2", password),
    ];
    send(state, form("/admin/welcome", &fields, None)).await
}

async fn log_in_as(state: &AppState, name: &str, password: &str) -> Reply {
    let fields = [("name", name), ("password", password)];
    send(state, form("/admin/login", &fields, None)).await
}

#[tokio::test]
async fn an_invitation_is_shown_once_and_redeemed_once_with_the_volunteers_own_password() {
    let (_dir, state) = fresh();
    let (cookie, csrf) = maite(&state).await;
    let page = invite(&state, &cookie, &csrf, "Jon", false).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let code = shown_code(&page);
    assert_eq!(code.len(), 14, "{code}");
    // Shown once: neither the list nor the file keeps it.
    let list = get(&state, "/admin/accounts", Some(&cookie)).await;
    assert!(!list.body.contains(&code));
    assert!(list.texts("code.invitation").is_empty());
    let file = std::fs::read_to_string(state.store.dir().join("accounts.json")).unwrap();
    assert!(!file.contains(&code) && !file.contains(&code.replace('-', "")));
    let jon = state.store.accounts().find("Jon").unwrap().unwrap();
    assert_eq!(jon.role, Role::Volunteer);
    assert!(jon.password.is_none());
    let expires = jon.invitation.unwrap().expires - chrono::Utc::now();
    assert!(expires > chrono::Duration::days(7) - chrono::Duration::minutes(1));
    assert!(expires <= chrono::Duration::days(7));
    // Until redeemed, there is no password to log in with.
    let early = log_in_as(&state, "Jon", "").await;
    assert_eq!(early.status, StatusCode::UNAUTHORIZED);

    // A wrong code or name, then the right one (typed in small letters, with spaces).
    assert_eq!(
        welcome(&state, "Jon", "AAAA-BBBB-CCCC", JON_PASSWORD)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        welcome(&state, "Ane", &code, JON_PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Two passwords that differ: the code stays in the form, nothing to copy again.
    let fields = [
        ("name", "Jon"),
        ("code", code.as_str()),
        ("password", JON_PASSWORD),
        ("password2", "pas le même mot de passe"),
    ];
    let mismatch = send(&state, form("/admin/welcome", &fields, None)).await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = scraper::Html::parse_document(&mismatch.body);
    let field = scraper::Selector::parse("input[name=code]").unwrap();
    let shown = doc
        .select(&field)
        .next()
        .and_then(|e| e.value().attr("value"));
    assert_eq!(shown, Some(code.as_str()));
    let typed = code.to_lowercase().replace('-', " ");
    let redeemed = welcome(&state, "jon", &typed, JON_PASSWORD).await;
    assert_eq!(redeemed.status, StatusCode::SEE_OTHER, "{}", redeemed.body);
    let session = redeemed.session_cookie();
    let dashboard = get(&state, "/admin", Some(&session)).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("Jon"));
    // Volunteers do not manage accounts.
    assert!(dashboard
        .attrs("a[href='/admin/accounts']", "href")
        .is_empty());
    let refused = get(&state, "/admin/accounts", Some(&session)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Made admin by Maite, Jon manages the accounts too.
    let promoted = send(
        &state,
        form(
            "/admin/accounts/Jon/admin",
            &[("_csrf", &csrf)],
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(promoted.status, StatusCode::SEE_OTHER, "{}", promoted.body);
    assert_eq!(
        get(&state, "/admin/accounts", Some(&session)).await.status,
        StatusCode::OK
    );

    // Once only: the same code does not set another password.
    let again = welcome(&state, "Jon", &code, "un autre mot de passe").await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        log_in_as(&state, "Jon", "un autre mot de passe")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        log_in_as(&state, "Jon", JON_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_expired_code_is_refused_and_says_so() {
    let (_dir, state) = fresh();
    let (cookie, csrf) = maite(&state).await;
    let code = shown_code(&invite(&state, &cookie, &csrf, "Jon", false).await);
    // Eight days later, as far as the code is concerned.
    let accounts = state.store.accounts();
    let mut jon = accounts.find("Jon").unwrap().unwrap();
    let mut invitation = jon.invitation.take().unwrap();
    invitation.expires = chrono::Utc::now() - chrono::Duration::days(1);
    accounts.reset("Jon", invitation).unwrap();
    let late = welcome(&state, "Jon", &code, JON_PASSWORD).await;
    assert_eq!(late.status, StatusCode::GONE, "{}", late.body);
    assert!(late.body.contains("expiré"), "{}", late.body);
    assert!(accounts.find("Jon").unwrap().unwrap().password.is_none());
    let list = get(&state, "/admin/accounts", Some(&cookie)).await;
    assert!(list.texts("td.state").iter().any(|s| s.contains("expiré")));
}

#[tokio::test]
async fn names_are_unique_and_refusals_keep_what_was_typed() {
    let (_dir, state) = fresh();
    let (cookie, csrf) = maite(&state).await;
    let taken = invite(&state, &cookie, &csrf, "maite", false).await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.texts("code.invitation").len(), 0);
    assert!(taken.body.contains("déjà"), "{}", taken.body);
    let empty = invite(&state, &cookie, &csrf, "   ", false).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(state.store.accounts().list().unwrap().len(), 1);
    // A name with a space and an accent: its buttons lead to its own account.
    let page = invite(&state, &cookie, &csrf, "Jon Etxeberría", false).await;
    assert_eq!(page.status, StatusCode::OK);
    let actions = page.attrs("td.actions-cell form", "action");
    assert_eq!(actions.len(), 3, "{actions:?}");
    let disable = actions.iter().find(|a| a.ends_with("/disable")).unwrap();
    let done = send(&state, form(disable, &[("_csrf", &csrf)], Some(&cookie))).await;
    assert_eq!(
        done.status,
        StatusCode::SEE_OTHER,
        "{disable}: {}",
        done.body
    );
    let jon = state
        .store
        .accounts()
        .find("Jon Etxeberría")
        .unwrap()
        .unwrap();
    assert!(jon.disabled);
}

#[tokio::test]
async fn a_reset_ends_the_old_password_and_its_sessions_and_gives_a_new_code() {
    let (_dir, state) = fresh();
    let (cookie, csrf) = maite(&state).await;
    let code = shown_code(&invite(&state, &cookie, &csrf, "Jon", false).await);
    let jon = welcome(&state, "Jon", &code, JON_PASSWORD)
        .await
        .session_cookie();
    assert_eq!(
        get(&state, "/admin", Some(&jon)).await.status,
        StatusCode::OK
    );

    let reset = send(
        &state,
        form(
            "/admin/accounts/Jon/reset",
            &[("_csrf", &csrf)],
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let new_code = shown_code(&reset);
    assert_ne!(new_code, code);
    assert_eq!(
        get(&state, "/admin", Some(&jon)).await.status,
        StatusCode::SEE_OTHER,
        "Jon's session ended"
    );
    assert_eq!(
        log_in_as(&state, "Jon", JON_PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    let new_password = "un nouveau mot de passe";
    assert_eq!(
        welcome(&state, "Jon", &new_code, new_password).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        log_in_as(&state, "Jon", new_password).await.status,
        StatusCode::SEE_OTHER
    );
    // One's own password is changed on the password page, not reset here.
    let own = send(
        &state,
        form(
            "/admin/accounts/Maite/reset",
            &[("_csrf", &csrf)],
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert!(
        log_in_as(&state, "Maite", PASSWORD).await.status == StatusCode::SEE_OTHER,
        "Maite's password still works"
    );
}

#[tokio::test]
async fn a_disabled_account_cannot_log_in_and_the_last_admin_stays() {
    let (_dir, state) = fresh();
    let (cookie, csrf) = maite(&state).await;
    let code = shown_code(&invite(&state, &cookie, &csrf, "Ane", true).await);
    let ane = welcome(&state, "Ane", &code, JON_PASSWORD)
        .await
        .session_cookie();
    let ane_csrf = csrf_of(&get(&state, "/admin/accounts", Some(&ane)).await.body);

    // Ane disables Maite: Maite's session ends, her password no longer opens one.
    let disabled = send(
        &state,
        form(
            "/admin/accounts/Maite/disable",
            &[("_csrf", &ane_csrf)],
            Some(&ane),
        ),
    )
    .await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER, "{}", disabled.body);
    assert_eq!(
        get(&state, "/admin", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = log_in_as(&state, "Maite", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("désactivé"), "{}", refused.body);
    assert!(refused.header(header::SET_COOKIE).is_empty());

    // Ane is now the only enabled admin: she cannot disable herself.
    let own = send(
        &state,
        form(
            "/admin/accounts/Ane/disable",
            &[("_csrf", &ane_csrf)],
            Some(&ane),
        ),
    )
    .await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert!(
        !state
            .store
            .accounts()
            .find("Ane")
            .unwrap()
            .unwrap()
            .disabled
    );
    // Maite comes back; with two admins enabled, one may disable the other.
    let enabled = send(
        &state,
        form(
            "/admin/accounts/Maite/enable",
            &[("_csrf", &ane_csrf)],
            Some(&ane),
        ),
    )
    .await;
    assert_eq!(enabled.status, StatusCode::SEE_OTHER);
    let maite = log_in_as(&state, "Maite", PASSWORD).await;
    assert_eq!(maite.status, StatusCode::SEE_OTHER);
    let maite = maite.session_cookie();
    let maite_csrf = csrf_of(&get(&state, "/admin/accounts", Some(&maite)).await.body);
    let last = send(
        &state,
        form(
            "/admin/accounts/Ane/disable",
            &[("_csrf", &maite_csrf)],
            Some(&maite),
        ),
    )
    .await;
    assert_eq!(last.status, StatusCode::SEE_OTHER);
    // Below the pages, the store itself never disables the last enabled admin.
    state.store.accounts().set_disabled("Ane", false).unwrap();
    state.store.accounts().set_disabled("Maite", true).unwrap();
    let alone = state.store.accounts().set_disabled("Ane", true);
    assert!(matches!(
        alone,
        Err(vitrine::store::AccountError::LastAdmin)
    ));
}

#[tokio::test]
async fn the_history_and_the_token_list_name_the_account() {
    let (_dir, state) = fresh();
    let (cookie, csrf) = maite(&state).await;
    // An admin: only admins make tokens.
    let code = shown_code(&invite(&state, &cookie, &csrf, "Jon", true).await);
    let jon = welcome(&state, "Jon", &code, JON_PASSWORD)
        .await
        .session_cookie();
    let page = get(&state, "/admin/community", Some(&jon)).await;
    let jon_csrf = csrf_of(&page.body);
    let etag = page.attrs("input[name=etag]", "value")[0].clone();
    let c = state.store.current().content.community.clone();
    let saved = send(
        &state,
        form(
            "/admin/community",
            &[
                ("_csrf", &jon_csrf),
                ("etag", &etag),
                ("platform", "whatsapp"),
                (
                    "invite_link",
                    "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
                ),
                ("name", &c.name),
                ("call_to_action", &c.call_to_action),
            ],
            Some(&jon),
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(state.store.current().saved.as_ref().unwrap().1, "Jon");
    let history = get(&state, "/admin/history", Some(&cookie)).await;
    let who = history.texts("table.history tbody tr td:nth-child(2)");
    assert_eq!(who.first().map(String::as_str), Some("Jon"), "{who:?}");
    let dashboard = get(&state, "/admin", Some(&cookie)).await;
    assert!(dashboard.texts("p.saved")[0].contains("Jon"));

    // A token made by Jon says so in the list.
    let made = send(
        &state,
        form(
            "/admin/tokens",
            &[("_csrf", &jon_csrf), ("label", "sauvegarde")],
            Some(&jon),
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::OK);
    let list = get(&state, "/admin/tokens", Some(&cookie)).await;
    assert_eq!(list.texts("ul.tokens li .by"), ["Jon"]);
}

#[tokio::test]
async fn the_single_password_of_an_older_install_becomes_the_admin_account() {
    let dir = tempfile::tempdir().unwrap();
    let phc = vitrine::auth::hash_blocking(PASSWORD).unwrap();
    std::fs::write(dir.path().join("admin-password"), format!("{phc}\n")).unwrap();
    let (state, _stop) = AppState::new(Store::open(dir.path()).unwrap());
    assert!(
        !dir.path().join("admin-password").exists(),
        "upgraded at start"
    );
    let list = state.store.accounts().list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].role),
        ("admin", Role::Admin)
    );
    // No setup code: the screen already has its admin.
    assert!(get(&state, "/admin/login", None)
        .await
        .texts("input[name=code]")
        .is_empty());
    let ok = log_in_as(&state, "admin", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let accounts = get(&state, "/admin/accounts", Some(&ok.session_cookie())).await;
    assert_eq!(
        accounts.status,
        StatusCode::OK,
        "an admin, who invites the others"
    );
    // A second start changes nothing.
    drop(state);
    let again = Store::open(dir.path()).unwrap();
    assert_eq!(again.accounts().list().unwrap(), list);
}
