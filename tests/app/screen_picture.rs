//! "Is it really showing?": the kiosk sends a picture of the real screen over loopback, the
//! dashboard shows it with its age, says in words when it is mostly black during opening hours
//! or frozen while the slides should turn, and asks the kiosk for a new one. Nobody but this
//! machine may send one; a bad one changes nothing.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::admin::Volunteer;
use common::oneshot::{send_from, Reply};

/// A moment well after the build and any save: the clock is trusted.
fn later() -> DateTime<Utc> {
    Utc::now() + Duration::days(400)
}

/// A 1920×1080 PNG as grim takes it: `level` grey with a light band whose place is `band`
/// (another slide, or the progress bar further on).
fn screenshot(level: u8, band: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(1920, 1080, |x, _| {
        if x / 240 == band {
            image::Rgb([250, 250, 250])
        } else {
            image::Rgb([level, level, level])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn send_picture(v: &Volunteer, bytes: Vec<u8>, peer: &str) -> Reply {
    let req = Request::post("/api/screen/picture")
        .header(header::CONTENT_TYPE, "image/png")
        .body(Body::from(bytes))
        .unwrap();
    send_from(&v.state, req, peer).await
}

const KIOSK: &str = "127.0.0.1:45000";

/// The dashboard's words about the screen's picture.
async fn said(v: &Volunteer) -> Vec<String> {
    let dashboard = v.get("/admin").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    dashboard.texts(".screen-card p, .screen-card figcaption")
}

/// No opening hours: the screen should be awake whenever the test runs.
async fn always_open(v: &Volunteer) {
    let mut content = v.content();
    content.display.opening_hours.enabled = false;
    v.state
        .store
        .save(content, &v.etag(), "test")
        .await
        .unwrap();
}

#[tokio::test]
async fn the_kiosks_picture_is_on_the_dashboard_small_with_its_age() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    assert!(
        said(&v)
            .await
            .iter()
            .any(|s| s.contains("Pas encore de photo")),
        "{:?}",
        said(&v).await
    );
    assert_eq!(
        v.get("/admin/screen.jpg").await.status,
        StatusCode::NOT_FOUND
    );

    let r = send_picture(&v, screenshot(90, 1), KIOSK).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let dashboard = v.get("/admin").await;
    assert_eq!(
        dashboard.texts(".screen-card figcaption"),
        ["L'écran de la caisse, il y a moins d'une minute"]
    );
    let src = dashboard.attrs(".screen-card img", "src");
    assert_eq!(src.len(), 1, "{src:?}");
    let jpeg = v.get(&src[0]).await;
    assert_eq!(jpeg.status, StatusCode::OK);
    assert_eq!(jpeg.header(header::CONTENT_TYPE), "image/jpeg");
    assert_eq!(jpeg.header(header::CACHE_CONTROL), "no-store");
    let img = image::load_from_memory(&jpeg.bytes).unwrap();
    assert_eq!((img.width(), img.height()), (480, 270));

    // Three minutes on, the age says so.
    v.state.clock.set(Some(later() + Duration::minutes(3)));
    assert_eq!(
        v.get("/admin").await.texts(".screen-card figcaption"),
        ["L'écran de la caisse, il y a 3 min"]
    );
    // Not for strangers: the picture is behind the login like the dashboard.
    let stranger = common::auth::get(&v.state, "/admin/screen.jpg", None).await;
    assert_ne!(stranger.status, StatusCode::OK);
    assert!(!stranger.bytes.starts_with(&[0xFF, 0xD8]));
}

#[tokio::test]
async fn only_this_machine_may_send_a_picture_and_a_bad_one_changes_nothing() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    let kept = screenshot(90, 1);
    assert_eq!(send_picture(&v, kept, KIOSK).await.status, StatusCode::OK);
    let before = v.get("/admin/screen.jpg").await.bytes;

    // From the shop's Wi-Fi: refused, in words.
    let r = send_picture(&v, screenshot(10, 5), "192.168.1.30:50000").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("127.0.0.1"), "{}", r.body);
    // Not a picture.
    let r = send_picture(&v, b"GIF89a........".to_vec(), KIOSK).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("PNG"), "{}", r.body);
    // Over the limit.
    let mut huge = screenshot(90, 2);
    huge.resize(vitrine::limits::SCREEN_PICTURE_BYTES + 1, 0);
    let r = send_picture(&v, huge, KIOSK).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    assert_eq!(v.get("/admin/screen.jpg").await.bytes, before);
}

