//! The admin area's pages and forms, driven as a volunteer's browser would: every save carries
//! the revision it started from, refusals keep the input and say what to fix, nothing is lost.

use crate::common;

use axum::http::{header, StatusCode};
use common::admin::{assert_escaped, at, with_ids, AdminPage, Volunteer, HOSTILE};

const PAGES: [&str; 12] = [
    "/admin",
    "/admin/community",
    "/admin/groups",
    "/admin/groups/new",
    "/admin/groups/#0",
    "/admin/naming",
    "/admin/tips",
    "/admin/tips/#0",
    "/admin/announcements",
    "/admin/announcements/#0",
    "/admin/settings",
    "/admin/history",
];

#[tokio::test]
async fn every_page_answers_in_french_with_the_menu_and_the_token() {
    let v = Volunteer::new("Alice");
    for path in PAGES.map(with_ids) {
        let path = path.as_str();
        let page = v.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let doc_lang = page.attrs("html", "lang");
        assert_eq!(doc_lang, ["fr"], "{path}");
        assert!(
            page.texts("nav.menu a").iter().any(|t| t == "Groupes"),
            "{path}"
        );
        assert!(page.body.contains("Connecté·e : Alice"), "{path}");
        let tokens = page.attrs("input[name=_csrf]", "value");
        assert!(
            tokens.iter().all(|t| *t == v.csrf) && !tokens.is_empty(),
            "{path}"
        );
        assert_eq!(page.header(header::CACHE_CONTROL), "no-store", "{path}");
        // Browsers send a real Origin with our forms only under this policy.
        assert_eq!(
            page.header(header::REFERRER_POLICY),
            "same-origin",
            "{path}"
        );
    }
}

