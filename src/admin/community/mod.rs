//! The community and the move to another platform: `/admin/community` (`page`), the planned
//! move's form (`platform_move_form`), its buttons (`platform_move`), the pages that ask
//! before switching or cancelling (`platform_move_confirm`) and what the buttons answer when
//! someone changed the move meanwhile (`platform_move_conflicts`), and what the dashboard says
//! about the links, the move and a clock that is wrong (`notices`).

mod notices;
mod page;
mod platform_move;
mod platform_move_confirm;
mod platform_move_conflicts;
mod platform_move_form;

pub use notices::{attention, browser_clock, links_panel, notices, Situation};
pub use page::{save, show};
pub use platform_move::{
    ask_cancel, ask_switch, cancel, checked, reprinted, save_groups, save_move, switch_now,
};
pub use platform_move_form::group_fields;
