//! The history in words a volunteer reads (what was added, deleted, renamed, restored), one
//! single "current" mark, consecutive moves by one person as one line, and the banner's
//! "Annuler" after every save, delete or move.

use crate::common;

use axum::http::{header, StatusCode};
use common::admin::{at, AdminPage, Reply, Volunteer};

/// The "what changed" cells of the history, newest first.
async fn what(v: &Volunteer) -> Vec<String> {
    let page = v.get("/admin/history").await;
    assert_eq!(page.status, StatusCode::OK);
    page.texts("table.history tbody tr td:nth-child(3) > span:first-child")
}

async fn rename_group(v: &Volunteer, i: usize, name: &str) -> Reply {
    let form = v.get(&v.item("groups", i)).await;
    let mut fields: Vec<(String, String)> = ["category", "description", "link"]
        .iter()
        .map(|n| (n.to_string(), form.field_value(n)))
        .collect();
    fields.push(("name".into(), name.into()));
    fields.push(("etag".into(), form.etag()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    v.post(&v.item("groups", i), &fields).await
}

#[tokio::test]
async fn each_kind_of_change_is_said_in_words() {
    let v = Volunteer::new("Maïté");
    let groups = v.content().groups;
    assert!(
        groups.len() >= 4,
        "the default content has groups to delete"
    );
    // Three groups deleted: three lines, each naming its group.
    for _ in 0..3 {
        let list = v.get("/admin/groups").await;
        let r = v
            .post(
                &format!("{}/delete", v.item("groups", 0)),
                &[(
                    "etag",
                    &list.etag_at(&format!("{}/delete", v.item("groups", 0))),
                )],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let lines = what(&v).await;
    assert_eq!(lines.len(), 3, "{lines:?}");
    for (line, group) in lines.iter().rev().zip(&groups) {
        assert_eq!(line, &format!("a supprimé le groupe « {} »", group.name));
    }
    // Renamed.
    let old = v.content().groups[0].name.clone();
    assert_eq!(
        rename_group(&v, 0, "Otsokop · Nouveau nom").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        what(&v).await[0],
        format!("a renommé le groupe « {old} » en « Otsokop · Nouveau nom »")
    );
    // Added.
    let form = v.get("/admin/tips/new").await;
    let r = v
        .post(
            "/admin/tips",
            &[("etag", &form.etag()), ("title", "Nouvelle"), ("text", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(what(&v).await[0], "a ajouté l'astuce « Nouvelle »");

    // Restored: said with the date of the version put back, and one single current mark.
    let page = v.get("/admin/history").await;
    let ids = page.attrs(
        "form[action='/admin/history/restore'] input[name=id]",
        "value",
    );
    let times = page.texts("table.history tbody tr td:nth-child(1)");
    assert_eq!(
        ids.len(),
        4,
        "every line but the current one can be restored"
    );
    // The version of the rename (the one before the newest).
    let r = v
        .post(
            "/admin/history/restore",
            &[("etag", &page.etag()), ("id", &ids[0])],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = v.get("/admin/history").await;
    let lines = what(&v).await;
    // Said with what it undid: two restores never read alike.
    assert_eq!(
        lines[0],
        format!(
            "a remis tout l'écran comme le {} ; a supprimé l'astuce « Nouvelle »",
            times[1]
        )
    );
    assert_eq!(page.texts(".badge.ok").len(), 1, "one current mark");
    assert_eq!(
        page.html()
            .select(&scraper::Selector::parse("tr.current").unwrap())
            .count(),
        1
    );

    // In English too.
    let page = v.get_with("/admin/history", "lang=en").await;
    let lines = page.texts("table.history tbody tr td:nth-child(3) > span:first-child");
    assert!(
        lines[0].starts_with("put the whole screen back as on ")
            && lines[0].ends_with("; deleted the tip “Nouvelle”"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "added the tip “Nouvelle”");
}

#[tokio::test]
async fn a_morning_of_moves_is_one_line_and_yesterday_stays() {
    let v = Volunteer::new("Maïté");
    let bob = v.colleague("Bob");
    assert_eq!(
        rename_group(&v, 0, "Otsokop · Hier").await.status,
        StatusCode::SEE_OTHER
    );
    let before = what(&v).await.len();
    // The first tip taken down four places, one click at a time.
    for _ in 0..4 {
        let list = bob.get("/admin/tips").await;
        let r = bob
            .post(
                &format!("{}/move", at("tips", 0)),
                &[
                    ("etag", &list.etag_at(&format!("{}/move", at("tips", 0)))),
                    ("dir", "down"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let lines = what(&v).await;
    assert_eq!(lines.len(), before + 1, "{lines:?}");
    assert_eq!(lines[0], "a changé l'ordre dans les astuces");
    assert!(lines[1].starts_with("a renommé"), "{lines:?}");
}

/// The banner's undo form, as the page after a change shows it.
fn undo_form(page: &Reply) -> Vec<String> {
    page.attrs(".flash form.undo", "action")
}

#[tokio::test]
async fn annuler_in_the_banner_undoes_a_save_a_delete_and_a_move() {
    let v = Volunteer::new("Maïté");
    let original = v.content();
    // A save: the next page's banner offers to undo it.
    let form = v.get(&at("tips", 1)).await;
    let r = v
        .post(
            &at("tips", 1),
            &[("etag", &form.etag()), ("title", "Erreur"), ("text", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let flash = r
        .header(header::SET_COOKIE)
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let list = v.get_with("/admin/tips", &flash).await;
    assert_eq!(undo_form(&list), ["/admin/history/undo"]);
    assert_eq!(list.texts(".flash button"), ["Annuler"]);
    let r = v.post("/admin/history/undo", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content(), original);
    assert!(r.header(header::SET_COOKIE).starts_with("flash=undone"));

    // A delete, then a move.
    for (path, extra) in [
        (&format!("{}/delete", at("tips", 0)), None),
        (&format!("{}/move", at("tips", 0)), Some("down")),
    ] {
        let list = v.get("/admin/tips").await;
        let etag = list.etag();
        let mut fields = vec![("etag", etag.as_str())];
        fields.extend(extra.map(|d| ("dir", d)));
        assert_eq!(v.post(path, &fields).await.status, StatusCode::SEE_OTHER);
        assert_ne!(v.content(), original);
        assert_eq!(
            v.post("/admin/history/undo", &[]).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(v.content(), original, "{path}");
    }

    // Someone else saved since: nothing is undone, and the page says why.
    let bob = v.colleague("Bob");
    let form = v.get(&at("tips", 2)).await;
    v.post(
        &at("tips", 2),
        &[("etag", &form.etag()), ("title", "Maïté"), ("text", "m")],
    )
    .await;
    let form = bob.get(&at("tips", 3)).await;
    bob.post(
        &at("tips", 3),
        &[("etag", &form.etag()), ("title", "Bob"), ("text", "b")],
    )
    .await;
    let after_bob = v.content();
    let r = v.post("/admin/history/undo", &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Rien à annuler"), "{}", r.body);
    assert_eq!(v.content(), after_bob);
}

#[tokio::test]
async fn a_history_that_cannot_be_read_is_said_on_its_page_not_shown_empty() {
    let v = Volunteer::new("Maïté");
    let r = rename_group(&v, 0, "Otsokop · Renommé").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!what(&v).await.is_empty(), "the save is in the history");

    // The history's folder turned into something that cannot be listed (a damaged card).
    let history = v.data_dir().join("history");
    std::fs::remove_dir_all(&history).unwrap();
    std::fs::write(&history, b"not a folder").unwrap();

    let page = v.get("/admin/history").await;
    assert_eq!(page.status, StatusCode::OK);
    let alert = page.texts("[role=alert]").join(" ");
    assert!(
        alert.contains("L'historique ne peut pas être lu"),
        "the page says the history cannot be read: {alert:?}"
    );
    assert!(
        page.texts(".empty").is_empty(),
        "not shown as an empty history"
    );
    // The rest of the page still works: the export is offered.
    assert_eq!(page.texts("#transfer h2").len(), 1);

    let english = v.get_with("/admin/history", "lang=en").await;
    let alert = english.texts("[role=alert]").join(" ");
    assert!(
        alert.contains("The history cannot be read"),
        "in the admin's language: {alert:?}"
    );
}
