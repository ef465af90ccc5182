//! The till poster and the printed guide: the routes, and what actually comes out of a printer.
//!
//! The browser tests print with Debian's chromium (`--print-to-pdf`) and read the PDF back with
//! poppler (`pdfinfo`, `pdftotext`, `pdftoppm`) and zbar (`zbarimg`); when one of those tools
//! is absent they fail under CI, and elsewhere skip, saying why.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::browser::Browser;
use common::paper::{
    appears, decode_qr, fill_of, first_page_png, out_dir, page_count, page_text, page_texts,
    print_to_pdf, print_with_fonts, printing_tools, qr_width_mm, raster, run,
};
use common::TestServer;
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use tower::ServiceExt;
use vitrine::content::{default_content, Content, Group, ScreenLanguage as Language};
use vitrine::store::Store;
use vitrine::AppState;

/// A real invitation link, different from the example shipped with vitrine.
const LINK: &str = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";

const TOPICS: [&str; 10] = [
    "Échanges de créneaux",
    "Accueil des nouveaux",
    "Produits et fournisseurs",
    "Commandes groupées",
    "Covoiturage",
    "Bricolage",
    "Anti-gaspi",
    "Sorties et événements",
    "Jardin partagé",
    "Garde d'enfants",
];
const DESCRIPTIONS: [&str; 5] = [
    "Les informations officielles de la coop, en lecture seule",
    "Proposer ou reprendre un créneau de service",
    "Vos premières questions, un parrain pour vos débuts",
    "Prêter, donner, demander un coup de main",
    "Suggestions, retours, nouveaux producteurs",
];
const CATEGORIES: [&str; 8] = [
    "Vie de la coop",
    "Entraide",
    "Produits",
    "Autour de la coop",
    "Loisirs",
    "Quartier",
    "Famille",
    "Commissions",
];

/// Otsokop's content with `n` realistic groups in eight categories and a real link.
/// Every name ends with a two-digit number, so no name is part of another.
fn with_groups(n: usize) -> Content {
    let mut c = default_content();
    c.community.invite_link = LINK.to_owned();
    c.groups = (0..n)
        .map(|i| Group {
            name: format!("Otsokop · {} n°{:02}", TOPICS[i % TOPICS.len()], i + 1),
            description: DESCRIPTIONS[i % DESCRIPTIONS.len()].to_owned(),
            category: CATEGORIES[i * CATEGORIES.len() / n].to_owned(),
            link: None,
            in_community: i % 7 != 3,
            next: None,
            translations: Default::default(),
            ..Default::default()
        })
        .collect();
    c.validate().expect("test content is valid");
    c
}

// ---------- Routes, without a socket ----------

fn app_with(content: &Content) -> (axum::Router, tempfile::TempDir) {
    let (dir, state) = common::oneshot::fresh_with(content);
    (vitrine::app(state), dir)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

#[tokio::test]
async fn poster_and_guide_are_html_pages_with_their_stylesheet_and_no_inline_code_but_their_colours(
) {
    let (app, _dir) = app_with(&default_content());
    for uri in ["/poster", "/guide"] {
        let (status, headers, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"));
        assert!(!csp.contains("script-src 'self' 'sha256"), "{csp}");
        let html = Html::parse_document(&body);
        let links: Vec<_> = html
            .select(&Selector::parse("link[rel=stylesheet]").unwrap())
            .map(|e| e.value().attr("href").unwrap().to_owned())
            .collect();
        assert_eq!(links.len(), 1);
        assert!(links[0].starts_with("/assets/print.css?v="), "{links:?}");
        // The strict CSP blocks inline styles and scripts but the one block of the coop's
        // colours, which it names by hash.
        let styles: Vec<String> = html
            .select(&Selector::parse("style").unwrap())
            .map(|e| e.inner_html())
            .collect();
        assert_eq!(styles.len(), 1, "{uri}");
        assert!(styles[0].contains("--accent:#f6c343"), "{styles:?}");
        let hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&styles[0]))
        };
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
        let inline_scripts = html
            .select(&Selector::parse("script").unwrap())
            .filter(|s| s.value().attr("src").is_none())
            .count();
        assert_eq!(inline_scripts, 0, "{uri}: inline <script>");
        assert!(html
            .select(&Selector::parse("[style]").unwrap())
            .next()
            .is_none());
        // Nothing comes from another machine.
        assert!(!body.contains("//fonts."), "{uri}");
        let (status, _, css) = get(&app, &links[0]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(css.contains("@page poster") && css.contains("size: A4 portrait"));
        assert!(!css.contains("url(http"));
    }
}

