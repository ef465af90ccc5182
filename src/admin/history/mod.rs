//! The history of saves and the whole content in and out: `/admin/history` (`page`), what each
//! save changed in words (`words`), export and import of the whole document (`transfer`).

mod page;
mod transfer;
mod words;

pub use page::{restore, show, undo};
pub use transfer::{export, import};
