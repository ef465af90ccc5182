//! "Show it now": a volunteer pins the community's QR code, an announcement or a short message
//! on the whole screen for 1 to 60 minutes; it ends by itself, outlives a restart until its
//! end, is stopped with one button, is named in the history, and its message is checked like
//! every other text.

use crate::common;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use common::admin::{AdminPage, Volunteer};
use common::auth::get;
use vitrine::store::Store;
use vitrine::AppState;

/// A moment well after the build and any save: the clock is trusted.
fn later() -> DateTime<Utc> {
    Utc::now() + Duration::days(400)
}

/// The kinds of the slides the screen shows now, in order.
async fn slides(state: &AppState) -> Vec<String> {
    let page = get(state, "/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    page.attrs("#stage > section.slide", "data-kind")
}

async fn pin(v: &Volunteer, fields: &[(&str, &str)]) -> common::auth::Reply {
    v.post("/admin/pin", fields).await
}

#[tokio::test]
async fn one_tap_on_the_dashboard_puts_the_qr_code_alone_on_the_screen() {
    let v = Volunteer::new("Maïté");
    let t = later();
    v.state.clock.set(Some(t));
    let rotation = slides(&v.state).await;
    assert!(rotation.len() > 2, "{rotation:?}");
    // The dashboard's button, as it is.
    let dashboard = v.get("/admin").await;
    let forms = dashboard.attrs(".pin-card form", "action");
    assert_eq!(forms, ["/admin/pin"]);
    let fields = dashboard.form_fields(".pin-card form");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = pin(&v, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    assert_eq!(slides(&v.state).await, ["community"], "the QR code, alone");
    let dashboard = v.get("/admin").await;
    let said = dashboard.texts(".pin-card .notice-title");
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("QR code") && said[0].contains("Maïté"),
        "{said:?}"
    );
    assert_eq!(dashboard.texts(".pin-card .countdown"), ["5:00"]);
    assert_eq!(
        dashboard.attrs(".pin-card form", "action"),
        ["/admin/pin/stop"]
    );
    let history = v.get("/admin/history").await;
    assert!(
        history
            .body
            .contains("a affiché le QR code de la communauté pour 5 min"),
        "the history says what was shown"
    );
    assert!(history
        .texts("table tr, li")
        .iter()
        .any(|r| r.contains("Maïté") && r.contains("QR code")));
}

#[tokio::test]
async fn a_pinned_message_ends_by_itself_and_the_slides_come_back() {
    let v = Volunteer::new("Maïté");
    let t = later();
    v.state.clock.set(Some(t));
    let before = slides(&v.state).await;
    let r = pin(
        &v,
        &[
            ("what", "message"),
            ("message", "Fermeture à 18 h aujourd'hui"),
            ("minutes", "10"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = get(&v.state, "/", None).await;
    assert_eq!(
        page.attrs("#stage > section.slide", "data-kind"),
        ["message"]
    );
    assert!(page.body.contains("Fermeture à 18"));
    assert_eq!(
        page.attrs("#live", "data-corner"),
        ["true"],
        "the QR code stays in its corner"
    );

    v.state
        .clock
        .set(Some(t + Duration::minutes(10) - Duration::seconds(1)));
    assert_eq!(slides(&v.state).await, ["message"], "still there at 9:59");
    v.state.clock.set(Some(t + Duration::minutes(10)));
    assert_eq!(slides(&v.state).await, before, "over by itself at its end");
    assert!(v
        .get("/admin")
        .await
        .texts(".pin-card .countdown")
        .is_empty());
}

#[tokio::test]
async fn a_pin_outlives_a_restart_until_its_end() {
    let v = Volunteer::new("Maïté");
    let t = later();
    v.state.clock.set(Some(t));
    let r = pin(
        &v,
        &[
            ("what", "message"),
            ("message", "Caisse 2 fermée"),
            ("minutes", "20"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // vitrine starts again on the same data folder.
    let store = Store::open(&v.data_dir()).unwrap();
    let (again, _shutdown) = AppState::new(store);
    again.clock.set(Some(t + Duration::minutes(5)));
    let page = get(&again, "/", None).await;
    assert_eq!(
        page.attrs("#stage > section.slide", "data-kind"),
        ["message"]
    );
    assert!(page.body.contains("Caisse 2 fermée"));
    again.clock.set(Some(t + Duration::minutes(21)));
    let kinds = slides(&again).await;
    assert!(
        kinds.len() > 2 && !kinds.contains(&"message".to_owned()),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn stop_gives_the_screen_back_at_once_and_the_history_says_who() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    let before = slides(&v.state).await;
    let r = pin(
        &v,
        &[
            ("what", "announcement"),
            ("announcement", "0"),
            ("minutes", "30"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(slides(&v.state).await, ["announcement"]);

    let colleague = v.colleague("Peio");
    let r = colleague.post("/admin/pin/stop", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(slides(&v.state).await, before);
    assert_eq!(v.content().pin, None);
    let history = v.get("/admin/history").await;
    assert!(history.body.contains("a arrêté ce qui était affiché"));
    assert_eq!(v.state.store.history().unwrap()[0].saved_by, "Peio");
}

#[tokio::test]
async fn a_message_is_checked_like_every_other_text_and_nothing_is_pinned() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    let long = "x".repeat(81);
    for (fields, field) in [
        (
            vec![
                ("what", "message"),
                ("message", long.as_str()),
                ("minutes", "5"),
            ],
            "message",
        ),
        (
            vec![("what", "message"), ("message", "  "), ("minutes", "5")],
            "message",
        ),
        (vec![("what", "community"), ("minutes", "0")], "minutes"),
        (vec![("what", "community"), ("minutes", "61")], "minutes"),
        (
            vec![("what", "community"), ("minutes", "beaucoup")],
            "minutes",
        ),
    ] {
        let before = v.etag();
        let r = pin(&v, &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(r.body.contains("<html"), "an HTML page");
        assert_eq!(
            r.attrs(".field.has-error input", "name"),
            [field],
            "{fields:?}: the error is beside its field"
        );
        assert_eq!(v.etag(), before, "{fields:?}: nothing saved");
    }

    // A screen in two languages needs the message in both.
    let mut c = v.content();
    c.display.second_language = Some(
        serde_json::from_value(serde_json::json!({"language": "eu", "layout": "side_by_side"}))
            .unwrap(),
    );
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    let before = v.etag();
    let r = pin(
        &v,
        &[
            ("what", "message"),
            ("message", "Fermeture à 18 h"),
            ("minutes", "5"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.attrs(".field.has-error input", "name"), ["tr.message"]);
    assert_eq!(v.etag(), before);
    let r = pin(
        &v,
        &[
            ("what", "message"),
            ("message", "Fermeture à 18 h"),
            ("tr.message", "18etan itxiko dugu"),
            ("minutes", "5"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = get(&v.state, "/", None).await;
    assert!(page.body.contains("Fermeture à 18") && page.body.contains("18etan itxiko dugu"));
}

#[tokio::test]
async fn a_clock_that_is_obviously_wrong_does_not_let_a_pin_hold_the_screen() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    let before = slides(&v.state).await;
    let r = pin(&v, &[("what", "community"), ("minutes", "60")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Back from a power cut without network: a date long before the pin, which could then
    // hold the screen for years.
    v.state
        .clock
        .set(Some("2001-01-03T10:00:00Z".parse().unwrap()));
    assert_eq!(slides(&v.state).await, before);
}

#[tokio::test]
async fn the_api_carries_a_pin_and_refuses_one_that_lasts_too_long() {
    let v = Volunteer::new("Maïté");
    let t = later();
    v.state.clock.set(Some(t));
    let token =
        vitrine::auth::tokens::create_token(&v.state.store.secrets(), "script", None).unwrap();
    let put = |doc: &serde_json::Value, etag: &str| {
        axum::http::Request::put("/api/content")
            .header(axum::http::header::HOST, common::auth::HOST)
            .header(axum::http::header::CONTENT_TYPE, "application/json")
            .header(axum::http::header::IF_MATCH, etag)
            .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
            .body(axum::body::Body::from(doc.to_string()))
            .unwrap()
    };
    let mut doc = serde_json::to_value(v.content()).unwrap();
    let (since, until) = (t.to_rfc3339(), (t + Duration::minutes(90)).to_rfc3339());
    doc["pin"] =
        serde_json::json!({"shows": "community", "by": "script", "since": since, "until": until});
    let before = v.etag();
    let r = v.send(put(&doc, &before)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("pin.until"), "{}", r.body);
    assert_eq!(v.etag(), before);

    doc["pin"]["until"] = serde_json::json!((t + Duration::minutes(15)).to_rfc3339());
    let r = v.send(put(&doc, &before)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(slides(&v.state).await, ["community"]);
}

#[tokio::test]
async fn a_pin_wakes_the_screen_after_closing_time() {
    let v = Volunteer::new("Maïté");
    let mut c = v.content();
    c.display.opening_hours.enabled = true;
    for day in &mut [
        &mut c.display.opening_hours.mon,
        &mut c.display.opening_hours.tue,
        &mut c.display.opening_hours.wed,
        &mut c.display.opening_hours.thu,
        &mut c.display.opening_hours.fri,
        &mut c.display.opening_hours.sat,
        &mut c.display.opening_hours.sun,
    ] {
        **day = vec!["09:00-10:00".parse().unwrap()];
    }
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    let night = (later().with_timezone(&chrono::Local).date_naive())
        .and_hms_opt(22, 0, 0)
        .unwrap()
        .and_local_timezone(chrono::Local)
        .unwrap()
        .with_timezone(&Utc);
    v.state.clock.set(Some(night));
    let awake = |r: common::auth::Reply| -> bool {
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["awake"]
            .as_bool()
            .unwrap()
    };
    assert!(!awake(get(&v.state, "/api/screen", None).await), "closed");
    let r = pin(&v, &[("what", "community"), ("minutes", "5")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        awake(get(&v.state, "/api/screen", None).await),
        "pinned: on"
    );
}

#[tokio::test]
async fn a_pinned_announcement_stays_itself_when_the_list_changes_and_goes_when_it_does() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    let mut c = v.content();
    let mut first = c.announcements[0].clone();
    first.id.clear();
    first.title = "Assemblée générale samedi".into();
    c.announcements.insert(0, first);
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    let pinned = v.content().announcements[1].title.clone();
    let r = pin(
        &v,
        &[
            ("what", "announcement"),
            ("announcement", "1"),
            ("minutes", "30"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Someone deletes the announcement before it: the pinned one is still the one shown.
    let mut c = v.content();
    c.announcements.remove(0);
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    let page = get(&v.state, "/", None).await;
    assert_eq!(
        page.attrs("#stage > section.slide", "data-kind"),
        ["announcement"]
    );
    // The screen sets French punctuation with its no-break spaces.
    let titles: Vec<String> = (page.texts("#stage > section.slide h2").iter())
        .map(|t| t.replace('\u{a0}', " "))
        .collect();
    assert_eq!(titles, [pinned]);

    // Renamed, it is no longer what was pinned: the slides go on.
    let mut c = v.content();
    c.announcements[0].title = "Autre chose".into();
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    assert!(slides(&v.state).await.len() > 2);
}
