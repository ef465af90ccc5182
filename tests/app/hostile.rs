//! Hostile content: markup and script typed into every text field come out as plain text.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::auth::*;
use scraper::{Html, Selector};
use serde_json::{json, Value};

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(2)>";

fn count(html: &str, css: &str) -> usize {
    Html::parse_document(html)
        .select(&Selector::parse(css).unwrap())
        .count()
}

fn text_of(html: &str) -> String {
    Html::parse_document(html).root_element().text().collect()
}

#[tokio::test]
async fn markup_in_every_text_field_is_escaped_on_the_display() {
    let (_dir, state) = fresh();
    let token = vitrine::auth::tokens::create_token(&state.store.secrets(), "t", None).unwrap();
    let before = get(&state, "/", None).await.body;
    let scripts_before = count(&before, "script");

    let payload = format!("{SCRIPT}{IMG}");
    let mut doc = serde_json::to_value(&state.store.current().content).unwrap();
    doc["community"]["name"] = json!(payload);
    doc["community"]["call_to_action"] = json!(payload);
    doc["community"]["platform"] = json!("other");
    doc["community"]["invite_link"] = json!("https://x.example/\"><script>alert(3)</script>");
    doc["groups"] = json!([
        {"name": payload, "description": payload, "category": SCRIPT, "in_community": true},
        {"name": "b", "description": "", "category": IMG, "in_community": false},
    ]);
    doc["tips"] = json!([{"title": SCRIPT, "text": payload}]);
    doc["announcements"] = json!([{"title": payload, "text": payload}]);
    doc["display"]["naming_template"] = json!(format!("{SCRIPT} {{sujet}}"));
    for kind in ["community", "groups", "tips", "announcements"] {
        doc["slides"][kind]["enabled"] = json!(true);
    }
    let req = Request::put("/api/content")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, state.store.current().etag.clone())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(doc.to_string()))
        .unwrap();
    let saved = send(&state, req).await;
    assert_eq!(
        saved.status,
        StatusCode::OK,
        "markup is text, so it is accepted: {}",
        saved.body
    );

    let page = get(&state, "/", None).await.body;
    assert_eq!(
        count(&page, "script"),
        scripts_before,
        "no script element was injected"
    );
    assert_eq!(count(&page, "img[onerror]"), 0);
    assert!(
        !page.contains(SCRIPT) && !page.contains(IMG),
        "raw markup in the page"
    );
    let text = text_of(&page);
    assert!(
        text.contains(SCRIPT) && text.contains(IMG),
        "shown as text to read"
    );
    let doc = Html::parse_document(&page);
    let links: Vec<_> = doc.select(&Selector::parse("[href]").unwrap()).collect();
    assert!(!links.is_empty(), "the page's links were found");
    for a in links {
        assert!(!a.value().attr("href").unwrap().starts_with("javascript:"));
    }

    // The API gives the text back unchanged.
    let read: Value = serde_json::from_str(&get(&state, "/api/content", None).await.body).unwrap();
    assert_eq!(read["tips"][0]["title"], json!(SCRIPT));
}

#[tokio::test]
async fn markup_in_a_token_label_is_escaped_in_the_admin_area() {
    let (_dir, state) = fresh();
    let cookie = set_up(&state, "une phrase assez longue").await;
    let csrf = csrf_of(&get(&state, "/admin/tokens", Some(&cookie)).await.body);
    let made = send(
        &state,
        form(
            "/admin/tokens",
            &[("_csrf", &csrf), ("label", SCRIPT)],
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::OK);
    let list = get(&state, "/admin/tokens", Some(&cookie)).await.body;
    assert_eq!(
        count(&list, "script:not([src])"),
        0,
        "only the area's own script files"
    );
    assert!(text_of(&list).contains(SCRIPT));
}

#[tokio::test]
async fn javascript_links_are_refused() {
    let (_dir, state) = fresh();
    let token = vitrine::auth::tokens::create_token(&state.store.secrets(), "t", None).unwrap();
    let before = state.store.current().etag.clone();
    let mut doc = serde_json::to_value(&state.store.current().content).unwrap();
    doc["community"]["platform"] = json!("other");
    doc["community"]["invite_link"] = json!("javascript:alert(1)");
    doc["groups"][0]["link"] = json!("data:text/html,<script>alert(1)</script>");
    let req = Request::put("/api/content")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, before.clone())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(doc.to_string()))
        .unwrap();
    let reply = send(&state, req).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("community.invite_link") && reply.body.contains("groups[0].link"));
    assert_eq!(state.store.current().etag, before);
}
