//! The naming convention of groups: which names break it, and the name proposed for each.

use crate::content::Content;

/// The placeholder of the template that stands for a group's topic.
pub const TOPIC: &str = "{sujet}";

/// The template as the admin's language writes its placeholder (`{topic}` in English).
pub fn as_shown(template: &str, t: &crate::i18n::AdminCatalogue) -> String {
    template.replace(TOPIC, t.topic_marker)
}

/// The template as typed in the admin's language, with the placeholder the content stores.
pub fn as_stored(typed: &str, t: &crate::i18n::AdminCatalogue) -> String {
    typed.replace(t.topic_marker, TOPIC)
}

/// Characters that separate a brand from a topic ("Otsokop · Vélo", "[Otsokop] Vélo").
const LEADING_JUNK: &[char] = &[
    '·', '-', '–', '—', ':', '|', '/', '•', '_', '[', ']', '(', ')', '*', '>', ',', '.', '#',
];
const TRAILING_JUNK: &[char] = &['·', '-', '–', '—', ':', '|', '/', '•', '_', ',', '*'];
/// Separators between a shared head and the topic, as written in many group names.
const SEPARATORS: &[&str] = &[" · ", " - ", " – ", " — ", " : ", ": ", " | ", " / ", " • "];

/// The text around `{sujet}`, or `None` when the template has no placeholder.
fn parts(template: &str) -> Option<(&str, &str)> {
    template.split_once(TOPIC)
}

/// Whether a name follows the template: its prefix and suffix around a non-blank topic.
pub fn follows(template: &str, name: &str) -> bool {
    let Some((prefix, suffix)) = parts(template) else {
        return true;
    };
    name.len() > prefix.len() + suffix.len()
        && name.starts_with(prefix)
        && name.ends_with(suffix)
        && {
            let topic = &name[prefix.len()..name.len() - suffix.len()];
            !topic.trim().is_empty() && topic.trim() == topic
        }
}

/// One rename the convention asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Position of the group in the content.
    pub index: usize,
    pub current: String,
    pub proposed: String,
    /// Another group already has, or would get, this name.
    pub duplicate: bool,
}

/// The renames that would bring every group under the template, in group order.
pub fn proposals(content: &Content) -> Vec<Proposal> {
    let template = &content.display.naming_template;
    if parts(template).is_none() {
        return Vec::new();
    }
    let brands = brands(content);
    let mut out: Vec<Proposal> = content
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !follows(template, &g.name))
        .map(|(index, g)| Proposal {
            index,
            current: g.name.clone(),
            proposed: template.replacen(TOPIC, &topic_of(template, &g.name, &brands), 1),
            duplicate: false,
        })
        .collect();
    for i in 0..out.len() {
        let p = &out[i];
        let taken = content
            .groups
            .iter()
            .enumerate()
            .any(|(j, g)| j != p.index && g.name == p.proposed)
            || out
                .iter()
                .any(|q| q.index != p.index && q.proposed == p.proposed);
        out[i].duplicate = taken;
    }
    out.retain(|p| p.proposed != p.current);
    out
}

/// Words to strip from a name to find its topic: those of the template, and any head that
/// several group names share before a separator (the brand of an older convention).
fn brands(content: &Content) -> Vec<String> {
    let template = &content.display.naming_template;
    let mut brands: Vec<String> = template
        .replace(TOPIC, " ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_owned)
        .collect();
    let heads: Vec<String> = content
        .groups
        .iter()
        .filter_map(|g| {
            SEPARATORS
                .iter()
                .filter_map(|sep| g.name.find(sep))
                .min()
                .map(|at| g.name[..at].trim().to_lowercase())
        })
        .filter(|h| !h.is_empty() && h.split_whitespace().count() <= 3)
        .collect();
    for head in &heads {
        if heads.iter().filter(|h| *h == head).count() >= 2
            && !brands.iter().any(|b| b.to_lowercase() == *head)
        {
            brands.push(head.clone());
        }
    }
    // Longest first, so "Otsokop Bayonne" goes before "Otsokop".
    brands.sort_by_key(|b| std::cmp::Reverse(b.chars().count()));
    brands
}

/// `s` without `word` at its start (ignoring case), when the word ends there.
fn strip_word_start<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s.char_indices();
    for w in word.chars() {
        let (_, c) = rest.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    let end = rest.next().map(|(i, _)| i).unwrap_or(s.len());
    let tail = &s[end..];
    (tail.is_empty() || !tail.starts_with(char::is_alphanumeric)).then_some(tail)
}

/// `s` without `word` at its end (ignoring case), when the word starts there.
fn strip_word_end<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s.char_indices().rev();
    let mut start = s.len();
    for w in word.chars().rev() {
        let (i, c) = rest.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
        start = i;
    }
    let head = &s[..start];
    (head.is_empty() || !head.ends_with(char::is_alphanumeric)).then_some(head)
}

