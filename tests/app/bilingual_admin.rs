//! The admin area with a second screen language: the settings choose it, each form shows the
//! translation beside each translatable field (only then), a save files it under its language
//! and keeps the others, an over-long translation or an unknown language is refused beside
//! its field with nothing changed, and the dashboard lists what still lacks a translation.

use crate::common;

use axum::http::StatusCode;
use common::admin::{at, AdminPage, Volunteer};
use vitrine::content::{BilingualLayout, MessageText, ScreenLanguage, SecondLanguage};

/// Basque as the second language, saved as an admin would.
async fn with_basque(v: &Volunteer) {
    let mut c = v.content();
    c.display.second_language = Some(SecondLanguage {
        language: ScreenLanguage::Eu,
        layout: BilingualLayout::SideBySide,
        first: false,
    });
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
}

#[tokio::test]
async fn the_settings_choose_the_languages_and_refuse_an_unknown_one() {
    let v = Volunteer::new("Maite");
    let page = v.get("/admin/settings").await;
    let names = page.attrs("#languages select", "name");
    assert_eq!(
        names,
        ["display.language", "display.second_language.language"]
    );
    assert!(page
        .texts("#languages option")
        .contains(&"euskara".to_owned()));

    let fields = |second: &'static str| {
        vec![
            ("display.language", "fr"),
            ("display.second_language.language", second),
            ("display.second_language.layout", "alternating"),
            ("display.second_language.first", "on"),
            ("slides.community.enabled", "on"),
            ("slides.community.seconds", "20"),
            ("slides.groups.enabled", "on"),
            ("slides.groups.seconds", "15"),
            ("slides.tips.enabled", "on"),
            ("slides.tips.seconds", "10"),
            ("slides.announcements.enabled", "on"),
            ("slides.announcements.seconds", "12"),
            ("display.qr_corner", "on"),
            ("display.theme.background", "#10302a"),
            ("display.theme.text", "#ffffff"),
            ("display.theme.accent", "#f6c343"),
        ]
    };
    let before = v.content();
    let etag = v.etag();
    let mut bad = fields("basque");
    bad.push(("etag", &etag));
    let refused = v.post("/admin/settings", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .field_error("display.second_language.language")
        .is_some_and(|e| e.contains("langue inconnue")));
    assert_eq!(v.content(), before, "nothing changed");

    let mut good = fields("eu");
    good.push(("etag", &etag));
    let saved = v.post("/admin/settings", &good).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        v.content().display.second_language,
        Some(SecondLanguage {
            language: ScreenLanguage::Eu,
            layout: BilingualLayout::Alternating,
            first: true,
        })
    );
}

#[tokio::test]
async fn a_form_shows_the_translation_beside_each_text_only_with_a_second_language() {
    let v = Volunteer::new("Maite");
    let form = v.get(&at("tips", 0)).await;
    assert!(form.attrs("[name=\"tr.title\"]", "name").is_empty());

    with_basque(&v).await;
    for (page, fields) in [
        (at("tips", 0).as_str(), vec!["tr.title", "tr.text"]),
        (at("announcements", 0).as_str(), vec!["tr.title", "tr.text"]),
        (
            at("groups", 0).as_str(),
            vec!["tr.category", "tr.description"],
        ),
        (
            "/admin/community",
            vec!["tr.name", "tr.call_to_action", "tr.message"],
        ),
    ] {
        let form = v.get(page).await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(form.field_value("tr.lang"), "eu", "{page}");
        let labels = form.texts(".pair .translation label");
        assert_eq!(labels.len(), fields.len(), "{page}: {labels:?}");
        assert!(labels.iter().all(|l| l.contains("euskara")), "{labels:?}");
        for name in fields {
            assert_eq!(
                form.attrs(&format!(".pair .translation [name=\"{name}\"]"), "name"),
                [name],
                "{page}"
            );
        }
    }
}

