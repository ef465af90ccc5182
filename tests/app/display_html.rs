//! The display page as HTML, parsed with `scraper`: what a shopper sees first, what each
//! slide holds, and that text typed by an admin is shown as text, never run as code.

use crate::common;

use common::oneshot::page_of;
use scraper::{ElementRef, Html, Selector};
use vitrine::content::{default_content, Announcement, Platform, ScreenLanguage as Language};
use vitrine::i18n::catalogue;

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn text(el: ElementRef) -> String {
    el.text().collect::<String>()
}

fn all_text(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css)).map(text).collect()
}

#[tokio::test]
async fn the_first_slide_is_the_community_with_its_qr_code_even_without_javascript() {
    let content = default_content();
    let html = page_of(&content).await;
    let slides: Vec<ElementRef> = html.select(&sel("#stage > section.slide")).collect();
    let first = slides[0];
    assert_eq!(first.attr("data-kind"), Some("community"));
    // Shown by the stylesheet alone: the script only moves `active` along.
    assert!(first
        .value()
        .has_class("active", scraper::CaseSensitivity::CaseSensitive));
    assert_eq!(first.attr("aria-hidden"), None);
    for other in &slides[1..] {
        assert!(!other.value().classes().any(|c| c == "active"));
        assert_eq!(other.attr("aria-hidden"), Some("true"));
    }
    let qr = first
        .select(&sel(".qr-big svg"))
        .next()
        .expect("the big QR code");
    assert!(qr.attr("viewBox").is_some());
    assert!(qr.select(&sel("path")).next().is_some(), "modules drawn");
    assert_eq!(
        text(first.select(&sel("h1")).next().unwrap()),
        content.community.name
    );
    let steps = all_text(&html, ".slide-community ol.steps li");
    assert_eq!(steps.len(), 3, "three steps to join");
    assert!(steps[1].contains("WhatsApp"), "{steps:?}");
    assert!(all_text(&html, ".slide-community .cta")[0] == content.community.call_to_action);
}

#[tokio::test]
async fn the_corner_qr_code_is_there_for_the_other_slides() {
    let mut content = default_content();
    let html = page_of(&content).await;
    let corner = html.select(&sel("#corner-qr")).next().expect("corner QR");
    assert!(corner.select(&sel("svg path")).next().is_some());
    // Both codes encode the same link: the same drawing.
    let big = html.select(&sel(".qr-big svg")).next().unwrap().html();
    assert_eq!(corner.select(&sel("svg")).next().unwrap().html(), big);

    content.display.qr_corner = false;
    let html = page_of(&content).await;
    assert!(html.select(&sel("#corner-qr")).next().is_none());
}

#[tokio::test]
async fn every_group_tip_and_announcement_has_its_place() {
    let mut content = default_content();
    content.announcements = vec![Announcement {
        title: "Assemblée générale".into(),
        text: "Samedi à 10 h".into(),
        image: None,
        ..Default::default()
    }];
    let html = page_of(&content).await;
    let names = all_text(&html, ".slide-groups .group .name");
    let expected: Vec<String> = content
        .groups_by_category()
        .into_iter()
        .flat_map(|(_, g)| g.into_iter().map(|g| french(&g.name)))
        .collect();
    assert_eq!(names, expected, "every group once, by category");
    let tips = all_text(&html, ".slide-tip h2");
    let expected: Vec<String> = content.tips.iter().map(|t| french(&t.title)).collect();
    assert_eq!(tips, expected);
    assert_eq!(
        all_text(&html, ".slide-announcement h2"),
        ["Assemblée générale"]
    );
    let slides: Vec<_> = html.select(&sel("#stage > .slide")).collect();
    assert!(slides.len() > 3, "every slide was found: {}", slides.len());
    for slide in slides {
        let seconds: u32 = slide.attr("data-seconds").unwrap().parse().unwrap();
        assert!(seconds >= 3, "a duration the script can use");
    }
}

