//! The history acts on what its line says (issue 22): "Remettre ce groupe" brings back that
//! group alone, at its place; "Revenir à cette version de l'astuce" restores that tip alone;
//! putting the whole screen back says which later saves it undoes; each kind of change is said
//! in words, in French and in English.

use crate::common;

use axum::http::StatusCode;
use common::admin::{at, png, AdminPage, Reply, Volunteer};

/// The words of each line of the history, newest first, in the language of `cookie`.
async fn lines(v: &Volunteer, cookie: &str) -> Vec<String> {
    let page = v.get_with("/admin/history", cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    page.texts("table.history tbody tr td:nth-child(3) > span:first-child")
}

/// Posts the item form at `path` as the page fills it, with `changes` over it (an empty value
/// unticks a box).
async fn save(v: &Volunteer, path: &str, changes: &[(&str, &str)]) -> Reply {
    let form = v.get(path).await;
    let mut fields = form.form_fields("form#item-form");
    for (name, value) in changes {
        fields.retain(|(k, _)| k != name);
        if !value.is_empty() {
            fields.push((name.to_string(), value.to_string()));
        }
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let r = v.post(path, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.body);
    r
}

/// The fields of the put-back button labelled `label` on the history line `line` (0: newest).
async fn put_back_fields(v: &Volunteer, line: usize, label: &str) -> Vec<(&'static str, String)> {
    let page = v.get("/admin/history").await;
    let row = format!(
        "table.history tbody tr:nth-child({}) form.put-back",
        line + 1
    );
    let labels = page.texts(&format!("{row} button"));
    let k = labels
        .iter()
        .position(|l| l == label)
        .unwrap_or_else(|| panic!("no {label:?} on line {line}: {labels:?}"));
    let value = |name: &str| page.attrs(&format!("{row} input[name={name}]"), "value")[k].clone();
    vec![
        ("etag", page.etag()),
        ("from", value("from")),
        ("version", value("version")),
        ("list", value("list")),
        ("id", value("id")),
    ]
}

/// Clicks the put-back button labelled `label` on the history line `line` (0: newest).
async fn put_back(v: &Volunteer, line: usize, label: &str) -> Reply {
    let fields = put_back_fields(v, line, label).await;
    click(v, &fields).await
}

async fn click(v: &Volunteer, fields: &[(&str, String)]) -> Reply {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, x)| (*k, x.as_str())).collect();
    v.post("/admin/history/item", &fields).await
}