#[tokio::test]
async fn a_saved_translation_is_filed_under_its_language_and_keeps_the_others() {
    let v = Volunteer::new("Maite");
    with_basque(&v).await;
    // A Spanish translation from an earlier choice of language, made through the API.
    let mut c = v.content();
    let spanish = MessageText {
        title: "Unirse a la comunidad".into(),
        text: "Abre la cámara.".into(),
    };
    c.tips[0]
        .translations
        .insert(ScreenLanguage::Es, spanish.clone());
    v.state.store.save(c, &v.etag(), "api").await.unwrap();

    let form = v.get(&at("tips", 0)).await;
    let title = form.field_value("title");
    let text = form.field_value("text");
    let saved = v
        .post(
            &at("tips", 0),
            &[
                ("etag", &form.etag()),
                ("title", &title),
                ("text", &text),
                ("tr.lang", "eu"),
                ("tr.title", " Komunitatean sartu "),
                ("tr.text", "Ireki kamera.\r\nZuzendu QR kodera."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let tip = v.content().tips[0].clone();
    assert_eq!(
        tip.translations[&ScreenLanguage::Eu],
        MessageText {
            title: "Komunitatean sartu".into(),
            text: "Ireki kamera.\nZuzendu QR kodera.".into(),
        }
    );
    assert_eq!(tip.translations[&ScreenLanguage::Es], spanish);
    assert_eq!(
        v.get(&at("tips", 0)).await.field_value("tr.title"),
        "Komunitatean sartu"
    );

    // Emptied, the Basque one is gone; the Spanish one stays.
    let form = v.get(&at("tips", 0)).await;
    let cleared = v
        .post(
            &at("tips", 0),
            &[
                ("etag", &form.etag()),
                ("title", &title),
                ("text", &text),
                ("tr.lang", "eu"),
                ("tr.title", ""),
                ("tr.text", ""),
            ],
        )
        .await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    let tip = v.content().tips[0].clone();
    assert!(!tip.translations.contains_key(&ScreenLanguage::Eu));
    assert_eq!(tip.translations[&ScreenLanguage::Es], spanish);

    // The community and a group, likewise.
    let form = v.get("/admin/community").await;
    let saved = v
        .post(
            "/admin/community",
            &[
                ("etag", &form.etag()),
                ("platform", "whatsapp"),
                ("invite_link", &form.field_value("invite_link")),
                ("link_kind", "community"),
                ("name", &form.field_value("name")),
                ("call_to_action", &form.field_value("call_to_action")),
                ("tr.lang", "eu"),
                ("tr.name", ""),
                ("tr.call_to_action", "Eskaneatu taldeetan sartzeko"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        v.content().community.translations[&ScreenLanguage::Eu].call_to_action,
        "Eskaneatu taldeetan sartzeko"
    );
}

#[tokio::test]
async fn an_over_long_translation_is_refused_beside_its_field_and_nothing_changes() {
    let v = Volunteer::new("Maite");
    with_basque(&v).await;
    let before = v.content();
    let form = v.get(&at("groups", 0)).await;
    let too_long = "a".repeat(vitrine::limits::content::GROUP_CATEGORY + 1);
    let refused = v
        .post(
            &at("groups", 0),
            &[
                ("etag", &form.etag()),
                ("name", &form.field_value("name")),
                ("category", &form.field_value("category")),
                ("description", &form.field_value("description")),
                ("in_community", "on"),
                ("tr.lang", "eu"),
                ("tr.category", &too_long),
                ("tr.description", "Berriak"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = refused
        .field_error("tr.category")
        .expect("error beside the field");
    assert!(error.contains("Trop long"), "{error}");
    assert_eq!(
        refused.field_value("tr.category"),
        too_long,
        "what was typed is kept"
    );
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn the_dashboard_lists_every_item_still_lacking_its_translation() {
    let v = Volunteer::new("Maite");
    let todo = |page: &common::admin::Reply| page.attrs(".todo a", "href");
    assert!(!todo(&v.get("/admin").await)
        .iter()
        .any(|h| h.starts_with("/admin/tips/")));

    with_basque(&v).await;
    let mut c = v.content();
    c.tips[0].translations.insert(
        ScreenLanguage::Eu,
        MessageText {
            title: "Komunitatean sartu".into(),
            text: "Ireki kamera.".into(),
        },
    );
    v.state
        .store
        .save(c.clone(), &v.etag(), "test")
        .await
        .unwrap();
    let links = todo(&v.get("/admin").await);
    assert!(links.contains(&"/admin/community".to_owned()));
    for i in 1..c.tips.len() {
        assert!(links.contains(&at("tips", i)), "{links:?}");
    }
    assert!(!links.contains(&at("tips", 0)));
    for i in 0..c.groups.len() {
        assert!(links.contains(&at("groups", i)), "{links:?}");
    }
    assert!(links.contains(&at("announcements", 0)));
    // One card for every untranslated text, naming the language and the count; its list
    // names each item by its title.
    let page = v.get("/admin").await;
    let texts = page.texts(".todo .todo-text");
    let card: Vec<&String> = texts.iter().filter(|t| t.contains("euskara")).collect();
    assert_eq!(card.len(), 1, "one card for the translations: {texts:?}");
    let listed = page.texts(".todo .todo-list li a");
    assert!(listed.contains(&c.tips[1].title), "{listed:?}");
    assert!(!listed.contains(&c.tips[0].title), "{listed:?}");
    assert!(
        card[0].starts_with(&listed.len().to_string()),
        "the card counts what its list holds: {} / {}",
        card[0],
        listed.len()
    );
}

#[tokio::test]
async fn the_move_line_is_translated_beside_its_field_and_shown_in_both_languages() {
    let v = Volunteer::new("Maite");
    with_basque(&v).await;
    let page = v.get("/admin/community").await;
    let fields: Vec<String> = page
        .form_fields("form#move-form")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(fields.contains(&"tr.message".to_owned()), "{fields:?}");
    assert_eq!(page.field_value("tr.lang"), "eu");
    let french = "Nous passons sur Telegram le 1er mars";
    let basque = "Martxoaren 1ean Telegramera goaz";
    let plan = |tr_message: String| {
        let v = &v;
        async move {
            let etag = v.etag();
            v.post(
                "/admin/move",
                &[
                    ("etag", etag.as_str()),
                    ("next_platform", "telegram"),
                    ("next_link", "https://t.me/+OtsokopBerria1"),
                    ("next_kind", "group"),
                    ("switch_on", ""),
                    ("message", french),
                    ("tr.lang", "eu"),
                    ("tr.message", tr_message.as_str()),
                ],
            )
            .await
        }
    };
    // Without its Basque line, the dashboard asks for it, with a link to the move's form.
    assert_eq!(plan(String::new()).await.status, StatusCode::SEE_OTHER);
    let asks = |page: &common::admin::Reply| {
        page.texts(".todo li")
            .iter()
            .any(|t| t.contains(french) && t.contains("euskara"))
    };
    let dashboard = v.get("/admin").await;
    assert!(asks(&dashboard), "{:?}", dashboard.texts(".todo li"));
    assert!(
        dashboard
            .attrs(".todo li a", "href")
            .contains(&"/admin/community#move".to_owned()),
        "{:?}",
        dashboard.attrs(".todo li a", "href")
    );

    assert_eq!(plan(basque.to_owned()).await.status, StatusCode::SEE_OTHER);
    let next = v.content().community.next.unwrap();
    assert_eq!(next.message, french);
    assert_eq!(next.translations[&ScreenLanguage::Eu].message, basque);
    assert!(!asks(&v.get("/admin").await));
    assert_eq!(
        v.get("/admin/community").await.field_value("tr.message"),
        basque
    );

    // On the screen, the poster and the Basque guide.
    let screen = v.get("/").await;
    assert_eq!(screen.attrs(".move-head p.cta", "lang"), ["fr", "eu"]);
    assert_eq!(screen.texts(".move-head p.cta"), [french, basque]);
    let poster = v.get("/poster").await;
    assert_eq!(poster.attrs(".poster-move p.cta", "lang"), ["fr", "eu"]);
    let said = poster.texts(".poster-move p.cta").join(" | ");
    assert!(said.contains(basque), "{said}");
    let guide = v.get("/guide").await;
    let lines = guide.texts(".move-message");
    assert!(lines.iter().any(|l| l == basque), "{lines:?}");

    // Too long: refused with the count, the form shown again with what was typed, nothing saved.
    let before = v.content();
    let long = "Telegram ".repeat(40).trim_end().to_owned();
    let refused = plan(long.clone()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.field_value("tr.message"), long);
    assert_eq!(refused.field_value("message"), french);
    let said = refused
        .texts("#move-form .field.has-error .error")
        .join(" ");
    assert!(said.contains(&long.chars().count().to_string()), "{said}");
    assert_eq!(v.content(), before);

    // Emptied: the Basque line goes, the screen says the French one alone.
    assert_eq!(plan(String::new()).await.status, StatusCode::SEE_OTHER);
    let next = v.content().community.next.unwrap();
    assert!(!next.translations.contains_key(&ScreenLanguage::Eu));
    assert_eq!(v.get("/").await.texts(".move-head p.cta"), [french]);
}
