//! Tips and announcements hidden without being deleted, announcements with a first and a last
//! day on screen, and the dashboard listing what is scheduled and what has expired.

use crate::common;

use axum::http::StatusCode;
use chrono::{Duration, Local};
use common::admin::{at, AdminPage, Volunteer};

#[tokio::test]
async fn a_hidden_tip_stays_in_the_admin_and_leaves_the_screen() {
    let v = Volunteer::new("Maïté");
    let tip = v.content().tips[1].clone();
    assert!(v.get("/").await.body.contains(&tip.title));
    let form = v.get(&at("tips", 1)).await;
    let r = v
        .post(
            &at("tips", 1),
            &[
                ("etag", &form.etag()),
                ("title", &tip.title),
                ("text", &tip.text),
                ("hidden", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let c = v.content();
    assert!(c.tips[1].hidden);
    assert_eq!(c.tips[1].title, tip.title);
    assert!(!v.get("/").await.body.contains(&tip.title));
    let list = v.get("/admin/tips").await;
    let item = list.texts(&format!("#item-{}", tip.id)).join(" ");
    assert!(
        item.contains(&tip.title) && item.contains("masquée"),
        "{item}"
    );
    // Greyed, so that it reads as off the screen at a glance.
    assert_eq!(
        list.attrs("li.item.hidden", "id"),
        [format!("item-{}", tip.id)]
    );
    // Shown again: the box unticked.
    let form = v.get(&at("tips", 1)).await;
    let r = v
        .post(
            &at("tips", 1),
            &[
                ("etag", &form.etag()),
                ("title", &tip.title),
                ("text", &tip.text),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(v.get("/").await.body.contains(&tip.title));
}

async fn add_announcement(v: &Volunteer, title: &str, fields: &[(&str, &str)]) -> StatusCode {
    let mut all = vec![("etag", v.etag()), ("title", title.to_owned())];
    all.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    v.upload("/admin/announcements", &all, None, true)
        .await
        .status
}

#[tokio::test]
async fn announcements_show_between_their_days_and_the_dashboard_says_which_wait_or_ended() {
    let v = Volunteer::new("Maïté");
    let today = Local::now().date_naive();
    let day = |d: i64| (today + Duration::days(d)).format("%Y-%m-%d").to_string();
    let (yesterday, tomorrow) = (day(-1), day(1));
    let n = v.content().announcements.len();
    for (title, fields) in [
        ("Fête passée", vec![("last_day", yesterday.as_str())]),
        ("Fête à venir", vec![("first_day", tomorrow.as_str())]),
        (
            "Fête du jour",
            vec![
                ("first_day", yesterday.as_str()),
                ("last_day", tomorrow.as_str()),
            ],
        ),
        ("Fête masquée", vec![("hidden", "on")]),
    ] {
        assert_eq!(
            add_announcement(&v, title, &fields).await,
            StatusCode::SEE_OTHER,
            "{title}"
        );
    }
    assert_eq!(v.content().announcements.len(), n + 4);
    let screen = v.get("/").await.body;
    assert!(screen.contains("Fête du jour"));
    for off in ["Fête passée", "Fête à venir", "Fête masquée"] {
        assert!(!screen.contains(off), "{off} is not on screen");
    }
    let dashboard = v.get("/admin").await;
    let said = dashboard.body;
    assert!(
        said.contains("« Fête à venir » sera à l'écran à partir du"),
        "scheduled listed"
    );
    assert!(
        said.contains("« Fête passée » n'est plus à l'écran"),
        "expired listed"
    );
    assert!(!said.contains("« Fête du jour »"));

    // The next day, with no save in between: the screen follows the calendar by itself.
    let before = v.get("/").await.body;
    let noon = |d: chrono::NaiveDate| {
        d.and_hms_opt(12, 0, 0)
            .unwrap()
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    v.state.clock.set(Some(noon(today + Duration::days(1))));
    let next_day = v.get("/").await.body;
    assert!(next_day.contains("Fête à venir"), "its first day has come");
    assert!(next_day.contains("Fête du jour"), "still within its days");
    v.state.clock.set(Some(noon(today + Duration::days(2))));
    let after = v.get("/").await.body;
    assert!(!after.contains("Fête du jour"), "its last day is over");
    assert!(after.contains("Fête à venir"));
    assert_ne!(before, after);

    // Days that cannot be read, or in the wrong order, are refused beside the field.
    let before = v.content();
    let all = [
        ("etag", v.etag()),
        ("title", "Mauvaises dates".to_owned()),
        ("first_day", tomorrow.clone()),
        ("last_day", yesterday.clone()),
    ];
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = v.upload("/admin/announcements", &all, None, true).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .field_error("last_day")
        .unwrap()
        .contains("avant le premier"));
    assert_eq!(r.field_value("title"), "Mauvaises dates");
    let all = [
        ("etag", v.etag()),
        ("title", "Date illisible".to_owned()),
        ("first_day", "le 3 mars".to_owned()),
    ];
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = v.upload("/admin/announcements", &all, None, true).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.field_error("first_day").is_some());
    assert_eq!(v.content(), before);
}