#[tokio::test]
async fn the_poster_shows_the_qr_code_the_steps_and_every_group() {
    let content = default_content();
    let (app, _dir) = app_with(&content);
    let (_, _, body) = get(&app, "/poster").await;
    let html = Html::parse_document(&body);
    assert_eq!(texts(&html, "h1"), [content.community.name.as_str()]);
    assert_eq!(
        texts(&html, ".cta"),
        [content.community.call_to_action.as_str()]
    );
    let steps = texts(&html, ".steps li");
    assert_eq!(steps.len(), 3);
    assert!(steps[1].contains("WhatsApp"), "{steps:?}");
    assert_eq!(
        html.select(&Selector::parse(".poster-qr svg").unwrap())
            .count(),
        1
    );
    let names = texts(&html, ".group .name");
    let expected: Vec<_> = content
        .groups_by_category()
        .into_iter()
        .flat_map(|(_, gs)| gs.into_iter().map(|g| g.name.clone()))
        .collect();
    assert_eq!(names, expected);
    // The example link is still in place: the page says so on screen.
    assert_eq!(texts(&html, ".print-bar .warning").len(), 1);
}

#[tokio::test]
async fn eighty_groups_continue_on_a_second_page_with_its_heading() {
    let content = with_groups(80);
    let (app, _dir) = app_with(&content);
    let (_, _, body) = get(&app, "/poster").await;
    let html = Html::parse_document(&body);
    assert_eq!(
        texts(&html, ".poster-groups h2"),
        ["Les groupes", "Les groupes (suite)"]
    );
    assert_eq!(texts(&html, ".poster-groups.continued").len(), 1);
    let names = texts(&html, ".group .name");
    let expected: Vec<_> = content.groups.iter().map(|g| g.name.clone()).collect();
    assert_eq!(names, expected, "every group, once, in order");
    // Every heading shares its block with a group.
    let h3 = Selector::parse("h3.category").unwrap();
    let group = Selector::parse(".group").unwrap();
    for block in keep_blocks(&html) {
        assert_eq!(block.select(&h3).count(), 1);
        assert_eq!(block.select(&group).count(), 1);
    }
    // No example-link warning once the link is a real one.
    assert!(texts(&html, ".print-bar .warning").is_empty());
}

#[tokio::test]
async fn pages_follow_the_display_language() {
    let mut content = default_content();
    content.display.language = Language::En;
    let (app, _dir) = app_with(&content);
    let (_, _, poster) = get(&app, "/poster").await;
    let poster = Html::parse_document(&poster);
    assert_eq!(texts(&poster, ".poster-groups h2"), ["Our groups"]);
    assert_eq!(texts(&poster, "#print-button"), ["Print"]);
    let (_, _, guide) = get(&app, "/guide").await;
    assert!(guide.contains("<html lang=\"en\""));
    let guide = Html::parse_document(&guide);
    let h2 = texts(&guide, "h2");
    assert!(h2.contains(&"Ask to join a group".to_owned()), "{h2:?}");
    assert!(h2.contains(&"Privacy and platform".to_owned()), "{h2:?}");

    let (app, _dir) = app_with(&default_content());
    let (_, _, guide) = get(&app, "/guide").await;
    assert!(guide.contains("<html lang=\"fr\""));
    let h2 = texts(&Html::parse_document(&guide), "h2");
    assert!(
        h2.contains(&"Demander à rejoindre un groupe".to_owned()),
        "{h2:?}"
    );
}

