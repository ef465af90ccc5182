//! Announcements and tips seen before they are on screen: the announcements list says when
//! each one ends (or that it has no end), and any announcement or tip, whatever its days and
//! even hidden or shown on other days of the week, opens alone as the screen shows it from
//! its form.

use crate::common;
use common::admin::at;

use axum::http::StatusCode;
use chrono::Duration;
use common::admin::Volunteer;
use vitrine::content::{Announcement, Day};

fn announcement(title: &str, first: Option<i64>, last: Option<i64>, v: &Volunteer) -> Announcement {
    let today = v.state.clock.today();
    Announcement {
        title: title.into(),
        text: format!("Le texte de {title}"),
        first_day: first.map(|d| today + Duration::days(d)),
        last_day: last.map(|d| today + Duration::days(d)),
        ..Default::default()
    }
}

/// Maite, with four announcements: always, until next week, from next week to the one after,
/// from next week on.
async fn with_announcements() -> Volunteer {
    let v = Volunteer::new("Maite");
    let mut c = v.content();
    c.announcements = vec![
        announcement("Toujours", None, None, &v),
        announcement("Cette semaine", Some(-1), Some(7), &v),
        announcement("Fête à venir", Some(7), Some(14), &v),
        announcement("Nouveaux horaires", Some(7), None, &v),
    ];
    c.tips[0].hidden = true;
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    v
}

#[tokio::test]
async fn the_announcements_list_says_when_each_one_ends() {
    let v = with_announcements().await;
    let today = v.state.clock.today();
    let date = |d: i64| (today + Duration::days(d)).format("%d/%m/%Y").to_string();
    let list = v.get("/admin/announcements").await;
    let days = list.texts("li.item .badge.days");
    assert_eq!(
        days,
        [
            "sans date de fin".to_owned(),
            format!("jusqu'au {}", date(7)),
            format!("à l'écran du {} au {}", date(7), date(14)),
            format!("à l'écran à partir du {}, sans date de fin", date(7)),
        ]
    );
    let list = v.get_with("/admin/announcements", "lang=en").await;
    assert_eq!(list.texts("li.item .badge.days")[0], "no end date");
}

#[tokio::test]
async fn an_announcement_to_come_and_a_hidden_tip_are_previewed_alone_from_their_form() {
    let v = with_announcements().await;
    let screen = v.get("/").await.body;
    assert!(!screen.contains("Fête à venir"), "not on screen yet");
    let hidden_tip = v.content().tips[0].title.clone();

    let form = v.get(&v.item("announcements", 2)).await;
    assert_eq!(
        form.attrs(".slide-preview a", "href"),
        [format!("{}/preview", v.item("announcements", 2))]
    );
    let preview = v
        .get(&format!("{}/preview", v.item("announcements", 2)))
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.texts("#stage > .slide").len(), 1, "the slide alone");
    assert_eq!(preview.texts(".slide-announcement h2"), ["Fête à venir"]);
    assert_eq!(preview.attrs("body", "data-preview"), ["true"]);
    assert!(preview
        .header(axum::http::header::CONTENT_SECURITY_POLICY)
        .contains("'sha256-"));

    let form = v.get(&at("tips", 0)).await;
    assert_eq!(
        form.attrs(".slide-preview a", "href"),
        [format!("{}/preview", at("tips", 0))]
    );
    let preview = v.get(&format!("{}/preview", at("tips", 0))).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.texts("#stage > .slide").len(), 1);
    let titles: Vec<String> = preview
        .texts(".slide-tip h2")
        .iter()
        .map(|t| t.replace('\u{a0}', " "))
        .collect();
    assert_eq!(
        titles,
        [hidden_tip],
        "in French typography, with no-break spaces"
    );

    // Shown on other days of the week only: previewed today all the same.
    let mut c = v.content();
    let today = chrono::Datelike::weekday(&v.state.clock.today());
    let mut other_days = announcement("Pas aujourd'hui", None, None, &v);
    other_days.schedule.days = Day::ALL
        .into_iter()
        .filter(|d| d.weekday() != today)
        .collect();
    c.announcements.push(other_days);
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    assert!(
        !v.get("/").await.body.contains("Pas aujourd"),
        "not on screen today"
    );
    let preview = v
        .get(&format!("{}/preview", v.item("announcements", 4)))
        .await;
    let titles: Vec<String> = preview
        .texts(".slide-announcement h2")
        .iter()
        .map(|t| t.replace(['\u{a0}', '\u{2019}'], " "))
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(titles[0].starts_with("Pas aujourd"), "{titles:?}");

    // A group is not a slide of its own; an item that is gone says so.
    assert!(v
        .get(&at("groups", 0))
        .await
        .texts(".slide-preview")
        .is_empty());
    assert_eq!(
        v.get("/admin/announcements/no-such-one/preview")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
