//! Slides by day and hour: a tip or an announcement shows only on its days, within its hours,
//! by the server's clock; a clock that is obviously wrong shows everything; the community
//! slide is always there; the API and the forms refuse a schedule that cannot be, naming the
//! field, and the lists say in words when each shows.

use crate::common;
use common::admin::at as item_at;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, Utc, Weekday};
use common::admin::Volunteer;
use common::auth::*;
use common::oneshot::fresh_with;
use serde_json::{json, Value};
use vitrine::content::{default_content, Content, Day, Schedule, Tip};
use vitrine::AppState;

/// A Tuesday well after the build and any save, so that the clock is trusted.
fn tuesday() -> NaiveDate {
    let mut day = Local::now().date_naive() + Duration::days(400);
    while day.weekday() != Weekday::Tue {
        day += Duration::days(1);
    }
    day
}

fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    day.and_hms_opt(h, m, 0)
        .unwrap()
        .and_local_timezone(Local)
        .unwrap()
        .with_timezone(&Utc)
}

/// The default content with one tip for Tuesday and Friday mornings, the only tip.
fn with_bread() -> Content {
    let mut c = default_content();
    c.tips = vec![Tip {
        title: "Pain frais".into(),
        text: "Le pain du fournil arrive le mardi et le vendredi matin.".into(),
        schedule: Schedule {
            days: vec![Day::Tue, Day::Fri],
            hours: vec!["09:00-12:00".parse().unwrap()],
        },
        ..Default::default()
    }];
    c
}

