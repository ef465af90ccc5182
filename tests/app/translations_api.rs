//! Translations through the JSON API: an old document is read and written back as it was,
//! translations round-trip, and an unknown language or an over-long translation is refused
//! with the field named, the content left as it was.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::auth::*;
use serde_json::{json, Value};
use vitrine::auth::tokens::create_token;
use vitrine::content::{parse_json, ScreenLanguage};

const OLD_DOCUMENT: &str = include_str!("../../assets/default-content.json");

fn put(body: String, etag: &str, token: &str) -> Request<Body> {
    Request::put("/api/content")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, etag)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body))
        .unwrap()
}

fn bilingual(mut doc: Value) -> Value {
    doc["display"]["second_language"] = json!({"language": "eu", "layout": "side_by_side"});
    doc["community"]["translations"] =
        json!({"eu": {"call_to_action": "Eskaneatu kooperatibako taldeetan sartzeko"}});
    doc["groups"][0]["translations"] = json!({"eu": {"description": "Kooperatibaren berri ofizialak", "category": "Kooperatibaren bizitza"}});
    doc["tips"][0]["translations"] = json!({"eu": {"title": "Komunitatean sartu", "text": "Ireki kamera eta zuzendu QR kodera."}});
    doc["community"]["next"] = json!({
        "platform": "telegram",
        "invite_link": "https://t.me/+OtsokopBerria1",
        "message": "Nous passons sur Telegram",
        "translations": {"eu": {"message": "Telegramera goaz"}}
    });
    doc
}

#[test]
fn an_old_document_without_translations_is_written_back_as_it_was() {
    let old: Value = serde_json::from_str(OLD_DOCUMENT).unwrap();
    let content = parse_json(OLD_DOCUMENT.as_bytes()).unwrap();
    assert_eq!(content.display.second_language, None);
    assert!(content.tips.iter().all(|t| t.translations.is_empty()));
    let written = serde_json::to_value(&content).unwrap();
    assert_eq!(written, old, "the same keys and values, no new key");
}

#[tokio::test]
async fn translations_round_trip_through_the_api() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let etag = state.store.current().etag.clone();
    let doc = bilingual(serde_json::to_value(&state.store.current().content).unwrap());
    let reply = send(&state, put(doc.to_string(), &etag, &token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let read: Value = serde_json::from_str(&get(&state, "/api/content", None).await.body).unwrap();
    assert_eq!(read, doc);
    let saved = state.store.current();
    assert_eq!(saved.content.display.second(), Some(ScreenLanguage::Eu));
    assert_eq!(
        saved.content.tips[0].translations[&ScreenLanguage::Eu].title,
        "Komunitatean sartu"
    );
}

#[tokio::test]
async fn an_unknown_language_or_an_over_long_translation_is_refused_naming_the_field() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let before = state.store.current();
    let good = bilingual(serde_json::to_value(&before.content).unwrap());
    let too_long = "a".repeat(vitrine::limits::content::GROUP_DESCRIPTION + 1);
    // (the field named in the answer, where the document is spoiled, with what)
    let cases = [
        (
            "display.second_language.language",
            "/display/second_language/language",
            json!("basque"),
        ),
        (
            "tips[0].translations",
            "/tips/0/translations",
            json!({"xx": {"title": "?"}}),
        ),
        (
            "groups[0].translations.eu.description",
            "/groups/0/translations/eu/description",
            json!(too_long),
        ),
        (
            "display.second_language.language",
            "/display/second_language/language",
            json!("fr"),
        ),
        (
            "community.next.translations.eu.message",
            "/community/next/translations/eu/message",
            json!("a".repeat(vitrine::limits::content::MOVE_MESSAGE + 1)),
        ),
    ];
    for (field, pointer, value) in cases {
        let mut doc = good.clone();
        *doc.pointer_mut(pointer).unwrap() = value;
        let reply = send(&state, put(doc.to_string(), &before.etag, &token)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        let body: Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["fields"][0]["field"], json!(field), "{body}");
        assert!(
            body["fields"][0]["message"]
                .as_str()
                .is_some_and(|m| m.len() > 10),
            "{body}"
        );
        assert_eq!(state.store.current().etag, before.etag, "content unchanged");
    }
}
