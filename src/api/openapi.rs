//! The OpenAPI description, generated from the handlers and the content types themselves.

use crate::content::{
    Announcement, BilingualLayout, Community, CommunityText, Content, DisplaySettings, Group,
    GroupMove, GroupText, LinkCheck, LinkKind, MessageText, MoveText, NextPlatform, OpeningHours,
    Platform, ScreenLanguage, SecondLanguage, SlideSetting, Slides, Theme, Tip,
};
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vitrine",
        description = "Read and replace what the till screen shows. GET is public; PUT needs a \
                       token (`vitrine token`) or an admin session, and the ETag you read."
    ),
    paths(super::get_content, super::put_content),
    components(schemas(
        Content, Community, Platform, Group, Tip, Announcement, Slides, SlideSetting,
        DisplaySettings, ScreenLanguage, SecondLanguage, BilingualLayout, Theme, OpeningHours,
        crate::error::FieldReport, super::Saved, super::ApiError, LinkKind, LinkCheck, NextPlatform, GroupMove,
        CommunityText, GroupText, MessageText, MoveText
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

pub async fn document() -> impl IntoResponse {
    let json = ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_owned());
    ([(header::CONTENT_TYPE, "application/json")], json)
}
