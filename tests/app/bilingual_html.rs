//! Two languages on the display page, parsed with `scraper`: side by side, both languages on
//! every slide; alternating, each slide in one language then the other; an item without its
//! translation shown in the primary language alone; the order as chosen.

use crate::common;

use axum::body::Body;
use axum::http::Request;
use common::oneshot::{fresh_with, page_of, send_from};
use common::slides::in_basque;
use scraper::{ElementRef, Html, Selector};
use vitrine::content::{default_content, BilingualLayout, Content, ScreenLanguage};
use vitrine::display::paginate::paginate;
use vitrine::i18n::catalogue;

const PEER: &str = "192.0.2.30:40000";

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn texts(el: ElementRef, css: &str) -> Vec<String> {
    el.select(&sel(css)).map(|e| e.text().collect()).collect()
}

fn slides(html: &Html) -> Vec<ElementRef<'_>> {
    html.select(&sel("#stage > section.slide")).collect()
}

/// Basque beside French, every item translated but the last tip.
fn bilingual(layout: BilingualLayout) -> Content {
    let mut c = in_basque(default_content(), layout, false);
    c.tips.last_mut().unwrap().translations.clear();
    c
}

#[tokio::test]
async fn side_by_side_every_slide_speaks_both_languages_in_the_same_places() {
    let c = bilingual(BilingualLayout::SideBySide);
    let html = page_of(&c).await;
    let all = slides(&html);
    let tips_shown = c.tips.len();
    let groups_slides = paginate(&c).len();
    assert!(groups_slides > 0, "the default content has groups");
    assert_eq!(
        all.len(),
        1 + groups_slides + tips_shown + 1,
        "one slide per item, as in one language"
    );
    let (fr, eu) = (catalogue(ScreenLanguage::Fr), catalogue(ScreenLanguage::Eu));

    let community = all[0];
    let voices: Vec<_> = community.select(&sel(".voice")).collect();
    assert_eq!(
        voices.iter().map(|v| v.attr("lang")).collect::<Vec<_>>(),
        [Some("fr"), Some("eu")]
    );
    assert_eq!(
        texts(voices[0], ".steps li")[0],
        fr.say("platforms.whatsapp_community.join_steps[0]")
    );
    assert_eq!(
        texts(voices[1], ".steps li")[0],
        eu.say("platforms.whatsapp_community.join_steps[0]")
    );
    assert_eq!(
        texts(voices[1], ".cta"),
        ["Eskaneatu kooperatibako taldeetan sartzeko"]
    );
    // The name is not translated: said once, above both.
    assert_eq!(
        texts(community, "h1"),
        std::slice::from_ref(&c.community.name)
    );

    let groups = all[1];
    assert_eq!(
        texts(groups, ".slide-head h2 [lang]"),
        [fr.say("groups_title"), eu.say("groups_title")]
    );
    let first = groups.select(&sel(".group")).next().unwrap();
    assert_eq!(
        texts(first, ".desc"),
        [
            c.groups[0].description.clone(),
            "0. taldearen deskribapena".to_owned()
        ]
    );
    assert_eq!(
        texts(groups, ".row.category .category-name")[..2],
        [
            "Vie de la coop".to_owned(),
            "Vie de la coop (eu)".to_owned()
        ]
    );

    let tip = all[1 + groups_slides];
    assert_eq!(tip.attr("data-kind"), Some("tip"));
    assert_eq!(
        texts(tip, ".voice h2"),
        [c.tips[0].title.clone(), "Aholku bat".to_owned()]
    );
    assert_eq!(texts(tip, ".kicker"), ["Astuce 1 / 7", "Aholkua 1 / 7"]);

    // The corner code and the sleep screen speak both too.
    assert_eq!(
        texts(html.root_element(), "#corner-qr p"),
        [fr.say("scan_to_join"), eu.say("scan_to_join")]
    );
    assert_eq!(
        texts(html.root_element(), "#sleep .sleep-title"),
        [fr.say("sleeping"), eu.say("sleeping")]
    );
}

