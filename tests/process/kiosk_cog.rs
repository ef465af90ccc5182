//! The small boards' engine, WPE WebKit's cog: install.sh chooses it on a board with less
//! than 1 GB (and either engine by hand, with `--engine`), installs what it needs instead of
//! Chromium, and the kiosk runs it, restarts it, and watches its reports as it does Chromium.

use crate::kiosk::{
    fake_pi, fake_server, install, read, start, stdout_of, wait_for_lines, write_executable,
};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Gives the fake Pi's root a memory of `mb` megabytes, as /proc/meminfo says it.
fn memory(root: &Path, mb: u64) {
    std::fs::create_dir_all(root.join("proc")).unwrap();
    std::fs::write(
        root.join("proc/meminfo"),
        format!(
            "MemTotal:       {} kB\nMemFree:          300000 kB\n",
            mb * 1024
        ),
    )
    .unwrap();
}

fn engine_line(root: &Path) -> Vec<String> {
    read(root, "etc/default/vitrine-kiosk")
        .lines()
        .filter(|l| l.starts_with("VITRINE_ENGINE="))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_board_with_less_than_1_gb_gets_cog_instead_of_chromium_and_keeps_it() {
    let root = fake_pi(false);
    let r = root.path();
    // A Pi Zero 2 W: 512 MB, of which the kernel reports about 430.
    memory(r, 430);
    let out = stdout_of(&install(r, &["--lite"]));
    assert!(
        out.contains("engine: cog (WPE WebKit): this board has 430 MB of memory"),
        "{out}"
    );
    assert!(out.contains("Lite set-up: cage and cog"), "{out}");
    let apt: Vec<&str> = out.lines().filter(|l| l.contains("apt-get")).collect();
    assert_eq!(
        apt,
        ["install.sh: skipped (not on /): apt-get install -y --no-install-recommends cage xwayland curl polkitd cog libgles2 wlr-randr grim"],
        "{out}"
    );
    assert_eq!(engine_line(r), ["VITRINE_ENGINE=cog"]);

    let again = stdout_of(&install(r, &["--lite"]));
    assert!(again.contains("engine: cog (already chosen"), "{again}");
    assert!(again.contains("nothing to change"), "{again}");

    // By hand, the other way: the line changes, the rest of the settings stay.
    let settings = read(r, "etc/default/vitrine-kiosk");
    let out = stdout_of(&install(r, &["--lite", "--engine", "chromium"]));
    assert!(out.contains("engine: chromium (--engine)"), "{out}");
    assert!(out.contains("Lite set-up: cage and chromium"), "{out}");
    assert_eq!(engine_line(r), ["VITRINE_ENGINE=chromium"]);
    assert_eq!(
        read(r, "etc/default/vitrine-kiosk"),
        settings.replace("VITRINE_ENGINE=cog", "VITRINE_ENGINE=chromium")
    );
}

#[test]
fn a_1_gb_board_keeps_chromium_unless_cog_is_asked_for() {
    let root = fake_pi(true);
    let r = root.path();
    // A Pi 3 B: 1 GB, of which the kernel reports about 906 MB.
    memory(r, 906);
    let out = stdout_of(&install(r, &[]));
    assert!(out.contains("engine: chromium (906 MB of memory)"), "{out}");
    assert_eq!(engine_line(r), ["VITRINE_ENGINE=chromium"]);

    let out = stdout_of(&install(r, &["--engine", "cog"]));
    assert!(out.contains("desktop set-up"), "{out}");
    assert!(
        out.contains("apt-get install -y --no-install-recommends curl cog libgles2 wlr-randr grim"),
        "{out}"
    );
    assert_eq!(engine_line(r), ["VITRINE_ENGINE=cog"]);
}

#[test]
fn an_unknown_engine_is_refused_with_the_two_names() {
    let root = fake_pi(false);
    let before = std::fs::read_dir(root.path()).unwrap().count();
    for args in [&["--engine", "firefox"][..], &["--engine"][..]] {
        let out = install(root.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("--engine takes chromium or cog"), "{said}");
    }
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), before);
}

