//! The admin area goes by the server's clock, as the screen does: when the clock is set (a Pi
//! back from a power cut, a test), the announcements list says of each announcement what the
//! screen does with it that day.

use crate::common;

use axum::http::StatusCode;
use chrono::{Duration, Local, NaiveDate};
use common::admin::Volunteer;

fn noon(d: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    d.and_hms_opt(12, 0, 0)
        .unwrap()
        .and_local_timezone(Local)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

#[tokio::test]
async fn the_announcements_list_counts_the_days_by_the_servers_clock_like_the_screen() {
    let v = Volunteer::new("Maïté");
    // A day far from the system's: the list and the screen disagree if either reads the
    // system clock instead of the server's.
    let day = Local::now().date_naive() + Duration::days(400);
    v.state.clock.set(Some(noon(day)));
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let (first, last) = (iso(day - Duration::days(1)), iso(day + Duration::days(1)));
    let fields = [
        ("etag", v.etag()),
        ("title", "Fête de la coop".to_owned()),
        ("first_day", first),
        ("last_day", last),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = v.upload("/admin/announcements", &fields, None, true).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    assert!(
        v.get("/").await.body.contains("Fête de la coop"),
        "on the server's day, the screen shows it"
    );
    let list = v.get("/admin/announcements").await;
    let items: Vec<String> = list
        .texts("li.item")
        .into_iter()
        .filter(|t| t.contains("Fête de la coop"))
        .collect();
    assert_eq!(items.len(), 1, "{items:?}");
    let until = (day + Duration::days(1)).format("%d/%m/%Y").to_string();
    assert!(
        items[0].contains(&format!("jusqu'au {until}")) && !items[0].contains("à partir du"),
        "the list says it is on screen until its last day, as the screen shows it: {:?}",
        items[0]
    );
}