/// The topic of a group name: the name without brands and separators around it.
pub fn topic_of(template: &str, name: &str, brands: &[String]) -> String {
    if follows(template, name) {
        if let Some((prefix, suffix)) = parts(template) {
            return name[prefix.len()..name.len() - suffix.len()].to_owned();
        }
    }
    let mut s = name.trim();
    loop {
        let before = s;
        s = s.trim_start_matches(|c: char| c.is_whitespace() || LEADING_JUNK.contains(&c));
        s = s.trim_end_matches(|c: char| c.is_whitespace() || TRAILING_JUNK.contains(&c));
        for brand in brands {
            if let Some(rest) = strip_word_start(s, brand) {
                s = rest;
            }
            if let Some(rest) = strip_word_end(s, brand) {
                s = rest;
            }
        }
        if s == before {
            break;
        }
    }
    let topic = if s.is_empty() { name.trim() } else { s };
    let mut chars = topic.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => topic.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    fn with_names(template: &str, names: &[&str]) -> Content {
        let mut c = default_content();
        c.display.naming_template = template.into();
        let model = c.groups[0].clone();
        c.groups = names
            .iter()
            .map(|n| crate::content::Group {
                name: (*n).into(),
                ..model.clone()
            })
            .collect();
        c
    }

    fn renames(c: &Content) -> Vec<(String, String)> {
        proposals(c)
            .into_iter()
            .map(|p| (p.current, p.proposed))
            .collect()
    }

    #[test]
    fn the_default_groups_follow_the_default_convention() {
        assert!(proposals(&default_content()).is_empty());
    }

    #[test]
    fn names_that_break_it_get_the_template_around_their_topic() {
        let c = with_names(
            "Otsokop · {sujet}",
            &[
                "Otsokop · Annonces",
                "Otsokop - Covoiturage",
                "OTSOKOP covoit",
                "[Otsokop] Bricolage",
                "recettes",
                "Vrac Otsokop",
                "Otsokop ·  Vélo ",
                "Otsokop",
            ],
        );
        assert_eq!(
            renames(&c),
            [
                ("Otsokop - Covoiturage", "Otsokop · Covoiturage"),
                ("OTSOKOP covoit", "Otsokop · Covoit"),
                ("[Otsokop] Bricolage", "Otsokop · Bricolage"),
                ("recettes", "Otsokop · Recettes"),
                ("Vrac Otsokop", "Otsokop · Vrac"),
                ("Otsokop ·  Vélo ", "Otsokop · Vélo"),
                ("Otsokop", "Otsokop · Otsokop"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_new_template_replaces_the_brand_the_names_share() {
        let c = with_names(
            "Coop — {sujet}",
            &["Otsokop · Annonces", "Otsokop · Entraide", "Vélo (cargo)"],
        );
        assert_eq!(
            renames(&c),
            [
                ("Otsokop · Annonces", "Coop — Annonces"),
                ("Otsokop · Entraide", "Coop — Entraide"),
                ("Vélo (cargo)", "Coop — Vélo (cargo)"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn clashes_are_flagged() {
        let c = with_names(
            "Otsokop · {sujet}",
            &["Otsokop · Vélo", "Otsokop - Vélo", "vélo"],
        );
        let p = proposals(&c);
        assert_eq!(p.len(), 2);
        assert!(p
            .iter()
            .all(|p| p.duplicate && p.proposed == "Otsokop · Vélo"));
    }

    #[test]
    fn suffix_templates_work_too() {
        let c = with_names("{sujet} (Otsokop)", &["Otsokop · Vrac", "Vrac (Otsokop)"]);
        let p = proposals(&c);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].proposed, "Vrac (Otsokop)");
        assert!(p[0].duplicate);
    }
}