#[test]
fn the_kiosk_runs_cog_on_the_compositor_and_restarts_it_when_the_screen_stops_reporting() {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let launches = dir.path().join("launches");
    // A cog that notes its arguments and full-screen setting, then runs until stopped.
    write_executable(
        &bin.join("cog"),
        &format!(
            "#!/bin/sh\necho \"$$ fullscreen=$COG_PLATFORM_WL_VIEW_FULLSCREEN $*\" >> '{}'\nexec sleep 600\n",
            launches.display()
        ),
    );
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let mut kiosk = start(
        "vitrine-kiosk.sh",
        &bin,
        &[
            ("VITRINE_ENGINE", "cog"),
            ("VITRINE_COG_FLAGS", "--web-mem-limit=200"),
            ("VITRINE_URL", &server.url),
            ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
            ("VITRINE_SCREEN", "none"),
            ("VITRINE_REPORT_TIMEOUT", "1"),
            ("VITRINE_REPORT_CHECK", "0.1"),
        ],
    );
    let first = wait_for_lines(&launches, 1, "cog started");
    let (_, args) = first[0].split_once(' ').unwrap();
    assert_eq!(
        args,
        format!(
            "fullscreen=1 --platform=wl --doc-viewer --enable-page-cache=false \
             --enable-webgl=false --web-mem-limit=200 {}/",
            server.url
        )
    );
    kiosk.keeps_running(Duration::from_secs(2), "the kiosk while the screen reports");
    assert_eq!(
        std::fs::read_to_string(&launches).unwrap().lines().count(),
        1
    );

    server.missing_for.store(300, Ordering::SeqCst);
    let runs = wait_for_lines(&launches, 2, "cog restarted by the watchdog");
    assert_ne!(runs[0], runs[1]);
}

#[test]
fn the_kiosk_says_what_to_install_when_the_engine_is_missing() {
    // Nothing on PATH but what the script needs before it looks for its engine.
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in ["dirname", "readlink"] {
        let found = which(tool);
        std::os::unix::fs::symlink(found, bin.join(tool)).unwrap();
    }
    // The kiosk as its unit would start it, with only `bin` on PATH: its exit code and words.
    let kiosk = |engine: &str| {
        let out = std::process::Command::new(which("bash"))
            .arg(crate::kiosk::kiosk_dir().join("vitrine-kiosk.sh"))
            .env_clear()
            .env("PATH", &bin)
            .env("VITRINE_KIOSK_CONFIG", "/nonexistent")
            .env("JOURNAL_STREAM", "8:1")
            .env("VITRINE_ENGINE", engine)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, said) = kiosk("cog");
    assert_eq!(code, Some(1));
    assert!(
        said.contains("cog is not installed (sudo apt install cog libgles2)"),
        "{said}"
    );
    let (code, said) = kiosk("firefox");
    assert_eq!(code, Some(1));
    assert!(said.contains("unknown VITRINE_ENGINE=firefox"), "{said}");
}

/// Where a program is on this machine's PATH.
fn which(program: &str) -> std::path::PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{program} is not on PATH"))
}

#[test]
fn under_cog_cages_arrow_is_a_transparent_pixel() {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let seen = dir.path().join("seen");
    // A cage that notes the cursor theme it was given and the theme's arrow, then runs.
    write_executable(
        &bin.join("cage"),
        &format!(
            "#!/bin/sh\necho \"$XCURSOR_THEME $XCURSOR_SIZE\" > '{0}.theme'\n\
             cp \"$XCURSOR_PATH/$XCURSOR_THEME/cursors/left_ptr\" '{0}.cursor'\n\
             echo started >> '{0}'\nexec sleep 600\n",
            seen.display()
        ),
    );
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let _session = start(
        "vitrine-session.sh",
        &bin,
        &[
            ("VITRINE_ENGINE", "cog"),
            ("VITRINE_URL", &server.url),
            ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
            ("VITRINE_SHOWN_TIMEOUT", "60"),
        ],
    );
    wait_for_lines(&seen, 1, "cage started");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("seen.theme")).unwrap(),
        "default 24\n"
    );
    // An Xcursor file (little-endian words): its header, one image entry, the image 1x1 and
    // its only pixel fully transparent.
    let file = std::fs::read(dir.path().join("seen.cursor")).unwrap();
    let word = |i: usize| u32::from_le_bytes(file[i * 4..i * 4 + 4].try_into().unwrap());
    assert_eq!(&file[..4], b"Xcur");
    assert_eq!(file.len(), 68);
    assert_eq!((word(1), word(2), word(3)), (16, 0x1_0000, 1));
    assert_eq!((word(4), word(6)), (0xfffd_0002, 28));
    assert_eq!(
        (word(7), word(8), word(10), word(11)),
        (36, 0xfffd_0002, 1, 1)
    );
    assert_eq!(word(16), 0, "the arrow's pixel is not transparent");
}
