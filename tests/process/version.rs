//! Which version runs: `vitrine --version` and the admin dashboard say the same, and it is the
//! package's version when packaging/build.sh stamped one in (Cargo's otherwise).

use crate::common;

use common::admin::Volunteer;
use common::binary::vitrine;

/// What the packaging script sets at build time; a plain `cargo test` has neither.
const STAMPED: Option<&str> = option_env!("VITRINE_VERSION");

#[test]
fn version_flag_prints_the_package_version() {
    let expected = STAMPED.unwrap_or(env!("CARGO_PKG_VERSION"));
    for flag in ["--version", "-V"] {
        let out = vitrine().arg(flag).output().unwrap();
        assert!(out.status.success(), "{flag}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let line = stdout.trim_end();
        assert_eq!(line, format!("vitrine {}", vitrine::version::describe()));
        assert!(
            line.starts_with(&format!("vitrine {expected}")),
            "{flag} printed {line:?}, expected the version {expected}"
        );
    }
}

#[tokio::test]
async fn the_dashboard_shows_the_running_version() {
    let v = Volunteer::new("Alice");
    let page = v.get("/admin").await;
    let shown = page.texts(".version");
    assert_eq!(
        shown,
        [format!("vitrine {}", vitrine::version::describe())],
        "one version line on the dashboard"
    );
}
