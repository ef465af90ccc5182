//! Every group, tip and announcement has an identity (issue 22): given by the server, kept by
//! edits, moves and scripts' documents, refused when twice the same, and the address of its
//! page; and a group can be hidden as tips and announcements can.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::admin::{at, AdminPage, Volunteer};
use common::oneshot::{send_from, Reply, HOST};
use serde_json::{json, Value};
use vitrine::auth::tokens::create_token;
use vitrine::AppState;

/// `PUT /api/content` of `doc` by a script holding a token, at the current revision.
async fn put(state: &AppState, doc: &Value) -> Reply {
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let req = Request::put("/api/content")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, state.store.current().etag.clone())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(doc.to_string()))
        .unwrap();
    send_from(state, req, "127.0.0.1:40000").await
}

fn ids(v: &Volunteer, list: &str) -> Vec<String> {
    let c = v.content();
    match list {
        "groups" => c.groups.iter().map(|g| g.id.clone()).collect(),
        "tips" => c.tips.iter().map(|t| t.id.clone()).collect(),
        _ => c.announcements.iter().map(|a| a.id.clone()).collect(),
    }
}

#[tokio::test]
async fn the_api_shows_ids_and_a_script_without_them_keeps_each_items_own() {
    let v = Volunteer::new("Maïté");
    let before = ids(&v, "groups");
    assert!(before.len() > 3);
    let doc: Value = serde_json::from_str(&v.get("/api/content").await.body).unwrap();
    let shown: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(shown, before);

    // A script that knows nothing of ids: two groups swapped, one renamed, one added.
    let mut doc = doc;
    for list in ["groups", "tips", "announcements"] {
        for item in doc[list].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("id");
        }
    }
    let groups = doc["groups"].as_array_mut().unwrap();
    groups.swap(0, 1);
    groups[2]["name"] = json!("Otsokop · Renommé par le script");
    groups.push(json!({"name": "Otsokop · Ajouté", "category": "Entraide"}));
    let r = put(&v.state, &doc).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = ids(&v, "groups");
    assert_eq!((&after[0], &after[1]), (&before[1], &before[0]));
    assert_eq!(after[3..before.len()], before[3..]);
    // The renamed and the added ones are new items to the server: new ids, never old ones.
    for new in [&after[2], after.last().unwrap()] {
        assert!(!before.contains(new), "{new} reused");
        assert!(new.len() == 8 && new.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
    assert_eq!(ids(&v, "tips"), ids(&Volunteer::new("Other"), "tips"));
}

#[tokio::test]
async fn a_twice_used_or_malformed_id_is_a_422_naming_it_and_nothing_changes() {
    let v = Volunteer::new("Maïté");
    let before = v.content();
    let doc: Value = serde_json::from_str(&v.get("/api/content").await.body).unwrap();
    for (list, i, id, problem) in [
        ("groups", 1, before.groups[0].id.as_str(), "id_twice"),
        ("tips", 2, "mon astuce", "bad_id"),
        ("announcements", 0, &"x".repeat(33), "bad_id"),
    ] {
        let mut bad = doc.clone();
        bad[list][i]["id"] = json!(id);
        let r = put(&v.state, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let body: Value = serde_json::from_str(&r.body).unwrap();
        let field = format!("{list}[{i}].id");
        let said = body.to_string();
        assert!(said.contains(&field) && said.contains(problem), "{said}");
        assert_eq!(v.content(), before, "{field}: nothing saved");
    }
    // A client's own well-formed id is kept.
    let mut own = doc.clone();
    own["tips"][0]["id"] = json!("pain-frais_2026");
    assert_eq!(put(&v.state, &own).await.status, StatusCode::OK);
    assert_eq!(v.content().tips[0].id, "pain-frais_2026");
    let form = v.get("/admin/tips/pain-frais_2026").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.field_value("title"), before.tips[0].title);
}

#[tokio::test]
async fn pages_and_buttons_name_items_by_id_and_a_new_one_never_takes_an_old_id() {
    let v = Volunteer::new("Maïté");
    let c = v.content();
    let list = v.get("/admin/groups").await;
    let links = list.attrs("a.item-title", "href");
    assert_eq!(links.len(), c.groups.len());
    for g in &c.groups {
        assert!(
            links.contains(&format!("/admin/groups/{}", g.id)),
            "{links:?}"
        );
    }
    // Deleted, then a group of the same name added: a new id.
    let recettes = c
        .groups
        .iter()
        .position(|g| g.name.ends_with("Recettes"))
        .unwrap();
    let old = c.groups[recettes].clone();
    let delete = format!("/admin/groups/{}/delete", old.id);
    let r = v.post(&delete, &[("etag", &list.etag_at(&delete))]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        v.get(&format!("/admin/groups/{}", old.id)).await.status,
        404
    );
    let form = v.get("/admin/groups/new").await;
    let r = v
        .post(
            "/admin/groups",
            &[
                ("etag", &form.etag()),
                ("name", &old.name),
                ("category", &old.category),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let added = v.content().groups.last().unwrap().clone();
    assert_eq!(added.name, old.name);
    assert_ne!(added.id, old.id);
    assert_eq!(r.location(), format!("/admin/groups#item-{}", added.id));
}

#[tokio::test]
async fn moves_made_meanwhile_never_make_an_open_form_stale() {
    let v = Volunteer::new("Maïté");
    let bob = v.colleague("Bob");
    let form = v.get(&at("tips", 2)).await;
    // Bob moves a tip twice in a row (one line of history, merged).
    for _ in 0..2 {
        let r = bob.click_move(&at("tips", 0), "down").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let moved = v.content().tips;
    assert_eq!(moved[2].id, at("tips", 0).rsplit('/').next().unwrap());
    let r = v
        .post(
            &at("tips", 2),
            &[
                ("etag", &form.etag()),
                ("title", "Par Maïté"),
                ("text", "m"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = v.content();
    let mine = c.tips.iter().find(|t| t.title == "Par Maïté").unwrap();
    assert_eq!(format!("/admin/tips/{}", mine.id), at("tips", 2));
    // Bob's order kept: only the tip Maïté edited changed.
    let titles = |t: &[vitrine::content::Tip]| t.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&c.tips), titles(&moved));
}

/// Ticks "hidden" on the item form at `path` and saves it.
async fn save_hidden(v: &Volunteer, path: &str) {
    let mut fields = v.get(path).await.form_fields("form#item-form");
    fields.push(("hidden".into(), "on".into()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    assert_eq!(v.post(path, &fields).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_hidden_group_leaves_the_screen_the_poster_and_the_guide_and_stays_greyed_here() {
    let v = Volunteer::new("Maïté");
    let g = v.content().groups[1].clone();
    for page in ["/", "/poster", "/guide"] {
        assert!(v.get(page).await.body.contains(&g.name), "{page} before");
    }
    // A hidden group is not a task either: not "to bring into the community".
    let outside = v
        .content()
        .groups
        .iter()
        .position(|g| !g.in_community)
        .unwrap();
    let other = v.content().groups[outside].clone();
    assert!(v.get("/admin").await.body.contains(&other.name));
    save_hidden(&v, &at("groups", outside)).await;
    assert!(
        !v.get("/admin").await.body.contains(&other.name),
        "dashboard"
    );
    let path = at("groups", 1);
    save_hidden(&v, &path).await;
    let c = v.content();
    assert!(c.groups[1].hidden);
    assert_eq!(c.groups[1].name, g.name, "kept");
    for page in ["/", "/poster", "/guide"] {
        let body = v.get(page).await.body;
        assert!(!body.contains(&g.name), "{page} still shows it");
        assert!(body.contains(&c.groups[0].name), "{page} lost the others");
    }
    let list = v.get("/admin/groups").await;
    let hidden = list.attrs("li.item.hidden", "id");
    assert_eq!(hidden.len(), 2, "this one and the one hidden above");
    assert!(hidden.contains(&format!("item-{}", g.id)), "{hidden:?}");
    assert!(list
        .texts(&format!("#item-{} .badge", g.id))
        .iter()
        .any(|b| b == "masqué"));
    // Shown again: the box unticked.
    let form = v.get(&path).await;
    assert_eq!(form.attrs("input[name=hidden][checked]", "name").len(), 1);
    let fields: Vec<(String, String)> = form
        .form_fields("form#item-form")
        .into_iter()
        .filter(|(k, _)| k != "hidden")
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    assert_eq!(v.post(&path, &fields).await.status, StatusCode::SEE_OTHER);
    assert!(!v.content().groups[1].hidden);
    assert!(v.get("/").await.body.contains(&g.name));
}