#[tokio::test]
async fn without_a_session_pages_lead_to_the_login_and_forms_are_refused() {
    let v = Volunteer::new("Alice");
    let mut anonymous = v.colleague("x");
    anonymous.cookie = "vitrine_session=nope".into();
    let page = anonymous.get("/admin/groups").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/admin/login"));
    let before = v.content();
    let post = anonymous
        .post(
            &format!("{}/delete", at("groups", 0)),
            &[("etag", &v.etag())],
        )
        .await;
    assert!(post.status.is_client_error(), "{}", post.status);
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn english_is_one_click_away_and_remembered() {
    let v = Volunteer::new("Alice");
    let switch = v.get("/admin/lang/en?next=/admin/groups").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/admin/groups");
    assert!(switch.header(header::SET_COOKIE).starts_with("lang=en"));
    let page = v.get_with("/admin/groups", "lang=en").await;
    assert_eq!(page.attrs("html", "lang"), ["en"]);
    assert!(page.texts("h1").contains(&"Groups".to_owned()));
    // Refusals read in English too, the content checks' messages included.
    let mut en = v.colleague("Eve");
    en.cookie = format!("{}; lang=en", en.cookie);
    let refused = en
        .post(
            &at("groups", 0),
            &[
                ("etag", &v.etag()),
                ("name", ""),
                ("category", "x"),
                ("link", "ftp://x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.field_error("name").as_deref(),
        Some("Cannot be left empty")
    );
    let link = refused.field_error("link").unwrap();
    assert!(
        link.contains("Not a web address: “ftp://x”. It must start with https://"),
        "{link}"
    );
    assert!(refused
        .texts(".notice.danger")
        .iter()
        .any(|t| t.contains("Nothing was saved")));
    // What the volunteer typed is quoted as typed, even when it reads like a French message.
    let typed = "https://ne peut pas être vide « trop long : »";
    let refused = en
        .post(
            &at("groups", 0),
            &[
                ("etag", &v.etag()),
                ("name", "Vrac"),
                ("category", "x"),
                ("link", typed),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.field_error("link").as_deref(),
        Some("A web address has no spaces")
    );
    // A link of another platform is named in plain English.
    let community = en.get("/admin/community").await;
    let mut fields = community.form_fields("form#community-form");
    for (k, v) in fields.iter_mut() {
        match k.as_str() {
            "platform" => *v = "signal".into(),
            "invite_link" => *v = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv".into(),
            _ => {}
        }
    }
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let refused = en.post("/admin/community", &refs).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = refused.field_error("invite_link").unwrap();
    assert!(
        said.starts_with(
            "This is a WhatsApp link: choose WhatsApp as the platform, or paste the Signal invite link"
        ),
        "{said}"
    );
    let colour = "ne peut pas être vide";
    let mut fields = settings_fields(&en).await;
    fields.retain(|(k, _)| k != "display.theme.accent");
    fields.push(("display.theme.accent".into(), colour.into()));
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let refused = en.post("/admin/settings", &refs).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.field_error("display.theme.accent").as_deref(),
        Some("Not a colour: “ne peut pas être vide”. Write it like #1a2b3c")
    );
    // Never a way out of the admin area.
    let away = v.get("/admin/lang/en?next=//evil.example/").await;
    assert_eq!(away.location(), "/admin");
}

#[tokio::test]
async fn the_dashboard_lists_what_to_fix_beside_a_live_preview() {
    let v = Volunteer::new("Alice");
    let page = v.get("/admin").await;
    let links = page.attrs("ul.todo a", "href");
    assert_eq!(links, ["/admin/community", "/admin/groups"]);
    assert!(page.body.contains("Otsokop · Bricolage"));
    assert_eq!(page.attrs("iframe", "src"), ["/?preview"]);
    let csp = page.header(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("frame-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");

    // Switched-off slides are listed too, each with its link.
    let etag = v.etag();
    let mut fields = settings_fields(&v).await;
    fields.retain(|(k, _)| k != "slides.tips.enabled");
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let saved = v.post("/admin/settings", &refs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_ne!(v.etag(), etag);
    let page = v.get("/admin").await;
    assert!(page
        .attrs("ul.todo a", "href")
        .contains(&"/admin/settings#slides".to_owned()));
    assert!(page
        .texts("ul.todo li")
        .iter()
        .any(|t| t.contains("Astuces")));
}

#[tokio::test]
async fn community_link_is_checked_against_its_platform() {
    let v = Volunteer::new("Alice");
    let etag = v.get("/admin/community").await.etag();
    let before = v.content();
    let bad = v
        .post(
            "/admin/community",
            &[
                ("etag", &etag),
                ("platform", "whatsapp"),
                ("invite_link", "https://t.me/+abcdef"),
                ("name", "Ma communauté"),
                ("call_to_action", "Rejoignez-nous"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = bad
        .field_error("invite_link")
        .expect("an error next to the link");
    assert!(error.contains("https://chat.whatsapp.com/"), "{error}");
    assert_eq!(bad.field_value("invite_link"), "https://t.me/+abcdef");
    assert_eq!(bad.field_value("name"), "Ma communauté");
    assert_eq!(v.content(), before);

    let good = v
        .post(
            "/admin/community",
            &[
                ("etag", &etag),
                ("platform", "telegram"),
                ("invite_link", "https://t.me/+abcdef"),
                ("name", "Ma communauté"),
                ("call_to_action", "Rejoignez-nous"),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    assert_eq!(good.location(), "/admin/community");
    let c = v.content();
    assert_eq!(c.community.invite_link, "https://t.me/+abcdef");
    assert_eq!(c.community.platform, vitrine::content::Platform::Telegram);
    assert_eq!(v.state.store.current().saved.as_ref().unwrap().1, "Alice");

    // The flash says it once, and the QR links are offered.
    let flash = good
        .header(header::SET_COOKIE)
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = v.get_with("/admin/community", &flash).await;
    assert!(page.texts(".flash")[0].contains("Enregistré"));
    assert!(page.header(header::SET_COOKIE).contains("flash=;"));
    let links = page.attrs("main a", "href");
    for link in ["/qr.svg", "/qr.png", "/poster", "/guide"] {
        assert!(links.contains(&link.to_owned()), "{link} in {links:?}");
    }
    assert!(!page.body.contains("ExempleOtsokop"));
}

#[tokio::test]
async fn groups_are_added_edited_reordered_and_deleted() {
    let v = Volunteer::new("Alice");
    let n = v.content().groups.len();
    let form = v.get("/admin/groups/new").await;
    assert_eq!(form.field_value("name"), "Otsokop · ");
    assert!(form
        .attrs("datalist#categories option", "value")
        .contains(&"Entraide".to_owned()));
    let added = v
        .post(
            "/admin/groups",
            &[
                ("etag", &form.etag()),
                ("name", "  Otsokop · Vélo  "),
                ("category", "Entraide"),
                ("description", "Réparer ensemble"),
                ("link", "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
                ("in_community", "on"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let c = v.content();
    assert_eq!(c.groups.len(), n + 1);
    let g = &c.groups[n];
    assert_eq!(g.name, "Otsokop · Vélo");
    assert!(g.in_community);
    assert_eq!(
        g.link.as_deref(),
        Some("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv")
    );

    // Up: it swaps with the one before it in its category (tests/admin_order.rs).
    let etag = v.etag();
    let m = c.groups[..n]
        .iter()
        .rposition(|g| g.category == "Entraide")
        .expect("another group in Entraide");
    let before = c.groups[m].name.clone();
    let moved = v
        .post(
            &format!("{}/move", v.item("groups", n)),
            &[("etag", &etag), ("dir", "up")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let c = v.content();
    assert_eq!(c.groups[m].name, "Otsokop · Vélo");
    assert_eq!(c.groups[n].name, before);

    // Edit: unticking the box takes it out of the community.
    let edit = v.get(&v.item("groups", m)).await;
    assert_eq!(edit.field_value("name"), "Otsokop · Vélo");
    let saved = v
        .post(
            &v.item("groups", m),
            &[
                ("etag", &edit.etag()),
                ("name", "Otsokop · Vélos"),
                ("category", "Entraide"),
                ("description", ""),
                ("link", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let g = &v.content().groups[m];
    assert_eq!(
        (g.name.as_str(), g.in_community, g.link.is_none()),
        ("Otsokop · Vélos", false, true)
    );

    // Delete.
    let deleted = v
        .post(
            &format!("{}/delete", v.item("groups", m)),
            &[("etag", &v.etag())],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().groups.len(), n);
    assert!(v
        .content()
        .groups
        .iter()
        .all(|g| g.name != "Otsokop · Vélos"));

    // A group that does not exist is a clear 404 page, never a 5xx.
    assert_eq!(
        v.get("/admin/groups/no-such-group").await.status,
        StatusCode::NOT_FOUND
    );
    let gone = v
        .post(
            "/admin/groups/no-such-group",
            &[("etag", &v.etag()), ("name", "x"), ("category", "y")],
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn invalid_fields_are_refused_next_to_the_field_with_the_input_kept() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    let etag = v.etag();
    let reply = v
        .post(
            &at("groups", 2),
            &[
                ("etag", &etag),
                ("name", "   "),
                ("category", "Entraide"),
                ("description", "Une description gardée"),
                ("link", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.field_error("name").unwrap().contains("vide"));
    assert!(reply.field_error("link").unwrap().contains("https://"));
    assert_eq!(reply.field_value("description"), "Une description gardée");
    assert_eq!(reply.field_value("link"), "javascript:alert(1)");
    assert!(reply
        .texts(".notice.danger")
        .iter()
        .any(|t| t.contains("Rien n'est enregistré")));
    assert_eq!(v.content(), before);

    let tip = v
        .post(
            &at("tips", 0),
            &[
                ("etag", &etag),
                ("title", "Titre"),
                ("text", &"x".repeat(281)),
            ],
        )
        .await;
    assert_eq!(tip.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(tip.field_error("text").unwrap().contains("280"));
    assert_eq!(tip.field_value("text").len(), 281);

    let template = v
        .post(
            "/admin/naming/template",
            &[("etag", &etag), ("naming_template", "Otsokop ·")],
        )
        .await;
    assert_eq!(template.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(template
        .field_error("naming_template")
        .unwrap()
        .contains("{sujet}"));
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn the_english_admin_writes_the_topic_placeholder_in_english() {
    let v = Volunteer::new("Alice");
    let mut en = v.colleague("Eve");
    en.cookie = format!("{}; lang=en", en.cookie);
    let page = en.get("/admin/naming").await;
    assert_eq!(page.field_value("naming_template"), "Otsokop · {topic}");
    assert!(!page.body.contains("{sujet}"), "French placeholder shown");
    let refused = en
        .post(
            "/admin/naming/template",
            &[("etag", &v.etag()), ("naming_template", "Otsokop ·")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = refused.field_error("naming_template").unwrap();
    assert!(error.starts_with("Must contain {topic}"), "{error}");
    let saved = en
        .post(
            "/admin/naming/template",
            &[("etag", &v.etag()), ("naming_template", "Coop — {topic}")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // Stored with the placeholder the screen and the French admin read.
    assert_eq!(v.content().display.naming_template, "Coop — {sujet}");
    let fr = v.get("/admin/naming").await;
    assert_eq!(fr.field_value("naming_template"), "Coop — {sujet}");
}

/// The settings form as the page fills it.
async fn settings_fields(v: &Volunteer) -> Vec<(String, String)> {
    v.get("/admin/settings").await.form_fields("form.settings")
}

#[tokio::test]
async fn settings_save_durations_hours_and_colours_or_say_what_is_wrong() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    let mut fields = settings_fields(&v).await;
    let set = |fields: &mut Vec<(String, String)>, k: &str, x: &str| {
        fields.retain(|(name, _)| name != k);
        fields.push((k.to_owned(), x.to_owned()));
    };
    set(&mut fields, "slides.tips.seconds", "dix");
    set(&mut fields, "display.opening_hours.mon", "9h-12h");
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let bad = v.post("/admin/settings", &refs).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad
        .field_error("display.opening_hours.mon")
        .unwrap()
        .contains("09:00-19:30"));
    assert_eq!(bad.field_value("display.opening_hours.mon"), "9h-12h");
    assert_eq!(bad.field_value("slides.tips.seconds"), "dix");
    assert!(bad.body.contains("nombre entier de secondes"));
    assert_eq!(v.content(), before);

    set(&mut fields, "slides.tips.seconds", "2");
    set(&mut fields, "display.opening_hours.mon", "");
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let too_short = v.post("/admin/settings", &refs).await;
    assert_eq!(too_short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_short.body.contains("entre 3 et 600"));

    set(&mut fields, "slides.tips.seconds", "25");
    set(
        &mut fields,
        "display.opening_hours.mon",
        "14:00-18:00, 09:00-12:30",
    );
    set(&mut fields, "display.opening_hours.enabled", "on");
    set(&mut fields, "display.theme.accent", "#FF8800");
    set(&mut fields, "display.language", "en");
    fields.retain(|(k, _)| k != "display.qr_corner");
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, x)| (k.as_str(), x.as_str()))
        .collect();
    let good = v.post("/admin/settings", &refs).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let c = v.content();
    assert_eq!(c.slides.tips.seconds, 25);
    let mon: Vec<String> = c
        .display
        .opening_hours
        .mon
        .iter()
        .map(|r| r.to_string())
        .collect();
    assert_eq!(mon, ["09:00-12:30", "14:00-18:00"]);
    assert!(c.display.opening_hours.enabled);
    assert_eq!(c.display.theme.accent, "#ff8800");
    assert_eq!(c.display.language, vitrine::content::ScreenLanguage::En);
    assert!(!c.display.qr_corner);
    assert_eq!(c.groups, before.groups);
}

#[tokio::test]
async fn a_click_on_an_item_someone_changed_meanwhile_changes_nothing_and_says_so() {
    // (Saving a form over an item someone changed: tests/admin_conflicts.rs.)
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let alice_form = alice.get(&at("tips", 1)).await;
    let bob_list = bob.get("/admin/tips").await;
    // Both saw the tip at the same version.
    let delete = format!("{}/delete", at("tips", 1));
    assert_eq!(alice_form.etag(), bob_list.etag_at(&delete));
    let first = alice
        .post(
            &at("tips", 1),
            &[
                ("etag", &alice_form.etag()),
                ("title", "Par Alice"),
                ("text", "a"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let c = alice.content();
    for click in [
        format!("{}/delete", at("tips", 1)),
        format!("{}/move", at("tips", 1)),
    ] {
        let stale = bob
            .post(
                &click,
                &[("etag", &bob_list.etag_at(&click)), ("dir", "down")],
            )
            .await;
        assert_eq!(stale.status, StatusCode::SEE_OTHER);
        assert!(stale.header(header::SET_COOKIE).starts_with("flash=stale"));
        assert_eq!(alice.content(), c, "{click}");
    }
}

#[tokio::test]
async fn forged_posts_without_the_token_change_nothing() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    let etag = v.etag();
    for (path, fields) in [
        (
            format!("{}/delete", at("groups", 0)).as_str(),
            vec![("etag", etag.as_str())],
        ),
        (
            "/admin/community",
            vec![
                ("etag", etag.as_str()),
                ("platform", "other"),
                ("invite_link", "https://evil.example"),
                ("name", "x"),
                ("call_to_action", "y"),
            ],
        ),
        (
            "/admin/history/restore",
            vec![("etag", etag.as_str()), ("id", "x")],
        ),
    ] {
        let r = v.post_raw(path, &fields).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let upload = v
        .upload(
            "/admin/announcements",
            &[("etag", &etag), ("title", "x")],
            None,
            false,
        )
        .await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn hostile_markup_in_every_text_field_comes_out_escaped() {
    let v = Volunteer::new("Alice");
    let h = HOSTILE;
    let post = |path: String, fields: Vec<(&'static str, String)>| {
        let v = &v;
        async move {
            let etag = v.etag();
            let mut all: Vec<(&str, &str)> = vec![("etag", etag.as_str())];
            all.extend(fields.iter().map(|(k, x)| (*k, x.as_str())));
            let r = v.post(&path, &all).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.body);
        }
    };
    post(
        "/admin/community".into(),
        vec![
            ("platform", "other".into()),
            ("invite_link", "https://example.org/join".into()),
            ("name", h.into()),
            ("call_to_action", h.into()),
        ],
    )
    .await;
    post(
        at("groups", 0),
        vec![
            ("name", h.into()),
            ("category", "<b onclick=x>Cat</b>".into()),
            ("description", h.into()),
            ("link", "https://example.org/?q=<b>".into()),
        ],
    )
    .await;
    post(at("tips", 0), vec![("title", h.into()), ("text", h.into())]).await;
    post(
        "/admin/naming/template".into(),
        vec![("naming_template", format!("{} {{sujet}}", &h[..40]))],
    )
    .await;
    let etag = v.etag();
    let r = v
        .upload(
            &at("announcements", 0),
            &[("etag", &etag), ("title", h), ("text", h)],
            None,
            true,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(v.content().announcements[0].title, h);

    for path in PAGES.map(with_ids) {
        let path = path.as_str();
        let page = v.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_escaped(&page, path);
    }
    // Refused forms echo the input escaped too.
    let refused = v
        .post(
            &at("groups", 1),
            &[
                ("etag", &v.etag()),
                ("name", h),
                ("category", ""),
                ("link", h),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_escaped(&refused, "refused group form");
    assert_eq!(refused.field_value("name"), h);
}

#[tokio::test]
async fn naming_renames_are_previewed_then_applied_in_one_save() {
    let v = Volunteer::new("Alice");
    let etag = v.etag();
    let edit = |i: usize, name: &'static str| {
        let v = &v;
        async move {
            let g = v.content().groups[i].clone();
            let r = v
                .post(
                    &at("groups", i),
                    &[
                        ("etag", &v.etag()),
                        ("name", name),
                        ("category", &g.category),
                        ("in_community", "on"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        }
    };
    let _ = etag;
    edit(4, "entraide OTSOKOP").await;
    edit(5, "[Otsokop] Covoiturage").await;
    let before = v.content();
    let history = v.state.store.history().unwrap().len();

    let preview = v.get("/admin/naming").await;
    let rows = preview.texts("table.renames tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].contains("entraide OTSOKOP") && rows[0].contains("Otsokop · Entraide"),
        "{rows:?}"
    );
    assert!(rows[1].contains("Otsokop · Covoiturage"), "{rows:?}");
    assert_eq!(
        preview.attrs("input[type=checkbox][checked]", "name"),
        ["rename_4", "rename_5"]
    );
    assert_eq!(v.content(), before, "showing the proposals changes nothing");
    // The dashboard points there.
    assert!(v
        .get("/admin")
        .await
        .attrs("ul.todo a", "href")
        .contains(&"/admin/naming".to_owned()));

    let none = v
        .post("/admin/naming/apply", &[("etag", &preview.etag())])
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("Cochez au moins un groupe"));

    let applied = v
        .post(
            "/admin/naming/apply",
            &[
                ("etag", &preview.etag_at("/admin/naming/apply")),
                ("rename_4", "on"),
                ("rename_5", "on"),
            ],
        )
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER);
    let c = v.content();
    assert_eq!(c.groups[4].name, "Otsokop · Entraide");
    assert_eq!(c.groups[5].name, "Otsokop · Covoiturage");
    assert_eq!(
        v.state.store.history().unwrap().len(),
        history + 1,
        "one save for all"
    );
    assert!(v.get("/admin/naming").await.texts(".all-good")[0].contains("Tous les groupes"));
}

#[tokio::test]
async fn history_lists_who_saved_and_restores_in_one_click() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let r = alice
        .post(
            &at("tips", 0),
            &[
                ("etag", &alice.etag()),
                ("title", "Version Alice"),
                ("text", "a"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let alices = alice.content();
    let r = bob
        .post(
            &at("tips", 0),
            &[
                ("etag", &bob.etag()),
                ("title", "Version Bob"),
                ("text", "b"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    let page = alice.get("/admin/history").await;
    let rows = page.texts("table.history tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("Bob") && rows[0].contains("version actuelle"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("Alice") && rows[1].contains("en « Version Alice »"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains(&chrono::Local::now().format("%d/%m/%Y").to_string()),
        "{rows:?}"
    );
    let ids = page.attrs(
        "form[action='/admin/history/restore'] input[name=id]",
        "value",
    );
    assert_eq!(ids.len(), 1);

    let restored = alice
        .post(
            "/admin/history/restore",
            &[("etag", &page.etag()), ("id", &ids[0])],
        )
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert_eq!(alice.content(), alices);
    let history = alice.state.store.history().unwrap();
    assert_eq!(
        history.len(),
        3,
        "a restore is a new save, so it can be undone"
    );
    assert_eq!(history[0].saved_by, "Alice");

    let unknown = alice
        .post(
            "/admin/history/restore",
            &[("etag", &alice.etag()), ("id", "../content")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(alice.content(), alices);
}

#[tokio::test]
async fn export_then_import_round_trips_and_bad_files_replace_nothing() {
    let v = Volunteer::new("Alice");
    let export = v.get("/admin/export").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export
        .header(header::CONTENT_DISPOSITION)
        .starts_with("attachment; filename=\"vitrine-contenu-"));
    let exported = vitrine::content::parse_json(export.body.as_bytes()).unwrap();
    assert_eq!(exported, v.content());

    // Change things, then bring the exported file back.
    let r = v
        .post(
            &format!("{}/delete", at("groups", 0)),
            &[("etag", &v.etag())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_ne!(v.content(), exported);
    let imported = v
        .upload(
            "/admin/import",
            &[("etag", &v.etag())],
            Some(("content_file", "sauvegarde.json", export.body.as_bytes())),
            true,
        )
        .await;
    assert_eq!(imported.status, StatusCode::SEE_OTHER, "{}", imported.body);
    assert_eq!(v.content(), exported);

    // A file with wrong types and invalid values: every problem listed, nothing replaced.
    let before = v.content();
    let mut doc: serde_json::Value = serde_json::from_str(&export.body).unwrap();
    doc["groups"][1]["in_community"] = serde_json::json!("oui");
    let bad = v
        .upload(
            "/admin/import",
            &[("etag", &v.etag())],
            Some(("content_file", "x.json", doc.to_string().as_bytes())),
            true,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.texts("table.problems code")
            .contains(&"groups[1].in_community".to_owned()),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("rien n'a été remplacé"));
    doc["groups"][1]["in_community"] = serde_json::json!(true);
    doc["groups"][2]["name"] = serde_json::json!("");
    doc["display"]["theme"]["accent"] = serde_json::json!("orange");
    let bad = v
        .upload(
            "/admin/import",
            &[("etag", &v.etag())],
            Some(("content_file", "x.json", doc.to_string().as_bytes())),
            true,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = bad.texts("table.problems code");
    assert_eq!(fields, ["groups[2].name", "display.theme.accent"]);
    for garbage in [&b"not json at all"[..], b"\xff\xfe\x00", b""] {
        let r = v
            .upload(
                "/admin/import",
                &[("etag", &v.etag())],
                Some(("content_file", "x.json", garbage)),
                true,
            )
            .await;
        assert!(r.status.is_client_error(), "{}", r.status);
    }
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn an_unreadable_import_is_explained_in_the_admins_language_alone() {
    let mut v = Volunteer::new("Alice");
    let before = v.content();
    let mut doc = serde_json::to_value(&before).unwrap();
    doc["community"]["platform"] = serde_json::json!("whatsap");
    let misspelt = doc.to_string();
    doc["community"]["platform"] = serde_json::json!("whatsapp");
    doc["display"]["opening_hours"]["mon"] = serde_json::json!(["18:00-09:00"]);
    let backwards = doc.to_string();
    let signed_in = v.cookie.clone();
    for (lang, file, says, not_said) in [
        ("fr", "{\n  \"groups\": [", "ligne 2", "line"),
        ("en", "{\n  \"groups\": [", "line 2", "ligne"),
        (
            "fr",
            misspelt.as_str(),
            "Valeur inconnue : « whatsap »",
            "unknown variant",
        ),
        (
            "en",
            misspelt.as_str(),
            "Unknown value: “whatsap”",
            "unknown variant",
        ),
        (
            "fr",
            backwards.as_str(),
            "l'heure de fin doit venir après",
            "the end must",
        ),
        (
            "en",
            backwards.as_str(),
            "the end must come after the start",
            "l'heure",
        ),
    ] {
        v.cookie = format!("{signed_in}; lang={lang}");
        let r = v
            .upload(
                "/admin/import",
                &[("etag", &v.etag())],
                Some(("content_file", "x.json", file.as_bytes())),
                true,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{lang}: {}",
            r.body
        );
        let problems = r.texts("table.problems td").join(" ");
        assert!(problems.contains(says), "{lang}: {problems}");
        assert!(!problems.contains(not_said), "{lang}: {problems}");
        for parser in ["while parsing", "expected", "at line 2 column"] {
            assert!(
                !problems.contains(parser),
                "{lang}: the parser's English: {problems}"
            );
        }
    }
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn tips_and_announcements_are_added_moved_down_and_deleted() {
    let v = Volunteer::new("Alice");
    let tips = v.content().tips.len();
    let form = v.get("/admin/tips/new").await;
    let added = v
        .post(
            "/admin/tips",
            &[
                ("etag", &form.etag()),
                ("title", "Nouvelle astuce"),
                ("text", "Ligne 1\r\nLigne 2\r\n"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let c = v.content();
    assert_eq!(
        added.location(),
        format!("/admin/tips#item-{}", c.tips[tips].id)
    );
    assert_eq!(c.tips.len(), tips + 1);
    assert_eq!(c.tips[tips].text, "Ligne 1\nLigne 2");

    let first = c.tips[0].clone();
    let down = v
        .post(
            &format!("{}/move", at("tips", 0)),
            &[("etag", &v.etag()), ("dir", "down")],
        )
        .await;
    assert_eq!(down.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().tips[1], first);
    // The last one cannot go further down: a 404 page, nothing changed.
    let c = v.content();
    let last = v
        .post(
            &format!("{}/move", v.item("tips", tips)),
            &[("etag", &v.etag()), ("dir", "down")],
        )
        .await;
    assert_eq!(last.status, StatusCode::NOT_FOUND);
    assert_eq!(v.content(), c);

    let deleted = v
        .post(
            &format!("{}/delete", v.item("tips", tips)),
            &[("etag", &v.etag())],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().tips.len(), tips);

    // Announcements: added without a picture, then deleted; the list page has its buttons.
    let n = v.content().announcements.len();
    let added = v
        .upload(
            "/admin/announcements",
            &[
                ("etag", &v.etag()),
                ("title", "Assemblée générale"),
                ("text", "Jeudi 20 h"),
            ],
            None,
            true,
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(v.content().announcements[n].title, "Assemblée générale");
    assert_eq!(v.content().announcements[n].image, None);
    let list = v.get("/admin/announcements").await;
    assert!(list
        .attrs("form", "action")
        .contains(&format!("{}/delete", v.item("announcements", n))));
    let deleted = v
        .post(
            &format!("{}/delete", v.item("announcements", n)),
            &[("etag", &v.etag())],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().announcements.len(), n);
}
