//! The OpenAPI description says what the API enforces: the lengths, counts and formats of the
//! checks, from the same constants; `If-Match` required on PUT with its 428 and 412; the
//! screen's state. A document at a limit is accepted, one past it refused, as described.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::auth::*;
use serde_json::{json, Value};
use vitrine::auth::tokens::create_token;
use vitrine::limits::content as limits;

async fn description(state: &vitrine::AppState) -> Value {
    let reply = get(state, "/api/openapi.json", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    serde_json::from_str(&reply.body).unwrap()
}

#[tokio::test]
async fn the_description_carries_the_limits_the_checks_enforce() {
    let (_dir, state) = fresh();
    let api = description(&state).await;
    let prop =
        |schema: &str, p: &str| api["components"]["schemas"][schema]["properties"][p].clone();
    assert_eq!(
        prop("Group", "name")["maxLength"],
        json!(limits::GROUP_NAME)
    );
    assert_eq!(prop("Group", "name")["minLength"], json!(1));
    assert_eq!(prop("Tip", "text")["maxLength"], json!(limits::TIP_TEXT));
    assert_eq!(
        prop("Community", "name")["maxLength"],
        json!(limits::COMMUNITY_NAME)
    );
    assert_eq!(
        prop("Content", "groups")["maxItems"],
        json!(limits::MAX_GROUPS)
    );
    let seconds = prop("SlideSetting", "seconds");
    assert_eq!(seconds["minimum"], json!(limits::MIN_SECONDS));
    assert_eq!(seconds["maximum"], json!(limits::MAX_SECONDS));
    assert_eq!(prop("Announcement", "last_day")["format"], json!("date"));
    assert!(prop("Theme", "accent")["pattern"].is_string());
    let phrase =
        &prop("DisplaySettings", "phrases")["additionalProperties"]["additionalProperties"];
    assert_eq!(phrase["maxLength"], json!(limits::PHRASE));
    assert_eq!(
        prop("Schedule", "hours")["maxItems"],
        json!(limits::MAX_SCHEDULE_HOURS)
    );
    assert_eq!(prop("Schedule", "days")["uniqueItems"], json!(true));
    let message = api["components"]["schemas"]["Pinned"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|v| v["properties"].get("message"))
        .cloned()
        .expect("a pinned message is described");
    assert_eq!(message["maxLength"], json!(limits::PIN_MESSAGE));
}

#[tokio::test]
async fn if_match_is_required_on_put_with_its_428_and_412_and_the_screen_is_described() {
    let (_dir, state) = fresh();
    let api = description(&state).await;
    let put = &api["paths"]["/api/content"]["put"];
    let params = put["parameters"].as_array().expect("PUT has parameters");
    let if_match: Vec<&Value> = params.iter().filter(|p| p["name"] == "If-Match").collect();
    assert_eq!(if_match.len(), 1, "{params:?}");
    assert_eq!(if_match[0]["in"], "header");
    assert_eq!(if_match[0]["required"], true);
    // The example the description gives is the form of a real ETag.
    let pattern = if_match[0]["schema"]["pattern"].as_str().unwrap();
    let etag = get(&state, "/api/content", None)
        .await
        .header(header::ETAG)
        .to_owned();
    assert_eq!(
        if_match[0]["example"].as_str().unwrap().len(),
        etag.len(),
        "{pattern}"
    );
    for status in ["412", "428"] {
        assert!(
            put["responses"][status].is_object(),
            "PUT {status} undocumented"
        );
    }
    let screen = &api["paths"]["/api/screen"]["get"];
    assert!(screen["responses"]["200"].is_object(), "{screen}");
    let reply = get(&state, "/api/screen", None).await;
    let said: Value = serde_json::from_str(&reply.body).unwrap();
    assert!(
        said["awake"].is_boolean() && said["clock_wrong"].is_boolean(),
        "{said}"
    );
}

#[tokio::test]
async fn a_name_at_the_described_length_is_saved_and_one_past_it_refused() {
    let (_dir, state) = fresh();
    let token = create_token(&state.store.secrets(), "limits", None).unwrap();
    let api = description(&state).await;
    let max = api["components"]["schemas"]["Group"]["properties"]["name"]["maxLength"]
        .as_u64()
        .unwrap() as usize;
    for (len, want) in [
        (max, StatusCode::OK),
        (max + 1, StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let current = get(&state, "/api/content", None).await;
        let etag = current.header(header::ETAG).to_owned();
        let mut doc: Value = serde_json::from_str(&current.body).unwrap();
        doc["groups"][0]["name"] = json!("n".repeat(len));
        let reply = send(
            &state,
            Request::put("/api/content")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::IF_MATCH, &etag)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(doc.to_string()))
                .unwrap(),
        )
        .await;
        assert_eq!(reply.status, want, "{len}: {}", reply.body);
    }
}
