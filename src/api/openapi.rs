//! The OpenAPI description, generated from the handlers and the content types themselves.

use crate::content::{
    Announcement, BilingualLayout, Community, CommunityText, Content, Day, DisplaySettings, Group,
    GroupMove, GroupText, LinkCheck, LinkKind, MessageText, MoveText, NextPlatform, OpeningHours,
    Pin, PinText, Pinned, Platform, Schedule, ScreenLanguage, SecondLanguage, SlideSetting, Slides,
    Theme, Tip,
};
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{json, Value};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vitrine",
        description = "Read and replace what the till screen shows. GET is public; PUT needs a \
                       token (`vitrine token`) or an admin session, and the ETag you read."
    ),
    paths(super::get_content, super::put_content, super::screen, super::screen_picture),
    components(schemas(
        Content, Community, Platform, Group, Tip, Announcement, Slides, SlideSetting,
        DisplaySettings, ScreenLanguage, SecondLanguage, BilingualLayout, Theme, OpeningHours,
        crate::error::FieldReport, super::Saved, super::ApiError, super::ScreenState, LinkKind, LinkCheck, NextPlatform, GroupMove,
        CommunityText, GroupText, MessageText, MoveText, Schedule, Day, Pin, Pinned, PinText
    )),
    modifiers(&Security)
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::auth::SESSION.name))),
        );
    }
}

/// The description, with what the checks enforce, as served at `/api/openapi.json`.
pub fn described() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    enforced(&mut doc);
    doc
}

pub async fn document() -> impl IntoResponse {
    static JSON: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        serde_json::to_string_pretty(&described()).unwrap_or_else(|_| "{}".to_owned())
    });
    ([(header::CONTENT_TYPE, "application/json")], JSON.as_str())
}

/// What a text of the content may hold: no control character but a tab (and, for a text of
/// several lines, line breaks), as `content::validate` checks.
const ONE_LINE: &str = "^[^\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f]*$";
const LINES: &str = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$";

/// One constraint of a property, from the constant the checks use.
enum Rule {
    /// A line of at most this many characters; `true` when it may not be empty.
    Line(usize, bool),
    /// A text of several lines of at most this many characters; `true` when required.
    Text(usize, bool),
    Items(usize),
    Range(u32, u32),
    Pattern(String),
    Date,
    DateTime,
}