#[tokio::test]
async fn hostile_text_is_shown_as_text() {
    let mut content = default_content();
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    content.groups[0].name = hostile.to_owned();
    content.groups[1].description = "\"><b>gras</b>".to_owned();
    content.groups[1].category = "<i>cat</i>".to_owned();
    content.community.name = "A & B <style>".to_owned();
    content.tips[0].title = "</h3><script>x</script>".to_owned();
    let (app, _dir) = app_with(&content);
    for uri in ["/poster", "/guide"] {
        let (_, _, body) = get(&app, uri).await;
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{uri}"
        );
        let html = Html::parse_document(&body);
        // Our one script file, and nothing else made of markup from the content.
        assert_eq!(html.select(&Selector::parse("script").unwrap()).count(), 1);
        assert!(html
            .select(&Selector::parse("img, b, i, body style").unwrap())
            .next()
            .is_none());
        assert!(texts(&html, ".group .name").contains(&hostile.to_owned()));
        assert_eq!(texts(&html, "h1"), ["A & B <style>"]);
    }
}

#[tokio::test]
async fn an_unchanged_page_answers_304_and_a_change_gives_a_new_etag() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (state, _shutdown) = AppState::new(store);
    let store = state.store.clone();
    let app = vitrine::app(state);
    for uri in ["/poster", "/guide"] {
        let (_, headers, _) = get(&app, uri).await;
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        let again = app
            .clone()
            .oneshot(
                Request::get(uri)
                    .header(header::IF_NONE_MATCH, &etag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{uri}");
        let current = store.current();
        let mut content = current.content.clone();
        content.community.name = format!("Otsokop {uri}");
        store.save(content, &current.etag, "test").await.unwrap();
        let (status, headers, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK);
        assert_ne!(headers[header::ETAG].to_str().unwrap(), etag);
        assert!(body.contains(&format!("Otsokop {uri}")));
    }
}

// ---------- On paper: chromium prints, poppler and zbar read (common/paper.rs) ----------

/// Checks the printed poster: the QR code scans to `link` and is big (above 8 cm; 6 cm when
/// two languages share the room beside it); returns the page texts.
fn check_poster(server: &TestServer, name: &str, link: &str) -> Vec<String> {
    let pdf = print_to_pdf(&format!("{}/poster", server.url), name);
    let png = first_page_png(&pdf);
    assert_eq!(decode_qr(&png), link, "the printed QR code of {name}");
    let two = server
        .store
        .current()
        .content
        .display
        .second_language
        .is_some();
    let least = if two { 60.0 } else { 80.0 };
    let width = qr_width_mm(&png);
    assert!(width >= least, "{name}: QR code only {width:.1} mm wide");
    page_texts(&pdf)
}

#[test]
fn the_default_poster_is_one_page_whose_qr_code_scans() {
    if !printing_tools() {
        return;
    }
    let server = TestServer::start();
    let content = server.store.current().content.clone();
    let pages = check_poster(&server, "poster-default", &content.community.invite_link);
    assert_eq!(pages.len(), 1);
    for g in &content.groups {
        assert!(
            appears(&pages[0], &g.name.to_lowercase()),
            "{} missing",
            g.name
        );
    }
}

#[test]
fn forty_groups_still_fit_on_one_page() {
    if !printing_tools() {
        return;
    }
    let content = with_groups(40);
    let server = TestServer::start_with(&content);
    let pages = check_poster(&server, "poster-40", LINK);
    assert_eq!(pages.len(), 1, "40 groups must fit on one A4 page");
    for g in &content.groups {
        assert!(
            appears(&pages[0], &g.name.to_lowercase()),
            "{} missing",
            g.name
        );
    }
    // One page: no second "groups" title (a category may still go on in the next column).
    assert!(!pages[0].contains("les groupes (suite)"));
}

#[test]
fn forty_groups_fit_on_one_page_even_with_only_dejavu_fonts() {
    // A Linux machine without Arial or its metric twins falls back on DejaVu Sans, wider;
    // the stylesheet narrows it so that the page plan still holds.
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    if !printing_tools() {
        return;
    }
    if !dejavu.is_dir() {
        common::tool_missing(&format!(
            "{} absent (apt-get install fonts-dejavu-core)",
            dejavu.display()
        ));
        return;
    }
    let content = with_groups(40);
    let server = TestServer::start_with(&content);
    let pdf = print_with_fonts(
        &format!("{}/poster", server.url),
        "poster-40-dejavu",
        Some(dejavu),
    );
    let fonts = String::from_utf8(run(
        Command::new("pdffonts").arg(&pdf),
        Duration::from_secs(30),
    ))
    .unwrap();
    assert!(
        fonts.contains("DejaVuSans") && !fonts.contains("Liberation"),
        "{fonts}"
    );
    let pages = page_texts(&pdf);
    assert_eq!(
        pages.len(),
        1,
        "40 groups must fit on one page in DejaVu Sans too"
    );
    for g in &content.groups {
        assert!(
            appears(&pages[0], &g.name.to_lowercase()),
            "{} missing",
            g.name
        );
    }
    assert_eq!(decode_qr(&first_page_png(&pdf)), LINK);
}

#[test]
fn eighty_groups_take_two_pages_and_no_group_is_cut() {
    if !printing_tools() {
        return;
    }
    let content = with_groups(80);
    let server = TestServer::start_with(&content);
    let pages = check_poster(&server, "poster-80", LINK);
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("les groupes") && !pages[0].contains("les groupes (suite)"));
    assert!(
        pages[1].starts_with("les groupes (suite)"),
        "page 2 opens with its heading: {}",
        &pages[1][..80.min(pages[1].len())]
    );
    // Each group, name and description, lies whole on exactly one page.
    for g in &content.groups {
        let name = g.name.to_lowercase();
        let on: Vec<_> = (0..2).filter(|&p| appears(&pages[p], &name)).collect();
        assert_eq!(on.len(), 1, "{} is on pages {on:?}", g.name);
        let page = &pages[on[0]];
        let start = page.find(&name).unwrap() + name.len();
        let note = if g.in_community {
            g.description.to_lowercase()
        } else {
            "bientôt dans la communauté".to_owned()
        };
        assert!(
            page[start..].trim_start().starts_with(&note),
            "{}: its description does not follow it on the same page",
            g.name
        );
    }
    // Each category heading sits on the page of its first group there.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (app, _dir) = app_with(&content);
    let (_, _, html) = runtime.block_on(get(&app, "/poster"));
    let html = Html::parse_document(&html);
    for block in keep_blocks(&html) {
        let heading = texts_in(&block, "h3").to_lowercase();
        let first = texts_in(&block, ".name").to_lowercase();
        let page = pages.iter().find(|p| appears(p, &first)).unwrap();
        let at = page.find(&first).unwrap();
        assert!(
            page[..at].trim_end().ends_with(&heading),
            "heading {heading:?} is not right above {first:?}"
        );
    }
}

