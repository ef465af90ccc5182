//! French typography on what shoppers read: the screen, the poster and the guide bind « » : ; ?
//! ! to their word with a no-break space, so that none of them opens a line; what is stored is
//! left as the volunteer typed it.

use crate::common;

use axum::body::Body;
use axum::http::Request;
use common::oneshot::{fresh_with, send_from};
use scraper::{Html, Selector};
use vitrine::content::default_content;

const PEER: &str = "127.0.0.1:5000";

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[tokio::test]
async fn a_question_mark_or_a_closing_quote_never_opens_a_line_on_the_screen_the_poster_or_the_guide(
) {
    let mut content = default_content();
    content.tips[0].title = "Une question ?".into();
    content.tips[0].text = "Demandez « à la caisse » : on vous aide !".into();
    content.groups[0].description = "Produits « locaux » ; à voir".into();
    content.validate().unwrap();
    let (_dir, state) = fresh_with(&content);
    let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();

    let screen = send_from(&state, get("/"), PEER).await.body;
    let titles = texts(&screen, ".text-slide h2");
    assert!(
        titles.contains(&"Une question\u{a0}?".to_owned()),
        "{titles:?}"
    );
    let bodies = texts(&screen, ".text-slide .body");
    assert!(
        bodies
            .contains(&"Demandez «\u{a0}à la caisse\u{a0}»\u{a0}: on vous aide\u{a0}!".to_owned()),
        "{bodies:?}"
    );
    let descs = texts(&screen, ".group .desc");
    assert!(
        descs.contains(&"Produits «\u{a0}locaux\u{a0}»\u{a0}; à voir".to_owned()),
        "{descs:?}"
    );
    // The screen's own phrases too: "Touchez le lien qui apparaît : WhatsApp…".
    let steps = texts(&screen, ".community .steps li");
    assert!(!steps.is_empty());
    assert!(steps.iter().all(|s| !s.contains(" :")), "{steps:?}");
    assert!(steps.iter().any(|s| s.contains("\u{a0}:")), "{steps:?}");

    let poster = send_from(&state, get("/poster"), PEER).await.body;
    let notes = texts(&poster, ".group .desc");
    assert!(
        notes.contains(&"Produits «\u{a0}locaux\u{a0}»\u{a0}; à voir".to_owned()),
        "{notes:?}"
    );
    let guide = send_from(&state, get("/guide"), PEER).await.body;
    assert!(texts(&guide, ".tip h3, h3").contains(&"Une question\u{a0}?".to_owned()));

    // Stored as typed.
    let stored = &state.store.current().content;
    assert_eq!(stored.tips[0].title, "Une question ?");
}
