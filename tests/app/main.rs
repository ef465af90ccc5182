//! The application driven as a client would: the router without a socket (`oneshot`), and an in-process server on loopback for what needs real TCP. One binary: one link of the app for all of them.

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod admin_clock;
mod admin_conflicts;
mod admin_fence;
mod admin_history;
mod admin_limits;
mod admin_order;
mod admin_pages;
mod admin_refusals;
mod admin_uploads;
mod admin_visibility;
mod api;
mod api_description;
mod auth;
mod bilingual_admin;
mod bilingual_html;
mod connected_screens;
mod display_content_file;
mod display_html;
mod display_live;
mod display_routes;
mod getting_in;
mod hardening;
mod history_items;
mod hostile;
mod insiders;
mod item_ids;
mod media_copies;
mod pi_health;
mod pin;
mod platform_move;
mod platforms;
mod schedule;
mod screen_phrases;
mod screen_picture;
mod slide_preview;
mod strangers;
mod translations_api;
mod typography;
mod words_not_keys;
