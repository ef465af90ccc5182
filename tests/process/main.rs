//! The real binary and the Pi's scripts as processes: the CLI, start-up and shutdown, the crash path, systemd's notify socket, the kiosk scripts.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod crash;
mod kiosk;
mod kiosk_cog;
mod kiosk_picture;
mod kiosk_trixie;
mod serve_cli;
mod systemd;
mod version;
