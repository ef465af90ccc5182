//! A planned move to another platform, without a browser: both codes and their labels on the
//! screen, the poster and the guide; the corner code of the new platform; the groups that
//! have moved; the dashboard's account of the move; the switch on its date (an injected
//! clock), its undo and its cancel, each asked for on a page that says what is ready; the switch
//! never made on a clock that is wrong.

use crate::common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::admin::{at, AdminPage, Volunteer};
use vitrine::content::{
    default_content, BilingualLayout, Content, GroupMove, LinkKind, NextPlatform, Platform,
    ScreenLanguage, SecondLanguage,
};
use vitrine::platform_move::{switch_if_due, Outcome, SWITCH_AUTHOR};

const OLD: &str = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";
const NEW: &str = "https://t.me/+OtsokopNouveau1";
const MOVED_GROUP_LINK: &str = "https://t.me/+OtsokopAnnonces";

fn switch_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

/// Noon, local time, on `day`: the clock a test gives the server.
fn noon(day: NaiveDate) -> DateTime<Utc> {
    chrono::Local
        .from_local_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

/// Otsokop's content moving from WhatsApp to Telegram on March 1st; the first group is there.
fn moving(link: &str) -> Content {
    let mut c = default_content();
    c.community.invite_link = OLD.into();
    c.community.next = Some(NextPlatform {
        platform: Platform::Telegram,
        invite_link: link.into(),
        link_kind: LinkKind::Group,
        switch_on: Some(switch_day()),
        message: "Nous passons sur Telegram le 1er mars".into(),
        translations: Default::default(),
        link_checked: None,
    });
    c.groups[0].next = Some(GroupMove {
        link: Some(MOVED_GROUP_LINK.into()),
        moved: true,
    });
    c.validate().expect("valid test content");
    c
}

async fn volunteer_on(content: &Content) -> Volunteer {
    let v = Volunteer::new("Maite");
    v.state
        .store
        .save(content.clone(), &v.etag(), "test")
        .await
        .unwrap();
    v
}

/// The modules of a link's QR code: the `d` of its path (the page's HTML parser reorders
/// attributes, so whole elements are not compared).
fn svg(link: &str) -> String {
    path_of(&vitrine::qr::inline_svg(link).unwrap())
}

fn path_of(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    let sel = scraper::Selector::parse("path").unwrap();
    let path = doc.select(&sel).next().expect("a QR path");
    path.value().attr("d").unwrap().to_owned()
}

/// The name of the move form's link field of group `i` (fields are named by the group's id).
fn link(v: &Volunteer, i: usize) -> String {
    format!("link_{}", common::admin::id_in(&v.content(), "groups", i))
}

/// The name of the move form's "already there" box of group `i`.
fn moved(v: &Volunteer, i: usize) -> String {
    format!("moved_{}", common::admin::id_in(&v.content(), "groups", i))
}

#[tokio::test]
async fn during_a_move_the_screen_shows_both_codes_labelled_and_the_corner_shows_the_new_one() {
    let v = volunteer_on(&moving(NEW)).await;
    let screen = v.get("/").await;
    let body = &screen.body;
    let labels = screen.texts(".slide-community .move-platform");
    assert_eq!(
        labels,
        ["Aujourd'hui\u{a0}: WhatsApp", "Bientôt\u{a0}: Telegram"]
    );
    assert_eq!(
        screen.texts(".slide-community .move-date"),
        ["À partir du 1 mars 2027"]
    );
    assert_eq!(
        screen.texts(".slide-community .cta"),
        ["Nous passons sur Telegram le 1er mars"]
    );
    // Each code is the one of its platform; the corner's is the new platform's, labelled.
    let html = screen.html();
    let sel = |css: &str| scraper::Selector::parse(css).unwrap();
    let inner: Vec<String> = html
        .select(&sel(".slide-community .qr-move"))
        .map(|e| path_of(&e.inner_html()))
        .collect();
    assert_eq!(inner, [svg(OLD), svg(NEW)]);
    let corner = path_of(
        &html
            .select(&sel("#corner-qr .qr"))
            .next()
            .unwrap()
            .inner_html(),
    );
    assert_eq!(corner, svg(NEW));
    assert_eq!(screen.texts("#corner-qr p"), ["Bientôt : Telegram"]);
    let steps = screen.texts(".move-side.next .steps li").join(" ");
    assert!(steps.contains("Telegram s'ouvre"), "{steps}");
    let steps = screen.texts(".move-side.now .steps li").join(" ");
    assert!(
        steps.contains("WhatsApp s'ouvre sur la communauté"),
        "{steps}"
    );
    // The groups slides say which groups have moved.
    let moved = screen.texts(".slide-groups .moved");
    assert_eq!(moved, ["✓ déjà sur Telegram"]);
    assert!(body.contains("Otsokop · Annonces"));
}

#[tokio::test]
async fn a_move_without_a_link_yet_shows_one_code_and_the_dashboard_says_what_is_missing() {
    let v = volunteer_on(&moving("")).await;
    let screen = v.get("/").await;
    assert!(screen.texts(".move-label").is_empty());
    assert_eq!(screen.texts("#corner-qr p"), ["Scannez pour rejoindre"]);
    let todo = v.get("/admin").await.texts(".todo li").join("\n");
    assert!(
        todo.contains(
            "Changement vers Telegram en cours (2027-03-01) ; groupes déjà passés : 1 sur 12"
        ),
        "{todo}"
    );
    assert!(
        todo.contains("n'a pas encore de lien d'invitation"),
        "{todo}"
    );
    assert!(
        todo.contains("Pas encore sur Telegram : Otsokop · Échanges de créneaux"),
        "{todo}"
    );
}

#[tokio::test]
async fn the_poster_and_the_guide_show_both_platforms_each_with_its_privacy_note() {
    let v = volunteer_on(&moving(NEW)).await;
    let poster = v.get("/poster").await;
    let labels = poster.texts(".poster-move .move-label");
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(
        labels[0].contains("WhatsApp") && labels[1].contains("Telegram"),
        "{labels:?}"
    );
    let inner: Vec<String> = poster
        .html()
        .select(&scraper::Selector::parse(".move-qr").unwrap())
        .map(|e| path_of(&e.inner_html()))
        .collect();
    assert_eq!(inner, [svg(OLD), svg(NEW)]);
    assert!(poster
        .texts(".poster .moved")
        .iter()
        .any(|t| t.contains("déjà sur Telegram")));

    let guide = v.get("/guide").await;
    let titles = guide.texts(".guide-join h2").join(" | ");
    assert!(
        titles.contains("WhatsApp") && titles.contains("Telegram"),
        "{titles}"
    );
    let privacy = guide.texts(".guide-privacy p").join(" ");
    assert!(
        privacy.contains("Meta") && privacy.contains("Telegram peut les lire"),
        "{privacy}"
    );
    let links = guide.attrs(".guide-groups a", "href");
    assert!(links.contains(&MOVED_GROUP_LINK.to_owned()), "{links:?}");
}

#[tokio::test]
async fn the_switch_happens_on_its_date_once_and_an_undo_is_respected() {
    let v = volunteer_on(&moving(NEW)).await;
    let state = &v.state;
    state
        .clock
        .set(Some(noon(switch_day().pred_opt().unwrap())));
    assert_eq!(
        switch_if_due(state).await,
        Outcome::NotDue,
        "the day before"
    );
    assert_eq!(v.content().community.invite_link, OLD);

    state.clock.set(Some(noon(switch_day())));
    assert_eq!(switch_if_due(state).await, Outcome::Switched);
    let c = v.content();
    assert_eq!(
        (c.community.platform, c.community.invite_link.as_str()),
        (Platform::Telegram, NEW)
    );
    assert!(c.next().is_none());
    assert_eq!(c.groups[0].link.as_deref(), Some(MOVED_GROUP_LINK));
    assert!(c.groups[0].in_community && !c.groups[1].in_community);
    assert!(
        c.community.reprint_since.is_some(),
        "posters must be printed again"
    );
    let history = state.store.history().unwrap();
    assert_eq!(
        history[0].saved_by, SWITCH_AUTHOR,
        "one revision in the history"
    );
    let screen = v.get("/").await;
    assert!(screen.texts(".move-label").is_empty());
    assert!(
        !screen.body.contains("WhatsApp"),
        "the old platform is gone from the screen"
    );
    assert!(!v.get("/poster").await.body.contains(OLD));
    assert_eq!(switch_if_due(state).await, Outcome::NotDue, "done once");

    // Undone from the history like any revision: the move is back, and stays undone.
    let restore = v
        .post(
            "/admin/history/restore",
            &[("etag", &v.etag()), ("id", &history[1].id)],
        )
        .await;
    assert_eq!(restore.status, 303, "{}", restore.body);
    assert_eq!(v.content().community.invite_link, OLD);
    assert_eq!(switch_if_due(state).await, Outcome::Undone);
    assert_eq!(v.content().community.invite_link, OLD);
    let todo = v.get("/admin").await.texts(".todo li").join("\n");
    assert!(todo.contains("a été défait depuis l'historique"), "{todo}");
}

/// Sends the confirmation page's own form, as pressing its "yes" button does.
async fn confirm(
    v: &Volunteer,
    page: &common::oneshot::Reply,
    action: &str,
) -> common::oneshot::Reply {
    assert_eq!(page.attrs("form#confirm-move", "action"), [action]);
    let fields = page.form_fields("form#confirm-move");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    v.post(action, &fields).await
}

#[tokio::test]
async fn switching_and_cancelling_ask_first_saying_what_is_ready() {
    let mut c = moving(NEW);
    c.community.next.as_mut().unwrap().switch_on = None;
    c.display.second_language = Some(SecondLanguage {
        language: ScreenLanguage::Eu,
        layout: BilingualLayout::SideBySide,
        first: false,
    });
    let total = c.groups.len();
    assert!(total > 2, "the default content has groups");
    let v = volunteer_on(&c).await;
    // The community page's buttons lead to pages that ask.
    let page = v.get("/admin/community").await;
    let asks = page.attrs("#move .actions a.button", "href");
    assert_eq!(asks, ["/admin/move/switch", "/admin/move/cancel"]);

    // Cancelling, posted without its confirmation, is refused and changes nothing.
    let reply = v.post("/admin/move/cancel", &[("etag", &v.etag())]).await;
    assert_eq!(reply.status, 422);
    assert_eq!(v.content(), c);
    assert!(reply.body.contains("Rien n'a changé"), "{}", reply.body);
    let page = v.get("/admin/move/cancel").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.texts("h1"), ["Annuler le changement vers Telegram ?"]);
    assert!(page.texts(".lead")[0].contains("La communauté reste sur WhatsApp"));
    let reply = confirm(&v, &page, "/admin/move/cancel").await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let after = v.content();
    assert!(after.next().is_none() && after.groups.iter().all(|g| g.next.is_none()));
    assert_eq!(after.community.invite_link, OLD);
    assert!(v.get("/").await.texts(".move-label").is_empty());

    // Planned again from the form, then switched by hand.
    let reply = v
        .post(
            "/admin/move",
            &[
                ("etag", &v.etag()),
                ("next_platform", "telegram"),
                ("next_link", "t.me/+OtsokopNouveau1"),
                ("next_kind", "group"),
                ("switch_on", ""),
                ("message", "On déménage"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        v.content().next().unwrap().invite_link,
        NEW,
        "https:// completed"
    );
    let reply = v
        .post(
            "/admin/move/groups",
            &[
                ("etag", &v.etag()),
                (&link(&v, 0), MOVED_GROUP_LINK),
                (&link(&v, 1), "https://t.me/+OtsokopDeux12"),
                (&moved(&v, 0), "on"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let planned = v.content();

    // The switch, without its confirmation: refused, nothing changed, and what is missing said.
    let refused = v.post("/admin/move/switch", &[("etag", &v.etag())]).await;
    assert_eq!(refused.status, 422);
    assert_eq!(v.content(), planned);
    assert_eq!(
        refused.texts(".groups-linked"),
        [format!(
            "Groupes avec un lien sur Telegram : 2 sur {total}."
        )]
    );
    assert_eq!(
        refused.texts(".groups-moved"),
        [format!("Groupes marqués « déjà là » : 1 sur {total}.")]
    );
    let not_ready = refused.texts(".groups-not-ready").join("");
    assert!(not_ready.contains(&planned.groups[1].name), "{not_ready}");
    assert!(!not_ready.contains(&planned.groups[0].name), "{not_ready}");
    assert_eq!(refused.texts("q.message"), ["On déménage"]);
    let missing = refused
        .texts(".readiness li.missing")
        .join("\n")
        .replace('\u{a0}', " ");
    assert!(
        missing.contains("Message aux coopérateurs — euskara : pas encore traduit"),
        "{missing}"
    );
    assert!(
        missing.contains("Personne n'a encore confirmé"),
        "{missing}"
    );

    // The page asked for, then confirmed: the switch is done.
    let page = v.get("/admin/move/switch").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.texts("h1"), ["Basculer maintenant vers Telegram ?"]);
    assert_eq!(
        page.texts(".groups-linked"),
        refused.texts(".groups-linked")
    );
    let reply = confirm(&v, &page, "/admin/move/switch").await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(v.content().community.invite_link, NEW);
    assert_eq!(v.state.store.history().unwrap()[0].saved_by, "Maite");

    // On the screen, a group without its link there yet keeps its description, status second.
    let screen = v.get("/").await;
    let waiting = screen.texts(".slide-groups .desc.with-status .desc-text");
    assert_eq!(waiting.len(), total - 1);
    assert!(
        waiting.contains(&planned.groups[1].description),
        "{waiting:?}"
    );
    let status = screen.texts(".slide-groups .desc.with-status .pending");
    assert_eq!(status.len(), total - 1);
    assert!(
        status.iter().all(|s| s == "lien bientôt disponible"),
        "{status:?}"
    );
}

#[tokio::test]
async fn a_wrong_next_link_is_refused_and_nothing_changes() {
    let v = volunteer_on(&moving(NEW)).await;
    let before = v.content();
    let reply = v
        .post(
            "/admin/move",
            &[
                ("etag", &v.etag()),
                ("next_platform", "signal"),
                (
                    "next_link",
                    "https://chat.whatsapp.com/ZyXwVuTsRqPoNmLkJiHgFe",
                ),
                ("next_kind", "group"),
                ("switch_on", "2027-03-01"),
                ("message", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(
        reply.body.contains("C'est un lien WhatsApp"),
        "{}",
        reply.body
    );
    assert_eq!(v.content(), before);
    let reply = v
        .post(
            "/admin/move",
            &[
                ("etag", &v.etag()),
                ("next_platform", "signal"),
                ("switch_on", "1er mars"),
            ],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("date illisible"));
    assert_eq!(v.content(), before);
}

#[tokio::test]
async fn on_a_clock_that_is_obviously_wrong_no_switch_happens_and_the_dashboard_says_so() {
    // Before this build: a Pi restarted without internet thinks it is 2020.
    let mut c = moving(NEW);
    c.community.next.as_mut().unwrap().switch_on = NaiveDate::from_ymd_opt(2019, 1, 1);
    let v = volunteer_on(&c).await;
    v.state
        .clock
        .set(Some(noon(NaiveDate::from_ymd_opt(2020, 6, 1).unwrap())));
    assert!(matches!(
        switch_if_due(&v.state).await,
        Outcome::ClockWrong(_)
    ));
    assert_eq!(v.content().community.invite_link, OLD);
    let todo = v.get("/admin").await.texts(".todo li").join("\n");
    assert!(
        todo.contains("une date antérieure à cette version de vitrine"),
        "{todo}"
    );
    assert!(
        todo.contains("l'écran reste allumé en permanence"),
        "{todo}"
    );

    // After the build but before the newest revision (saved now, by the real clock).
    let yesterday = Utc::now() - chrono::Duration::days(1);
    let mut c = moving(NEW);
    c.community.next.as_mut().unwrap().switch_on =
        Some(yesterday.with_timezone(&chrono::Local).date_naive() - chrono::Duration::days(1));
    let v = volunteer_on(&c).await;
    v.state.clock.set(Some(yesterday));
    if yesterday > vitrine::content::built_not_before() {
        assert!(matches!(
            switch_if_due(&v.state).await,
            Outcome::ClockWrong(_)
        ));
        let todo = v.get("/admin").await.texts(".todo li").join("\n");
        assert!(todo.contains("avant le dernier enregistrement"), "{todo}");
    }
    // The screen stays awake: its page carries the moment before which its clock is wrong.
    let not_before: i64 = v.get("/").await.attrs("#live", "data-not-before")[0]
        .parse()
        .unwrap();
    assert!(
        not_before
            >= v.state
                .store
                .current()
                .saved
                .as_ref()
                .unwrap()
                .0
                .timestamp_millis()
                - 1
    );
}

#[tokio::test]
async fn the_form_keeps_each_groups_place_on_the_new_platform() {
    let v = volunteer_on(&moving(NEW)).await;
    let page = v.get("/admin/community").await;
    assert_eq!(page.field_value(&link(&v, 0)), MOVED_GROUP_LINK);
    // The row of the first group emptied, as a browser sends it.
    let reply = v
        .post(
            "/admin/move/groups",
            &[
                ("etag", &v.etag()),
                (&link(&v, 0), ""),
                (&link(&v, 1), "t.me/+OtsokopCreneaux"),
                (&moved(&v, 1), "on"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let c = v.content();
    assert_eq!(
        c.groups[1].next.as_ref().unwrap().link.as_deref(),
        Some("https://t.me/+OtsokopCreneaux")
    );
    assert!(c.groups[1].next.as_ref().unwrap().moved);
    assert!(
        c.groups[0].next.is_none(),
        "the table says it all: an emptied row is emptied"
    );
    // Editing a group on its own page keeps its place on the new platform.
    let form = v.get(&at("groups", 1)).await;
    assert_eq!(
        form.field_value("next_link"),
        "https://t.me/+OtsokopCreneaux"
    );
    let reply = v
        .post(
            &at("groups", 1),
            &[
                ("etag", &v.etag()),
                ("name", "Otsokop · Échanges de créneaux"),
                ("category", "Vie de la coop"),
                ("description", "Autre description"),
                ("link", ""),
                ("in_community", "on"),
                ("next_link", &form.field_value("next_link")),
                ("next_moved", "on"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(v.content().groups[1].description, "Autre description");
    assert!(v.content().groups[1].next.as_ref().unwrap().moved);
}

#[tokio::test]
async fn a_poster_in_two_languages_gives_each_platform_its_steps_in_both() {
    let content = common::slides::in_basque(
        moving(NEW),
        vitrine::content::BilingualLayout::SideBySide,
        false,
    );
    let v = volunteer_on(&content).await;
    let poster = v.get("/poster").await;
    let labels = poster.texts(".poster-move .move-label");
    assert_eq!(labels.len(), 2, "{labels:?}");
    let eu = vitrine::i18n::catalogue(vitrine::content::ScreenLanguage::Eu);
    let gaur = eu.say("move_now").replace("{platform}", "WhatsApp");
    assert!(labels[0].contains(&gaur), "{labels:?}");
    for lang in ["fr", "eu"] {
        // Both platforms' first step is the same: said once across both codes.
        let shared = poster.texts(&format!(".move-shared[lang={lang}] li"));
        assert_eq!(shared.len(), 1, "{lang}: the first step once");
        let steps = poster.texts(&format!(".move-side .steps[lang={lang}] li"));
        assert_eq!(steps.len(), 4, "{lang}: two more steps for each platform");
    }
    let basque = poster.texts(".move-side .steps[lang=eu] li");
    assert!(basque[2].contains("Telegram"), "{basque:?}");
}

#[tokio::test]
async fn a_wrong_group_link_on_the_new_platform_is_refused_in_words() {
    let v = volunteer_on(&moving(NEW)).await;
    let before = v.content();
    let reply = v
        .post(
            "/admin/move/groups",
            &[("etag", &v.etag()), (&link(&v, 1), "https://t.me/+Deux")],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(v.content(), before);
    let said = reply.texts(".lead").join(" ");
    assert!(
        said.contains("Ce n'est pas un lien d'invitation Telegram"),
        "{said}"
    );
    assert!(
        !said.contains("groups[") && !said.contains(".next."),
        "no field's code: {said}"
    );
    assert!(
        said.starts_with("Groupe 2 · "),
        "which group, in words: {said}"
    );
}

#[tokio::test]
async fn the_switch_asks_in_english_with_english_punctuation() {
    let v = volunteer_on(&moving(NEW)).await;
    let page = v.get_with("/admin/move/switch", "lang=en").await;
    assert_eq!(page.texts("h1"), ["Switch to Telegram now?"]);
    let total = v.content().groups.len();
    assert_eq!(
        page.texts(".groups-linked"),
        [format!("Groups with a link on Telegram: 1 of {total}.")]
    );
    let lines = page.texts(".readiness li").join("\n");
    assert!(
        lines.contains("Invite link on the new platform: "),
        "{lines}"
    );
    assert!(
        !lines.contains(" :") && !lines.contains('\u{a0}'),
        "{lines}"
    );
}
