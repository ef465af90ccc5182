//! Which vitrine this is: the package version and git revision that packaging/build.sh
//! stamps in at build time, else Cargo.toml's version (a plain `cargo build`).

use std::sync::OnceLock;

/// The version a Pi runs: `0.1.0-1` in a package (`VITRINE_VERSION` at build time), else
/// Cargo's `0.1.0`.
pub const VERSION: &str = match option_env!("VITRINE_VERSION") {
    Some(v) => v,
    None => env!("CARGO_PKG_VERSION"),
};

/// The git commit the package was built from, when the packaging script knew it.
pub const REVISION: Option<&str> = option_env!("VITRINE_REVISION");

/// The version as `vitrine --version`, the log and the dashboard show it: `0.1.0-1 (git 1a2b3c4)`.
pub fn describe() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| match REVISION.filter(|r| !r.is_empty()) {
        Some(revision) => format!("{VERSION} (git {revision})"),
        None => VERSION.to_owned(),
    })
}
