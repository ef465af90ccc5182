//! Splits the groups into slides that always fit the screen.
//!
//! Each slide holds a fixed number of rows (a category heading or a group is one row); the
//! stylesheet sizes rows in viewport units so that this many fit at any resolution.

use crate::content::{Content, Group};

/// Rows on one groups slide; `display.css` sizes `.row` so that this many fit.
pub const ROWS_PER_SLIDE: usize = 7;

/// The groups of one category on one slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub category: &'a str,
    /// True when the category began on an earlier slide.
    pub continued: bool,
    pub groups: Vec<&'a Group>,
}

/// One groups slide.
pub type GroupPage<'a> = Vec<Section<'a>>;

/// Lays the groups, by category, on as many slides as needed; none when there are no groups.
pub fn paginate(content: &Content) -> Vec<GroupPage<'_>> {
    let mut pages: Vec<GroupPage> = Vec::new();
    let mut page: GroupPage = Vec::new();
    let mut used = 0;
    for (category, groups) in content.groups_by_category() {
        let mut continued = false;
        let mut rest = groups.as_slice();
        while !rest.is_empty() {
            // A heading alone at the foot of a slide helps nobody: start a new slide.
            if used + 2 > ROWS_PER_SLIDE {
                pages.push(std::mem::take(&mut page));
                used = 0;
            }
            let room = ROWS_PER_SLIDE - used - 1;
            let take = room.min(rest.len());
            page.push(Section {
                category,
                continued,
                groups: rest[..take].to_vec(),
            });
            used += take + 1;
            rest = &rest[take..];
            continued = true;
        }
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::default_content;

    fn with_groups(n: usize, categories: usize) -> Content {
        let mut c = default_content();
        c.groups = (0..n)
            .map(|i| Group {
                name: format!("Otsokop · Groupe {i}"),
                description: String::new(),
                category: format!("Catégorie {}", i % categories.max(1)),
                link: None,
                in_community: true,
                next: None,
                translations: Default::default(),
            })
            .collect();
        c
    }

    fn rows(page: &GroupPage) -> usize {
        page.iter().map(|s| s.groups.len() + 1).sum()
    }

    #[test]
    fn no_groups_no_slide() {
        assert!(paginate(&with_groups(0, 1)).is_empty());
    }

    #[test]
    fn every_group_appears_once_in_order_and_no_slide_is_too_full() {
        for (n, cats) in [
            (1, 1),
            (6, 1),
            (7, 1),
            (12, 4),
            (40, 3),
            (200, 7),
            (200, 200),
        ] {
            let content = with_groups(n, cats);
            let pages = paginate(&content);
            let shown: Vec<&str> = pages
                .iter()
                .flatten()
                .flat_map(|s| s.groups.iter().map(|g| g.name.as_str()))
                .collect();
            let mut expected: Vec<&str> = Vec::new();
            for (_, groups) in content.groups_by_category() {
                expected.extend(groups.iter().map(|g| g.name.as_str()));
            }
            assert_eq!(shown, expected, "{n} groups in {cats} categories");
            for page in &pages {
                assert!(rows(page) <= ROWS_PER_SLIDE);
                assert!(
                    page.iter().all(|s| !s.groups.is_empty()),
                    "no lonely heading"
                );
            }
        }
    }

    #[test]
    fn a_long_category_continues_with_its_heading() {
        let content = with_groups(15, 1);
        let pages = paginate(&content);
        assert_eq!(pages.len(), 3);
        assert!(!pages[0][0].continued);
        assert!(pages[1][0].continued && pages[2][0].continued);
        assert_eq!(pages[1][0].category, "Catégorie 0");
    }
}
