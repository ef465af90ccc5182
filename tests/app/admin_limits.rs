//! Limits of the content's texts: shown beside each field as a count, and a text over its
//! limit refused with its length, never cut (no `maxlength` anywhere in the content forms).

use crate::common;

use axum::http::StatusCode;
use common::admin::{at, AdminPage, Volunteer};
use vitrine::limits::content as limits;

#[tokio::test]
async fn a_318_character_tip_is_refused_with_the_count_and_nothing_is_saved() {
    let v = Volunteer::new("Maïté");
    let before = v.content();
    let text = "é".repeat(318);
    let form = v.get("/admin/tips/new").await;
    let refused = v
        .post(
            "/admin/tips",
            &[
                ("etag", &form.etag()),
                ("title", "Une astuce bavarde"),
                ("text", &text),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = refused
        .field_error("text")
        .expect("an error beside the text");
    assert!(error.contains("318"), "the count is said: {error}");
    assert!(error.contains(&limits::TIP_TEXT.to_string()), "{error}");
    // The whole text comes back, to shorten it, and its counter says it is over.
    assert_eq!(refused.field_value("text"), text);
    assert_eq!(refused.texts("#text-count.over"), ["318 / 280"]);
    assert_eq!(v.content(), before, "nothing was saved");

    // The same in English, in English words.
    let english = v
        .send({
            let body = serde_urlencoded::to_string([
                ("_csrf", v.csrf.as_str()),
                ("etag", &v.etag()),
                ("title", "A chatty tip"),
                ("text", &text),
            ])
            .unwrap();
            axum::http::Request::post("/admin/tips")
                .header("host", common::admin::HOST)
                .header("origin", common::admin::ORIGIN)
                .header("cookie", format!("{}; lang=en", v.cookie))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(body))
                .unwrap()
        })
        .await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = english.field_error("text").unwrap();
    assert!(
        error.contains("318 characters, 280 at most"),
        "English: {error}"
    );
    assert_eq!(v.content(), before);

    // At the limit exactly, it is saved whole.
    let fits = "é".repeat(limits::TIP_TEXT);
    let saved = v
        .post(
            "/admin/tips",
            &[("etag", &v.etag()), ("title", "Juste"), ("text", &fits)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().tips.last().unwrap().text, fits);
}

#[tokio::test]
async fn every_limited_field_shows_its_count_and_none_is_cut_by_the_browser() {
    let v = Volunteer::new("Alice");
    let c = v.content();
    assert!(!c.groups.is_empty() && !c.tips.is_empty());
    let pages = [
        (
            "/admin/tips/new",
            vec![("title", limits::TIP_TITLE), ("text", limits::TIP_TEXT)],
        ),
        (
            "/admin/groups/new",
            vec![
                ("name", limits::GROUP_NAME),
                ("category", limits::GROUP_CATEGORY),
                ("description", limits::GROUP_DESCRIPTION),
                ("link", limits::LINK),
            ],
        ),
        (
            "/admin/announcements/new",
            vec![
                ("title", limits::ANNOUNCEMENT_TITLE),
                ("text", limits::ANNOUNCEMENT_TEXT),
            ],
        ),
        (
            "/admin/community",
            vec![
                ("invite_link", limits::LINK),
                ("name", limits::COMMUNITY_NAME),
                ("call_to_action", limits::CALL_TO_ACTION),
            ],
        ),
        (
            "/admin/naming",
            vec![("naming_template", limits::NAMING_TEMPLATE)],
        ),
    ];
    for (path, fields) in pages {
        let page = v.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let cut = page.attrs("[maxlength]", "name");
        assert!(cut.is_empty(), "{path}: maxlength on {cut:?}");
        for (name, max) in fields {
            let sel = format!("[name={name}]");
            assert_eq!(
                page.attrs(&sel, "data-max"),
                [max.to_string()],
                "{path} {name}"
            );
            let id = &page.attrs(&sel, "id")[0];
            let length = page.field_value(name).chars().count();
            assert_eq!(
                page.texts(&format!("#{id}-count")),
                [format!("{length} / {max}")],
                "{path} {name}"
            );
        }
    }
    // An existing tip's count is its own length.
    let tip = v.get(&at("tips", 0)).await;
    assert_eq!(
        tip.texts("#text-count"),
        [format!(
            "{} / {}",
            c.tips[0].text.chars().count(),
            limits::TIP_TEXT
        )]
    );
}