#[test]
fn the_guide_prints_with_every_group_whole_and_reads_on_a_phone() {
    if !printing_tools() {
        return;
    }
    let content = with_groups(40);
    let server = TestServer::start_with(&content);
    let pdf = print_to_pdf(&format!("{}/guide", server.url), "guide-40");
    let pages = page_texts(&pdf);
    assert!((1..=6).contains(&pages.len()), "{} pages", pages.len());
    for g in &content.groups {
        let name = g.name.to_lowercase();
        let on = pages.iter().filter(|p| appears(p, &name)).count();
        assert_eq!(on, 1, "{} is on {on} pages", g.name);
    }
    for tip in &content.tips {
        assert!(pages.iter().any(|p| p.contains(&tip.title.to_lowercase())));
    }
    // The screen-only parts (print button, invitation button) stay off paper.
    assert!(!pages[0].contains("imprimer"));
    assert!(!pages[0].contains("ouvrir le lien d'invitation"));

    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open(&format!("{}/guide", server.url), 390, 844);
    let widths: (u32, u32) = page.eval("[document.documentElement.scrollWidth, innerWidth]");
    assert!(
        widths.0 <= widths.1,
        "the guide scrolls sideways on a phone: {widths:?}"
    );
    let button: (f64, String) = page.eval(
        "(() => { const a = document.querySelector('a.button'); \
         return [a.getBoundingClientRect().width, a.getAttribute('href')]; })()",
    );
    assert!(
        button.0 > 300.0,
        "the join button spans the phone: {button:?}"
    );
    assert_eq!(button.1, LINK);
    let body_px: f64 =
        page.eval("parseFloat(getComputedStyle(document.querySelector('.guide-doc')).fontSize)");
    assert!(body_px >= 16.0, "text is readable on a phone: {body_px}px");
    page.save_screenshot(out_dir().join("guide-phone.png"));
}

