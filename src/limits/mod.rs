//! Every limit in one place, each with the reason for its value: what keeps a stranger on the
//! shop's Wi-Fi from exhausting the Pi (`server`, re-exported here), and how long each text of
//! the content may be (`content`).

pub mod content;
mod server;

pub use server::*;