/// The kinds of the slides the screen shows now, in order.
async fn slides(state: &AppState) -> Vec<String> {
    let page = get(state, "/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    page.attrs("#stage > section.slide", "data-kind")
}

async fn shows_bread(state: &AppState) -> bool {
    get(state, "/", None).await.body.contains("Pain frais")
}

#[tokio::test]
async fn a_tip_shows_only_on_its_days_within_its_hours() {
    let (_dir, state) = fresh_with(&with_bread());
    let tue = tuesday();
    let cases = [
        (at(tue, 8, 59), false, "Tuesday before 9:00"),
        (at(tue, 9, 0), true, "Tuesday at 9:00"),
        (at(tue, 11, 59), true, "Tuesday at 11:59"),
        (at(tue, 12, 0), false, "Tuesday at 12:00"),
        (
            at(tue + Duration::days(1), 10, 0),
            false,
            "Wednesday morning",
        ),
        (at(tue + Duration::days(3), 10, 0), true, "Friday morning"),
    ];
    for (when, shown, label) in cases {
        state.clock.set(Some(when));
        let kinds = slides(&state).await;
        let tips = kinds.iter().filter(|k| *k == "tip").count();
        assert_eq!(tips, usize::from(shown), "{label}: {kinds:?}");
        assert_eq!(shows_bread(&state).await, shown, "{label}");
        // The community slide is never scheduled away.
        assert_eq!(
            kinds.iter().filter(|k| *k == "community").count(),
            1,
            "{label}: {kinds:?}"
        );
    }
}

#[tokio::test]
async fn the_page_tag_changes_when_a_slide_enters_its_window_so_the_screens_follow() {
    let (_dir, state) = fresh_with(&with_bread());
    let tue = tuesday();
    let tag = |r: &Reply| r.header(axum::http::header::ETAG).to_owned();
    state.clock.set(Some(at(tue, 8, 59)));
    let before = tag(&get(&state, "/", None).await);
    state.clock.set(Some(at(tue, 9, 0)));
    let page = get(&state, "/", None).await;
    let after = tag(&page);
    assert_ne!(before, after, "the event stream announces a new tag");
    assert_eq!(
        page.attrs("#live", "data-etag"),
        std::slice::from_ref(&after),
        "the page names the tag the stream announces"
    );
    state.clock.set(Some(at(tue, 9, 30)));
    assert_eq!(
        tag(&get(&state, "/", None).await),
        after,
        "same slides, same page"
    );
}

#[tokio::test]
async fn an_announcement_keeps_its_dates_and_adds_its_hours() {
    let mut c = default_content();
    let tue = tuesday();
    c.announcements = vec![vitrine::content::Announcement {
        title: "Dernière heure : pensez à vos créneaux".into(),
        first_day: Some(tue),
        last_day: Some(tue + Duration::days(7)),
        schedule: Schedule {
            days: vec![],
            hours: vec!["18:00-19:00".parse().unwrap()],
        },
        ..Default::default()
    }];
    let (_dir, state) = fresh_with(&c);
    let shown = |kinds: Vec<String>| kinds.iter().filter(|k| *k == "announcement").count();
    state.clock.set(Some(at(tue, 18, 30)));
    assert_eq!(shown(slides(&state).await), 1, "within its days and hours");
    state.clock.set(Some(at(tue, 17, 30)));
    assert_eq!(shown(slides(&state).await), 0, "before its hour");
    state.clock.set(Some(at(tue + Duration::days(8), 18, 30)));
    assert_eq!(shown(slides(&state).await), 0, "after its last day");
}

#[tokio::test]
async fn a_clock_that_is_obviously_wrong_shows_every_slide_rather_than_none() {
    let (_dir, state) = fresh_with(&with_bread());
    // A Pi back from a power cut without network: a Wednesday evening long before the build.
    let long_ago = NaiveDate::from_ymd_opt(2001, 1, 3).unwrap();
    assert_eq!(long_ago.weekday(), Weekday::Wed);
    state.clock.set(Some(at(long_ago, 21, 0)));
    assert!(
        shows_bread(&state).await,
        "the wrong clock cannot say it is not Tuesday"
    );
}

#[tokio::test]
async fn with_every_slide_out_of_its_hours_the_screen_still_shows_how_to_join() {
    let mut c = with_bread();
    c.slides.groups.enabled = false;
    c.slides.community.enabled = false;
    c.slides.announcements.enabled = false;
    let (_dir, state) = fresh_with(&c);
    state
        .clock
        .set(Some(at(tuesday() + Duration::days(1), 10, 0)));
    assert_eq!(slides(&state).await, ["community"]);
}

fn put(state: &AppState, doc: &Value) -> axum::http::Request<axum::body::Body> {
    let token =
        vitrine::auth::tokens::create_token(&state.store.secrets(), "script", None).unwrap();
    axum::http::Request::put("/api/content")
        .header(axum::http::header::HOST, HOST)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .header(
            axum::http::header::IF_MATCH,
            state.store.current().etag.clone(),
        )
        .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
        .body(axum::body::Body::from(doc.to_string()))
        .unwrap()
}

#[tokio::test]
async fn the_api_carries_the_schedule_and_refuses_one_that_cannot_be() {
    let (_dir, state) = fresh();
    let mut doc = serde_json::to_value(&state.store.current().content).unwrap();
    doc["tips"][0]["schedule"] = json!({"days": ["tue", "fri"], "hours": ["09:00-12:00"]});
    let r = send(&state, put(&state, &doc)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let read: Value = serde_json::from_str(&get(&state, "/api/content", None).await.body).unwrap();
    assert_eq!(read["tips"][0]["schedule"]["days"], json!(["tue", "fri"]));
    assert_eq!(read["tips"][0]["schedule"]["hours"], json!(["09:00-12:00"]));

    for (schedule, field) in [
        (
            json!({"hours": ["12:00-09:00"]}),
            "tips[1].schedule.hours[0]",
        ),
        (
            json!({"hours": ["25:00-26:00"]}),
            "tips[1].schedule.hours[0]",
        ),
        (json!({"days": ["mardi"]}), "tips[1].schedule.days[0]"),
        (json!({"days": ["tue", "tue"]}), "tips[1].schedule.days"),
        (
            json!({"hours": ["08:00-09:00", "10:00-11:00", "12:00-13:00", "14:00-15:00", "16:00-17:00"]}),
            "tips[1].schedule.hours",
        ),
    ] {
        let mut bad = read.clone();
        bad["tips"][1]["schedule"] = schedule.clone();
        let before = state.store.current().etag.clone();
        let r = send(&state, put(&state, &bad)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{schedule}: {}",
            r.body
        );
        let body: Value = serde_json::from_str(&r.body).unwrap();
        let fields: Vec<&str> = body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert_eq!(fields, [field], "{schedule}: {body}");
        assert_eq!(state.store.current().etag, before, "nothing changed");
    }
}

#[tokio::test]
async fn a_file_without_schedules_loads_and_writes_back_the_same() {
    let c = default_content();
    let (dir, state) = fresh_with(&c);
    let on_disk = std::fs::read_to_string(dir.path().join("content.json")).unwrap();
    assert!(!on_disk.contains("schedule") && !on_disk.contains("\"pin\""));
    let written = String::from_utf8(state.store.current().to_json()).unwrap();
    assert!(
        written.trim_end() == on_disk.trim_end(),
        "written back the same"
    );
    let api = get(&state, "/api/content", None).await.body;
    assert!(
        api.trim_end() == on_disk.trim_end(),
        "the API gives it as it is"
    );
}

#[tokio::test]
async fn the_tip_form_saves_days_and_hours_and_the_list_says_when_in_words() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(at(tuesday(), 10, 0)));
    let etag = v.etag();
    let r = v
        .post(
            "/admin/tips",
            &[
                ("etag", &etag),
                ("title", "Pain frais"),
                ("text", "Le mardi et le vendredi matin."),
                ("day.tue", "on"),
                ("day.fri", "on"),
                ("hours", "9h-12h"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let tip = v.content().tips.into_iter().last().unwrap();
    assert_eq!(tip.schedule.days, [Day::Tue, Day::Fri]);
    assert_eq!(tip.schedule.hours[0].to_string(), "09:00-12:00");

    let list = v.get("/admin/tips").await;
    let badges = list.texts(".badge.schedule");
    assert_eq!(badges, ["mardi et vendredi, 9 h–12 h — en ce moment"]);
    let list = v.get_with("/admin/tips", "lang=en").await;
    let badges = list.texts(".badge.schedule");
    assert_eq!(badges, ["Tuesday and Friday, 9:00–12:00 — on screen now"]);

    v.state.clock.set(Some(at(tuesday(), 14, 0)));
    let badges = v.get("/admin/tips").await.texts(".badge.schedule");
    assert_eq!(badges, ["mardi et vendredi, 9 h–12 h — pas en ce moment"]);
}

#[tokio::test]
async fn a_schedule_outside_the_opening_hours_says_never() {
    let mut c = with_bread();
    c.display.opening_hours.enabled = true;
    for day in [Weekday::Tue, Weekday::Fri] {
        *c.display.opening_hours.day_mut(day) = vec!["14:00-19:00".parse().unwrap()];
    }
    let v = Volunteer::new("Maïté");
    let etag = v.etag();
    v.state.store.save(c, &etag, "test").await.unwrap();
    let badges = v.get("/admin/tips").await.texts(".badge.schedule");
    assert_eq!(
        badges,
        ["mardi et vendredi, 9 h–12 h — jamais : en dehors des heures d'ouverture"]
    );
}

#[tokio::test]
async fn hours_that_cannot_be_are_refused_beside_their_field_and_nothing_changes() {
    let v = Volunteer::new("Maïté");
    let before = v.etag();
    let r = v
        .post(
            &item_at("tips", 0),
            &[
                ("etag", &before),
                ("title", "Pain frais"),
                ("text", "Le matin."),
                ("hours", "12:00-9:00"),
            ],
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert!(r.body.contains("<html"), "an HTML page");
    let errors = r.texts(".field.has-error .error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("12:00-9:00"), "{errors:?}");
    assert_eq!(r.attrs(".field.has-error input", "name"), ["hours"]);
    assert_eq!(v.etag(), before, "nothing saved");
}

#[tokio::test]
async fn the_announcement_form_takes_days_and_hours_and_refuses_hours_that_cannot_be() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(at(tuesday(), 18, 30)));
    let etag = v.etag();
    let count = v.content().announcements.len();
    let fields = [
        ("etag", etag.as_str()),
        ("title", "Dernière heure : pensez à vos créneaux"),
        ("hours", "19:00-18:00"),
    ];
    let r = v.upload("/admin/announcements", &fields, None, true).await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert_eq!(r.attrs(".field.has-error input", "name"), ["hours"]);
    assert_eq!(v.content().announcements.len(), count, "nothing saved");

    let fields = [
        ("etag", etag.as_str()),
        ("title", "Dernière heure : pensez à vos créneaux"),
        ("day.sat", "on"),
        ("hours", "18:00-19:00"),
    ];
    let r = v.upload("/admin/announcements", &fields, None, true).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let saved = v.content().announcements.into_iter().last().unwrap();
    assert_eq!(saved.schedule.days, [Day::Sat]);
    let badges = v.get("/admin/announcements").await.texts(".badge.schedule");
    assert_eq!(
        badges,
        ["samedi, 18 h–19 h — pas en ce moment"],
        "a Tuesday"
    );
    let form = v.get(&v.item("announcements", count)).await;
    assert_eq!(form.texts(".schedule-said strong"), ["samedi, 18 h–19 h"]);
}