/// The poster's blocks that keep a category heading with its first group, one per heading:
/// counted before anything is checked in them, so that a poster without them fails.
fn keep_blocks(html: &Html) -> Vec<scraper::ElementRef<'_>> {
    let blocks: Vec<_> = html.select(&Selector::parse(".keep").unwrap()).collect();
    let headings = html
        .select(&Selector::parse("h3.category").unwrap())
        .count();
    assert!(headings > 0, "the poster shows no category heading");
    assert_eq!(
        blocks.len(),
        headings,
        "each category heading is in one block with its first group"
    );
    blocks
}

fn texts_in(element: &scraper::ElementRef<'_>, selector: &str) -> String {
    element
        .select(&Selector::parse(selector).unwrap())
        .next()
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .unwrap_or_default()
}

#[test]
fn the_longest_texts_allowed_still_give_one_heading_per_printed_page() {
    if !printing_tools() {
        return;
    }
    // Every name, description, category and call to action at its maximum length, in one
    // language and in two: the page plan must still hold, with no page the browser had to add
    // on its own.
    let french = common::content_with_groups(60, 8, true);
    let both = common::slides::in_basque(
        french.clone(),
        vitrine::content::BilingualLayout::SideBySide,
        true,
    );
    for (name, content) in [
        ("poster-longest", french),
        ("poster-longest-bilingual", both),
    ] {
        let server = TestServer::start_with(&content);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (app, _dir) = app_with(&content);
        let (_, _, html) = runtime.block_on(get(&app, "/poster"));
        let planned = texts(&Html::parse_document(&html), ".poster-groups h2").len();
        assert!(planned >= 2, "{name}: long texts need more than one page");
        let pages = check_poster(&server, name, &content.community.invite_link);
        assert_eq!(
            pages.len(),
            planned,
            "{name}: the browser added pages of its own"
        );
        for (n, page) in pages.iter().enumerate().skip(1) {
            assert!(page.starts_with("les groupes"), "{name}: page {}", n + 1);
            assert!(page.contains("(suite)"), "{name}: page {}", n + 1);
        }
    }
}

#[tokio::test]
async fn the_guide_tells_what_the_chosen_platform_does_with_data() {
    let (app, _dir) = app_with(&default_content());
    let (_, _, body) = get(&app, "/guide").await;
    let privacy = texts(&Html::parse_document(&body), ".guide-privacy p").join(" ");
    assert!(privacy.contains("Meta"), "{privacy}");

    let mut content = default_content();
    content.community.platform = vitrine::content::Platform::Signal;
    content.community.link_kind = vitrine::content::LinkKind::Group;
    // A Signal group link whose fragment decodes: a 32-byte key and a 16-byte password.
    content.community.invite_link = {
        use base64::Engine;
        let mut inner = vec![0x0a, 32];
        inner.extend([7u8; 32]);
        inner.extend([0x12, 16]);
        inner.extend([9u8; 16]);
        let mut link = vec![0x0a, inner.len() as u8];
        link.extend(inner);
        format!(
            "https://signal.group/#{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(link)
        )
    };
    let (app, _dir) = app_with(&content);
    let (_, _, body) = get(&app, "/guide").await;
    let html = Html::parse_document(&body);
    let privacy = texts(&html, ".guide-privacy p").join(" ");
    assert!(
        privacy.contains("Signal") && !privacy.contains("Meta"),
        "{privacy}"
    );
    let ask = texts(&html, ".guide-ask li").join(" ");
    assert!(ask.contains("Signal n'a pas de communautés"), "{ask}");
    assert!(!body.contains("WhatsApp"), "no word of the former platform");
}

