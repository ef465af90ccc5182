//! The history of saves and the whole content in and out: `/admin/history` (`page`), what each
//! save changed in words (`words`), restoring a revision and undoing the last save
//! (`restore`), export and import of the whole document (`transfer`).

mod page;
mod restore;
mod transfer;
mod words;

pub use page::show;
pub use restore::{restore, undo};
pub use transfer::{export, import};