#[tokio::test]
async fn an_item_without_its_translation_is_shown_in_the_primary_language_alone() {
    let mut c = bilingual(BilingualLayout::SideBySide);
    c.groups[0].translations.clear();
    let html = page_of(&c).await;
    let all = slides(&html);
    let last_tip = all
        .iter()
        .rev()
        .find(|s| s.attr("data-kind") == Some("tip"))
        .unwrap();
    let voices: Vec<_> = last_tip.select(&sel(".voice")).collect();
    assert_eq!(voices.len(), 1);
    assert_eq!(voices[0].attr("lang"), Some("fr"));
    assert_eq!(last_tip.attr("lang"), Some("fr"));
    assert_eq!(
        texts(*last_tip, "h2"),
        [vitrine::i18n::typography::typeset(
            &c.tips.last().unwrap().title,
            vitrine::content::ScreenLanguage::Fr
        )]
    );
    // No empty box anywhere: every text element says something.
    let boxes: Vec<_> = html
        .select(&sel(
            "#stage h1, #stage h2, #stage h3, #stage p, #stage li, #stage span",
        ))
        .collect();
    assert!(
        boxes.len() > 10,
        "the slides' texts were found: {}",
        boxes.len()
    );
    for el in boxes {
        let said: String = el.text().collect();
        assert!(!said.trim().is_empty(), "empty {}", el.html());
    }
    // A group without its translation: its description once, in French.
    let first = all[1].select(&sel(".group")).next().unwrap();
    assert_eq!(texts(first, ".desc"), [c.groups[0].description.clone()]);

    let html = page_of(&{
        let mut c = c.clone();
        c.display.second_language.as_mut().unwrap().layout = BilingualLayout::Alternating;
        c
    })
    .await;
    let langs: Vec<_> = slides(&html)
        .iter()
        .filter(|s| s.attr("data-kind") == Some("tip"))
        .map(|s| s.attr("lang").unwrap().to_owned())
        .collect();
    let mut expected: Vec<&str> = ["fr", "eu"].repeat(c.tips.len() - 1);
    expected.push("fr");
    assert_eq!(langs, expected, "the untranslated tip is shown once");
}

