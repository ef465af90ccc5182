//! The coop's own wording of the screen's fixed phrases ("Textes de l'écran"): shown on the
//! screen in place of the catalogue's, in its language only; an unknown phrase or a lost
//! `{placeholder}` refused with the field named and nothing changed.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::admin::{AdminPage, Volunteer};
use common::oneshot::{fresh_with, send_from, HOST};
use common::slides::in_basque;
use scraper::{Html, Selector};
use serde_json::{json, Value};
use vitrine::auth::tokens::create_token;
use vitrine::content::{default_content, BilingualLayout, ScreenLanguage};
use vitrine::i18n::catalogue;

const PEER: &str = "192.0.2.30:40000";

fn texts(html: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    html.select(&sel).map(|e| e.text().collect()).collect()
}

#[tokio::test]
async fn the_coops_wording_replaces_the_catalogues_in_its_language_only() {
    let mut c = in_basque(default_content(), BilingualLayout::SideBySide, false);
    let own = c.display.phrases.entry(ScreenLanguage::Eu).or_default();
    own.insert("scan_to_join".into(), "Eskaneatu eta sartu!".into());
    own.insert(
        "platforms.whatsapp_community.join_steps[0]".into(),
        "Zabaldu kamera eta begiratu QR kodeari".into(),
    );
    c.validate().unwrap();
    let (_data, state) = fresh_with(&c);
    let reply = send_from(&state, Request::get("/").body(Body::empty()).unwrap(), PEER).await;
    let html = Html::parse_document(std::str::from_utf8(&reply.bytes).unwrap());
    let fr = catalogue(ScreenLanguage::Fr);
    assert_eq!(
        texts(&html, "#corner-qr p"),
        [fr.say("scan_to_join"), "Eskaneatu eta sartu!"]
    );
    let steps = texts(&html, ".slide-community .voice[lang=eu] .steps li");
    assert_eq!(steps[0], "Zabaldu kamera eta begiratu QR kodeari");
    assert_eq!(
        steps[1],
        catalogue(ScreenLanguage::Eu).say("platforms.whatsapp_community.join_steps[1]")
    );
    let french = texts(&html, ".slide-community .voice[lang=fr] .steps li");
    assert_eq!(
        french[0],
        fr.say("platforms.whatsapp_community.join_steps[0]")
    );
}

#[tokio::test]
async fn an_unknown_phrase_or_a_lost_placeholder_is_refused_naming_the_field() {
    let (_data, state) = fresh_with(&default_content());
    let token = create_token(&state.store.secrets(), "script", None).unwrap();
    let before = state.store.current();
    for (field, phrases) in [
        ("display.phrases.eu.nope", json!({"eu": {"nope": "Kaixo"}})),
        ("display.phrases.fr.lang", json!({"fr": {"lang": "de"}})),
        (
            "display.phrases.fr.move_next",
            json!({"fr": {"move_next": "Bientôt ailleurs"}}),
        ),
        (
            "display.phrases.es.scan_to_join",
            json!({"es": {"scan_to_join": "Escanea {platform}"}}),
        ),
    ] {
        let mut doc = serde_json::to_value(&before.content).unwrap();
        doc["display"]["phrases"] = phrases;
        let req = Request::put("/api/content")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, &before.etag)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(doc.to_string()))
            .unwrap();
        let reply = send_from(&state, req, PEER).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let body: Value = serde_json::from_str(std::str::from_utf8(&reply.bytes).unwrap()).unwrap();
        assert_eq!(body["fields"][0]["field"], json!(field), "{body}");
        assert_eq!(state.store.current().etag, before.etag);
    }
}

