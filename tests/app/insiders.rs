//! A volunteer who wants more than they were given, or who left angry: guesses at a
//! colleague's password stop after a few whatever the address, a token belongs to its account
//! and stops with it, only admins handle tokens, a flood of saves cannot wipe the history or
//! its pictures, a flood of logins cannot end another's session; and the smaller refusals
//! (duplicate keys, reversed dates, a user part in a link, a failing data folder, a lost
//! setup race). (Memory and time under attack: bench/hardening.sh.)

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::oneshot::*;
use serde_json::{json, Value};
use vitrine::auth::tokens::create_token;
use vitrine::limits::{LOGIN_FAILURES, LOGIN_FAILURES_PER_ACCOUNT, SESSIONS_PER_ACCOUNT};
use vitrine::store::Role;
use vitrine::AppState;

fn login(name: &str, password: &str) -> Request<Body> {
    let body = serde_urlencoded::to_string([("name", name), ("password", password)]).unwrap();
    Request::post("/admin/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

fn page(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

fn post(path: &str, session: &TestSession, fields: &[(&str, &str)]) -> Request<Body> {
    let mut all = vec![("_csrf", session.csrf.as_str())];
    all.extend_from_slice(fields);
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, &session.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(serde_urlencoded::to_string(&all).unwrap()))
        .unwrap()
}

fn put_document(doc: &Value, etag: &str, token: &str) -> Request<Body> {
    Request::put("/api/content")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, etag)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(doc.to_string()))
        .unwrap()
}

fn put_text(text: String, etag: &str, token: &str) -> Request<Body> {
    Request::put("/api/content")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, etag)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(text))
        .unwrap()
}

fn current_json(state: &AppState) -> Value {
    serde_json::from_slice(&state.store.current().to_json()).unwrap()
}

/// A change of the community's name through the API, with `token`.
async fn rename_with(state: &AppState, token: &str, name: &str) -> Reply {
    let mut doc = current_json(state);
    doc["community"]["name"] = json!(name);
    let etag = state.store.current().etag.clone();
    send_from(state, put_document(&doc, &etag, token), "192.168.1.30:4000").await
}

fn still_signed_in(reply: &Reply) -> bool {
    reply.status == StatusCode::OK
}

#[tokio::test]
async fn a_volunteer_guessing_between_good_logins_of_their_own_gets_five_guesses_at_the_admin() {
    let (_dir, state) = fresh();
    let admin = sign_in(&state, "Maite", Role::Admin);
    sign_in(&state, "Ana", Role::Volunteer);
    let mut checked = 0;
    let mut refused = 0;
    for _ in 0..4 {
        for _ in 0..4 {
            let reply =
                send_from(&state, login("Maite", "une devinette"), "192.168.1.66:5000").await;
            match reply.status {
                StatusCode::UNAUTHORIZED => checked += 1,
                StatusCode::TOO_MANY_REQUESTS => refused += 1,
                other => panic!("{other}: {}", reply.body),
            }
        }
        // Her own good login between rounds buys no more guesses at Maite.
        send_from(&state, login("Ana", TEST_PASSWORD), "192.168.1.66:5000").await;
    }
    assert!(refused > 0, "the guesses were stopped");
    assert!(
        checked <= LOGIN_FAILURES,
        "{checked} wrong passwords checked for Maite"
    );
    // Maite's own session goes on.
    assert!(still_signed_in(
        &send_from(&state, page("/admin", &admin.cookie), "192.168.1.10:5000").await
    ));
}