#[tokio::test]
async fn alternating_shows_each_slide_in_one_language_then_the_other() {
    let c = bilingual(BilingualLayout::Alternating);
    let html = page_of(&c).await;
    let all = slides(&html);
    let seen: Vec<(String, String)> = all
        .iter()
        .map(|s| {
            (
                s.attr("data-kind").unwrap().to_owned(),
                s.attr("lang").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(seen[0], ("community".into(), "fr".into()));
    assert_eq!(seen[1], ("community".into(), "eu".into()));
    let groups_slides = paginate(&c).len();
    assert!(groups_slides > 0, "the default content has groups");
    assert_eq!(seen.len(), 2 * (1 + groups_slides + c.tips.len() + 1) - 1);
    for pair in seen.chunks(2).take(1 + groups_slides) {
        assert_eq!(pair[0].0, pair[1].0);
        assert_eq!((pair[0].1.as_str(), pair[1].1.as_str()), ("fr", "eu"));
    }
    // Each slide speaks one language only.
    for s in &all {
        assert!(s.select(&sel(".voices.two")).next().is_none());
    }
    assert_eq!(
        texts(all[3], ".slide-head h2"),
        [catalogue(ScreenLanguage::Eu).say("groups_title")]
    );
    // The first slide, shown without any script, is the community in the primary language.
    assert!(all[0].value().classes().any(|k| k == "active"));
}

#[tokio::test]
async fn the_second_language_may_come_first_and_basque_may_be_the_only_one() {
    let mut c = bilingual(BilingualLayout::SideBySide);
    c.display.second_language.as_mut().unwrap().first = true;
    let html = page_of(&c).await;
    let langs: Vec<_> = slides(&html)[0]
        .select(&sel(".voice"))
        .map(|v| v.attr("lang").unwrap().to_owned())
        .collect();
    assert_eq!(langs, ["eu", "fr"]);

    let mut c = default_content();
    c.display.language = ScreenLanguage::Eu;
    let html = page_of(&c).await;
    assert_eq!(html.root_element().attr("lang"), Some("eu"));
    let steps = texts(slides(&html)[0], ".steps li");
    assert_eq!(
        steps,
        [0, 1, 2].map(|i| catalogue(ScreenLanguage::Eu)
            .say(&format!("platforms.whatsapp_community.join_steps[{i}]")))
    );
}

#[tokio::test]
async fn during_a_move_both_codes_carry_their_steps_in_both_languages() {
    let mut c = bilingual(BilingualLayout::SideBySide);
    c.community.next = Some(vitrine::content::NextPlatform {
        platform: vitrine::content::Platform::Telegram,
        invite_link: "https://t.me/+AbCdEfGhIjKl".into(),
        link_kind: vitrine::content::LinkKind::Group,
        switch_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        message: String::new(),
        translations: Default::default(),
        link_checked: None,
    });
    let html = page_of(&c).await;
    let next = html
        .select(&sel(".slide-community .move-side.next"))
        .next()
        .unwrap();
    assert_eq!(
        texts(next, ".move-voice .move-date"),
        ["À partir du 1 mars 2027", "Aldaketa: 2027ko martxoaren 1a"]
    );
    let steps: Vec<_> = next.select(&sel("ol.steps")).collect();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[1].attr("lang"), Some("eu"));
    assert_eq!(
        texts(steps[1], "li")[2],
        catalogue(ScreenLanguage::Eu).say("platforms.telegram.join_steps[2]")
    );
}

#[tokio::test]
async fn the_guide_follows_again_in_the_second_language_each_text_translated_or_in_the_first() {
    let mut c = bilingual(BilingualLayout::Alternating);
    c.groups[1].translations.clear();
    let (_data, state) = fresh_with(&c);
    let reply = send_from(
        &state,
        Request::get("/guide").body(Body::empty()).unwrap(),
        PEER,
    )
    .await;
    let html = Html::parse_document(std::str::from_utf8(&reply.bytes).unwrap());
    let guides: Vec<_> = html.select(&sel("main.guide-doc")).collect();
    assert_eq!(
        guides.iter().map(|g| g.attr("lang")).collect::<Vec<_>>(),
        [Some("fr"), Some("eu")]
    );
    let (fr, eu) = (catalogue(ScreenLanguage::Fr), catalogue(ScreenLanguage::Eu));
    assert_eq!(
        texts(guides[0], ".guide-groups h2"),
        [fr.say("groups_title")]
    );
    assert_eq!(
        texts(guides[1], ".guide-groups h2"),
        [eu.say("groups_title")]
    );
    assert_eq!(texts(guides[1], ".guide-tips .tip h3")[0], "Aholku bat");
    // The last tip has no translation: in French, so marked, in the Basque guide.
    let last = guides[1].select(&sel(".guide-tips .tip")).last().unwrap();
    assert_eq!(last.attr("lang"), Some("fr"));
    // (set in French typography: a no-break space before "?")
    assert_eq!(
        texts(last, "h3")[0].replace('\u{a0}', " "),
        c.tips.last().unwrap().title
    );
    let descs = texts(guides[1], ".guide-groups .group .desc:not(.pending)");
    assert_eq!(descs[0], "0. taldearen deskribapena");
    assert_eq!(descs[1], c.groups[1].description);
    assert_eq!(
        texts(guides[1], ".guide-groups h3.category")[0],
        "Vie de la coop (eu)"
    );
    // Both keep the QR code; the first keeps the plain anchors.
    for g in &guides {
        assert!(g.select(&sel(".guide-qr svg")).next().is_some());
    }
    assert!(html.select(&sel("#tips")).next().is_some());
    assert!(html.select(&sel("#tips-eu")).next().is_some());
}

#[tokio::test]
async fn alternating_the_moves_line_is_said_on_every_community_slide_translated_or_in_the_first() {
    let mut c = bilingual(BilingualLayout::Alternating);
    let french = "Nous passons sur Telegram le 1er mars";
    c.community.next = Some(vitrine::content::NextPlatform {
        platform: vitrine::content::Platform::Telegram,
        invite_link: "https://t.me/+AbCdEfGhIjKl".into(),
        link_kind: vitrine::content::LinkKind::Group,
        switch_on: None,
        message: french.into(),
        translations: Default::default(),
        link_checked: None,
    });
    let lines = |html: &Html| -> Vec<(String, String, String)> {
        slides(html)
            .into_iter()
            .filter(|s| s.attr("data-kind") == Some("community"))
            .flat_map(|s| {
                let slide = s.attr("lang").unwrap().to_owned();
                s.select(&sel(".move-head p.cta"))
                    .map(|p| {
                        let said = (p.attr("lang").unwrap().to_owned(), p.text().collect());
                        (slide.clone(), said.0, said.1)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    // Untranslated: the Basque slide says it in French (marked so), never the call to action.
    let said = lines(&page_of(&c).await);
    assert_eq!(
        said,
        [
            ("fr".into(), "fr".into(), french.into()),
            ("eu".into(), "fr".into(), french.into())
        ]
    );
    let basque = "Martxoaren 1ean Telegramera goaz";
    c.community.next.as_mut().unwrap().translations.insert(
        ScreenLanguage::Eu,
        vitrine::content::MoveText {
            message: basque.into(),
        },
    );
    let said = lines(&page_of(&c).await);
    assert_eq!(
        said,
        [
            ("fr".into(), "fr".into(), french.into()),
            ("eu".into(), "eu".into(), basque.into())
        ]
    );
}
