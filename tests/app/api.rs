//! The JSON API: reading, replacing with If-Match, every refusal, and its OpenAPI description.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::auth::*;
use serde_json::{json, Value};
use vitrine::auth::tokens::create_token;
use vitrine::AppState;

fn token(state: &AppState) -> String {
    create_token(&state.store.secrets(), "script", None).unwrap()
}

fn put(body: impl Into<Body>, etag: Option<&str>, token: Option<&str>) -> Request<Body> {
    let mut req = Request::put("/api/content")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(e) = etag {
        req = req.header(header::IF_MATCH, e);
    }
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(body.into()).unwrap()
}

fn current_json(state: &AppState) -> Value {
    serde_json::to_value(&state.store.current().content).unwrap()
}

/// Sends `req` and checks it was refused with `status`, leaving the content as it was.
async fn refused(state: &AppState, req: Request<Body>, status: StatusCode) -> Reply {
    let before = state.store.current();
    let reply = send(state, req).await;
    assert_eq!(reply.status, status, "{}", reply.body);
    let body: Value = serde_json::from_str(&reply.body).expect("a JSON error body");
    assert!(
        body["error"].as_str().is_some_and(|e| e.len() > 10),
        "{body}"
    );
    assert_eq!(state.store.current().etag, before.etag, "content unchanged");
    assert!(state.store.history().unwrap().len() <= 1);
    reply
}

#[tokio::test]
async fn get_is_public_with_an_etag_and_304() {
    let (_dir, state) = fresh();
    let reply = get(&state, "/api/content", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let etag = reply.header(header::ETAG).to_owned();
    assert_eq!(etag, state.store.current().etag);
    let doc: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc, current_json(&state));
    let req = Request::get("/api/content")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&state, req).await.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn a_put_with_token_and_etag_saves_and_returns_the_new_etag() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let mut doc = current_json(&state);
    doc["community"]["name"] = json!("Otsokop, nouvelle version");
    let reply = send(&state, put(doc.to_string(), Some(&etag), Some(&token))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let new_etag = reply.header(header::ETAG).to_owned();
    assert_ne!(new_etag, etag);
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["etag"], json!(new_etag));
    assert_eq!(
        body["saved_by"],
        json!("script « script » (jeton du serveur)")
    );
    let read = get(&state, "/api/content", None).await;
    assert_eq!(read.header(header::ETAG), new_etag);
    assert!(read.body.contains("Otsokop, nouvelle version"));
    assert_eq!(
        state.store.history().unwrap()[0].saved_by,
        "script « script » (jeton du serveur)"
    );
}