#[tokio::test]
async fn forty_machines_get_ten_guesses_at_one_name_and_its_owner_is_told_what_to_do() {
    let (_dir, state) = fresh();
    sign_in(&state, "Maite", Role::Admin);
    let mut checked = 0;
    for machine in 1..=40 {
        for _ in 0..LOGIN_FAILURES {
            let from = format!("192.168.2.{machine}:5000");
            let reply = send_from(&state, login("maite", "une devinette"), &from).await;
            if reply.status == StatusCode::UNAUTHORIZED {
                checked += 1;
            } else {
                assert_eq!(
                    reply.status,
                    StatusCode::TOO_MANY_REQUESTS,
                    "{}",
                    reply.body
                );
            }
        }
    }
    assert_eq!(checked, LOGIN_FAILURES_PER_ACCOUNT);
    // The real owner, from her own laptop, reads in words what to do.
    let owner = send_from(&state, login("Maite", TEST_PASSWORD), "192.168.1.10:5000").await;
    assert_eq!(owner.status, StatusCode::TOO_MANY_REQUESTS);
    let said = owner.texts(".error").join(" ");
    assert!(
        said.contains("min") && said.contains("demandez à un administrateur un nouveau code"),
        "{said}"
    );
    // Another account is not touched by guesses at hers.
    sign_in(&state, "Bob", Role::Volunteer);
    let bob = send_from(&state, login("Bob", TEST_PASSWORD), "192.168.1.11:5000").await;
    assert_eq!(bob.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_token_writes_as_its_account_and_stops_when_the_account_is_disabled_reset_or_demoted() {
    let (_dir, state) = fresh();
    let admin = sign_in(&state, "Maite", Role::Admin);
    for change in ["disable", "reset", "volunteer"] {
        sign_in(&state, "Bob", Role::Admin);
        let token = create_token(&state.store.secrets(), "sauvegarde", Some("Bob")).unwrap();
        let saved = rename_with(&state, &token, &format!("Avant {change}")).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert_eq!(
            state.store.history().unwrap()[0].saved_by,
            "Bob, par le script « sauvegarde »"
        );
        let path = format!("/admin/accounts/Bob/{change}");
        let changed = send_from(&state, post(&path, &admin, &[]), "192.168.1.10:5000").await;
        assert!(
            changed.status.is_success() || changed.status.is_redirection(),
            "{change}: {}",
            changed.status
        );
        let after = rename_with(&state, &token, &format!("Après {change}")).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED, "{change}");
        assert_eq!(
            state.store.current().content.community.name,
            format!("Avant {change}")
        );
        assert!(
            state.store.secrets().tokens().unwrap().is_empty(),
            "{change}: the account's tokens are revoked"
        );
        // Back to an enabled admin for the next round: the old token stays dead.
        let bob = state.store.accounts().find("Bob").unwrap().unwrap();
        if bob.disabled {
            state.store.accounts().set_disabled("Bob", false).unwrap();
        }
        if bob.role != Role::Admin {
            state.store.accounts().set_role("Bob", Role::Admin).unwrap();
        }
        let revived = rename_with(&state, &token, "Encore").await;
        assert_eq!(revived.status, StatusCode::UNAUTHORIZED, "{change}");
        let phc = vitrine::auth::hash_blocking("autre mot de passe").unwrap();
        state.store.accounts().set_password("Bob", &phc).unwrap();
    }
}

#[tokio::test]
async fn a_volunteer_can_neither_make_see_revoke_nor_reset_tokens() {
    let (_dir, state) = fresh();
    let admin = sign_in(&state, "Maite", Role::Admin);
    let token = create_token(&state.store.secrets(), "sauvegarde", Some("Maite")).unwrap();
    let before = std::fs::read(state.store.dir().join("api-tokens.json")).unwrap();
    let id = state.store.secrets().tokens().unwrap()[0].id.clone();
    let ana = sign_in(&state, "Ana", Role::Volunteer);
    let from = "192.168.1.20:5000";
    let list = send_from(&state, page("/admin/tokens", &ana.cookie), from).await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    assert!(
        !list.body.contains("sauvegarde"),
        "no token of anyone shown"
    );
    for (path, fields) in [
        ("/admin/tokens", vec![("label", "le mien")]),
        ("/admin/tokens/reset", vec![]),
        (&*format!("/admin/tokens/{id}/revoke"), vec![]),
    ] {
        let reply = send_from(&state, post(path, &ana, &fields), from).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        std::fs::read(state.store.dir().join("api-tokens.json")).unwrap(),
        before,
        "the token file is untouched"
    );
    // Even an admin's reset leaves a healthy file alone.
    let reset = send_from(&state, post("/admin/tokens/reset", &admin, &[]), from).await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert_eq!(state.store.secrets().tokens().unwrap().len(), 1);
    assert_eq!(
        rename_with(&state, &token, "Toujours là").await.status,
        StatusCode::OK
    );
    // The volunteer's menu does not offer the page.
    let settings = send_from(&state, page("/admin/settings", &ana.cookie), from).await;
    assert!(settings.attrs("a[href='/admin/tokens']", "href").is_empty());
}

/// A document as big as the content allows: 200 groups, every text at its longest in
/// four-byte characters, translated in three languages.
fn big_document(state: &AppState) -> Value {
    let long = |n: usize| common::fill("🥕🍞", n);
    let mut doc = current_json(state);
    let group = json!({
        "name": long(80),
        "description": long(140),
        "category": long(40),
        "in_community": true,
        "translations": {
            "eu": { "description": long(140), "category": long(40) },
            "en": { "description": long(140), "category": long(40) },
            "es": { "description": long(140), "category": long(40) },
        }
    });
    doc["groups"] = Value::Array((0..200).map(|_| group.clone()).collect());
    doc
}

#[tokio::test]
async fn a_flood_of_big_saves_leaves_the_earlier_revisions_restorable_and_their_pictures() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "vandale", None).unwrap();
    // Five revisions before the flood, each showing a picture of its own.
    let mut pictures = Vec::new();
    for i in 0..5u8 {
        let png = common::admin::png(40 + u32::from(i), 30);
        let stored = state.store.save_media(png, "png").await.unwrap();
        let name = stored.name().to_owned();
        let mut doc = current_json(&state);
        doc["announcements"] =
            json!([{ "title": format!("Annonce {i}"), "text": "", "image": name }]);
        let etag = state.store.current().etag.clone();
        let saved = send_from(
            &state,
            put_document(&doc, &etag, &token),
            "192.168.1.30:4000",
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        drop(stored);
        pictures.push(name);
    }
    let before: Vec<String> = state
        .store
        .history()
        .unwrap()
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(before.len(), 5);
    // The flood: 40 saves of the biggest document, more than the history's byte bound.
    let mut doc = big_document(&state);
    let size = doc.to_string().len() as u64;
    assert!(40 * size > 16 * 1024 * 1024, "{size} bytes per save");
    doc["announcements"] = json!([]);
    for i in 0..40 {
        doc["community"]["name"] = json!(format!("Vandale {i}"));
        let etag = state.store.current().etag.clone();
        let saved = send_from(
            &state,
            put_document(&doc, &etag, &token),
            "192.168.1.30:4000",
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    }
    let after: Vec<String> = state
        .store
        .history()
        .unwrap()
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(after.len(), 45);
    for (i, id) in before.iter().enumerate() {
        let old = state.store.history_content(id).expect("still restorable");
        let image = old.announcements[0].image.clone().unwrap();
        assert!(pictures.contains(&image), "revision {i}");
        assert!(
            state.store.dir().join("media").join(&image).exists(),
            "its picture is still on disk"
        );
    }
    assert_eq!(
        state.store.history_forgotten(),
        None,
        "nothing was forgotten"
    );
}

#[tokio::test]
async fn a_volunteer_logging_in_again_and_again_never_ends_the_admins_session() {
    let (_dir, state) = fresh();
    let admin = sign_in(&state, "Maite", Role::Admin);
    sign_in(&state, "Ana", Role::Volunteer);
    let mut anas = Vec::new();
    for _ in 0..SESSIONS_PER_ACCOUNT + 3 {
        let reply = send_from(&state, login("Ana", TEST_PASSWORD), "192.168.1.20:5000").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        anas.push(reply.session_cookie());
    }
    let from = "192.168.1.10:5000";
    assert!(still_signed_in(
        &send_from(&state, page("/admin", &admin.cookie), from).await
    ));
    assert!(still_signed_in(
        &send_from(&state, page("/admin", anas.last().unwrap()), from).await
    ));
    // Ana's own oldest session made room for her newest.
    let oldest = send_from(&state, page("/admin", &anas[0]), from).await;
    assert_eq!(oldest.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_key_written_twice_anywhere_in_the_document_is_refused_with_its_place() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let doc = current_json(&state);
    let text = doc.to_string();
    let first_name = format!("\"name\":{}", doc["groups"][0]["name"]);
    assert!(text.contains(&first_name), "{first_name}");
    let twice = text.replacen(&first_name, &format!("{first_name},\"name\":\"Autre\""), 1);
    let etag = state.store.current().etag.clone();
    let before = state.store.current().content.clone();
    let reply = send_from(&state, put_text(twice, &etag, &token), "192.168.1.30:4000").await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["fields"][0]["field"], "groups[0].name");
    assert_eq!(body["fields"][0]["code"], "duplicate_key");
    assert_eq!(state.store.current().content, before);
}

#[tokio::test]
async fn an_announcement_ending_before_it_starts_is_refused_with_its_last_day_named() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let mut doc = current_json(&state);
    doc["announcements"] = json!([{
        "title": "Fermeture", "text": "", "first_day": "2026-05-10", "last_day": "2026-05-01"
    }]);
    let etag = state.store.current().etag.clone();
    let reply = send_from(
        &state,
        put_document(&doc, &etag, &token),
        "192.168.1.30:4000",
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["fields"][0]["field"], "announcements[0].last_day");
    let message = body["fields"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("2026-05-01") && message.contains("2026-05-10"),
        "{message}"
    );
}