#[tokio::test]
async fn no_groups_means_no_groups_slide_and_everything_off_still_shows_how_to_join() {
    let mut content = default_content();
    content.groups.clear();
    let html = page_of(&content).await;
    assert_eq!(html.select(&sel(".slide-groups")).count(), 0);
    assert_eq!(html.select(&sel(".slide-community")).count(), 1);

    content.slides.community.enabled = false;
    content.slides.groups.enabled = false;
    content.slides.tips.enabled = false;
    content.slides.announcements.enabled = false;
    let html = page_of(&content).await;
    let kinds: Vec<&str> = html
        .select(&sel("#stage > .slide"))
        .map(|s| s.attr("data-kind").unwrap())
        .collect();
    assert_eq!(kinds, ["community"]);
}

#[tokio::test]
async fn the_display_speaks_english_when_asked() {
    let mut content = default_content();
    content.display.language = Language::En;
    let html = page_of(&content).await;
    let en = catalogue(Language::En);
    let root = html.select(&sel("html")).next().unwrap();
    assert_eq!(root.attr("lang"), Some("en"));
    assert_eq!(
        all_text(&html, ".slide-groups h2")[0],
        en.say("groups_title")
    );
    assert_eq!(all_text(&html, "#corner-qr p")[0], en.say("scan_to_join"));
    assert!(all_text(&html, ".slide-tip .kicker")[0].starts_with(en.say("tip")));
    // The admin's own words stay as written; only the screen's own strings change.
    let fr = catalogue(Language::Fr);
    assert!(!html
        .html()
        .contains(fr.say("platforms.whatsapp_community.join_steps[1]")));
    assert_eq!(
        all_text(&html, ".steps li")[0],
        en.say("platforms.whatsapp_community.join_steps[0]")
    );
}

const HOSTILE: &str = "<script>alert(1)</script>";

