//! What tips and announcements say that is not true of the chosen platform: another
//! platform's name, or a claim (phone numbers shown, communities) that only some platforms
//! make true. The dashboard lists what this finds; nothing here refuses a save.

use super::{Community, Content, LinkKind, Platform};

/// One sentence that holds only on some platforms.
struct Claim {
    /// Lower-case phrases, French and English, that make the claim.
    phrases: &'static [&'static str],
    /// Whether it holds for a platform and kind of link.
    holds: fn(Platform, LinkKind) -> bool,
    /// Why it does not hold elsewhere (French; the dashboard says it after the platform).
    why: &'static str,
}

const CLAIMS: [Claim; 3] = [
    Claim {
        phrases: &[
            "numéro est visible",
            "voient votre numéro",
            "numéro de téléphone est visible",
            "number is visible",
            "see your number",
            "see your phone number",
        ],
        holds: |p, _| p == Platform::Whatsapp,
        why: "le numéro de téléphone n'y est pas montré aux autres membres",
    },
    Claim {
        phrases: &[
            "rejoindre la communauté",
            "dans la communauté",
            "ouvrez la communauté",
            "join the community",
            "join community",
            "in the community",
            "open the community",
        ],
        holds: |p, k| p == Platform::Whatsapp && k == LinkKind::Community,
        why: "il n'y a pas de communauté qui rassemble les groupes : chaque groupe a son lien",
    },
    Claim {
        phrases: &[
            "chiffrés de bout en bout",
            "chiffré de bout en bout",
            "end-to-end encrypted",
        ],
        holds: |p, _| p != Platform::Telegram,
        why: "les messages des groupes n'y sont pas chiffrés de bout en bout",
    },
];

/// A tip or an announcement that says something untrue of the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// `tips` or `announcements`, and the index in that list.
    pub list: &'static str,
    pub index: usize,
    pub title: String,
    /// The platform it is untrue of.
    pub platform: Platform,
    /// Whether that platform is the one the community moves to.
    pub next: bool,
    /// What is wrong (French), to be shown after the title.
    pub problem: String,
}

/// Whether `text` names `platform` as a word ("signaler" does not name Signal).
fn names(text: &str, platform: Platform) -> bool {
    let word = match platform {
        Platform::Other => return false,
        p => p.label(),
    };
    let case_matters = matches!(platform, Platform::Signal | Platform::Matrix);
    let (hay, needle) = if case_matters {
        (text.to_owned(), word.to_owned())
    } else {
        (text.to_lowercase(), word.to_lowercase())
    };
    hay.match_indices(&needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What in `text` is untrue of `community`'s platform.
fn problems(
    text: &str,
    platform: Platform,
    kind: LinkKind,
    also_ok: Option<Platform>,
) -> Vec<String> {
    let mut out = Vec::new();
    for other in Platform::ALL {
        if other != platform && Some(other) != also_ok && names(text, other) {
            out.push(format!(
                "parle de {} alors que la coop utilise {}",
                other.label(),
                platform_in_words(platform)
            ));
        }
    }
    let lower = text.to_lowercase();
    for claim in &CLAIMS {
        if !(claim.holds)(platform, kind) {
            if let Some(phrase) = claim.phrases.iter().find(|p| lower.contains(*p)) {
                out.push(format!(
                    "dit « {phrase} », faux sur {} : {}",
                    platform_in_words(platform),
                    claim.why
                ));
            }
        }
    }
    out
}

fn platform_in_words(p: Platform) -> &'static str {
    match p {
        Platform::Other => "la plateforme choisie",
        p => p.label(),
    }
}

/// Every tip and announcement that says something untrue of the community's platform, or,
/// during a move, of the next one.
pub fn mismatches(c: &Content) -> Vec<Mismatch> {
    let com: &Community = &c.community;
    let next = c.next().map(|n| (n.platform, n.link_kind));
    let texts = c
        .tips
        .iter()
        .enumerate()
        .map(|(i, t)| ("tips", i, &t.title, &t.text))
        .chain(
            c.announcements
                .iter()
                .enumerate()
                .map(|(i, a)| ("announcements", i, &a.title, &a.text)),
        );
    let mut out = Vec::new();
    for (list, index, title, text) in texts {
        let whole = format!("{title}\n{text}");
        let mut targets = vec![(com.platform, com.link_kind, false)];
        if let Some((p, k)) = next {
            targets.push((p, k, true));
        }
        for (platform, kind, is_next) in targets {
            // During a move, naming either platform is right.
            let also = if is_next {
                Some(com.platform)
            } else {
                next.map(|n| n.0)
            };
            for problem in problems(&whole, platform, kind, also) {
                out.push(Mismatch {
                    list,
                    index,
                    title: title.clone(),
                    platform,
                    next: is_next,
                    problem,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    #[test]
    fn the_default_tips_are_true_of_a_whatsapp_community() {
        assert_eq!(mismatches(&default_content()), []);
    }

    #[test]
    fn on_signal_the_tips_about_numbers_and_the_community_are_flagged() {
        let mut c = default_content();
        c.community.platform = Platform::Signal;
        c.community.link_kind = LinkKind::Group;
        let found = mismatches(&c);
        let titles: Vec<&str> = found.iter().map(|m| m.title.as_str()).collect();
        assert!(titles.contains(&"Vos données"), "{found:?}");
        assert!(titles.contains(&"Rejoindre la communauté"), "{found:?}");
        assert!(found
            .iter()
            .all(|m| m.platform == Platform::Signal && !m.next));
    }

    #[test]
    fn a_tip_naming_another_platform_is_flagged_but_not_a_french_verb() {
        let mut c = default_content();
        c.tips[2].text = "Pour signaler un abus, écrivez sur Telegram à l'accueil.".into();
        let found = mismatches(&c);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].problem.contains("Telegram"), "{found:?}");
        c.tips[2].text = "Pour signaler un abus, écrivez à l'accueil.".into();
        assert_eq!(mismatches(&c), []);
    }

    #[test]
    fn during_a_move_both_platforms_may_be_named_and_the_next_ones_claims_are_checked() {
        let mut c = default_content();
        c.tips[2].text = "Nous passons de WhatsApp à Signal.".into();
        c.community.next = Some(crate::content::NextPlatform {
            platform: Platform::Signal,
            invite_link: String::new(),
            link_kind: LinkKind::Group,
            switch_on: None,
            message: String::new(),
            translations: Default::default(),
            link_checked: None,
        });
        let found = mismatches(&c);
        assert!(found.iter().all(|m| m.next), "{found:?}");
        assert!(found.iter().any(|m| m.title == "Vos données"), "{found:?}");
        assert!(
            !found.iter().any(|m| m.index == 2 && m.list == "tips"),
            "{found:?}"
        );
    }
}
