//! Everything that starts headless Chromium or prints a PDF: the display as a shopper sees it, the admin pages in a real browser, the poster and the guide on paper. Chromium tests take turns, four at a time (`common::browser::chromium_turn`).

#[path = "../common/mod.rs"]
mod common;

mod admin_browser;
mod admin_drafts_browser;
mod admin_screenshots;
mod bilingual_browser;
mod display_browser;
mod display_rest;
mod harness_smoke;
mod links_and_clock;
mod long_names;
mod move_poster;
mod pin_browser;
mod platform_move_browser;
mod print;
mod screen_picture_browser;
mod walk_announcements;
mod walk_groups;
mod walk_layout;
mod walk_move;
