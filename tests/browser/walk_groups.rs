//! The groups on a phone (390×844) and a laptop (1366×768): the naming page's renames and the
//! groups list stay inside the screen with long names; a group goes to the top of its
//! category without a page load, the focus staying on it. (Without the script the same
//! buttons post their form: `tests/app/admin_order.rs`.) Screenshots stay in
//! `target/screenshots/walk-groups-*`.

use crate::common;

use crate::walk_layout::{outside, screenshots, set_up, SIZES};
use common::browser::Browser;
use common::TestServer;
use std::time::Duration;
use vitrine::content::default_content;

#[test]
fn the_renames_fit_a_phone_and_a_group_goes_to_the_top_without_a_page_load() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut content = default_content();
    // Names typed before the convention, long ones among them: each gets a proposal.
    content.groups[0].name = "Cuisinières et cuisiniers de la coopérative du quartier".into();
    content.groups[1].name = "Échanges de créneaux entre coopérateurs du samedi".into();
    content.groups[2].name = "Accueil".into();
    content.validate().expect("valid test content");
    let server = TestServer::start_with(&content);
    let page = browser.open(&format!("{}/admin", server.url), 1366, 768);
    set_up(&page, &server);
    for lang in ["fr", "en"] {
        for (w, h) in SIZES {
            page.resize(w, h);
            page.goto(&format!(
                "{}/admin/lang/{lang}?next=/admin/naming",
                server.url
            ));
            let out = outside(&page, "main .card");
            let rows: usize =
                page.eval("document.querySelectorAll('table.renames tbody tr').length");
            assert!(rows >= 3, "{lang} {w}x{h}: {rows} renames");
            assert!(
                out.problems.is_empty(),
                "{lang} {w}x{h}: {:?}",
                out.problems
            );
            page.eval::<bool>("(document.querySelector('table.renames').scrollIntoView(), true)");
            page.save_screenshot(
                screenshots().join(format!("walk-groups-naming-{lang}-{w}x{h}.png")),
            );
            page.goto(&format!("{}/admin/groups", server.url));
            let out = outside(&page, "li.item");
            assert_eq!(out.cards, content.groups.len(), "{lang} {w}x{h}");
            assert!(
                out.problems.is_empty(),
                "{lang} {w}x{h}: {:?}",
                out.problems
            );
            page.save_screenshot(
                screenshots().join(format!("walk-groups-list-{lang}-{w}x{h}.png")),
            );
        }
    }

    // On the phone, in French: the last group of the first category of three or more to its top.
    page.goto(&format!("{}/admin/lang/fr?next=/admin/groups", server.url));
    let (category, last): (usize, String) = page.eval(
        "(() => { const sections = [...document.querySelectorAll('section.category')];
            const k = sections.findIndex((s) => s.querySelectorAll('.item').length >= 3);
            const items = sections[k].querySelectorAll('.item .item-title');
            window.stillThisPage = true;
            return [k, items[items.length - 1].textContent]; })()",
    );
    page.eval::<bool>(&format!(
        "(() => {{ const items = document.querySelectorAll('section.category')[{category}].querySelectorAll('.item');
            items[items.length - 1].querySelector('form.reorder[data-dir=top] button').click(); return true; }})()"
    ));
    let first: String = page.wait_for(
        &format!(
            "(() => {{ const t = document.querySelectorAll('section.category')[{category}].querySelector('.item .item-title').textContent;
                return t === {last:?} ? t : null; }})()"
        ),
        Duration::from_secs(10),
    );
    assert_eq!(first, last);
    let (same_page, focused): (bool, String) = page.eval(
        "[window.stillThisPage === true, document.activeElement.closest('.item')?.querySelector('.item-title')?.textContent || '']",
    );
    assert!(same_page, "moved without a page load");
    assert_eq!(focused, last, "the focus stays on the group moved");
    let saved = server.store.current();
    let in_category: Vec<&str> = saved
        .content
        .groups_by_category()
        .into_iter()
        .nth(category)
        .map(|(_, gs)| gs.iter().map(|g| g.name.as_str()).collect())
        .unwrap();
    assert_eq!(in_category[0], last, "saved: {in_category:?}");
    page.save_screenshot(screenshots().join("walk-groups-moved-390x844.png"));
}
