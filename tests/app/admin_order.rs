//! The admin list of groups in the screen's order: grouped by category as the screen shows
//! them, ↑/↓ moving a group within its category (so the screen changes), ⤒/⤓ to its top or
//! bottom, and a new group's category chosen deliberately (never pre-filled from the last
//! group).

use crate::common;

use axum::http::StatusCode;
use common::admin::{AdminPage, Reply, Volunteer};
use scraper::Selector;

/// The group names of the admin list, category by category, as shown.
fn admin_order(page: &Reply) -> Vec<(String, Vec<String>)> {
    let doc = page.html();
    let section = Selector::parse("section.category").unwrap();
    let title = Selector::parse("h2.category-title").unwrap();
    let name = Selector::parse(".item-title").unwrap();
    let order: Vec<(String, Vec<String>)> = doc
        .select(&section)
        .map(|s| {
            let t = s.select(&title).next().unwrap().text().collect::<String>();
            let names = s.select(&name).map(|n| n.text().collect()).collect();
            (t.trim().to_owned(), names)
        })
        .collect();
    assert!(
        !order.is_empty() && order.iter().all(|(_, names)| !names.is_empty()),
        "the admin list shows its groups under category sections: {order:?}"
    );
    order
}

/// The groups as the screen shows them: by category, first seen first.
fn screen_order(v: &Volunteer) -> Vec<(String, Vec<String>)> {
    v.content()
        .groups_by_category()
        .into_iter()
        .map(|(c, gs)| (c.to_owned(), gs.iter().map(|g| g.name.clone()).collect()))
        .collect()
}

#[tokio::test]
async fn a_new_group_shows_under_its_category_and_moves_within_it() {
    let v = Volunteer::new("Maïté");
    let first_category = v.content().groups[0].category.clone();
    let last_category = v.content().groups.last().unwrap().category.clone();
    assert_ne!(
        first_category, last_category,
        "the default has several categories"
    );

    // The new-group form does not suggest the last group's category by filling it in.
    let form = v.get("/admin/groups/new").await;
    assert_eq!(form.field_value("category"), "");
    let suggested = form.attrs("datalist#categories option", "value");
    assert!(suggested.contains(&first_category), "{suggested:?}");

    let r = v
        .post(
            "/admin/groups",
            &[
                ("etag", &form.etag()),
                ("name", "Otsokop · Nouveau"),
                ("category", &first_category),
                ("description", ""),
                ("link", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Last in the document, but shown under its category, as on the screen.
    assert_eq!(v.content().groups.last().unwrap().name, "Otsokop · Nouveau");
    let list = v.get("/admin/groups").await;
    let shown = admin_order(&list);
    assert!(!shown.is_empty());
    assert_eq!(shown, screen_order(&v));
    let (category, names) = &shown[0];
    assert_eq!(category, &first_category);
    assert_eq!(names.last().map(String::as_str), Some("Otsokop · Nouveau"));
    assert!(names.len() >= 2, "{names:?}");

    // ↑ moves it above the group before it in its category: the screen changes.
    let i = v.content().groups.len() - 1;
    let r = v
        .post(
            &format!("{}/move", v.item("groups", i)),
            &[
                (
                    "etag",
                    &list.etag_at(&format!("{}/move", v.item("groups", i))),
                ),
                ("dir", "up"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = screen_order(&v);
    let n = names.len();
    assert_eq!(after[0].1[n - 2], "Otsokop · Nouveau");
    assert_eq!(after[0].1[n - 1], names[n - 2]);
    // Nothing else moved.
    assert_eq!(after[1..], shown[1..]);
    let list = v.get("/admin/groups").await;
    assert_eq!(admin_order(&list), after);

    // The first of a category has no ↑, the last no ↓.
    let doc = list.html();
    let section = Selector::parse("section.category").unwrap();
    let item = Selector::parse("li.item").unwrap();
    let up = Selector::parse("input[name=dir][value=up]").unwrap();
    let down = Selector::parse("input[name=dir][value=down]").unwrap();
    let sections: Vec<_> = doc.select(&section).collect();
    assert!(sections.len() > 1, "the default has several categories");
    for s in sections {
        let items: Vec<_> = s.select(&item).collect();
        assert!(!items.is_empty());
        assert_eq!(items[0].select(&up).count(), 0);
        assert_eq!(items[items.len() - 1].select(&down).count(), 0);
    }
}

#[tokio::test]
async fn a_group_goes_to_the_top_or_the_bottom_of_its_category_in_one_click() {
    let v = Volunteer::new("Maïté");
    let before = screen_order(&v);
    let (category, names) = before
        .iter()
        .find(|(_, names)| names.len() >= 3)
        .cloned()
        .expect("a category of three groups or more");
    let k = before.iter().position(|(c, _)| *c == category).unwrap();
    let last = names.last().unwrap().clone();
    let list = v.get("/admin/groups").await;
    let labels = list.attrs("form.reorder[data-dir=top] button", "title");
    assert!(
        !labels.is_empty() && labels.iter().all(|l| l == "En haut de sa catégorie"),
        "{labels:?}"
    );
    let i = v
        .content()
        .groups
        .iter()
        .position(|g| g.name == last)
        .unwrap();
    let r = v
        .post(
            &format!("{}/move", v.item("groups", i)),
            &[
                (
                    "etag",
                    &list.etag_at(&format!("{}/move", v.item("groups", i))),
                ),
                ("dir", "top"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = screen_order(&v);
    let mut expected = vec![last.clone()];
    expected.extend(names[..names.len() - 1].iter().cloned());
    assert_eq!(
        after[k].1, expected,
        "first of its category, the others in order"
    );
    let others = |o: &[(String, Vec<String>)]| {
        o.iter()
            .filter(|(c, _)| *c != category)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&after), others(&before), "no other category changed");
    // The first of the category has neither ⤒ nor ↑ now; to the bottom again.
    let list = v.get("/admin/groups").await;
    let i = v
        .content()
        .groups
        .iter()
        .position(|g| g.name == last)
        .unwrap();
    let r = v
        .post(
            &format!("{}/move", v.item("groups", i)),
            &[
                (
                    "etag",
                    &list.etag_at(&format!("{}/move", v.item("groups", i))),
                ),
                ("dir", "bottom"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(screen_order(&v), before);
    // Tips go to the top of their whole list.
    let tips: Vec<String> = v.content().tips.iter().map(|t| t.title.clone()).collect();
    assert!(tips.len() >= 2);
    let list = v.get("/admin/tips").await;
    assert_eq!(
        list.attrs("form.reorder[data-dir=top] button", "title")[0],
        "Tout en haut"
    );
    let last = format!("{}/move", v.item("tips", tips.len() - 1));
    let r = v
        .post(&last, &[("etag", &list.etag_at(&last)), ("dir", "top")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().tips[0].title, *tips.last().unwrap());
    assert_eq!(v.content().tips[1].title, tips[0]);
}