#[tokio::test]
async fn the_screen_texts_page_rewords_a_phrase_and_refuses_a_lost_marker() {
    let v = Volunteer::new("Maite");
    let mut c = v.content();
    c.display.second_language = Some(vitrine::content::SecondLanguage {
        language: ScreenLanguage::Eu,
        layout: BilingualLayout::SideBySide,
        first: false,
    });
    // Another platform's step, reworded earlier: not on the page, kept by its saves.
    let signal = "platforms.signal.join_steps[0]";
    c.display
        .phrases
        .entry(ScreenLanguage::Fr)
        .or_default()
        .insert(signal.into(), "Ouvrez l'appareil photo".into());
    v.state.store.save(c, &v.etag(), "test").await.unwrap();
    assert!(v
        .get("/admin/settings")
        .await
        .attrs("#languages a", "href")
        .contains(&"/admin/phrases".to_owned()));

    let page = v.get("/admin/phrases").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.attrs("form.phrases section", "lang"), ["fr", "eu"]);
    assert!(page
        .attrs(&format!("[name=\"fr.{signal}\"]"), "name")
        .is_empty());
    assert_eq!(
        page.attrs(
            "[name=\"fr.platforms.whatsapp_community.join_steps[0]\"]",
            "name"
        )
        .len(),
        1
    );
    let eu = catalogue(ScreenLanguage::Eu);
    assert_eq!(
        page.attrs("[name=\"eu.scan_to_join\"]", "placeholder"),
        [eu.say("scan_to_join")]
    );

    let before = v.content();
    let refused = v
        .post(
            "/admin/phrases",
            &[
                ("etag", &page.etag()),
                ("eu.move_next", "Laster beste nonbait"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .field_error("eu.move_next")
        .is_some_and(|e| e.contains("{platform}")));
    assert_eq!(refused.field_value("eu.move_next"), "Laster beste nonbait");
    assert_eq!(v.content(), before);

    let saved = v
        .post(
            "/admin/phrases",
            &[
                ("etag", &page.etag()),
                ("eu.scan_to_join", " Eskaneatu eta sartu! "),
                // The built-in wording, typed again: no override.
                (
                    "fr.groups_title",
                    catalogue(ScreenLanguage::Fr).say("groups_title"),
                ),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let phrases = v.content().display.phrases;
    assert_eq!(phrases.len(), 2, "{phrases:?}");
    assert_eq!(phrases[&ScreenLanguage::Fr].len(), 1, "{phrases:?}");
    assert_eq!(
        phrases[&ScreenLanguage::Fr][signal],
        "Ouvrez l'appareil photo"
    );
    assert_eq!(
        phrases[&ScreenLanguage::Eu]["scan_to_join"],
        "Eskaneatu eta sartu!"
    );
    assert_eq!(
        v.get("/admin/phrases").await.field_value("eu.scan_to_join"),
        "Eskaneatu eta sartu!"
    );
}

#[tokio::test]
async fn the_coops_wording_reaches_the_poster_and_the_guide() {
    let v = Volunteer::new("Maite");
    let page = v.get("/admin/phrases").await;
    // The phrases only paper shows are on the page too, under their own headings.
    let headings = page.texts("form.phrases section[lang=fr] h3");
    assert!(
        headings.contains(&"Sur l'affiche et dans le guide".to_owned()),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"Dans le guide imprimé".to_owned()),
        "{headings:?}"
    );
    assert_eq!(page.attrs("[name=\"fr.or_type_link\"]", "name").len(), 1);
    assert_eq!(
        page.attrs("[name=\"fr.guide_tips_title\"]", "name").len(),
        1
    );
    // Of the platforms' privacy notes, the community's only.
    assert_eq!(
        page.attrs("[name^=\"fr.guide_platform_privacy.\"]", "name"),
        ["fr.guide_platform_privacy.whatsapp"]
    );

    let step = "fr.platforms.whatsapp_community.join_steps[0]";
    let saved = v
        .post(
            "/admin/phrases",
            &[
                ("etag", &page.etag()),
                ("fr.or_type_link", "Pas de téléphone ? Tapez ce lien :"),
                (step, "Visez le code avec l'appareil photo"),
                ("fr.groups_title", "Nos groupes"),
                ("fr.guide_tips_title", "Les règles d'or"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let poster = v.get("/poster").await;
    assert_eq!(poster.status, StatusCode::OK);
    let link = poster.texts(".poster-foot .link").join(" ");
    assert!(
        link.contains("Pas de téléphone\u{a0}? Tapez ce lien\u{a0}:"),
        "{link}"
    );
    assert_eq!(
        poster.texts(".poster-join .steps li")[0],
        "Visez le code avec l'appareil photo"
    );
    assert_eq!(poster.texts(".poster-groups h2"), ["Nos groupes"]);

    let guide = v.get("/guide").await;
    let h2 = guide.texts("h2");
    assert!(h2.iter().any(|h| h == "Les règles d'or"), "{h2:?}");
    assert!(h2.iter().any(|h| h == "Nos groupes"), "{h2:?}");
    assert_eq!(
        guide.texts(".guide-join .steps li")[0],
        "Visez le code avec l'appareil photo"
    );
    let fr = catalogue(ScreenLanguage::Fr);
    assert!(!guide.body.contains(fr.say("guide_tips_title")));
}
