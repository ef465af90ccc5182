//! A volunteer reads words, not the code's names: the page "Textes de l'écran" labels each
//! phrase by what it is, grouped by where it shows, with its wording today; the summary of a
//! refused form names each field by its label, in French and in English.

use crate::common;

use axum::http::StatusCode;
use common::admin::Volunteer;
use scraper::{Html, Selector};
use vitrine::content::phrasebook::phrasebook;
use vitrine::content::ScreenLanguage;

/// The page's phrase fields: each one's label, its example, and the field's name.
fn phrase_fields(html: &str) -> Vec<(String, String, String)> {
    let doc = Html::parse_document(html);
    let field = Selector::parse("form.phrases .field").unwrap();
    let label = Selector::parse("label").unwrap();
    let example = Selector::parse(".example").unwrap();
    let input = Selector::parse("input").unwrap();
    doc.select(&field)
        .map(|f| {
            let text = |sel: &Selector| {
                f.select(sel)
                    .next()
                    .map(|e| e.text().collect::<String>())
                    .unwrap_or_default()
            };
            let name = f
                .select(&input)
                .next()
                .and_then(|i| i.value().attr("name"))
                .unwrap_or_default()
                .to_owned();
            (text(&label), text(&example), name)
        })
        .collect()
}

fn looks_like_a_key(label: &str) -> bool {
    label.contains(['_', '[', ']'])
        || label
            .split_whitespace()
            .any(|w| w.contains('.') && !w.ends_with('.'))
}

#[tokio::test]
async fn the_phrases_page_labels_each_phrase_in_words_with_its_wording_today() {
    let v = Volunteer::new("Maite");
    for cookie in ["", "lang=en"] {
        let page = v.get_with("/admin/phrases", cookie).await;
        assert_eq!(page.status, StatusCode::OK);
        let fields = phrase_fields(&page.body);
        assert!(fields.len() > 40, "{cookie}: {} fields", fields.len());
        let keys: Vec<&str> = phrasebook(ScreenLanguage::Fr)
            .all()
            .map(|(k, _)| k)
            .collect();
        for (label, example, name) in &fields {
            assert!(!label.trim().is_empty(), "{name}: no label");
            assert!(
                !looks_like_a_key(label),
                "{cookie} {name}: the label {label:?} is a key"
            );
            assert!(!keys.contains(&label.as_str()), "{name}: {label}");
            let key = name.split_once('.').map_or("", |(_, k)| k);
            let today = phrasebook(ScreenLanguage::Fr).get(key).unwrap();
            if name.starts_with("fr.") {
                assert!(example.contains(today), "{name}: example {example:?}");
            }
        }
        // No raw key anywhere on the page's text, where the code used to show them.
        let text: String = Html::parse_document(&page.body)
            .root_element()
            .text()
            .collect();
        assert!(!text.contains("join_steps"), "{cookie}");
        assert!(!text.contains("months["), "{cookie}");
    }
    let fr = v.get("/admin/phrases").await;
    let labels: Vec<String> = phrase_fields(&fr.body).into_iter().map(|f| f.0).collect();
    assert!(
        labels
            .iter()
            .any(|l| l == "Pour rejoindre (WhatsApp, communauté) : étape 1"),
        "{labels:?}"
    );
    assert!(labels.iter().any(|l| l == "Mois de mars"), "{labels:?}");
    let headings = fr.texts("form.phrases section[lang=fr] h3");
    assert!(headings.len() >= 5, "{headings:?}");
    assert!(
        headings.iter().any(|h| h.starts_with("Les dates")),
        "{headings:?}"
    );
}

#[tokio::test]
async fn a_phrase_reworded_shows_as_the_example_and_the_built_in_one_as_placeholder() {
    let v = Volunteer::new("Maite");
    let saved = v
        .post(
            "/admin/phrases",
            &[("etag", &v.etag()), ("fr.groups_title", "Nos groupes")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = v.get("/admin/phrases").await;
    let field = phrase_fields(&page.body)
        .into_iter()
        .find(|f| f.2 == "fr.groups_title")
        .expect("the field is on the page");
    assert_eq!(field.0, "Titre de la liste des groupes");
    assert!(field.1.contains("Nos groupes"), "{field:?}");
    assert_eq!(
        page.attrs("[name=\"fr.groups_title\"]", "placeholder"),
        ["Les groupes"]
    );
}

#[tokio::test]
async fn the_summary_of_a_refused_form_names_the_field_by_its_label() {
    let mut v = Volunteer::new("Maite");
    let before = v.content();
    let signed_in = v.cookie.clone();
    for (cookie, label) in [
        ("", "Dernier jour à l'écran"),
        ("; lang=en", "Last day on screen"),
    ] {
        v.cookie = format!("{signed_in}{cookie}");
        let etag = v.etag();
        let fields = [
            ("etag", etag.as_str()),
            ("title", "Pain frais"),
            ("text", "Le mardi matin"),
            ("first_day", "2031-05-10"),
            ("last_day", "2031-05-01"),
        ];
        let refused = v.upload("/admin/announcements", &fields, None, true).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        let summary = refused.texts(".notice.danger li");
        assert!(
            !summary.is_empty(),
            "{cookie}: the summary lists the problem"
        );
        assert!(
            summary.iter().any(|s| s.starts_with(label)),
            "{cookie}: {summary:?}"
        );
        assert!(
            summary.iter().all(|s| !s.contains("last_day")),
            "{cookie}: {summary:?}"
        );
        assert_eq!(v.content(), before, "nothing was saved");
    }
}