#[tokio::test]
async fn without_groups_both_pages_say_they_are_coming() {
    let mut content = default_content();
    content.groups.clear();
    content.tips.clear();
    content.community.platform = vitrine::content::Platform::Other;
    content.community.invite_link = "https://example.org/rejoindre".into();
    let (app, _dir) = app_with(&content);
    for uri in ["/poster", "/guide"] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("Les groupes arrivent bientôt"), "{uri}");
        let html = Html::parse_document(&body);
        assert!(texts(&html, ".group").is_empty(), "{uri}");
        // A platform without a name is called by what it is, never by a dash.
        let steps = texts(&html, ".steps li").join(" ");
        assert!(
            steps.contains("l'application de messagerie"),
            "{uri}: {steps}"
        );
        assert!(!steps.contains('—'), "{uri}: {steps}");
    }
}

// ---------- Two languages, the coop's look, and a page that is full ----------

/// `with_groups(n)` in French and Basque side by side, the Basque call to action and every
/// group's description and category translated.
fn bilingual(n: usize) -> Content {
    common::slides::in_basque(
        with_groups(n),
        vitrine::content::BilingualLayout::SideBySide,
        false,
    )
}

#[test]
fn forty_bilingual_groups_print_on_one_page_whose_qr_code_scans() {
    if !printing_tools() {
        return;
    }
    let content = bilingual(40);
    let server = TestServer::start_with(&content);
    let pages = check_poster(&server, "poster-40-bilingual", LINK);
    assert_eq!(
        pages.len(),
        1,
        "40 groups in two languages must fit on one A4 page"
    );
    let page = &pages[0];
    let eu = vitrine::i18n::catalogue(Language::Eu);
    let fr = vitrine::i18n::catalogue(Language::Fr);
    for steps in [
        [fr.say("platforms.whatsapp_community.join_steps[0]")],
        [eu.say("platforms.whatsapp_community.join_steps[0]")],
    ] {
        let first_words: String = steps[0].split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            page.contains(&first_words.to_lowercase()),
            "{first_words:?} not printed"
        );
    }
    assert!(page.contains("eskaneatu kooperatibako taldeetan sartzeko"));
    assert!(page.contains("les groupes") && page.contains("taldeak"));
    for (i, g) in content.groups.iter().enumerate() {
        assert!(appears(page, &g.name.to_lowercase()), "{} missing", g.name);
        if g.in_community {
            assert!(
                page.contains(&format!("{i}. taldearen deskribapena")),
                "group {i}'s Basque"
            );
        }
    }
}

#[test]
fn the_poster_fills_its_page_from_title_to_foot_whatever_the_number_of_groups() {
    if !printing_tools() {
        return;
    }
    for (n, two) in [
        (1, false),
        (3, false),
        (12, false),
        (40, false),
        (3, true),
        (12, true),
        (40, true),
    ] {
        let content = if two { bilingual(n) } else { with_groups(n) };
        let server = TestServer::start_with(&content);
        let name = format!("poster-fill-{n}{}", if two { "-bilingual" } else { "" });
        let pdf = print_to_pdf(&format!("{}/poster", server.url), &name);
        assert_eq!(page_count(&pdf), 1, "{name}");
        let (lowest, gap) = fill_of(&first_page_png(&pdf));
        eprintln!(
            "{name}: ink down to {:.1}% of the page, largest blank band {:.1}%",
            lowest * 100.0,
            gap * 100.0
        );
        // The page box is 297 mm with 10 mm margins: the foot sits on the bottom margin.
        assert!(
            lowest > 0.9,
            "{name}: the ink stops at {:.0}% of the page",
            lowest * 100.0
        );
        assert!(
            gap < 0.15,
            "{name}: a blank band of {:.0}% of the page",
            gap * 100.0
        );
    }
}