#[tokio::test]
async fn hostile_text_in_every_field_is_shown_as_text_never_run() {
    let mut c = default_content();
    c.community.name = format!("Coop {HOSTILE}");
    c.community.call_to_action = format!("Rejoignez {HOSTILE}\" onmouseover=\"alert(2)");
    c.community.platform = Platform::Other;
    c.community.invite_link = "https://example.org/?q=\"><script>alert(3)</script>".into();
    for g in &mut c.groups {
        g.name = format!("{HOSTILE}{}", g.name.len());
        g.description = format!("<img src=x onerror=alert(4)>{HOSTILE}");
        g.category = format!("</h3>{HOSTILE}");
    }
    for t in &mut c.tips {
        t.title = format!("'\"><{HOSTILE}");
        t.text = format!("{HOSTILE}\n</p><iframe src=//evil>");
    }
    c.announcements = vec![Announcement {
        title: format!("{HOSTILE}</section>"),
        text: format!("{HOSTILE}<style>*{{display:none}}</style>"),
        image: None,
        ..Default::default()
    }];
    c.validate().expect("hostile but valid content");
    let html = page_of(&c).await;

    // The only script is the page's own file; no element came from the content.
    let scripts: Vec<ElementRef> = html.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0]
        .attr("src")
        .unwrap()
        .starts_with("/assets/display.js"));
    for tag in ["img", "iframe"] {
        assert_eq!(html.select(&sel(tag)).count(), 0, "no <{tag}>");
    }
    assert_eq!(
        html.select(&sel("style")).count(),
        1,
        "only the theme's style"
    );
    let elements: Vec<ElementRef> = html.select(&sel("*")).collect();
    assert!(elements.len() > 50, "the whole page was parsed");
    for el in elements {
        assert!(
            el.value().attrs().all(|(name, _)| !name.starts_with("on")),
            "no event handler attribute on <{}>",
            el.value().name()
        );
    }
    // And the text reads exactly as typed.
    assert_eq!(
        all_text(&html, ".slide-community h1"),
        [c.community.name.clone()]
    );
    assert_eq!(
        html.select(&sel("title")).next().map(text),
        Some(c.community.name.clone())
    );
    assert_eq!(
        all_text(&html, ".slide-community .cta"),
        [c.community.call_to_action.clone()]
    );
    let names = all_text(&html, ".group .name");
    assert_eq!(names.len(), c.groups.len());
    assert!(names.iter().all(|n| n.starts_with(HOSTILE)));
    // Each list is counted first, so that an empty selection cannot pass for a right one.
    let in_community = c.groups.iter().filter(|g| g.in_community).count();
    assert!(in_community > 0, "the content shows some descriptions");
    let descs = all_text(&html, ".group .desc:not(.pending):not(.with-status)");
    assert_eq!(descs.len(), in_community);
    assert!(descs.iter().all(|d| *d == c.groups[0].description));
    // A group not reachable yet keeps its description, its status below it.
    let waiting = all_text(&html, ".group .desc.with-status .desc-text");
    assert_eq!(waiting.len(), c.groups.len() - in_community);
    assert!(waiting.iter().all(|d| *d == c.groups[0].description));
    // One category, so one heading at the top of each column of groups.
    let headings = all_text(&html, ".row.category");
    let columns: usize = vitrine::display::paginate::paginate(&c)
        .iter()
        .map(Vec::len)
        .sum();
    assert_eq!(headings.len(), columns);
    assert!(headings
        .iter()
        .all(|h| h.starts_with(&c.groups[0].category)));
    let titles = all_text(&html, ".slide-tip h2");
    assert_eq!(titles.len(), c.tips.len());
    assert!(titles.iter().all(|t| *t == c.tips[0].title));
    let bodies = all_text(&html, ".slide-tip .body");
    assert_eq!(bodies.len(), c.tips.len());
    assert!(bodies.iter().all(|t| *t == c.tips[0].text));
    assert_eq!(
        all_text(&html, ".slide-announcement h2"),
        [c.announcements[0].title.clone()]
    );
    assert_eq!(
        all_text(&html, ".slide-announcement .body"),
        [c.announcements[0].text.clone()]
    );
    // The slides are all still there: nothing closed an element early.
    let expected_slides = 1 + vitrine::display::paginate::paginate(&c).len() + c.tips.len() + 1;
    assert_eq!(
        html.select(&sel("#stage > section.slide")).count(),
        expected_slides
    );
}

#[tokio::test]
async fn a_category_that_goes_on_in_another_column_says_so_at_the_top_of_it() {
    // One category longer than a column: every column after its first starts with its
    // heading marked "(suite)", the first one not; before the script lays them out again.
    let mut content = default_content();
    let category = content.groups[0].category.clone();
    let mut groups = Vec::new();
    for i in 0..3 * vitrine::display::paginate::ROWS_PER_COLUMN {
        let mut g = content.groups[0].clone();
        g.id.clear();
        g.name = format!("Groupe {i}");
        g.category = category.clone();
        groups.push(g);
    }
    content.groups = groups;
    let html = page_of(&content).await;
    let suite = catalogue(Language::Fr).say("continued");
    let columns: Vec<ElementRef> = html.select(&sel(".slide-groups .column")).collect();
    assert!(columns.len() > 2, "{} columns", columns.len());
    for (i, column) in columns.iter().enumerate() {
        let first = column.first_child().and_then(ElementRef::wrap).unwrap();
        assert!(first
            .value()
            .has_class("category", scraper::CaseSensitivity::CaseSensitive));
        let mark = first.select(&sel(".continued")).next().unwrap();
        assert_eq!(text(mark), format!("({suite})"));
        assert_eq!(
            mark.attr("hidden").is_none(),
            i > 0,
            "column {i}: marked as continued exactly when it is"
        );
    }
}

/// A text as the screen sets it in French (no-break spaces before ? ! : ; »).
fn french(text: &str) -> String {
    vitrine::i18n::typography::typeset(text, vitrine::content::ScreenLanguage::Fr)
}