#[tokio::test]
async fn a_link_with_a_user_part_is_refused() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let mut doc = current_json(&state);
    doc["community"]["invite_link"] =
        json!("https://chat.whatsapp.com@evil.example/AbCdEfGhIjKlMnOpQrStUv");
    let etag = state.store.current().etag.clone();
    let reply = send_from(
        &state,
        put_document(&doc, &etag, &token),
        "192.168.1.30:4000",
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["fields"][0]["code"], "link_with_user_part", "{body}");
}

#[tokio::test]
async fn a_data_folder_that_fails_says_what_to_do_and_keeps_the_content() {
    let (dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let admin = sign_in(&state, "Maite", Role::Admin);
    // The history cannot take a new revision: a file stands where its folder goes.
    let history = dir.path().join("history");
    let _ = std::fs::remove_dir_all(&history);
    std::fs::write(&history, b"not a folder").unwrap();
    let before = state.store.current().content.clone();
    let api = rename_with(&state, &token, "Jamais enregistré").await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "{}", api.body);
    let said: Value = serde_json::from_str(&api.body).unwrap();
    assert!(
        said["error"]
            .as_str()
            .unwrap()
            .contains("rien n'a été enregistré"),
        "{said}"
    );
    assert_eq!(state.store.current().content, before);
    // A volunteer's form gets a page in their language.
    let c = &before.community;
    let form = post(
        "/admin/community",
        &admin,
        &[
            ("etag", &state.store.current().etag),
            ("platform", "whatsapp"),
            (
                "invite_link",
                "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
            ),
            ("name", "Jamais enregistré"),
            ("call_to_action", &c.call_to_action),
        ],
    );
    let page = send_from(&state, form, "192.168.1.10:5000").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert!(page.body.contains("journalctl -u vitrine"), "{}", page.body);
    assert_eq!(state.store.current().content, before);
}

#[tokio::test]
async fn setting_up_after_someone_else_did_is_not_a_failed_login() {
    let (_dir, state) = fresh();
    sign_in(&state, "Maite", Role::Admin);
    let from = "192.168.1.10:5000";
    for _ in 0..LOGIN_FAILURES + 3 {
        let fields = [
            ("code", "AAAA-BBBB-CCCC"),
            ("name", "Maite"),
            ("password", "x"),
            ("password2", "x"),
        ];
        let req = Request::post("/admin/setup")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
            .unwrap();
        let reply = send_from(&state, req, from).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.location(), "/admin/login");
    }
    let reply = send_from(&state, login("Maite", TEST_PASSWORD), from).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
}