#[test]
fn the_coops_logo_and_accent_colour_are_printed_and_no_dark_page() {
    if !printing_tools() {
        return;
    }
    // A logo in a blue of its own, and a dark red accent.
    let blue = [0x10, 0x40, 0xe0];
    let mut logo = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut logo, 300, 120);
        enc.set_color(png::ColorType::Rgb);
        let mut writer = enc.write_header().unwrap();
        writer.write_image_data(&blue.repeat(300 * 120)).unwrap();
    }
    use sha2::Digest;
    let name = format!("{:x}.png", sha2::Sha256::digest(&logo));
    // In two languages, Basque first, the community's name translated too.
    let mut content = bilingual(12);
    content.display.second_language.as_mut().unwrap().first = true;
    content
        .community
        .translations
        .get_mut(&Language::Eu)
        .unwrap()
        .name = "Otsokop komunitatea".into();
    content.display.theme.accent = "#b0103a".into();
    content.display.theme.logo = Some(name.clone());
    let server = TestServer::start_with(&content);
    let media = server.data_dir().join("media");
    std::fs::create_dir_all(&media).unwrap();
    std::fs::write(media.join(&name), &logo).unwrap();
    let pdf = print_to_pdf(&format!("{}/poster", server.url), "poster-logo");
    assert_eq!(page_count(&pdf), 1);
    let title = page_text(&pdf, 1);
    assert!(
        title.starts_with("otsokop komunitatea communauté otsokop"),
        "both names, Basque first: {}",
        &title[..60]
    );
    let r = raster(&first_page_png(&pdf));
    let top = 0..(r.height * 15 / 100);
    assert!(
        r.count_near(blue, 30, top.clone()) > 2_000,
        "the logo is not at the top of the poster"
    );
    assert!(
        r.count_near([0xb0, 0x10, 0x3a], 30, 0..r.height) > 5_000,
        "the accent colour is not printed"
    );
    // Paper stays white: most of the page is not ink.
    let light = r.rgb.iter().filter(|p| p.iter().all(|&c| c > 200)).count();
    assert!(
        light * 10 > r.rgb.len() * 6,
        "a dark page: {light} light pixels of {}",
        r.rgb.len()
    );
}

#[test]
fn a_category_that_goes_on_in_the_next_column_says_so_on_paper() {
    if !printing_tools() {
        return;
    }
    let mut content = bilingual(40);
    for g in &mut content.groups {
        g.category = "Vie de la coop".into();
        g.translations.get_mut(&Language::Eu).unwrap().category = "Koopeko bizitza".into();
    }
    let server = TestServer::start_with(&content);
    let pages = check_poster(&server, "poster-one-category", LINK);
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (app, _dir) = app_with(&content);
    let (_, _, html) = runtime.block_on(get(&app, "/poster"));
    let html = Html::parse_document(&html);
    let headings = texts(&html, "h3.category");
    assert!(headings.len() >= 2, "{headings:?}");
    for (i, h) in headings.iter().enumerate() {
        assert_eq!(
            h.contains("(suite)") && h.contains("(jarraipena)"),
            i > 0,
            "{headings:?}"
        );
    }
    // On paper, each heading sits right above the first group of its column.
    for block in keep_blocks(&html) {
        let heading = texts_in(&block, "h3").to_lowercase();
        let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
        let first = texts_in(&block, ".name").to_lowercase();
        let at = page.find(&first).unwrap();
        assert!(
            page[..at].trim_end().ends_with(&heading),
            "heading {heading:?} is not right above {first:?}"
        );
    }
}

