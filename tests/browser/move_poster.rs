//! The poster during a move as a volunteer prints it for the till: 40 groups of ordinary length
//! (names of about 30 characters, descriptions of about 50), in French alone or in French and
//! Basque, on one A4 page whose two codes both scan.

use crate::common;

use base64::Engine;
use common::paper;
use common::TestServer;
use std::process::Command;
use std::time::Duration;
use vitrine::content::{
    default_content, BilingualLayout, CommunityText, Content, Group, GroupMove, GroupText,
    LinkKind, MoveText, NextPlatform, Platform, ScreenLanguage, SecondLanguage,
};

const OLD: &str = "https://chat.whatsapp.com/KxR3abcDEF12ghIJ34klMN";

const NAMES: [&str; 8] = [
    "Échanges de créneaux",
    "Covoiturage du samedi",
    "Produits et fournisseurs",
    "Jardin partagé du quartier",
    "Recettes et restes du jour",
    "Vélo et petites réparations",
    "Parents et enfants de la coop",
    "Commandes groupées en vrac",
];
const FR: [&str; 4] = [
    "Proposer ou reprendre un créneau de service au magasin",
    "Partager un trajet pour venir faire ses courses ici",
    "Suggestions, retours et nouvelles des producteurs",
    "Cultiver ensemble le potager derrière le magasin",
];
const EU: [&str; 4] = [
    "Dendako zerbitzu txanda bat proposatu edo hartu",
    "Erosketak egiteko bidaia bat partekatu auzokideekin",
    "Ekoizleen iradokizunak, iritziak eta berriak jaso",
    "Dendaren atzeko baratzea elkarrekin landu astero",
];
const CATEGORIES: [(&str, &str); 5] = [
    ("Vie de la coop", "Kooperatibaren bizitza"),
    ("Entraide", "Elkarlaguntza"),
    ("Produits", "Produktuak"),
    ("Autour de la coop", "Kooperatibaren inguruan"),
    ("Culture", "Kultura"),
];

/// A well-formed Signal group link (a 32-byte key and a 16-byte password): the longest kind of
/// invitation, so the densest code.
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

/// Forty groups moving to Signal on a date, in French, and in Basque too when `two`.
fn moving_forty(two: bool) -> Content {
    let mut c = default_content();
    c.community.invite_link = OLD.into();
    c.groups = (0..40)
        .map(|i| {
            let (category, category_eu) = CATEGORIES[i * CATEGORIES.len() / 40];
            let mut translations = std::collections::BTreeMap::new();
            if two {
                translations.insert(
                    ScreenLanguage::Eu,
                    GroupText {
                        description: EU[i % EU.len()].into(),
                        category: category_eu.into(),
                    },
                );
            }
            Group {
                name: format!("Otsokop · {} {:02}", NAMES[i % NAMES.len()], i + 1),
                description: FR[i % FR.len()].into(),
                category: category.into(),
                link: None,
                in_community: true,
                next: (i % 3 == 0).then_some(GroupMove {
                    link: None,
                    moved: true,
                }),
                translations,
                ..Default::default()
            }
        })
        .collect();
    let mut message = std::collections::BTreeMap::new();
    message.insert(
        ScreenLanguage::Eu,
        MoveText {
            message: "Abenduaren 15ean Signalera goaz: eskaneatu kode berria!".into(),
        },
    );
    c.community.next = Some(NextPlatform {
        platform: Platform::Signal,
        invite_link: signal_link(),
        link_kind: LinkKind::Group,
        switch_on: chrono::NaiveDate::from_ymd_opt(2027, 12, 15),
        message: "Nous passons sur Signal le 15 décembre : scannez le nouveau code !".into(),
        translations: if two { message } else { Default::default() },
        link_checked: None,
    });
    if two {
        c.display.second_language = Some(SecondLanguage {
            language: ScreenLanguage::Eu,
            layout: BilingualLayout::SideBySide,
            first: false,
        });
        c.community.translations.insert(
            ScreenLanguage::Eu,
            CommunityText {
                name: "Otsokop komunitatea".into(),
                call_to_action: "Eskaneatu kooperatibako taldeetan sartzeko".into(),
            },
        );
    }
    c.validate().expect("valid test content");
    c
}

#[test]
fn forty_groups_during_a_move_print_on_one_a4_page_whose_two_codes_scan_in_one_language_or_two() {
    if !paper::printing_tools() {
        return;
    }
    for two in [false, true] {
        let content = moving_forty(two);
        let name = format!("move-poster-40{}", if two { "-bilingual" } else { "" });
        let server = TestServer::start_with(&content);
        let pdf = paper::print_to_pdf(&format!("{}/poster", server.url), &name);
        assert_eq!(paper::page_count(&pdf), 1, "{name}: one page");
        let info = paper::run(Command::new("pdfinfo").arg(&pdf), Duration::from_secs(30));
        assert!(String::from_utf8_lossy(&info).contains("(A4)"), "{name}");
        let out = paper::run(
            Command::new("zbarimg")
                .args(["--raw", "-q"])
                .arg(paper::first_page_png(&pdf)),
            Duration::from_secs(60),
        );
        let mut codes: Vec<String> = String::from_utf8_lossy(&out)
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        codes.sort();
        let mut both = vec![OLD.to_owned(), signal_link()];
        both.sort();
        assert_eq!(codes, both, "{name}: both codes scan on paper");
        let text = paper::page_text(&pdf, 1);
        for g in &content.groups {
            assert!(
                paper::appears(&text, &g.name.to_lowercase()),
                "{name}: {} is printed whole",
                g.name
            );
        }
        if two {
            assert!(text.contains("dendaren atzeko baratzea"), "{name}: Basque");
        }
    }
}
