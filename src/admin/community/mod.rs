//! The community and the move to another platform: `/admin/community` (`page`), the planned
//! move's form, buttons and conflicts (`platform_move*`), and what the dashboard says about
//! them, about the links' checks and about a clock that is wrong.

mod page;
mod platform_move;
mod platform_move_conflicts;

pub use page::{save, show};
pub use platform_move::{
    attention, browser_clock, cancel, checked, group_fields, language_of, links_panel, notices,
    reprinted, save_groups, save_move, switch_now, Situation,
};
