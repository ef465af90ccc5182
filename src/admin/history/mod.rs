//! The history of saves and the whole content in and out: `/admin/history` (`page`), what each
//! save changed, item by item (`changes`), in words (`words`), putting one item back,
//! restoring a revision and undoing the last save
//! (`restore`), export and import of the whole document (`transfer`).

mod changes;
mod page;
mod restore;
mod transfer;
mod words;

pub use page::show;
pub use restore::{restore, restore_item, undo};
pub use transfer::{export, import};
