//! Everything follows the chosen platform: the screen's steps and tags, the poster, the guide
//! and its privacy note; the dashboard flags tips that are untrue of it; the community form
//! checks links per platform, keeps what was pasted and completes a missing https://.

use crate::common;

use base64::Engine;
use common::admin::{at, AdminPage, Volunteer};
use vitrine::content::{default_content, Content, LinkKind, Platform};

/// A well-formed Signal group link (contents: a 32-byte key, a 16-byte password).
fn signal_link() -> String {
    let mut contents = vec![0x0a, 32];
    contents.extend([7u8; 32]);
    contents.extend([0x12, 16]);
    contents.extend([9u8; 16]);
    let mut link = vec![0x0a, contents.len() as u8];
    link.extend(contents);
    format!(
        "https://signal.group/#{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(link)
    )
}

fn on(platform: Platform, kind: LinkKind, link: &str) -> Content {
    let mut c = default_content();
    c.community.platform = platform;
    c.community.link_kind = kind;
    c.community.invite_link = link.to_owned();
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

#[tokio::test]
async fn on_signal_nothing_speaks_of_a_community_or_of_whatsapp() {
    let content = on(Platform::Signal, LinkKind::Group, &signal_link());
    let v = volunteer_on(&content).await;

    let screen = v.get("/").await;
    let steps = screen.texts(".slide-community .steps li").join(" ");
    assert!(steps.contains("Signal s'ouvre sur le groupe"), "{steps}");
    assert!(
        !steps.contains("communauté") && !steps.contains("choisissez vos groupes"),
        "{steps}"
    );
    let tags = screen.texts(".slide-groups .pending");
    assert!(
        !tags.is_empty(),
        "the default content has groups not yet reachable"
    );
    assert!(
        tags.iter().all(|t| t == "lien bientôt disponible"),
        "{tags:?}"
    );

    let poster = v.get("/poster").await;
    let steps = poster.texts(".poster-join .steps li").join(" ");
    assert!(
        steps.contains("Signal") && !steps.contains("communauté"),
        "{steps}"
    );
    assert!(!poster.body.contains("bientôt dans la communauté"));

    let guide = v.get("/guide").await;
    let ask = guide.texts(".guide-ask li").join(" ");
    assert!(ask.contains("Signal n'a pas de communautés"), "{ask}");
    assert!(
        !ask.contains("Demander à rejoindre") && !ask.contains("ouvrez la communauté"),
        "{ask}"
    );
    let privacy = guide.texts(".guide-privacy p").join(" ");
    assert!(
        privacy.contains("Signal") && !privacy.contains("Meta"),
        "{privacy}"
    );
    assert!(!guide.texts(".guide-join li").join(" ").contains("WhatsApp"));
}

#[tokio::test]
async fn each_platform_and_kind_of_link_has_its_own_steps() {
    let cases = [
        (
            Platform::Whatsapp,
            LinkKind::Community,
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv".to_owned(),
            "Rejoindre la communauté",
            "bientôt dans la communauté",
        ),
        (
            Platform::Whatsapp,
            LinkKind::Group,
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv".to_owned(),
            "Rejoindre le groupe",
            "lien bientôt disponible",
        ),
        (
            Platform::Telegram,
            LinkKind::Group,
            "https://t.me/+AbCdEfGhIjKl".to_owned(),
            "Telegram s'ouvre",
            "lien bientôt disponible",
        ),
        (
            Platform::Matrix,
            LinkKind::Community,
            "https://matrix.to/#/#otsokop:matrix.org".to_owned(),
            "Rejoindre l'espace",
            "bientôt dans l'espace",
        ),
        (
            Platform::Matrix,
            LinkKind::Group,
            "https://matrix.to/#/#otsokop:matrix.org".to_owned(),
            "Rejoindre le salon",
            "lien bientôt disponible",
        ),
        (
            Platform::Other,
            LinkKind::Group,
            "https://chat.example.org/otsokop".to_owned(),
            "l'application de messagerie s'ouvre",
            "lien bientôt disponible",
        ),
    ];
    let mut seen = Vec::new();
    for (platform, kind, link, step, tag) in cases {
        let v = volunteer_on(&on(platform, kind, &link)).await;
        let screen = v.get("/").await;
        let steps = screen.texts(".slide-community .steps li").join(" ");
        assert!(steps.contains(step), "{platform:?} {kind:?}: {steps}");
        let tags = screen.texts(".slide-groups .pending");
        assert!(
            !tags.is_empty(),
            "{platform:?} {kind:?}: the default content has groups not yet reachable"
        );
        assert!(
            tags.iter().all(|t| t == tag),
            "{platform:?} {kind:?}: {tags:?}"
        );
        let guide = v.get("/guide").await;
        assert!(
            guide
                .texts(".guide-join h2")
                .join(" ")
                .contains(&step.replace(" s'ouvre", ""))
                || guide.texts(".guide-join li").join(" ").contains(step),
            "{platform:?} {kind:?}"
        );
        seen.push(steps);
    }
    seen.dedup();
    assert_eq!(seen.len(), 6, "six different sets of steps");
}

#[tokio::test]
async fn the_dashboard_flags_tips_untrue_of_the_platform_with_a_link_to_fix_them() {
    let v = volunteer_on(&on(
        Platform::Whatsapp,
        LinkKind::Community,
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
    ))
    .await;
    let todo = v.get("/admin").await.texts(".todo li").join("\n");
    assert!(
        !todo.contains("« Vos données »"),
        "true of WhatsApp: {todo}"
    );

    let v = volunteer_on(&on(Platform::Signal, LinkKind::Group, &signal_link())).await;
    let dash = v.get("/admin").await;
    let todo = dash.texts(".todo li").join("\n");
    assert!(
        todo.contains("« Vos données » dit « numéro est visible », faux sur Signal"),
        "{todo}"
    );
    assert!(todo.contains("« Rejoindre la communauté »"), "{todo}");
    assert!(
        !todo.contains("pas encore dans la communauté"),
        "no community on Signal: {todo}"
    );
    assert!(
        todo.contains("ne peuvent pas encore rejoindre") && todo.contains("Otsokop · Bricolage"),
        "{todo}"
    );
    let fixes = dash.attrs(".todo li a", "href");
    assert!(fixes.contains(&at("tips", 4)), "{fixes:?}");
    // The groups list speaks of the platform too: no community on Signal.
    let badges = v.get("/admin/groups").await.texts(".badge").join("\n");
    assert!(badges.contains("lien bientôt disponible"), "{badges}");
    assert!(badges.contains("ouvert à tous"), "{badges}");
    assert!(!badges.contains("communauté"), "{badges}");
    let form = v.get(&at("groups", 0)).await.body;
    assert!(form.contains("déjà ouvert"), "the group form too");
    assert!(!form.contains("fait déjà partie de la communauté"));

    let mut c = on(Platform::Signal, LinkKind::Group, &signal_link());
    c.announcements[0].text = "Retrouvez-nous aussi sur Telegram.".into();
    let v = volunteer_on(&c).await;
    let todo = v.get("/admin").await.texts(".todo li").join("\n");
    assert!(
        todo.contains("parle de Telegram alors que la coop utilise Signal"),
        "{todo}"
    );
}

async fn post_link(
    v: &Volunteer,
    platform: &str,
    link: &str,
    kind: &str,
) -> common::oneshot::Reply {
    let etag = v.etag();
    let c = v.content();
    v.post(
        "/admin/community",
        &[
            ("etag", &etag),
            ("platform", platform),
            ("invite_link", link),
            ("link_kind", kind),
            ("name", &c.community.name),
            ("call_to_action", &c.community.call_to_action),
        ],
    )
    .await
}

#[tokio::test]
async fn the_community_form_keeps_what_was_pasted_and_says_what_a_wrong_link_is() {
    let v = Volunteer::new("Maite");
    // A missing https:// is added, and nothing else changes.
    let reply = post_link(
        &v,
        "whatsapp",
        "chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=ems_copy_t",
        "group",
    )
    .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let c = v.content();
    assert_eq!(
        c.community.invite_link,
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=ems_copy_t"
    );
    assert_eq!(c.community.link_kind, LinkKind::Group);

    let before = v.content();
    for (platform, pasted, says) in [
        (
            "signal",
            " https://chat.whatsapp.com/ZyXwVuTsRqPoNmLkJiHgFe ",
            "C'est un lien WhatsApp",
        ),
        (
            "whatsapp",
            "https://wa.me/33612345678",
            "discussion avec une personne",
        ),
        (
            "signal",
            "https://signal.group/#CjQKIabc",
            "incomplet ou abîmé",
        ),
        (
            "matrix",
            "https://matrix.to/#/@alice:matrix.org",
            "profil d'une personne",
        ),
        ("telegram", "t.me/ab", "Telegram"),
    ] {
        let reply = post_link(&v, platform, pasted, "group").await;
        assert_eq!(reply.status, 422, "{pasted}");
        let error = reply.field_error("invite_link").unwrap_or_default();
        assert!(error.contains(says), "{pasted}: {error}");
        assert_eq!(
            reply.field_value("invite_link"),
            pasted,
            "shown exactly as pasted"
        );
        assert_eq!(v.content(), before, "nothing saved");
    }
}

#[test]
fn an_old_content_file_loads_unchanged_and_writes_back_the_same() {
    let old = include_str!("../../assets/default-content.json");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("content.json"), old).unwrap();
    let store = vitrine::store::Store::open(dir.path()).unwrap();
    let loaded = store.current().content.clone();
    assert_eq!(loaded, default_content());
    assert!(loaded.next().is_none() && loaded.community.link_checked.is_none());
    let mut written: serde_json::Value =
        serde_json::from_slice(&store.current().to_json()).unwrap();
    // Each group, tip and announcement got its id (issue 22), and nothing else is new.
    let mut ids = 0;
    for list in ["groups", "tips", "announcements"] {
        for item in written[list].as_array_mut().unwrap() {
            let id = item.as_object_mut().unwrap().remove("id");
            assert!(
                id.as_ref()
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| s.len() == 8),
                "{item}"
            );
            ids += 1;
        }
    }
    assert_eq!(
        ids,
        loaded.groups.len() + loaded.tips.len() + loaded.announcements.len()
    );
    assert!(ids > 10);
    let original: serde_json::Value = serde_json::from_str(old).unwrap();
    assert_eq!(written, original, "no new field appears in an old document");
}