#[tokio::test]
async fn a_put_by_a_logged_in_admin_needs_the_origin() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, "une phrase assez longue").await;
    let etag = state.store.current().etag.clone();
    let mut doc = current_json(&state);
    doc["community"]["name"] = json!("Par la session");
    let with_cookie = |origin: Option<&str>| {
        let mut req = put(doc.to_string(), Some(&etag), None);
        req.headers_mut()
            .insert(header::COOKIE, cookie.parse().unwrap());
        if let Some(o) = origin {
            req.headers_mut().insert(header::ORIGIN, o.parse().unwrap());
        }
        req
    };
    assert_eq!(
        send(&state, with_cookie(None)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&state, with_cookie(Some("http://evil.example")))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(state.store.current().etag, etag);
    let ok = send(&state, with_cookie(Some(ORIGIN))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(state.store.history().unwrap()[0].saved_by, "Maite");
}

#[tokio::test]
async fn without_credentials_401() {
    let (_dir, state) = fresh();
    let etag = state.store.current().etag.clone();
    let doc = current_json(&state).to_string();
    let reply = refused(
        &state,
        put(doc.clone(), Some(&etag), None),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert!(reply.header(header::WWW_AUTHENTICATE).starts_with("Bearer"));
    refused(
        &state,
        put(doc.clone(), Some(&etag), Some("vitrine_wrong")),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let mut basic = put(doc, Some(&etag), None);
    basic
        .headers_mut()
        .insert(header::AUTHORIZATION, "Basic YTpi".parse().unwrap());
    refused(&state, basic, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn without_if_match_428_and_stale_412() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let doc = current_json(&state).to_string();
    let reply = refused(
        &state,
        put(doc.clone(), None, Some(&token)),
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    assert!(reply.body.contains("If-Match"), "{}", reply.body);
    refused(
        &state,
        put(doc.clone(), Some("*"), Some(&token)),
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    let reply = refused(
        &state,
        put(doc, Some("\"0123456789\""), Some(&token)),
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    assert!(
        reply.body.contains("relisez"),
        "says to read again: {}",
        reply.body
    );
}

#[tokio::test]
async fn invalid_content_422_lists_the_fields() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let mut doc = current_json(&state);
    doc["groups"][2]["name"] = json!("");
    doc["community"]["invite_link"] = json!("pas un lien");
    let reply = refused(
        &state,
        put(doc.to_string(), Some(&etag), Some(&token)),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"groups[2].name"), "{fields:?}");
    assert!(fields.contains(&"community.invite_link"), "{fields:?}");
    // Each problem carries its code for scripts, beside the sentence for people.
    let of = |field: &str| {
        body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .cloned()
            .unwrap()
    };
    assert_eq!(of("groups[2].name")["code"], "empty", "{body}");
    assert_eq!(of("groups[2].name")["message"], "Ne peut pas être vide");
    assert_eq!(of("community.invite_link")["code"], "not_a_web_address");
    assert!(
        of("community.invite_link")["message"]
            .as_str()
            .unwrap()
            .contains("« pas un lien »"),
        "{body}"
    );
    // A value the document cannot take is a problem of its own, said without the parser's
    // English inside the French.
    doc["community"]["platform"] = json!("whatsap");
    let reply = refused(
        &state,
        put(doc.to_string(), Some(&etag), Some(&token)),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["fields"][0]["field"], "community.platform", "{body}");
    assert_eq!(body["fields"][0]["code"], "unknown_value", "{body}");
    assert_eq!(
        body["fields"][0]["message"],
        "Valeur inconnue : « whatsap » (vérifiez son orthographe dans un document exporté par vitrine)"
    );
    // The OpenAPI description lists exactly what each problem carries.
    let api: Value =
        serde_json::from_str(&get(&state, "/api/openapi.json", None).await.body).unwrap();
    let schema = &api["components"]["schemas"]["FieldReport"];
    let mut described: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    described.sort();
    let mut sent: Vec<&String> = body["fields"][0].as_object().unwrap().keys().collect();
    sent.sort();
    assert_eq!(described, sent);
    assert_eq!(schema["required"].as_array().unwrap().len(), sent.len());
}

#[tokio::test]
async fn wrong_json_types_are_422_naming_the_field() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let cases: Vec<(&str, Value)> = vec![
        ("groups", json!("pas une liste")),
        ("slides.tips.seconds", json!("dix")),
        ("community.name", json!(42)),
        ("groups[0].in_community", json!("oui")),
        ("display.language", json!("klingon")),
        ("tips[0].title", Value::Null),
    ];
    for (path, value) in cases {
        let mut doc = current_json(&state);
        let mut target = &mut doc;
        for part in path.split('.') {
            target = match part.split_once('[') {
                Some((name, idx)) => {
                    &mut target[name][idx.trim_end_matches(']').parse::<usize>().unwrap()]
                }
                None => &mut target[part],
            };
        }
        *target = value;
        let reply = refused(
            &state,
            put(doc.to_string(), Some(&etag), Some(&token)),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let body: Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["fields"][0]["field"], json!(path), "{body}");
    }
    // Not even an object, an unknown field: still a 422.
    for doc in [json!([1, 2]), json!({"surprise": true})] {
        refused(
            &state,
            put(doc.to_string(), Some(&etag), Some(&token)),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
}

#[tokio::test]
async fn broken_bytes_are_400_and_other_types_415() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let mut bad_utf8 = current_json(&state).to_string().into_bytes();
    let at = bad_utf8.iter().position(|b| *b == b'O').unwrap();
    bad_utf8[at] = 0xff;
    let reply = refused(
        &state,
        put(bad_utf8, Some(&etag), Some(&token)),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(reply.body.contains("UTF-8"), "{}", reply.body);
    for syntax in ["{\"community\": ", "", "{} {}", "nul"] {
        refused(
            &state,
            put(syntax, Some(&etag), Some(&token)),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let mut text = put(current_json(&state).to_string(), Some(&etag), Some(&token));
    text.headers_mut()
        .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
    refused(&state, text, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    let mut form = put("a=b", Some(&etag), Some(&token));
    form.headers_mut().remove(header::CONTENT_TYPE);
    refused(&state, form, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
}

#[tokio::test]
async fn huge_bodies_are_413_with_a_clear_message() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let mut doc = current_json(&state);
    doc["tips"][0]["text"] = json!("x".repeat(2 * 1024 * 1024));
    let big = doc.to_string();
    let reply = refused(
        &state,
        put(big.clone(), Some(&etag), Some(&token)),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert!(reply.body.contains("1 Mio"), "{}", reply.body);
    // Without a Content-Length (chunked), the limit holds as well.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = big
        .into_bytes()
        .chunks(64 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let stream = Body::from_stream(futures_util::stream::iter(chunks));
    refused(
        &state,
        put(stream, Some(&etag), Some(&token)),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
}

#[tokio::test]
async fn concurrent_puts_with_the_same_etag_exactly_one_wins() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (state, token, etag) = (state.clone(), token.clone(), etag.clone());
            let mut doc = current_json(&state);
            doc["community"]["name"] = json!(format!("Version {i}"));
            tokio::spawn(async move {
                send(&state, put(doc.to_string(), Some(&etag), Some(&token))).await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().status);
    }
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let stale = statuses
        .iter()
        .filter(|s| **s == StatusCode::PRECONDITION_FAILED)
        .count();
    assert_eq!((won, stale), (1, 7), "{statuses:?}");
    assert_eq!(state.store.history().unwrap().len(), 1);
}

#[tokio::test]
async fn the_write_api_obeys_admin_from() {
    let dir = tempfile::tempdir().unwrap();
    let store = vitrine::store::Store::open(dir.path()).unwrap();
    let (state, _tx) = AppState::with_access(store, "127.0.0.0/8".parse().unwrap());
    let token = token(&state);
    let etag = state.store.current().etag.clone();
    let doc = current_json(&state).to_string();
    let reply = send_from(
        &state,
        put(doc.clone(), Some(&etag), Some(&token)),
        "10.1.2.3:5000",
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains("--admin-from"));
    // Reading stays public.
    let read = Request::get("/api/content").body(Body::empty()).unwrap();
    assert_eq!(
        send_from(&state, read, "10.1.2.3:5000").await.status,
        StatusCode::OK
    );
    let ok = send_from(
        &state,
        put(doc, Some(&etag), Some(&token)),
        "127.0.0.1:5000",
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
}

/// The fields serde requires in the object at `pointer` of `doc`: those whose removal fails.
fn serde_required(doc: &Value, pointer: &str) -> Vec<String> {
    let object = doc.pointer(pointer).unwrap().as_object().unwrap();
    let mut required: Vec<String> = object
        .keys()
        .filter(|key| {
            let mut copy = doc.clone();
            copy.pointer_mut(pointer)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(*key);
            match serde_json::from_value::<vitrine::content::Content>(copy) {
                Ok(_) => false,
                Err(e) => {
                    assert!(e.to_string().contains("missing field"), "{e}");
                    true
                }
            }
        })
        .cloned()
        .collect();
    required.sort();
    required
}

#[tokio::test]
async fn openapi_lists_the_paths_and_matches_serde() {
    let (_dir, state) = fresh();
    let reply = get(&state, "/api/openapi.json", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let api: Value = serde_json::from_str(&reply.body).unwrap();
    assert!(api["openapi"].as_str().unwrap().starts_with("3."));
    let content_path = &api["paths"]["/api/content"];
    assert!(
        content_path["get"].is_object() && content_path["put"].is_object(),
        "{content_path}"
    );
    for status in ["200", "401", "412", "413", "415", "422", "428"] {
        assert!(
            content_path["put"]["responses"][status].is_object(),
            "PUT {status} undocumented"
        );
    }

    // A document with every optional field filled, so every field can be tried.
    let mut doc = current_json(&state);
    doc["groups"][0]["link"] = json!("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv");
    doc["tips"][0]["hidden"] = json!(true);
    doc["announcements"] = json!([{
        "id": "assemblee-2026", "title": "t", "text": "x", "image": format!("{}.png", "a".repeat(64)),
        "hidden": true, "first_day": "2026-12-01", "last_day": "2026-12-24"
    }]);
    doc["display"]["theme"]["logo"] = json!(format!("{}.png", "b".repeat(64)));
    // A move under way, with every field of its own filled too.
    let check = json!({"on": "2026-12-01T10:00:00Z", "by": "Maite"});
    doc["community"]["link_kind"] = json!("group");
    doc["community"]["link_checked"] = check.clone();
    doc["community"]["reprint_since"] = json!("2026-12-01T10:00:00Z");
    doc["community"]["next"] = json!({
        "platform": "telegram", "invite_link": "https://t.me/+AbCdEfGhIjKl", "link_kind": "group",
        "switch_on": "2027-03-01", "message": "Nous passons sur Telegram", "link_checked": check,
        "translations": {"eu": {"message": "Telegramera goaz"}},
    });
    doc["groups"][0]["next"] = json!({"link": "https://t.me/+ZyXwVuTsRq", "moved": true});
    // A second language, and a translation of each kind of item.
    doc["display"]["second_language"] =
        json!({"language": "eu", "layout": "alternating", "first": true});
    doc["community"]["translations"] =
        json!({"eu": {"name": "Otsokop komunitatea", "call_to_action": "Eskaneatu"}});
    doc["groups"][0]["translations"] =
        json!({"eu": {"description": "Iragarpenak", "category": "Bizitza"}});
    doc["tips"][0]["translations"] = json!({"eu": {"title": "Aholkua", "text": "Testua"}});
    doc["announcements"][0]["translations"] = json!({"es": {"title": "t", "text": "x"}});
    doc["display"]["phrases"] = json!({"eu": {"scan_to_join": "Eskaneatu eta sartu"}});
    // Days and hours, and something pinned on the screen.
    let schedule = json!({"days": ["tue", "fri"], "hours": ["09:00-12:00"]});
    doc["tips"][0]["schedule"] = schedule.clone();
    doc["groups"][0]["hidden"] = json!(true);
    doc["announcements"][0]["schedule"] = schedule;
    doc["pin"] = json!({
        "shows": {"message": "Fermeture à 18 h aujourd'hui"},
        "translations": {"eu": {"message": "Gaur 18etan itxiko dugu"}},
        "by": "Maite", "since": "2026-12-01T10:00:00Z", "until": "2026-12-01T10:30:00Z",
    });
    let schemas = &api["components"]["schemas"];
    for (schema, pointer) in [
        ("Content", ""),
        ("Community", "/community"),
        ("Group", "/groups/0"),
        ("Tip", "/tips/0"),
        ("Announcement", "/announcements/0"),
        ("Slides", "/slides"),
        ("SlideSetting", "/slides/tips"),
        ("DisplaySettings", "/display"),
        ("Theme", "/display/theme"),
        ("OpeningHours", "/display/opening_hours"),
        ("NextPlatform", "/community/next"),
        ("LinkCheck", "/community/link_checked"),
        ("GroupMove", "/groups/0/next"),
        ("SecondLanguage", "/display/second_language"),
        ("CommunityText", "/community/translations/eu"),
        ("GroupText", "/groups/0/translations/eu"),
        ("MessageText", "/tips/0/translations/eu"),
        ("MoveText", "/community/next/translations/eu"),
        ("Schedule", "/tips/0/schedule"),
        ("Pin", "/pin"),
        ("PinText", "/pin/translations/eu"),
    ] {
        let mut listed: Vec<String> = schemas[schema]["required"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        listed.sort();
        assert_eq!(
            listed,
            serde_required(&doc, pointer),
            "required fields of {schema}"
        );
        let mut properties: Vec<&String> = schemas[schema]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        properties.sort();
        let mut keys: Vec<&String> = doc
            .pointer(pointer)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .collect();
        keys.sort();
        assert_eq!(properties, keys, "fields of {schema}");
    }
}

#[tokio::test]
async fn a_wrong_method_or_address_is_answered_with_what_to_do() {
    let (_dir, state) = fresh();
    let token = token(&state);
    let mut post = put("{}", None, Some(&token));
    *post.method_mut() = axum::http::Method::POST;
    let reply = refused(&state, post, StatusCode::METHOD_NOT_ALLOWED).await;
    let allow = reply.header(header::ALLOW);
    assert!(allow.contains("GET") && allow.contains("PUT"), "{allow}");
    let body: Value = serde_json::from_str(&reply.body).expect("a JSON message");
    assert!(body["error"].as_str().unwrap().contains("POST"), "{body}");

    let lost = get(&state, "/api/contents", None).await;
    assert_eq!(lost.status, StatusCode::NOT_FOUND);
    let body: Value = serde_json::from_str(&lost.body).expect("a JSON message");
    assert!(
        body["error"].as_str().unwrap().contains("/api/content"),
        "{body}"
    );
}