#[tokio::test]
async fn a_volunteer_asks_for_a_picture_and_the_kiosk_is_told() {
    let v = Volunteer::new("Maïté");
    v.state.clock.set(Some(later()));
    let local = || async {
        let r = send_from(
            &v.state,
            Request::get("/api/screen/local")
                .body(Body::empty())
                .unwrap(),
            KIOSK,
        )
        .await;
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["picture_wanted"].clone()
    };
    assert_eq!(local().await, false);

    let dashboard = v.get("/admin").await;
    assert_eq!(
        dashboard.attrs(".screen-card form", "action"),
        ["/admin/screen"]
    );
    let r = v.post("/admin/screen", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(header::LOCATION), "/admin/screen");
    assert_eq!(local().await, true);
    let waiting = v.get("/admin/screen").await;
    assert!(
        waiting.body.contains(r#"http-equiv="refresh""#),
        "the page reloads while it waits"
    );
    assert_eq!(waiting.texts(".screen-waiting").len(), 1);

    // Unanswered for a minute: said, with what to check.
    v.state.clock.set(Some(later() + Duration::seconds(75)));
    let late = v.get("/admin/screen").await;
    let alarm = late.texts(".screen-alarm").join(" ");
    assert!(alarm.contains("grim"), "{alarm}");
    assert!(!late.body.contains(r#"http-equiv="refresh""#));

    send_picture(&v, screenshot(90, 1), KIOSK).await;
    assert_eq!(local().await, false);
    let shown = v.get("/admin/screen").await;
    assert!(shown.texts(".screen-waiting").is_empty());
    assert_eq!(
        shown.attrs("figure img", "alt"),
        ["Photo de l'écran de la caisse"]
    );
}

#[tokio::test]
async fn a_black_screen_in_opening_hours_and_a_frozen_one_are_said_in_words() {
    let v = Volunteer::new("Maïté");
    always_open(&v).await;
    let t = later();
    v.state.clock.set(Some(t));

    send_picture(&v, screenshot(0, 99), KIOSK).await;
    let words = said(&v).await.join(" ");
    assert!(words.contains("presque entièrement noir"), "{words}");

    // A live screen, five minutes on: each picture differs (another slide, the progress bar
    // further on).
    let t = t + Duration::minutes(5);
    v.state.clock.set(Some(t));
    let r = send_picture(&v, screenshot(90, 1), KIOSK).await;
    let again: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let again = again["again_in"]
        .as_u64()
        .expect("a second picture asked for");
    v.state.clock.set(Some(t + Duration::seconds(again as i64)));
    send_picture(&v, screenshot(90, 4), KIOSK).await;
    let words = said(&v).await.join(" ");
    assert!(words.contains("change comme prévu"), "{words}");
    assert!(!words.contains('⚠'), "{words}");

    // Frozen: the very same picture a slide's time later, within one round.
    v.state.clock.set(Some(t + Duration::seconds(400)));
    send_picture(&v, screenshot(90, 4), KIOSK).await;
    v.state
        .clock
        .set(Some(t + Duration::seconds(400 + again as i64)));
    send_picture(&v, screenshot(90, 4), KIOSK).await;
    let words = said(&v).await.join(" ");
    assert!(words.contains("figé"), "{words}");
    assert!(!words.contains("change comme prévu"), "{words}");

    // It moves again: no more warning.
    v.state.clock.set(Some(t + Duration::seconds(700)));
    send_picture(&v, screenshot(90, 6), KIOSK).await;
    let words = said(&v).await.join(" ");
    assert!(!words.contains('⚠'), "{words}");
}

#[tokio::test]
async fn a_black_screen_outside_opening_hours_is_no_alarm_and_an_old_picture_is_said() {
    let v = Volunteer::new("Maïté");
    let mut content = v.content();
    // Open only from 9:00 to 9:01 on Mondays: the test's clock is set outside.
    content.display.opening_hours = serde_json::from_value(serde_json::json!({
        "enabled": true, "mon": ["09:00-09:01"]
    }))
    .unwrap();
    v.state
        .store
        .save(content, &v.etag(), "test")
        .await
        .unwrap();
    let sunday_noon = chrono::Local
        .with_ymd_and_hms(2027, 11, 7, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    v.state.clock.set(Some(sunday_noon));
    send_picture(&v, screenshot(0, 99), KIOSK).await;
    let words = said(&v).await.join(" ");
    assert!(!words.contains("noir"), "{words}");

    v.state.clock.set(Some(sunday_noon + Duration::minutes(40)));
    let words = said(&v).await.join(" ");
    assert!(words.contains("date de 40 min"), "{words}");
}

#[tokio::test]
async fn a_script_with_a_token_reads_the_picture_and_nobody_else() {
    let v = Volunteer::new("Maïté");
    let token =
        vitrine::auth::tokens::create_token(&v.state.store.secrets(), "watch", None).unwrap();
    let read = |bearer: Option<String>| {
        let mut req = Request::get("/api/screen/picture").header(header::HOST, "vitrine.local");
        if let Some(t) = bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        send_from(
            &v.state,
            req.body(Body::empty()).unwrap(),
            "192.0.2.50:40000",
        )
    };
    assert_eq!(read(None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        read(Some(token.clone())).await.status,
        StatusCode::NOT_FOUND,
        "no picture yet"
    );
    send_picture(&v, screenshot(90, 1), KIOSK).await;
    let r = read(Some(token)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "image/jpeg");
    assert_eq!(r.bytes, v.get("/admin/screen.jpg").await.bytes);
    assert_eq!(read(None).await.status, StatusCode::UNAUTHORIZED);
}
