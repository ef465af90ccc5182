//! Otsokop's content, built into the binary and shown until an admin saves their own.

use super::Content;

/// The example invitation shipped with vitrine; the admin area flags it until it is replaced.
pub const EXAMPLE_INVITE_LINK: &str = "https://chat.whatsapp.com/ExempleOtsokopARemplacer";

const DEFAULT_JSON: &str = include_str!("../../assets/default-content.json");

/// The embedded default content.
pub fn default_content() -> Content {
    let mut content: Content = serde_json::from_str(DEFAULT_JSON)
        .expect("the embedded default content is valid JSON (tested)");
    content.give_ids(super::ids::Origin::Disk);
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_otsokops_french_content_with_the_example_link() {
        let c = default_content();
        assert_eq!(c.display.language, crate::content::ScreenLanguage::Fr);
        assert!(c.has_example_link());
        assert!(c.groups.len() >= 8);
        assert!((5..=8).contains(&c.tips.len()));
        assert!(c.groups.iter().all(|g| g.name.starts_with("Otsokop · ")));
        assert!(c.groups_by_category().len() >= 3);
    }
}
