//! Conflicts at the level of the item (or of the fields a settings page edits): a save applies
//! when what it edits has not changed since its form was opened, whatever else changed; when
//! it has, the page shows both versions side by side (keep mine, take theirs, or edit), and
//! nothing is ever overwritten silently.

use crate::common;

use axum::http::StatusCode;
use common::admin::{at, id_in, AdminPage, Volunteer};

#[tokio::test]
async fn a_change_elsewhere_does_not_block_a_save() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let form = alice.get(&at("tips", 1)).await;

    // Bob renames a group, then edits another tip.
    let group = bob.get(&at("groups", 0)).await;
    let mut fields: Vec<(String, String)> = ["name", "category", "description", "link"]
        .iter()
        .map(|n| (n.to_string(), group.field_value(n)))
        .collect();
    fields[0].1 = "Otsokop · Renommé par Bob".into();
    fields.push(("etag".into(), group.etag()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        bob.post(&at("groups", 0), &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let tip2 = bob.get(&at("tips", 2)).await;
    let r = bob
        .post(
            &at("tips", 2),
            &[("etag", &tip2.etag()), ("title", "Par Bob"), ("text", "b")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // Alice's tip, opened before both, still saves; Bob's work stays.
    let r = alice
        .post(
            &at("tips", 1),
            &[
                ("etag", &form.etag()),
                ("title", "Par Alice"),
                ("text", "a"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    assert_eq!(c.tips[1].title, "Par Alice");
    assert_eq!(c.tips[2].title, "Par Bob");
    assert_eq!(c.groups[0].name, "Otsokop · Renommé par Bob");
}

#[tokio::test]
async fn a_save_follows_its_item_when_others_moved_or_deleted_around_it() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let before = alice.content();
    let form = alice.get(&at("tips", 2)).await;
    let list = bob.get("/admin/tips").await;
    let r = bob
        .post(
            &format!("{}/delete", at("tips", 0)),
            &[("etag", &list.etag_at(&format!("{}/delete", at("tips", 0))))],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Tip 2 is now tip 1: Alice's save lands on it, not on its new neighbour.
    let r = alice
        .post(
            &at("tips", 2),
            &[
                ("etag", &form.etag()),
                ("title", "Par Alice"),
                ("text", "a"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    assert_eq!(c.tips.len(), before.tips.len() - 1);
    assert_eq!(c.tips[1].title, "Par Alice");
    assert_eq!(c.tips[0], before.tips[1]);
    assert_eq!(&c.tips[2..], &before.tips[3..]);

    // A move clicked on the old list moves the item it was clicked on.
    let target = before.tips[3].clone();
    let r = alice
        .post(
            &format!("{}/move", at("tips", 3)),
            &[
                ("etag", &list.etag_at(&format!("{}/move", at("tips", 3)))),
                ("dir", "up"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let c = alice.content();
    assert_eq!(c.tips[1], target, "{:?}", c.tips);
}

#[tokio::test]
async fn the_same_item_changed_shows_both_versions_and_overwrites_nothing() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let alice_form = alice.get(&at("tips", 1)).await;
    let bob_form = bob.get(&at("tips", 1)).await;
    let r = bob
        .post(
            &at("tips", 1),
            &[
                ("etag", &bob_form.etag()),
                ("title", "Le titre de Bob"),
                ("text", "Le texte de Bob"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after_bob = alice.content();

    let mine = [
        ("title", "Le titre d'Alice"),
        ("text", "Le texte d'Alice, long et soigné"),
    ];
    let mut fields = vec![("etag", alice_form.etag())];
    fields.extend(mine.iter().map(|(k, v)| (*k, v.to_string())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = alice.post(&at("tips", 1), &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    // Both versions, side by side, each saying whose it is.
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    assert!(
        mine_shown.contains("Le texte d'Alice, long et soigné"),
        "{mine_shown}"
    );
    assert!(!mine_shown.contains("Bob"), "{mine_shown}");
    assert!(theirs_shown.contains("Le texte de Bob"), "{theirs_shown}");
    assert!(theirs_shown.contains("Le titre de Bob"), "{theirs_shown}");
    assert!(r.texts(".conflict").join(" ").contains("Bob"));
    // Take theirs: the form as it is now. Keep mine: the form below, holding mine.
    assert_eq!(r.attrs(".conflict a.take-theirs", "href"), [at("tips", 1)]);
    assert_eq!(r.attrs(".conflict button.keep-mine", "form"), ["item-form"]);
    assert_eq!(r.attrs("form#item-form", "action"), [at("tips", 1)]);
    assert_eq!(r.field_value("text"), "Le texte d'Alice, long et soigné");
    // It carries the tip's version as Bob left it: keeping mine is a save over his.
    assert_eq!(r.etag(), alice.get(&at("tips", 1)).await.etag());

    // Keep mine is a deliberate save over theirs.
    let mut fields = vec![("etag", r.etag())];
    fields.extend(mine.iter().map(|(k, v)| (*k, v.to_string())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let again = alice.post(&at("tips", 1), &fields).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(alice.content().tips[1].title, "Le titre d'Alice");
}

#[tokio::test]
async fn an_item_deleted_meanwhile_can_be_kept_as_a_new_one() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let before = alice.content();
    let form = alice.get(&at("tips", 1)).await;
    let list = bob.get("/admin/tips").await;
    assert_eq!(
        bob.post(
            &format!("{}/delete", at("tips", 1)),
            &[("etag", &list.etag_at(&format!("{}/delete", at("tips", 1))))]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let after_bob = alice.content();
    let r = alice
        .post(
            &at("tips", 1),
            &[("etag", &form.etag()), ("title", "Gardée"), ("text", "a")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(alice.content(), after_bob);
    let theirs = r.texts(".conflict .version.theirs").join(" ");
    assert!(theirs.to_lowercase().contains("supprimé"), "{theirs}");
    assert!(!theirs.contains(&before.tips[2].title), "{theirs}");
    // Keeping mine adds it again.
    assert_eq!(r.attrs("form#item-form", "action"), ["/admin/tips"]);
}

/// Posts `fields` with `changes` applied over them.
async fn post_changed(
    who: &Volunteer,
    path: &str,
    mut fields: Vec<(String, String)>,
    changes: &[(&str, &str)],
) -> common::admin::Reply {
    for (name, value) in changes {
        fields.retain(|(k, _)| k != name);
        fields.push((name.to_string(), value.to_string()));
    }
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    who.post(path, &refs).await
}

/// Bob renames group 0, from a form he opens now.
async fn bob_renames_a_group(bob: &Volunteer) {
    let group = bob.get(&at("groups", 0)).await;
    let fields = group.form_fields("form#item-form");
    let r = post_changed(
        bob,
        &at("groups", 0),
        fields,
        &[("name", "Otsokop · Renommé par Bob")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn the_community_and_settings_save_when_only_something_else_changed() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let community = alice.get("/admin/community").await;
    let settings = alice.get("/admin/settings").await;
    bob_renames_a_group(&bob).await;

    let r = post_changed(
        &alice,
        "/admin/community",
        community.form_fields("form#community-form"),
        &[("name", "La communauté d'Alice")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Her community save is itself something else for the settings form opened before it.
    let r = post_changed(
        &alice,
        "/admin/settings",
        settings.form_fields("form.settings"),
        &[("slides.tips.seconds", "17")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    assert_eq!(c.community.name, "La communauté d'Alice");
    assert_eq!(c.slides.tips.seconds, 17);
    assert_eq!(c.groups[0].name, "Otsokop · Renommé par Bob");
}

#[tokio::test]
async fn the_community_changed_meanwhile_shows_both_versions_and_overwrites_nothing() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let alice_form = alice.get("/admin/community").await;
    let bob_form = bob.get("/admin/community").await;
    let r = post_changed(
        &bob,
        "/admin/community",
        bob_form.form_fields("form#community-form"),
        &[("name", "La communauté de Bob")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let mine = [("call_to_action", "Scannez, c'est Alice qui vous le dit")];
    let r = post_changed(
        &alice,
        "/admin/community",
        alice_form.form_fields("form#community-form"),
        &mine,
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    assert!(mine_shown.contains("c'est Alice qui"), "{mine_shown}");
    assert!(!mine_shown.contains("Bob"), "{mine_shown}");
    assert!(
        theirs_shown.contains("La communauté de Bob"),
        "{theirs_shown}"
    );
    assert!(!theirs_shown.contains("Alice"), "{theirs_shown}");
    // What differs is marked on both sides: his name, her call to action.
    let marked = r.texts(".conflict .version.theirs dd.differs");
    assert_eq!(marked.len(), 2, "{marked:?}");
    assert!(
        marked.iter().any(|t| t == "La communauté de Bob"),
        "{marked:?}"
    );
    let marked = r.texts(".conflict .version.mine dd.differs");
    assert!(marked.iter().any(|t| t == mine[0].1), "{marked:?}");
    assert_eq!(
        r.attrs(".conflict a.take-theirs", "href"),
        ["/admin/community"]
    );
    assert_eq!(
        r.attrs(".conflict button.keep-mine", "form"),
        ["community-form"]
    );
    assert_eq!(r.field_value("call_to_action"), mine[0].1);
    // The form carries the community as it is now: keeping mine is a save over it.
    let fields = r.form_fields("form#community-form");
    let now = alice.get("/admin/community").await.etag();
    assert!(fields.contains(&("etag".into(), now)), "{fields:?}");

    // Keep mine: a deliberate save of the form as shown.
    let again = post_changed(&alice, "/admin/community", fields, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let c = alice.content();
    assert_eq!(c.community.call_to_action, mine[0].1);
}

#[tokio::test]
async fn the_settings_changed_meanwhile_show_the_settings_that_differ() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let alice_form = alice.get("/admin/settings").await;
    let bob_form = bob.get("/admin/settings").await;
    let r = post_changed(
        &bob,
        "/admin/settings",
        bob_form.form_fields("form.settings"),
        &[("slides.tips.seconds", "23")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let r = post_changed(
        &alice,
        "/admin/settings",
        alice_form.form_fields("form.settings"),
        &[("display.theme.accent", "#123456")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    // Only what differs: her colour against the old one, the old duration against Bob's.
    assert!(mine_shown.contains("#123456"), "{mine_shown}");
    assert!(
        theirs_shown.contains("Affichées, 23 s chacune"),
        "{theirs_shown}"
    );
    assert!(!theirs_shown.contains("#123456"), "{theirs_shown}");
    assert!(!mine_shown.contains("23 s"), "{mine_shown}");
    assert!(
        !mine_shown.contains(&after_bob.display.theme.background),
        "unchanged settings are not listed: {mine_shown}"
    );
    assert_eq!(
        r.attrs(".conflict button.keep-mine", "form"),
        ["settings-form"]
    );
    assert_eq!(r.field_value("display.theme.accent"), "#123456");
}

#[tokio::test]
async fn a_move_plan_saves_when_only_something_else_changed() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let page = alice.get("/admin/community").await;
    bob_renames_a_group(&bob).await;
    let r = alice
        .post(
            "/admin/move",
            &[
                ("etag", &page.etag_at("/admin/move")),
                ("next_platform", "telegram"),
                ("next_link", "https://t.me/+OtsokopNouveau1"),
                ("next_kind", "group"),
                ("switch_on", "2027-03-01"),
                ("message", "Nous passons sur Telegram"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    let next = c.community.next.expect("the plan is saved");
    assert_eq!(next.invite_link, "https://t.me/+OtsokopNouveau1");
    assert_eq!(c.groups[0].name, "Otsokop · Renommé par Bob");
}

#[tokio::test]
async fn the_naming_template_and_phrases_save_when_only_something_else_changed() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let naming = alice.get("/admin/naming").await;
    let phrases = alice.get("/admin/phrases").await;
    bob_renames_a_group(&bob).await;

    let r = post_changed(
        &alice,
        "/admin/naming/template",
        naming.form_fields("form#template-form"),
        &[("naming_template", "Coop · {sujet}")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Her template is itself something else for the phrases form opened before it.
    let r = post_changed(
        &alice,
        "/admin/phrases",
        phrases.form_fields("form#phrases-form"),
        &[("fr.scan_to_join", "Scannez, c'est Alice")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    assert_eq!(c.display.naming_template, "Coop · {sujet}");
    assert_eq!(
        c.display.phrases[&vitrine::content::ScreenLanguage::Fr]["scan_to_join"],
        "Scannez, c'est Alice"
    );
    assert_eq!(c.groups[0].name, "Otsokop · Renommé par Bob");
}

#[tokio::test]
async fn the_naming_template_changed_meanwhile_shows_both_versions() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let alice_form = alice.get("/admin/naming").await;
    let bob_form = bob.get("/admin/naming").await;
    let r = post_changed(
        &bob,
        "/admin/naming/template",
        bob_form.form_fields("form#template-form"),
        &[("naming_template", "Bob · {sujet}")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let r = post_changed(
        &alice,
        "/admin/naming/template",
        alice_form.form_fields("form#template-form"),
        &[("naming_template", "Alice · {sujet}")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    assert!(mine_shown.contains("Alice ·"), "{mine_shown}");
    assert!(!mine_shown.contains("Bob"), "{mine_shown}");
    assert!(theirs_shown.contains("Bob ·"), "{theirs_shown}");
    assert!(!theirs_shown.contains("Alice"), "{theirs_shown}");
    assert_eq!(
        r.attrs(".conflict button.keep-mine", "form"),
        ["template-form"]
    );
    assert_eq!(
        r.attrs(".conflict a.take-theirs", "href"),
        ["/admin/naming"]
    );
    assert_eq!(r.field_value("naming_template"), "Alice · {sujet}");

    // Keep mine: a deliberate save of the form as shown.
    let again = post_changed(
        &alice,
        "/admin/naming/template",
        r.form_fields("form#template-form"),
        &[],
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(alice.content().display.naming_template, "Alice · {sujet}");
}

#[tokio::test]
async fn a_phrase_reworded_meanwhile_shows_the_phrases_that_differ() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let alice_form = alice.get("/admin/phrases").await;
    let bob_form = bob.get("/admin/phrases").await;
    let r = post_changed(
        &bob,
        "/admin/phrases",
        bob_form.form_fields("form#phrases-form"),
        &[("fr.scan_to_join", "Scannez, dit Bob")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let r = post_changed(
        &alice,
        "/admin/phrases",
        alice_form.form_fields("form#phrases-form"),
        &[("fr.groups_title", "Les groupes d'Alice")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    // The two phrases that differ, and only them.
    assert!(mine_shown.contains("Les groupes d'Alice"), "{mine_shown}");
    assert!(!mine_shown.contains("Bob"), "{mine_shown}");
    assert!(theirs_shown.contains("Scannez, dit Bob"), "{theirs_shown}");
    assert!(!theirs_shown.contains("Alice"), "{theirs_shown}");
    assert_eq!(r.texts(".conflict .version.mine dt").len(), 2);
    assert_eq!(
        r.attrs(".conflict button.keep-mine", "form"),
        ["phrases-form"]
    );
    assert_eq!(r.field_value("fr.groups_title"), "Les groupes d'Alice");
    assert_eq!(r.etag(), alice.get("/admin/phrases").await.etag());
}

/// `who` plans the move to Telegram with the invite `link`, from a page opened at `etag`.
async fn plan_move(who: &Volunteer, etag: &str, link: &str) -> common::admin::Reply {
    who.post(
        "/admin/move",
        &[
            ("etag", etag),
            ("next_platform", "telegram"),
            ("next_link", link),
            ("next_kind", "group"),
            ("switch_on", ""),
            ("message", "Nous passons sur Telegram"),
        ],
    )
    .await
}

const PLANNED: &str = "https://t.me/+OtsokopPrevu1";
const BOBS: &str = "https://t.me/+OtsokopDeBob2";

/// Bob edits tip 2, from a form he opens now.
async fn bob_edits_a_tip(bob: &Volunteer, title: &str) {
    let tip = bob.get(&at("tips", 2)).await;
    let r = bob
        .post(
            &at("tips", 2),
            &[("etag", &tip.etag()), ("title", title), ("text", "b")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn the_move_buttons_and_groups_apply_when_only_something_else_changed() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let r = plan_move(&alice, &alice.etag(), PLANNED).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = alice.get("/admin/community").await;
    let opened = page.etag_at("/admin/community/check");

    bob_edits_a_tip(&bob, "Par Bob, 1").await;
    let mut groups = page.form_fields("form#move-groups");
    let link_0 = format!("link_{}", id_in(&alice.content(), "groups", 0));
    groups.retain(|(k, _)| *k != link_0);
    groups.push((link_0, "https://t.me/+VeloSurTelegram".into()));
    let r = post_changed(&alice, "/admin/move/groups", groups, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    bob_edits_a_tip(&bob, "Par Bob, 2").await;
    let r = alice
        .post(
            "/admin/community/check",
            &[("etag", &opened), ("which", "next")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    assert_eq!(
        c.groups[0].next.as_ref().and_then(|m| m.link.as_deref()),
        Some("https://t.me/+VeloSurTelegram")
    );
    assert_eq!(c.next().unwrap().link_checked.as_ref().unwrap().by, "Alice");

    // Switching from a page opened before Bob's last tip: the move happens, his tip stays.
    let confirm = alice.get("/admin/move/switch").await;
    let opened = confirm.etag_at("/admin/move/switch");
    bob_edits_a_tip(&bob, "Par Bob, 3").await;
    let r = alice
        .post(
            "/admin/move/switch",
            &[("etag", &opened), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = alice.content();
    assert_eq!(c.community.invite_link, PLANNED);
    assert!(c.next().is_none());
    assert_eq!(c.tips[2].title, "Par Bob, 3");
}

#[tokio::test]
async fn a_move_plan_changed_meanwhile_shows_both_plans() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let opened = alice.get("/admin/community").await.etag_at("/admin/move");
    let r = plan_move(&bob, &bob.etag(), BOBS).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let r = plan_move(&alice, &opened, PLANNED).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    assert!(mine_shown.contains(PLANNED), "{mine_shown}");
    assert!(!mine_shown.contains(BOBS), "{mine_shown}");
    assert!(theirs_shown.contains(BOBS), "{theirs_shown}");
    assert!(r.texts(".conflict").join(" ").contains("Bob"));
    assert_eq!(
        r.texts(".conflict .notice-title"),
        ["Quelqu'un a modifié le changement de plateforme pendant que vous y travailliez"],
        "the page says what was changed: the move, not 'settings'"
    );
    assert_eq!(r.attrs(".conflict button.keep-mine", "form"), ["move-form"]);
    assert_eq!(r.field_value("next_link"), PLANNED);

    // Keep mine: a deliberate save of the plan as shown.
    let again = post_changed(&alice, "/admin/move", r.form_fields("form#move-form"), &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(alice.content().next().unwrap().invite_link, PLANNED);
}

#[tokio::test]
async fn a_move_cancelled_after_someone_changed_it_shows_both_versions_first() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let r = plan_move(&alice, &alice.etag(), PLANNED).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let opened = alice
        .get("/admin/move/cancel")
        .await
        .etag_at("/admin/move/cancel");
    let r = plan_move(&bob, &bob.etag(), BOBS).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    for button in ["/admin/move/cancel", "/admin/move/switch"] {
        let r = alice
            .post(button, &[("etag", &opened), ("confirm", "yes")])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{button}: {}", r.body);
        assert_eq!(alice.content(), after_bob, "{button}: nothing done");
        let mine_shown = r.texts(".conflict .version.mine").join(" ");
        let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
        assert!(mine_shown.contains(PLANNED), "{mine_shown}");
        assert!(theirs_shown.contains(BOBS), "{theirs_shown}");
        assert_eq!(r.attrs("form#move-again", "action"), [button]);
    }
    // The link confirmed is the one that was shown: not Bob's, unseen.
    let r = alice
        .post(
            "/admin/community/check",
            &[("etag", &opened), ("which", "next")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(alice.content(), after_bob);

    // Pressed again on purpose, the move is cancelled.
    let page = alice
        .post(
            "/admin/move/cancel",
            &[("etag", &opened), ("confirm", "yes")],
        )
        .await;
    let again = post_changed(
        &alice,
        "/admin/move/cancel",
        page.form_fields("form#move-again"),
        &[],
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert!(alice.content().next().is_none());
}

#[tokio::test]
async fn group_links_changed_meanwhile_show_both_versions() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let r = plan_move(&alice, &alice.etag(), PLANNED).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let alice_form = alice.get("/admin/community").await;
    let bob_form = bob.get("/admin/community").await;
    let link = |i| format!("link_{}", id_in(&alice.content(), "groups", i));
    let r = post_changed(
        &bob,
        "/admin/move/groups",
        bob_form.form_fields("form#move-groups"),
        &[(&link(0), "https://t.me/+GroupeDeBob")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let r = post_changed(
        &alice,
        "/admin/move/groups",
        alice_form.form_fields("form#move-groups"),
        &[(&link(1), "https://t.me/+GroupeDAlice")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(alice.content(), after_bob, "nothing overwritten");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    assert!(mine_shown.contains("GroupeDAlice"), "{mine_shown}");
    assert!(!mine_shown.contains("GroupeDeBob"), "{mine_shown}");
    assert!(theirs_shown.contains("GroupeDeBob"), "{theirs_shown}");
    // Only the two groups that differ are listed.
    assert_eq!(r.texts(".conflict .version.mine dt").len(), 2);
    assert_eq!(
        r.attrs(".conflict button.keep-mine", "form"),
        ["move-groups"]
    );
    assert_eq!(r.field_value(&link(1)), "https://t.me/+GroupeDAlice");
}

/// The tip the table edits (the default's third), wherever it is now.
fn tip_of(c: &vitrine::content::Content) -> &vitrine::content::Tip {
    let id = vitrine::content::default_content().tips[2].id.clone();
    c.tips
        .iter()
        .find(|t| t.id == id)
        .expect("the tip is there")
}

/// The group the table edits (the default's third), wherever it is now.
fn group_of(c: &vitrine::content::Content) -> &vitrine::content::Group {
    let id = vitrine::content::default_content().groups[2].id.clone();
    c.groups
        .iter()
        .find(|g| g.id == id)
        .expect("the group is there")
}

/// One part a page edits: where its form is, a field of it typed anew, and a change of that
/// same part by someone else (`theirs`).
struct Part {
    page: &'static str,
    /// Where its form posts, when not to the page itself.
    action: Option<&'static str>,
    form: &'static str,
    field: &'static str,
    mine: &'static str,
    saved: fn(&vitrine::content::Content) -> String,
    theirs: fn(&mut vitrine::content::Content),
}

/// Every part's concurrent edit (issue 22): a form carries the version of the part it edits,
/// so a save applies whatever else changed (even moves merged into one line of history, which
/// leave no revision for the form's to be found again), and shows both versions when that
/// part changed.
#[tokio::test]
async fn every_part_saves_over_other_changes_and_conflicts_only_with_its_own() {
    let parts = [
        Part {
            page: "/admin/community",
            action: None,
            form: "form#community-form",
            field: "call_to_action",
            mine: "Scannez, dit Alice",
            saved: |c| c.community.call_to_action.clone(),
            theirs: |c| c.community.call_to_action = "Scannez, dit Bob".into(),
        },
        Part {
            page: "/admin/settings",
            action: None,
            form: "form#settings-form",
            field: "display.theme.accent",
            mine: "#123456",
            saved: |c| c.display.theme.accent.clone(),
            theirs: |c| c.display.theme.accent = "#654321".into(),
        },
        Part {
            page: "/admin/phrases",
            action: None,
            form: "form#phrases-form",
            field: "fr.groups_title",
            mine: "Les groupes d'Alice",
            saved: |c| {
                let fr = vitrine::content::ScreenLanguage::Fr;
                let own = c.display.phrases.get(&fr);
                own.and_then(|p| p.get("groups_title"))
                    .cloned()
                    .unwrap_or_default()
            },
            theirs: |c| {
                let fr = vitrine::content::ScreenLanguage::Fr;
                let own = c.display.phrases.entry(fr).or_default();
                own.insert("groups_title".into(), "Les groupes de Bob".into());
            },
        },
        Part {
            page: "/admin/naming",
            action: Some("/admin/naming/template"),
            form: "form#template-form",
            field: "naming_template",
            mine: "Coop · {sujet}",
            saved: |c| c.display.naming_template.clone(),
            theirs: |c| c.display.naming_template = "Bob · {sujet}".into(),
        },
        Part {
            page: "#group",
            action: None,
            form: "form#item-form",
            field: "description",
            mine: "Le groupe selon Alice",
            saved: |c| group_of(c).description.clone(),
            theirs: |c| {
                let id = group_of(c).id.clone();
                let group = c.groups.iter_mut().find(|g| g.id == id).unwrap();
                group.description = "Le groupe selon Bob".into();
            },
        },
        Part {
            page: "/admin/community",
            action: Some("/admin/move"),
            form: "form#move-form",
            field: "message",
            mine: "Nous passons sur Telegram, dit Alice",
            saved: |c| c.next().map(|n| n.message.clone()).unwrap_or_default(),
            theirs: |c| c.community.next.as_mut().unwrap().message = "Dit Bob".into(),
        },
        Part {
            page: "#tip",
            action: None,
            form: "form#item-form",
            field: "title",
            mine: "L'astuce d'Alice",
            saved: |c| tip_of(c).title.clone(),
            theirs: |c| {
                let id = tip_of(c).id.clone();
                let tip = c.tips.iter_mut().find(|t| t.id == id).unwrap();
                tip.title = "L'astuce de Bob".into();
            },
        },
    ];
    let mut checked = 0;
    for part in &parts {
        let alice = Volunteer::new("Alice");
        let bob = alice.colleague("Bob");
        // A move planned, so that its form is on the community page.
        let r = plan_move(&alice, &alice.etag(), PLANNED).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = match part.page {
            "#tip" => at("tips", 2),
            "#group" => at("groups", 2),
            page => page.to_owned(),
        };
        let action = part.action.map_or_else(|| page.clone(), str::to_owned);
        let save = |fields: Vec<(String, String)>| {
            let (alice, action) = (&alice, action.clone());
            async move { post_changed(alice, &action, fields, &[(part.field, part.mine)]).await }
        };
        // Someone else moves a tip down, the form is opened, the tip goes down again (the two
        // moves merge into one line of history: the revision the form was opened at is gone);
        // a group was renamed before.
        let move_down = || async {
            let r = bob.click_move(&at("tips", 0), "down").await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        };
        bob_renames_a_group(&bob).await;
        move_down().await;
        let opened = alice.get(&page).await.form_fields(part.form);
        assert!(opened.iter().any(|(k, _)| k == "etag"), "{}", part.page);
        let at_opening = alice.etag();
        move_down().await;
        let history = alice.state.store.history().unwrap();
        assert!(history.iter().all(|e| e.etag != at_opening), "merged away");
        let r = save(opened).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}: {}", part.page, r.body);
        let c = alice.content();
        assert_eq!((part.saved)(&c), part.mine, "{}", part.page);
        assert_eq!(
            c.groups[0].name, "Otsokop · Renommé par Bob",
            "{}",
            part.page
        );

        // Someone else changes that very part: both versions, nothing overwritten.
        let opened = alice.get(&page).await.form_fields(part.form);
        let mut c = alice.content();
        (part.theirs)(&mut c);
        alice
            .state
            .store
            .save(c, &alice.etag(), "Bob")
            .await
            .unwrap();
        let after_bob = alice.content();
        let r = save(opened).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}: {}", part.page, r.body);
        assert_eq!(
            alice.content(),
            after_bob,
            "{}: nothing overwritten",
            part.page
        );
        assert!(
            r.texts(".conflict").join(" ").contains("Bob"),
            "{}",
            part.page
        );
        // Keep mine: the form shown again carries the part as it is now, and saves over it.
        let again = save(r.form_fields(part.form)).await;
        assert_eq!(
            again.status,
            StatusCode::SEE_OTHER,
            "{}: {}",
            part.page,
            again.body
        );
        let saved = (part.saved)(&alice.content());
        assert_eq!(saved, part.mine, "{}", part.page);
        checked += 1;
    }
    assert_eq!(checked, parts.len());
}

#[tokio::test]
async fn a_move_button_pressed_after_merged_moves_still_shows_both_versions() {
    let alice = Volunteer::new("Alice");
    let bob = alice.colleague("Bob");
    let r = plan_move(&alice, &alice.etag(), PLANNED).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Bob moves a tip down; Alice's page opens; Bob moves it again (one line of history: the
    // revision Alice's page was opened at is merged away), then changes the plan.
    let r = bob.click_move(&at("tips", 0), "down").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let opened = alice
        .get("/admin/move/cancel")
        .await
        .etag_at("/admin/move/cancel");
    let r = bob.click_move(&at("tips", 0), "down").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let history = alice.state.store.history().unwrap();
    assert!(history.iter().all(|e| e.etag != opened), "merged away");
    let r = plan_move(&bob, &bob.etag(), BOBS).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after_bob = alice.content();

    let r = alice
        .post(
            "/admin/move/cancel",
            &[("etag", &opened), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(alice.content(), after_bob, "nothing done");
    let mine_shown = r.texts(".conflict .version.mine").join(" ");
    let theirs_shown = r.texts(".conflict .version.theirs").join(" ");
    assert!(mine_shown.contains(PLANNED), "{mine_shown}");
    assert!(theirs_shown.contains(BOBS), "{theirs_shown}");
}
