//! Splits the groups into columns and slides, as the server shows them before the script
//! lays them out again for the screen actually showing them (display.js, reflow).
//!
//! A column holds a fixed number of rows (a category heading or a group is one row), and a
//! slide a fixed number of columns: side by side on a wide screen, one above the other on a
//! tall one (`display.css`). A category that goes on in another column repeats its heading,
//! marked as continued.

use crate::content::{Content, Group};

/// Rows in one column as the server lays it out: as many as fit in half a tall screen, so
/// that the page is readable before (or without) the script.
pub const ROWS_PER_COLUMN: usize = 6;

/// Columns on one groups slide as the server lays it out.
pub const COLUMNS_PER_SLIDE: usize = 2;

/// The groups of one category in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub category: &'a str,
    /// The category's place among the categories, the same on every slide and language: the
    /// script recognises a category by it.
    pub index: usize,
    /// True when the category began in an earlier column.
    pub continued: bool,
    pub groups: Vec<&'a Group>,
}

/// One column of a groups slide.
pub type Column<'a> = Vec<Section<'a>>;

/// One groups slide: its columns.
pub type GroupPage<'a> = Vec<Column<'a>>;

/// Lays the groups, by category, in as many columns and slides as needed; none when there
/// are no groups.
pub fn paginate(content: &Content) -> Vec<GroupPage<'_>> {
    let mut columns: Vec<Column> = Vec::new();
    let mut column: Column = Vec::new();
    let mut used = 0;
    for (index, (category, groups)) in content.groups_by_category().into_iter().enumerate() {
        let mut continued = false;
        let mut rest = groups.as_slice();
        while !rest.is_empty() {
            // A heading alone at the foot of a column helps nobody: start a new column.
            if used + 2 > ROWS_PER_COLUMN {
                columns.push(std::mem::take(&mut column));
                used = 0;
            }
            let room = ROWS_PER_COLUMN - used - 1;
            let take = room.min(rest.len());
            column.push(Section {
                category,
                index,
                continued,
                groups: rest[..take].to_vec(),
            });
            used += take + 1;
            rest = &rest[take..];
            continued = true;
        }
    }
    if !column.is_empty() {
        columns.push(column);
    }
    let mut pages = Vec::new();
    let mut columns = columns.into_iter().peekable();
    while columns.peek().is_some() {
        pages.push(columns.by_ref().take(COLUMNS_PER_SLIDE).collect());
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
                ..Default::default()
            })
            .collect();
        c
    }

    fn rows(column: &Column) -> usize {
        column.iter().map(|s| s.groups.len() + 1).sum()
    }

    #[test]
    fn no_groups_no_slide() {
        assert!(paginate(&with_groups(0, 1)).is_empty());
    }

    #[test]
    fn every_group_appears_once_in_order_and_no_column_is_too_full() {
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
                .flatten()
                .flat_map(|s| s.groups.iter().map(|g| g.name.as_str()))
                .collect();
            let mut expected: Vec<&str> = Vec::new();
            for (_, groups) in content.groups_by_category() {
                expected.extend(groups.iter().map(|g| g.name.as_str()));
            }
            assert_eq!(shown, expected, "{n} groups in {cats} categories");
            for page in &pages {
                assert!(!page.is_empty() && page.len() <= COLUMNS_PER_SLIDE);
                for column in page {
                    assert!(rows(column) <= ROWS_PER_COLUMN);
                    assert!(
                        column.iter().all(|s| !s.groups.is_empty()),
                        "no lonely heading"
                    );
                }
            }
        }
    }

    #[test]
    fn a_long_category_continues_with_its_heading_at_the_top_of_every_column() {
        let content = with_groups(15, 1);
        let pages = paginate(&content);
        // Five groups under a heading per column: three columns on two slides.
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 2);
        assert!(!pages[0][0][0].continued);
        assert!(
            pages[0][1][0].continued,
            "the second column of the first slide"
        );
        assert!(pages[1][0][0].continued);
        assert_eq!(pages[0][1][0].category, "Catégorie 0");
        assert!(pages.iter().flatten().flatten().all(|s| s.index == 0));
    }
}