#[tokio::test]
async fn a_group_brought_back_returns_to_its_place_and_a_later_announcement_and_photo_stay() {
    let jon = Volunteer::new("Jon");
    let ane = jon.colleague("Ane");
    let before = jon.content();
    let k = before
        .groups
        .iter()
        .position(|g| g.name.ends_with("Recettes"))
        .unwrap();
    let recettes = before.groups[k].clone();
    // Jon deletes the group.
    let list = jon.get("/admin/groups").await;
    let delete = format!("/admin/groups/{}/delete", recettes.id);
    let r = jon.post(&delete, &[("etag", &list.etag_at(&delete))]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Ane then adds an announcement with a photo.
    let photo = png(64, 48);
    let r = ane
        .upload(
            "/admin/announcements",
            &[
                ("etag", &ane.etag()),
                ("title", "Fête de la coop"),
                ("text", "Samedi"),
            ],
            Some(("image_file", "fete.png", &photo)),
            true,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let announcement = ane.content().announcements.last().unwrap().clone();
    let picture = announcement.image.clone().expect("the photo is kept");

    // Jon's line says what he did, with a button that acts on that group alone.
    let said = lines(&jon, "").await;
    assert_eq!(
        said[1],
        format!("a supprimé le groupe « {} »", recettes.name)
    );
    let button = put_back_fields(&jon, 1, "Remettre ce groupe").await;
    let r = click(&jon, &button).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = jon.content();
    assert_eq!(after.groups, before.groups, "back at its place, as it was");
    assert_eq!(after.announcements.last(), Some(&announcement));
    assert!(jon.get(&format!("/media/{picture}")).await.status == StatusCode::OK);
    // A new line, saying it; the group's own button is gone (nothing left to bring back).
    let said = lines(&jon, "").await;
    assert_eq!(said[0], format!("a remis le groupe « {} »", recettes.name));
    let page = jon.get("/admin/history").await;
    assert!(page
        .texts("form.put-back button")
        .iter()
        .all(|b| b != "Remettre ce groupe"));
    // Clicked again from a page left open: nothing changes, and it says why.
    let again = click(&jon, &button).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("rien à remettre"), "{}", again.body);
    assert_eq!(jon.content(), after);
}

#[tokio::test]
async fn a_tip_goes_back_to_one_version_alone() {
    let v = Volunteer::new("Maïté");
    let bob = v.colleague("Bob");
    let tip = at("tips", 1);
    save(&v, &tip, &[("title", "Version de Maïté")]).await;
    save(&bob, &tip, &[("title", "Version de Bob")]).await;
    save(&bob, &at("groups", 0), &[("description", "Changé par Bob")]).await;
    let said = lines(&v, "").await;
    assert_eq!(
        said[1],
        "a renommé l'astuce « Version de Maïté » en « Version de Bob »"
    );
    // Maïté's version of the tip, from her line: the group Bob changed after stays his.
    let r = put_back(&v, 2, "Revenir à cette version de l'astuce").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = v.content();
    assert_eq!(c.tips[1].title, "Version de Maïté");
    assert_eq!(c.groups[0].description, "Changé par Bob");
    assert_eq!(
        lines(&v, "").await[0],
        "a renommé l'astuce « Version de Bob » en « Version de Maïté »"
    );
    // On the line of its latest change, the change undone: Bob's version again.
    let r = put_back(&v, 0, "Annuler ce changement").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(v.content().tips[1].title, "Version de Bob");
    assert_eq!(v.content().groups[0].description, "Changé par Bob");
}

#[tokio::test]
async fn putting_the_whole_screen_back_says_which_later_saves_it_undoes() {
    let v = Volunteer::new("Maïté");
    let bob = v.colleague("Bob");
    save(&v, &at("tips", 0), &[("title", "Première")]).await;
    save(&bob, &at("tips", 1), &[("title", "Deuxième")]).await;
    save(&bob, &at("groups", 0), &[("name", "Otsokop · Troisième")]).await;
    let page = v.get("/admin/history").await;
    let buttons = page.texts("form[action='/admin/history/restore'] button");
    let times = page.texts("table.history tbody tr td:nth-child(1)");
    assert_eq!(buttons.len(), 2, "{buttons:?}");
    assert_eq!(
        buttons[1],
        format!("Remettre tout l'écran comme le {}", times[2])
    );
    let confirms = page.attrs("form[action='/admin/history/restore']", "data-confirm");
    let oldest = &confirms[1];
    assert!(oldest.starts_with(&format!("Remettre tout l'écran comme le {} ?", times[2])));
    for undone in ["« Deuxième »", "« Otsokop · Troisième »"] {
        assert!(oldest.contains(undone), "{oldest}");
    }
    assert!(oldest.contains("Bob"), "{oldest}");
    assert!(!oldest.contains("« Première »"), "{oldest}");
}

#[tokio::test]
async fn each_kind_of_change_is_said_in_french_and_in_english() {
    let v = Volunteer::new("Maïté");
    let c = v.content();
    let (tip, group) = (c.tips[2].title.clone(), c.groups[3].name.clone());
    save(&v, &at("tips", 2), &[("hidden", "on")]).await;
    save(&v, &at("groups", 3), &[("hidden", "on")]).await;
    let form = v.get("/admin/settings").await;
    let mut fields = form.form_fields("form#settings-form");
    assert!(!fields.is_empty(), "the settings form is found");
    let seconds = c.slides.tips.seconds;
    fields.retain(|(k, _)| k != "slides.tips.seconds" && k != "slides.announcements.enabled");
    fields.push(("slides.tips.seconds".into(), (seconds + 5).to_string()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let r = v.post("/admin/settings", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(!v.content().slides.announcements.enabled);
    save(&v, &at("tips", 2), &[("hidden", "")]).await;
    let fr = lines(&v, "").await;
    let en = lines(&v, "lang=en").await;
    let to = seconds + 5;
    assert_eq!(
        fr[..4],
        [
            format!("a remis à l'écran l'astuce « {tip} »"),
            format!(
                "a passé la durée des astuces de {seconds} à {to} s ; a retiré les annonces de l'écran"
            ),
            format!("a masqué le groupe « {group} »"),
            format!("a masqué l'astuce « {tip} »"),
        ]
    );
    assert_eq!(
        en[..4],
        [
            format!("put the tip “{tip}” back on the screen"),
            format!(
                "changed the duration of the tips from {seconds} to {to} s; took the announcements off the screen"
            ),
            format!("hid the group “{group}”"),
            format!("hid the tip “{tip}”"),
        ]
    );
}

/// Removes every item's id from a JSON document or history record, as an older vitrine wrote.
fn strip_ids(file: &std::path::Path) {
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let content = if doc.get("content").is_some() {
        &mut doc["content"]
    } else {
        &mut doc
    };
    let mut stripped = 0;
    for list in ["groups", "tips", "announcements"] {
        for item in content[list].as_array_mut().unwrap() {
            stripped += usize::from(item.as_object_mut().unwrap().remove("id").is_some());
        }
    }
    assert!(stripped > 0, "{}", file.display());
    // A history record's tag is that of its document as that version wrote it.
    if doc.get("etag").is_some() {
        let written: vitrine::content::Content =
            serde_json::from_value(doc["content"].clone()).unwrap();
        doc["etag"] = vitrine::store::etag_of(&written).into();
    }
    std::fs::write(file, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
}

#[tokio::test]
async fn a_history_written_before_ids_still_names_its_items_and_brings_one_back_once() {
    // Saves made by an older vitrine: a group deleted, then a tip renamed; no ids on disk.
    let dir = tempfile::tempdir().unwrap();
    let gone = {
        let store = vitrine::store::Store::open(dir.path()).unwrap();
        let mut c = store.current().content.clone();
        let gone = c.groups.remove(3);
        store.save(c, &store.current().etag, "Jon").await.unwrap();
        let mut c = store.current().content.clone();
        c.tips[0].title = "Renommée avant".into();
        store.save(c, &store.current().etag, "Ane").await.unwrap();
        gone
    };
    strip_ids(&dir.path().join("content.json"));
    let history: Vec<_> = std::fs::read_dir(dir.path().join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(history.len(), 2);
    history.iter().for_each(|p| strip_ids(p));

    // The new version: the lines read as before, item by item, nothing "added" again.
    let v = Volunteer::on(dir, "Maïté");
    // The ids were given once and written: the content file and every revision have them.
    let data = v.data_dir();
    let mut files = vec![data.join("content.json")];
    files.extend(
        std::fs::read_dir(data.join("history"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    assert_eq!(files.len(), 3);
    for file in &files {
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let content = doc.get("content").unwrap_or(&doc);
        let groups = content["groups"].as_array().unwrap();
        assert!(
            !groups.is_empty() && groups.iter().all(|g| g["id"].is_string()),
            "{}",
            file.display()
        );
    }
    // Who saved what is on screen is still known (the file as written had no ids).
    let saved = v.state.store.current().saved.clone();
    assert_eq!(saved.map(|(_, by)| by), Some("Ane".to_owned()));
    let first_tip = vitrine::content::default_content().tips[0].title.clone();
    assert_eq!(
        lines(&v, "").await,
        [
            format!("a renommé l'astuce « {first_tip} » en « Renommée avant »"),
            format!("a supprimé le groupe « {} »", gone.name),
        ]
    );
    let r = put_back(&v, 1, "Remettre ce groupe").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = v.content();
    assert_eq!(c.groups[3].name, gone.name);
    assert_eq!(c.groups.iter().filter(|g| g.name == gone.name).count(), 1);
    assert_eq!(
        lines(&v, "").await[0],
        format!("a remis le groupe « {} »", gone.name)
    );
}

#[tokio::test]
async fn a_version_put_back_never_overwrites_a_change_made_since_the_page_was_shown() {
    let v = Volunteer::new("Maïté");
    let bob = v.colleague("Bob");
    let tip = at("tips", 1);
    save(&v, &tip, &[("title", "Version de Maïté")]).await;
    save(&v, &tip, &[("title", "Version suivante")]).await;
    // The history is open on Maïté's screen; Bob rewrites the tip meanwhile.
    let button = put_back_fields(&v, 1, "Revenir à cette version de l'astuce").await;
    save(&bob, &tip, &[("text", "Le texte de Bob")]).await;
    let after_bob = v.content();
    let r = click(&v, &button).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("rien n'a été remis"), "{}", r.body);
    assert_eq!(v.content(), after_bob, "Bob's text kept");
}

#[tokio::test]
async fn a_name_used_again_after_the_upgrade_is_a_new_group_and_the_old_one_comes_back_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let gone = {
        let store = vitrine::store::Store::open(dir.path()).unwrap();
        let mut c = store.current().content.clone();
        let gone = c.groups.remove(1);
        store.save(c, &store.current().etag, "Jon").await.unwrap();
        gone
    };
    strip_ids(&dir.path().join("content.json"));
    for e in std::fs::read_dir(dir.path().join("history")).unwrap() {
        strip_ids(&e.unwrap().path());
    }
    let v = Volunteer::on(dir, "Ane");
    let form = v.get("/admin/groups/new").await;
    let r = v
        .post(
            "/admin/groups",
            &[
                ("etag", &form.etag()),
                ("name", &gone.name),
                ("category", "Nouvelle catégorie"),
                ("description", "Le groupe d'Ane"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let said = lines(&v, "").await;
    assert_eq!(said[0], format!("a ajouté le groupe « {} »", gone.name));
    assert_eq!(said[1], format!("a supprimé le groupe « {} »", gone.name));
    let r = put_back(&v, 1, "Remettre ce groupe").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = v.content();
    let same: Vec<_> = c.groups.iter().filter(|g| g.name == gone.name).collect();
    assert_eq!(same.len(), 2, "Ane's group and the old one");
    assert!(same.iter().any(|g| g.description == "Le groupe d'Ane"));
    assert!(same.iter().any(|g| g.description == gone.description));
    assert_eq!(
        c.groups[1].description, gone.description,
        "back at its place"
    );
}

#[tokio::test]
async fn a_save_that_changes_many_items_says_a_few_and_counts_the_rest() {
    let v = Volunteer::new("Maïté");
    let mut c = v.content();
    let n = c.groups.len();
    assert!(n > 8);
    for g in &mut c.groups {
        g.description = format!("{} (importé)", g.description);
    }
    v.state.store.save(c, &v.etag(), "Maïté").await.unwrap();
    let said = &lines(&v, "").await[0];
    assert!(said.starts_with("a modifié le groupe « "), "{said}");
    assert_eq!(said.matches("a modifié le groupe").count(), 6, "{said}");
    assert!(
        said.ends_with(&format!(" ; et {} autre(s) changement(s)", n - 6)),
        "{said}"
    );
    let page = v.get("/admin/history").await;
    let buttons = page.texts("table.history tbody tr:first-child form.put-back button");
    assert_eq!(buttons.len(), 6, "{buttons:?}");
}

#[tokio::test]
async fn any_volunteer_puts_an_item_back_and_a_made_up_one_is_a_page_that_changes_nothing() {
    let admin = Volunteer::new("Maïté");
    let tip = at("tips", 1);
    save(&admin, &tip, &[("title", "Version de Maïté")]).await;
    save(&admin, &tip, &[("title", "Version suivante")]).await;
    // A volunteer (not an admin) may undo a change, as they may make one.
    let ana = admin.colleague_as("Ana", vitrine::store::Role::Volunteer);
    let button = put_back_fields(&ana, 1, "Revenir à cette version de l'astuce").await;
    let before = ana.content();
    for (name, value, status) in [
        ("list", "recettes", StatusCode::NOT_FOUND),
        ("from", "../../etc/passwd", StatusCode::NOT_FOUND),
        (
            "from",
            "1796687539361047124-ffffffffffffffffffff",
            StatusCode::NOT_FOUND,
        ),
        ("id", "personne", StatusCode::NOT_FOUND),
        ("version", "forgée", StatusCode::CONFLICT),
    ] {
        let mut fields = button.clone();
        fields.retain(|(k, _)| *k != name);
        fields.push((name, value.to_owned()));
        let r = click(&ana, &fields).await;
        assert_eq!(r.status, status, "{name}={value}: {}", r.body);
        assert!(
            r.header(axum::http::header::CONTENT_TYPE)
                .starts_with("text/html"),
            "{name}"
        );
        assert_eq!(
            r.attrs("html", "lang"),
            ["fr"],
            "{name}: a page in the admin's language"
        );
        assert_eq!(ana.content(), before, "{name}={value}: nothing changed");
    }
    let r = click(&ana, &button).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(ana.content().tips[1].title, "Version de Maïté");
}