/// The lengths, counts and formats `content::validate` enforces, written into the schemas
/// from the same constants, so that a document valid by the description is one it accepts.
fn enforced(doc: &mut Value) {
    use crate::limits::content as l;
    use crate::limits::content::{
        MAX_ANNOUNCEMENTS, MAX_GROUPS, MAX_SECONDS, MAX_TIPS, MIN_SECONDS,
    };
    use Rule::*;
    let colour = || Pattern("^#[0-9a-fA-F]{6}$".to_owned());
    let picture = || Pattern("^[0-9a-f]{64}\\.(png|jpg|webp)$".to_owned());
    // Empty or absent: the server gives one on save.
    let id = || {
        Pattern(format!(
            "^[A-Za-z0-9_-]{{0,{}}}$",
            crate::content::ids::MAX_ID_LEN
        ))
    };
    let table: Vec<(&str, &str, Rule)> = vec![
        ("Community", "name", Line(l::COMMUNITY_NAME, true)),
        ("Community", "call_to_action", Line(l::CALL_TO_ACTION, true)),
        ("Community", "invite_link", Line(l::LINK, true)),
        ("CommunityText", "name", Line(l::COMMUNITY_NAME, false)),
        (
            "CommunityText",
            "call_to_action",
            Line(l::CALL_TO_ACTION, false),
        ),
        ("LinkCheck", "by", Line(l::NAME, true)),
        ("LinkCheck", "on", DateTime),
        ("NextPlatform", "invite_link", Line(l::LINK, false)),
        ("NextPlatform", "message", Line(l::MOVE_MESSAGE, false)),
        ("NextPlatform", "switch_on", Date),
        ("MoveText", "message", Line(l::MOVE_MESSAGE, false)),
        ("GroupMove", "link", Line(l::LINK, false)),
        ("Group", "id", id()),
        ("Tip", "id", id()),
        ("Announcement", "id", id()),
        ("Group", "name", Line(l::GROUP_NAME, true)),
        ("Group", "description", Line(l::GROUP_DESCRIPTION, false)),
        ("Group", "category", Line(l::GROUP_CATEGORY, true)),
        ("Group", "link", Line(l::LINK, false)),
        (
            "GroupText",
            "description",
            Line(l::GROUP_DESCRIPTION, false),
        ),
        ("GroupText", "category", Line(l::GROUP_CATEGORY, false)),
        ("Tip", "title", Line(l::TIP_TITLE, true)),
        ("Tip", "text", Text(l::TIP_TEXT, true)),
        ("Announcement", "title", Line(l::ANNOUNCEMENT_TITLE, true)),
        ("Announcement", "text", Text(l::ANNOUNCEMENT_TEXT, false)),
        ("Announcement", "first_day", Date),
        ("Announcement", "last_day", Date),
        ("Announcement", "image", picture()),
        // Shared by tips and announcements: the longer of the two.
        (
            "MessageText",
            "title",
            Line(l::ANNOUNCEMENT_TITLE.max(l::TIP_TITLE), false),
        ),
        (
            "MessageText",
            "text",
            Text(l::ANNOUNCEMENT_TEXT.max(l::TIP_TEXT), false),
        ),
        ("Schedule", "days", Items(7)),
        ("Schedule", "hours", Items(l::MAX_SCHEDULE_HOURS)),
        ("Pin", "by", Line(l::NAME, true)),
        ("Pin", "since", DateTime),
        ("Pin", "until", DateTime),
        ("PinText", "message", Line(l::PIN_MESSAGE, true)),
        ("Content", "groups", Items(MAX_GROUPS)),
        ("Content", "tips", Items(MAX_TIPS)),
        ("Content", "announcements", Items(MAX_ANNOUNCEMENTS)),
        ("SlideSetting", "seconds", Range(MIN_SECONDS, MAX_SECONDS)),
        ("Theme", "background", colour()),
        ("Theme", "text", colour()),
        ("Theme", "accent", colour()),
        ("Theme", "logo", picture()),
        (
            "DisplaySettings",
            "naming_template",
            Line(l::NAMING_TEMPLATE, true),
        ),
    ];
    for (schema, property, rule) in table {
        let Some(p) = doc.pointer_mut(&format!(
            "/components/schemas/{schema}/properties/{property}"
        )) else {
            tracing::warn!(
                schema,
                property,
                "the API description lacks a checked field"
            );
            continue;
        };
        let Some(p) = p.as_object_mut() else { continue };
        match rule {
            Line(max, required) | Text(max, required) => {
                let one_line = matches!(rule, Line(..));
                p.insert("maxLength".into(), json!(max));
                if required {
                    p.insert("minLength".into(), json!(1));
                }
                p.insert(
                    "pattern".into(),
                    json!(if one_line { ONE_LINE } else { LINES }),
                );
            }
            Items(max) => {
                p.insert("maxItems".into(), json!(max));
            }
            Range(min, max) => {
                p.insert("minimum".into(), json!(min));
                p.insert("maximum".into(), json!(max));
            }
            Pattern(pattern) => {
                p.insert("pattern".into(), json!(pattern));
            }
            Date => {
                p.insert("format".into(), json!("date"));
            }
            DateTime => {
                p.insert("format".into(), json!("date-time"));
            }
        }
    }
    // A pinned message: one line of at most PIN_MESSAGE characters; a schedule's days, each once.
    if let Some(variants) = doc
        .pointer_mut("/components/schemas/Pinned/oneOf")
        .and_then(Value::as_array_mut)
    {
        for v in variants {
            if let Some(m) = v.pointer_mut("/properties/message") {
                m["maxLength"] = json!(l::PIN_MESSAGE);
                m["minLength"] = json!(1);
                m["pattern"] = json!(ONE_LINE);
            }
        }
    }
    if let Some(days) = doc.pointer_mut("/components/schemas/Schedule/properties/days") {
        days["uniqueItems"] = json!(true);
    }
    // A coop's own wording of a phrase: one line of at most PHRASE characters.
    if let Some(p) = doc.pointer_mut("/components/schemas/DisplaySettings/properties/phrases") {
        p["additionalProperties"] = json!({
            "type": "object",
            "additionalProperties": {
                "type": "string", "minLength": 1, "maxLength": l::PHRASE, "pattern": ONE_LINE
            }
        });
    }
    // The entity tags, as the store makes them: a quoted run of hex digits.
    let tag = crate::store::etag_of(&crate::content::default_content());
    let etag = format!("^\"[0-9a-f]{{{}}}\"$", tag.len() - 2);
    for (path, method) in [("/api/content", "put"), ("/api/content", "get")] {
        let at = format!("/paths/{}/{method}/parameters", path.replace('/', "~1"));
        if let Some(Value::Array(params)) = doc.pointer_mut(&at) {
            for param in params {
                param["schema"]["pattern"] = json!(etag);
                param["example"] = json!(tag);
            }
        }
    }
}