#[tokio::test]
async fn the_poster_gives_both_languages_the_same_room_in_the_chosen_order() {
    let mut content = bilingual(12);
    // One group without its translation: its French alone.
    content.groups[0].translations.clear();
    for first in [false, true] {
        content.display.second_language.as_mut().unwrap().first = first;
        let (app, _dir) = app_with(&content);
        let (_, _, body) = get(&app, "/poster").await;
        let html = Html::parse_document(&body);
        let langs: Vec<String> = html
            .select(&Selector::parse(".poster-join .voice").unwrap())
            .map(|e| e.value().attr("lang").unwrap().to_owned())
            .collect();
        let want = if first { ["eu", "fr"] } else { ["fr", "eu"] };
        assert_eq!(langs, want);
        let groups: Vec<_> = html.select(&Selector::parse(".group").unwrap()).collect();
        let langs_of = |g: &scraper::ElementRef<'_>| -> Vec<String> {
            g.select(&Selector::parse(".desc").unwrap())
                .map(|d| d.value().attr("lang").unwrap().to_owned())
                .collect()
        };
        assert_eq!(langs_of(&groups[0]), ["fr"], "untranslated: French alone");
        assert_eq!(langs_of(&groups[1]), want);
        // The steps in both languages.
        assert_eq!(texts(&html, ".poster-join .voice li").len(), 6);
        assert_eq!(texts(&html, ".poster-join .cta").len(), 2);
    }
}

#[test]
fn both_languages_are_printed_in_the_same_type_size_and_colour() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = TestServer::start_with(&bilingual(12));
    let page = browser.open(&format!("{}/poster", server.url), 1000, 1400);
    let styles: Vec<Vec<String>> = page.eval(
        "['.poster-join .voice[lang=fr] li', '.poster-join .voice[lang=eu] li', \
          '.poster-join .voice[lang=fr] .cta', '.poster-join .voice[lang=eu] .cta', \
          '.group .desc[lang=fr]', '.group .desc[lang=eu]', \
          'h3.category span[lang=fr]', 'h3.category span[lang=eu]'].map(s => { \
            const e = document.querySelector(s); const c = getComputedStyle(e); \
            return [c.fontFamily, c.fontSize, c.fontWeight, c.fontStyle, c.color]; })",
    );
    for pair in styles.chunks(2) {
        assert_eq!(pair[0], pair[1], "French and Basque are set differently");
    }
}

#[test]
fn the_guide_never_cuts_a_category_so_its_heading_is_always_above_its_groups() {
    if !printing_tools() {
        return;
    }
    let content = bilingual(40);
    let server = TestServer::start_with(&content);
    let pdf = print_to_pdf(&format!("{}/guide", server.url), "guide-40-bilingual");
    let pages = page_texts(&pdf);
    let primary = pages
        .iter()
        .position(|p| p.contains("taldeak"))
        .expect("the guide goes on in Basque");
    // In the French guide (the pages before the Basque one), a category's heading and all its
    // groups are on one page.
    for (category, groups) in content.groups_by_category() {
        let heading = category.to_lowercase();
        let on: Vec<usize> = groups
            .iter()
            .map(|g| {
                (0..primary)
                    .find(|&p| appears(&pages[p], &g.name.to_lowercase()))
                    .unwrap_or_else(|| panic!("{} missing in French", g.name))
            })
            .collect();
        assert!(
            on.iter().all(|&p| p == on[0]),
            "{category} is cut: pages {on:?}"
        );
        assert!(
            pages[on[0]].contains(&heading),
            "{category}'s heading is not on page {}",
            on[0] + 1
        );
    }
    let Some(browser) = Browser::launch() else {
        return;
    };
    for width in [1280, 390] {
        let page = browser.open(&format!("{}/guide", server.url), width, 900);
        let cut: Vec<String> = page.eval(
            "[...document.querySelectorAll('.category-block')] \
             .filter(b => b.getClientRects().length !== 1) \
             .map(b => b.querySelector('h3').textContent)",
        );
        let blocks: usize = page.eval("document.querySelectorAll('.category-block').length");
        assert_eq!(blocks, 16, "eight categories, in each language");
        assert!(cut.is_empty(), "{width}px: cut between columns: {cut:?}");
    }
}
