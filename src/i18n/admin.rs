//! The strings of the admin area, one catalogue per language (French by default).
//!
//! `{name}`-style placeholders are replaced by the page that shows the string.

use crate::content::Language;

/// Admin area strings. Adding a field makes both catalogues fail to compile until filled.
pub struct AdminCatalogue {
    pub lang: &'static str,
    // The shell.
    pub area_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_community: &'static str,
    pub nav_groups: &'static str,
    pub nav_tips: &'static str,
    pub nav_announcements: &'static str,
    pub nav_settings: &'static str,
    pub nav_history: &'static str,
    pub view_screen: &'static str,
    /// `{name}`: the admin's first name.
    pub signed_in_as: &'static str,
    pub password: &'static str,
    pub logout: &'static str,
    // Common words and messages.
    pub save: &'static str,
    pub cancel: &'static str,
    pub add: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub move_top: &'static str,
    pub move_bottom: &'static str,
    pub move_top_of_category: &'static str,
    pub move_bottom_of_category: &'static str,
    pub back_to_list: &'static str,
    pub optional: &'static str,
    /// `{name}`: what is deleted.
    pub confirm_delete: &'static str,
    pub flash_saved: &'static str,
    pub flash_deleted: &'static str,
    pub flash_restored: &'static str,
    pub flash_imported: &'static str,
    pub flash_renamed: &'static str,
    pub flash_stale: &'static str,
    pub flash_undone: &'static str,
    /// The banner's button that undoes the last save.
    pub undo: &'static str,
    pub undo_impossible: &'static str,
    pub not_saved_fix_fields: &'static str,
    pub stale_title: &'static str,
    pub stale_text: &'static str,
    /// `{name}` and `{time}`: who saved the newer version, and when.
    pub stale_by: &'static str,
    /// `{sections}`: the parts of the content changed meanwhile.
    pub stale_changed: &'static str,
    pub section_community: &'static str,
    pub section_groups: &'static str,
    pub section_tips: &'static str,
    pub section_announcements: &'static str,
    pub section_slides: &'static str,
    pub section_display: &'static str,
    pub gone_title: &'static str,
    pub gone_text: &'static str,
    pub bad_form: &'static str,
    /// strftime format of a local date and time.
    pub datetime_format: &'static str,
    // Dashboard.
    pub dashboard_title: &'static str,
    pub attention_title: &'static str,
    pub all_good: &'static str,
    pub example_link: &'static str,
    pub example_link_fix: &'static str,
    /// `{n}` and `{template}`.
    pub naming_breaks: &'static str,
    pub naming_fix: &'static str,
    /// `{names}`.
    pub not_in_community: &'static str,
    pub not_in_community_fix: &'static str,
    /// `{kind}`.
    pub slide_off: &'static str,
    pub slide_off_fix: &'static str,
    /// `{kind}`.
    pub slide_empty: &'static str,
    /// `{title}`.
    pub missing_image: &'static str,
    pub missing_image_fix: &'static str,
    pub always_asleep: &'static str,
    pub always_asleep_fix: &'static str,
    pub preview_title: &'static str,
    /// The link of an announcement's or tip's form to its slide alone, and its hint.
    pub preview_slide: &'static str,
    pub preview_slide_hint: &'static str,
    pub preview_hint: &'static str,
    /// `{time}` and `{name}`.
    pub last_saved: &'static str,
    pub never_saved: &'static str,
    pub print_title: &'static str,
    pub slide_community: &'static str,
    pub slide_groups: &'static str,
    pub slide_tips: &'static str,
    pub slide_announcements: &'static str,
    // Community.
    pub community_title: &'static str,
    pub community_intro: &'static str,
    pub platform: &'static str,
    pub platform_other: &'static str,
    pub invite_link: &'static str,
    pub invite_link_hint: &'static str,
    pub invite_link_examples: &'static str,
    pub community_name: &'static str,
    pub call_to_action: &'static str,
    pub call_to_action_hint: &'static str,
    pub qr_title: &'static str,
    pub qr_text: &'static str,
    pub qr_svg: &'static str,
    pub qr_png: &'static str,
    pub poster: &'static str,
    pub guide: &'static str,
    // Groups.
    pub groups_title: &'static str,
    pub groups_intro: &'static str,
    pub add_group: &'static str,
    pub edit_group: &'static str,
    pub no_groups: &'static str,
    pub group_name: &'static str,
    /// `{template}`.
    pub group_name_hint: &'static str,
    pub group_category: &'static str,
    pub group_category_hint: &'static str,
    pub group_description: &'static str,
    pub group_description_hint: &'static str,
    pub group_link: &'static str,
    pub group_link_hint: &'static str,
    pub group_in_community: &'static str,
    /// The same on a platform without communities.
    pub group_joinable: &'static str,
    pub badge_in_community: &'static str,
    /// The same on a platform without communities (Signal, Telegram, a group link).
    pub badge_joinable: &'static str,
    pub badge_not_in_community: &'static str,
    pub badge_breaks_naming: &'static str,
    // Naming convention.
    pub naming_title: &'static str,
    pub naming_intro: &'static str,
    pub naming_template: &'static str,
    pub naming_template_hint: &'static str,
    pub naming_all_follow: &'static str,
    pub naming_preview: &'static str,
    pub naming_current: &'static str,
    pub naming_proposed: &'static str,
    pub naming_rename: &'static str,
    pub naming_apply: &'static str,
    pub naming_duplicate: &'static str,
    pub naming_none_checked: &'static str,
    // Tips.
    pub tips_title: &'static str,
    pub tips_intro: &'static str,
    pub add_tip: &'static str,
    pub edit_tip: &'static str,
    pub no_tips: &'static str,
    pub tip_title: &'static str,
    pub tip_text: &'static str,
    pub tip_text_hint: &'static str,
    // Announcements.
    pub announcements_title: &'static str,
    pub announcements_intro: &'static str,
    pub add_announcement: &'static str,
    pub edit_announcement: &'static str,
    pub no_announcements: &'static str,
    pub announcement_title: &'static str,
    pub announcement_text: &'static str,
    pub announcement_image: &'static str,
    pub image_hint: &'static str,
    pub current_image: &'static str,
    pub remove_image: &'static str,
    // Upload refusals.
    pub upload_empty: &'static str,
    /// `{size}`: the size of the file sent.
    pub upload_too_heavy: &'static str,
    pub upload_svg: &'static str,
    pub upload_not_image: &'static str,
    /// `{width}` and `{height}`.
    pub upload_too_large: &'static str,
    /// A WebP, progressive JPEG or interlaced PNG beyond `limits::MAX_WHOLE_DECODE_PIXELS`.
    pub upload_too_large_whole: &'static str,
    pub upload_body_too_big: &'static str,
    pub too_big_title: &'static str,
    // Error pages and accounts.
    pub nav_accounts: &'static str,
    pub error_bad_request: &'static str,
    pub error_bad_request_text: &'static str,
    pub error_signed_out: &'static str,
    pub error_signed_out_text: &'static str,
    pub error_forbidden: &'static str,
    pub error_forbidden_text: &'static str,
    pub error_not_found: &'static str,
    pub error_not_found_text: &'static str,
    pub error_method: &'static str,
    pub error_method_text: &'static str,
    pub error_too_many: &'static str,
    pub error_too_many_text: &'static str,
    pub error_internal: &'static str,
    pub error_internal_text: &'static str,
    pub error_network: &'static str,
    pub error_origin: &'static str,
    pub error_log_in: &'static str,
    pub error_back: &'static str,
    pub error_back_to_form: &'static str,
    pub error_stale_form: &'static str,
    pub error_stale_form_text: &'static str,
    pub error_disk_full: &'static str,
    /// A save the data disk refused (also an upload's).
    pub disk_full: &'static str,
    pub error_admins_only: &'static str,
    pub error_form_expected: &'static str,
    pub error_form_unreadable: &'static str,
    /// Said by the page's script when it puts back text typed earlier and not saved;
    /// `{time}`: when it was typed.
    pub draft_restored: &'static str,
    pub draft_discard: &'static str,
    /// Beside a picture field whose chosen file a restored draft could not keep; `{name}`.
    pub draft_file_again: &'static str,
    // Hidden, and days on screen.
    pub hide_from_screen: &'static str,
    pub hide_group: &'static str,
    /// A hidden group's badge (a group: masculine in French).
    pub badge_hidden_group: &'static str,
    pub badge_hidden: &'static str,
    pub badge_shown: &'static str,
    /// `{date}`.
    pub badge_scheduled: &'static str,
    pub badge_expired: &'static str,
    pub badge_until: &'static str,
    /// `{first}`, `{last}`: a scheduled announcement that also ends.
    pub badge_between: &'static str,
    /// An announcement on screen until someone removes it.
    pub badge_no_end: &'static str,
    pub announcement_first_day: &'static str,
    pub announcement_last_day: &'static str,
    pub announcement_days_hint: &'static str,
    pub date_invalid: &'static str,
    pub dates_order: &'static str,
    /// A day, as `format` writes it.
    pub date_format: &'static str,
    /// `{title}`, `{date}`.
    pub dashboard_scheduled: &'static str,
    pub dashboard_expired: &'static str,
    /// Above the preview of a group's name as the screen shows it.
    pub group_name_preview: &'static str,
    /// Several of a kind in one card of the dashboard's to-do list ("{n}").
    pub dashboard_scheduled_many: &'static str,
    pub dashboard_expired_many: &'static str,
    pub missing_image_many: &'static str,
    /// The button that opens a card's list.
    pub todo_show_list: &'static str,
    pub dashboard_see_announcement: &'static str,
    /// Old revisions the history forgot for its size: `{count}`, and `{date}` of the last time.
    pub history_forgotten: &'static str,
    // Two volunteers on the same item.
    pub conflict_title: &'static str,
    /// The same, for a page of settings (the community, the screen's settings).
    pub conflict_page_title: &'static str,
    /// A setting's value in the side-by-side comparison: a slide kind shown (or not) and
    /// for how long, a box ticked or not.
    pub compare_shown: &'static str,
    pub compare_not_shown: &'static str,
    pub compare_yes: &'static str,
    pub compare_no: &'static str,
    pub conflict_deleted: &'static str,
    pub conflict_text: &'static str,
    pub conflict_mine: &'static str,
    pub conflict_theirs: &'static str,
    pub conflict_gone: &'static str,
    pub conflict_keep_mine: &'static str,
    pub conflict_take_theirs: &'static str,
    pub conflict_leave_deleted: &'static str,
    pub conflict_edit: &'static str,
    // Settings.
    pub settings_title: &'static str,
    pub slides_title: &'static str,
    pub slides_intro: &'static str,
    pub slide_shown: &'static str,
    pub slide_seconds: &'static str,
    pub seconds_not_a_number: &'static str,
    pub display_title: &'static str,
    pub qr_corner: &'static str,
    pub hours_title: &'static str,
    pub hours_enabled: &'static str,
    pub hours_hint: &'static str,
    pub weekdays: [&'static str; 7],
    /// Shown in an empty day of the opening hours.
    pub closed: &'static str,
    pub colours_title: &'static str,
    pub colour_background: &'static str,
    pub colour_text: &'static str,
    pub colour_accent: &'static str,
    pub logo_title: &'static str,
    pub logo_hint: &'static str,
    pub logo_none: &'static str,
    pub logo_upload: &'static str,
    pub logo_remove: &'static str,
    pub account_title: &'static str,
    pub change_password: &'static str,
    pub api_tokens: &'static str,
    // History and transfer.
    pub history_title: &'static str,
    pub history_intro: &'static str,
    pub history_empty: &'static str,
    pub history_when: &'static str,
    pub history_who: &'static str,
    pub history_what: &'static str,
    pub history_current: &'static str,
    pub history_first: &'static str,
    pub history_restore: &'static str,
    pub history_confirm_restore: &'static str,
    pub history_unreadable: &'static str,
    /// The history as a whole cannot be read (its cause is in the server's log).
    pub history_list_unreadable: &'static str,
    /// `{name}` quoted, as the history shows a name.
    pub quote: &'static str,
    /// What a save did, after who did it: `{name}` is already quoted.
    pub history_added: &'static str,
    pub history_deleted: &'static str,
    pub history_edited: &'static str,
    /// `{from}`, `{to}`.
    pub history_renamed: &'static str,
    /// `{section}`: the list (`les groupes`).
    pub history_reordered: &'static str,
    pub history_changed: &'static str,
    /// `{time}`: when the version put back was saved.
    pub history_restored: &'static str,
    pub history_nothing: &'static str,
    pub transfer_title: &'static str,
    pub export_text: &'static str,
    pub export_button: &'static str,
    pub import_text: &'static str,
    pub import_file: &'static str,
    pub import_button: &'static str,
    pub import_confirm: &'static str,
    pub import_no_file: &'static str,
    pub import_too_big: &'static str,
    pub import_invalid: &'static str,
    pub import_field: &'static str,
    pub import_problem: &'static str,
    pub import_choose_again: &'static str,
    /// How the naming template's topic placeholder is written (stored as `{sujet}`).
    pub topic_marker: &'static str,
    /// How this language says each problem of the content checks (`i18n::problems`).
    pub problems: &'static [(&'static str, &'static str)],
}

/// The admin catalogue of a language.
pub fn admin_catalogue(lang: Language) -> &'static AdminCatalogue {
    match lang {
        Language::Fr => &super::admin_fr::ADMIN_FR,
        Language::En => &super::admin_en::ADMIN_EN,
    }
}
