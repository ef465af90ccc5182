//! The kiosk scripts of `kiosk/`, run for real with stand-ins for what only a Pi has:
//! the installer against a temporary root, the browser launcher with a fake Chromium, and
//! the screen schedule with a fake wlr-randr, both talking to a small local HTTP server.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

pub(crate) fn kiosk_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("kiosk")
}

pub(crate) fn write_executable(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A Raspberry Pi OS Bookworm file tree, reduced to what the installer looks at.
pub(crate) fn fake_pi(desktop: bool) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    std::fs::create_dir_all(r.join("etc")).unwrap();
    std::fs::write(
        r.join("etc/passwd"),
        "root:x:0:0:root:/root:/bin/bash\n\
         pi:x:1000:1000:,,,:/home/pi:/bin/bash\n\
         vitrine-kiosk:x:998:998::/var/lib/vitrine-kiosk:/usr/sbin/nologin\n",
    )
    .unwrap();
    std::fs::write(r.join("etc/os-release"), "VERSION_CODENAME=bookworm\n").unwrap();
    let mut programs = vec!["raspi-config", "chromium-browser"];
    if desktop {
        programs.extend(["labwc", "wayfire"]);
        std::fs::create_dir_all(r.join("home/pi/.config")).unwrap();
        std::fs::write(
            r.join("home/pi/.config/wayfire.ini"),
            "[idle]\ndpms_timeout = 600\n\n[output:HDMI-A-1]\ntransform = 90\n",
        )
        .unwrap();
    }
    for program in programs {
        write_executable(&r.join("usr/bin").join(program), "#!/bin/sh\n");
    }
    root
}

/// Every file under `dir` with its content: to see that a run changed nothing.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

pub(crate) fn install(root: &Path, args: &[&str]) -> Output {
    Command::new("bash")
        .arg(kiosk_dir().join("install.sh"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SUDO_USER")
        .output()
        .expect("run install.sh")
}

pub(crate) fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "install.sh failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn desktop_install_adds_the_kiosk_to_labwc_and_wayfire_and_is_idempotent() {
    let root = fake_pi(true);
    let r = root.path();
    let launcher = format!("{}/vitrine-kiosk.sh", kiosk_dir().display());

    let before = snapshot(r);
    let dry = stdout_of(&install(r, &["--dry-run"]));
    assert_eq!(snapshot(r), before, "--dry-run changed files:\n{dry}");
    assert!(
        dry.contains("would add to /home/pi/.config/labwc/autostart"),
        "{dry}"
    );
    assert!(
        dry.contains("would run: raspi-config nonint do_blanking 1"),
        "{dry}"
    );

    let first = stdout_of(&install(r, &[]));
    assert!(first.contains("desktop set-up for user pi"), "{first}");
    let autostart = read(r, "home/pi/.config/labwc/autostart");
    assert!(
        autostart.lines().any(|l| l == format!("{launcher} &")),
        "{autostart}"
    );
    let wayfire = read(r, "home/pi/.config/wayfire.ini");
    assert!(
        wayfire.contains(&format!("[autostart]\nvitrine = {launcher}")),
        "{wayfire}"
    );
    assert!(
        wayfire.contains("[idle]\ndpms_timeout = -1\nscreensaver_timeout = -1\n"),
        "blanking still on:\n{wayfire}"
    );
    assert!(
        wayfire.contains("[output:HDMI-A-1]\ntransform = 90"),
        "rotation lost:\n{wayfire}"
    );
    assert!(read(r, "etc/default/vitrine-kiosk").contains("VITRINE_URL=http://127.0.0.1:8080"));

    let after_first = snapshot(r);
    let second = stdout_of(&install(r, &[]));
    assert!(second.contains("nothing to change"), "{second}");
    assert_eq!(
        snapshot(r),
        after_first,
        "second run changed files:\n{second}"
    );
}

#[test]
fn lite_install_writes_the_cage_unit_and_keeps_edited_settings() {
    let root = fake_pi(false);
    let r = root.path();
    std::fs::create_dir_all(r.join("etc/default")).unwrap();
    std::fs::write(r.join("etc/default/vitrine-kiosk"), "VITRINE_SCREEN=cec\n").unwrap();

    let out = stdout_of(&install(r, &[]));
    assert!(out.contains("Lite set-up"), "{out}");
    assert!(
        out.contains("systemctl enable vitrine-kiosk.service"),
        "{out}"
    );
    let unit = read(r, "etc/systemd/system/vitrine-kiosk.service");
    // CEC chosen in the settings: v4l-utils (cec-ctl) comes along.
    assert!(
        out.contains("apt-get install -y --no-install-recommends cage xwayland curl polkitd wlr-randr grim v4l-utils"),
        "{out}"
    );
    let exec = format!("ExecStart={}/vitrine-session.sh", kiosk_dir().display());
    assert!(unit.lines().any(|l| l == exec), "{unit}");
    assert!(
        !unit.contains("KIOSK_DIR"),
        "placeholder left in the unit:\n{unit}"
    );
    // The volunteer's setting kept; the engine chosen (by this machine's memory) added.
    let settings = read(r, "etc/default/vitrine-kiosk");
    assert!(
        settings.starts_with("VITRINE_SCREEN=cec\nVITRINE_ENGINE="),
        "{settings}"
    );

    let again = stdout_of(&install(r, &[]));
    assert!(again.contains("nothing to change"), "{again}");
}

#[test]
fn lite_install_leaves_out_cec_unless_chosen_and_needs_no_apt_when_all_is_installed() {
    let root = fake_pi(false);
    let r = root.path();
    let out = stdout_of(&install(r, &["--lite"]));
    let apt: Vec<&str> = out.lines().filter(|l| l.contains("apt-get")).collect();
    assert_eq!(
        apt,
        ["install.sh: skipped (not on /): apt-get install -y --no-install-recommends cage xwayland curl polkitd wlr-randr grim"],
        "{out}"
    );

    // Offline, with everything already there (the dpkg database says so): no apt-get at all.
    let status: String = ["cage", "xwayland", "curl", "polkitd", "wlr-randr", "grim"]
        .iter()
        .map(|p| {
            format!("Package: {p}\nStatus: install ok installed\nArchitecture: all\nVersion: 1\n\n")
        })
        .collect();
    std::fs::create_dir_all(r.join("var/lib/dpkg")).unwrap();
    std::fs::write(r.join("var/lib/dpkg/status"), status).unwrap();
    let out = stdout_of(&install(r, &["--lite"]));
    assert!(!out.contains("apt-get"), "{out}");
    assert!(
        out.contains("packages already installed: cage xwayland curl polkitd wlr-randr grim"),
        "{out}"
    );
}

#[test]
fn install_refuses_unknown_options_with_a_hint() {
    let root = fake_pi(false);
    let out = install(root.path(), &["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option --bogus"));
}

#[test]
fn install_reads_the_release_from_usr_lib_and_carries_on_with_a_warning_when_there_is_none() {
    // Debian keeps os-release in /usr/lib (/etc's is a link to it); a bare root has none.
    let root = fake_pi(false);
    let r = root.path();
    std::fs::remove_file(r.join("etc/os-release")).unwrap();
    std::fs::create_dir_all(r.join("usr/lib")).unwrap();
    std::fs::write(r.join("usr/lib/os-release"), "VERSION_CODENAME=trixie\n").unwrap();
    let found = stdout_of(&install(r, &["--dry-run", "--lite"]));
    assert!(!found.contains("warning"), "{found}");

    std::fs::remove_file(r.join("usr/lib/os-release")).unwrap();
    let before = snapshot(r);
    let bare = stdout_of(&install(r, &["--dry-run", "--lite"]));
    assert!(
        bare.contains("warning: this system is neither Raspberry Pi OS"),
        "{bare}"
    );
    assert!(bare.contains("dry run:"), "{bare}");
    assert_eq!(snapshot(r), before, "--dry-run changed files:\n{bare}");
}

/// Answers `/healthz` (200 once `healthy`, 503 before), `/api/screen` (from `awake`) and
/// `/api/screen/local` (from `missing_for`: the seconds the local screen has not reported).
pub(crate) struct FakeServer {
    pub(crate) url: String,
    pub(crate) healthy: Arc<AtomicBool>,
    awake: Arc<AtomicBool>,
    pub(crate) missing_for: Arc<AtomicU64>,
}

pub(crate) fn fake_server() -> FakeServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let healthy = Arc::new(AtomicBool::new(false));
    let awake = Arc::new(AtomicBool::new(false));
    let missing_for = Arc::new(AtomicU64::new(0));
    let (h, a, m) = (healthy.clone(), awake.clone(), missing_for.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let (status, body) = if request_line.starts_with("GET /healthz ") {
                if h.load(Ordering::SeqCst) {
                    ("200 OK", "ok\n".to_owned())
                } else {
                    ("503 Service Unavailable", "starting\n".to_owned())
                }
            } else if request_line.starts_with("GET /api/screen/local ") {
                let missing = m.load(Ordering::SeqCst);
                (
                    "200 OK",
                    format!(
                        "{{\"connected\":{},\"missing_for\":{missing}}}",
                        missing == 0
                    ),
                )
            } else if request_line.starts_with("GET /api/screen ") {
                (
                    "200 OK",
                    format!("{{\"awake\":{}}}", a.load(Ordering::SeqCst)),
                )
            } else {
                ("404 Not Found", String::new())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    FakeServer {
        url,
        healthy,
        awake,
        missing_for,
    }
}

/// A script and everything it starts, ended together when the test ends.
pub(crate) struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.0.id());
        let _ = Command::new("kill")
            .args(["-TERM", "--", &pgid])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.wait();
    }
}

/// Runs a kiosk script with `bin` first on PATH, in its own process group.
pub(crate) fn start(script: &str, bin: &Path, envs: &[(&str, &str)]) -> Group {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut command = Command::new("bash");
    command
        .arg(kiosk_dir().join(script))
        .env("PATH", path)
        .env("VITRINE_KIOSK_CONFIG", "/nonexistent")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    for (k, v) in envs {
        command.env(k, v);
    }
    Group(command.spawn().expect("start the script"))
}

/// Waits until `path` holds at least `lines` lines; returns them.
pub(crate) fn wait_for_lines(path: &Path, lines: usize, what: &str) -> Vec<String> {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let got: Vec<String> = text.lines().map(str::to_owned).collect();
        if got.len() >= lines {
            return got;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: only {got:?} after {DEADLINE:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A wlr-randr that lists one output and notes every change it is asked for in `calls`.
fn fake_wlr_randr(calls: &Path) -> String {
    format!(
        "#!/bin/sh\nif [ $# -eq 0 ]; then\n  echo 'HDMI-A-1 \"Shop TV\"'\n  echo '  Enabled: yes'\n\
         else\n  echo \"$*\" >> '{}'\nfi\n",
        calls.display()
    )
}

#[test]
fn browser_starts_only_once_healthz_answers_and_is_restarted_when_it_exits() {
    let server = fake_server();
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let launches = dir.path().join("launches");
    let prefs = dir.path().join("preferences");
    // A Chromium that notes its arguments and its profile's preferences, and "crashes" at once.
    write_executable(
        &bin.join("chromium"),
        &format!(
            "#!/bin/sh\nfor a; do case $a in --user-data-dir=*) \
             cp \"${{a#--user-data-dir=}}/Default/Preferences\" '{}';; esac; done\n\
             echo \"$*\" >> '{}'\nexit 1\n",
            prefs.display(),
            launches.display()
        ),
    );
    let randr_calls = dir.path().join("wlr-randr.calls");
    write_executable(&bin.join("wlr-randr"), &fake_wlr_randr(&randr_calls));
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let _kiosk = start(
        "vitrine-kiosk.sh",
        &bin,
        &[
            ("VITRINE_URL", &server.url),
            ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
            ("VITRINE_SCREEN", "none"),
            ("VITRINE_MODE", "1280x720"),
            ("VITRINE_TRANSFORM", "90"),
        ],
    );

    // While /healthz says 503, no browser: poll a while to give it every chance to be wrong.
    let quiet_until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < quiet_until {
        assert!(
            !launches.exists(),
            "Chromium started before /healthz answered"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server.healthy.store(true, Ordering::SeqCst);

    let runs = wait_for_lines(&launches, 2, "Chromium launches");
    let args = &runs[0];
    for flag in [
        "--kiosk",
        "--no-memcheck",
        "--noerrdialogs",
        "--no-first-run",
        "--disable-session-crashed-bubble",
        "--disable-pinch",
        "--disable-background-networking",
        "--disable-features=Translate",
    ] {
        assert!(args.contains(flag), "missing {flag} in {args}");
    }
    assert!(args.ends_with(&format!("{}/", server.url)), "{args}");
    let profile = format!("--user-data-dir={}/vitrine-chromium", runtime.display());
    assert!(args.contains(&profile), "profile not in RAM: {args}");
    // No "translate this page?" bar over the display.
    let prefs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&prefs).unwrap()).unwrap();
    assert_eq!(prefs["translate"]["enabled"], false, "{prefs}");
    let randr = wait_for_lines(&randr_calls, 1, "resolution and rotation");
    assert_eq!(randr, ["--output HDMI-A-1 --mode 1280x720 --transform 90"]);
}

#[test]
fn screen_schedule_switches_the_output_off_and_back_on() {
    let server = fake_server();
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let calls = dir.path().join("wlr-randr.calls");
    write_executable(&bin.join("wlr-randr"), &fake_wlr_randr(&calls));
    let _screen = start(
        "vitrine-screen.sh",
        &bin,
        &[("VITRINE_URL", &server.url), ("VITRINE_SCREEN_POLL", "0.2")],
    );

    let off = wait_for_lines(&calls, 1, "switch off outside opening hours");
    assert_eq!(off, ["--output HDMI-A-1 --off"]);
    server.awake.store(true, Ordering::SeqCst);
    let on = wait_for_lines(&calls, 2, "switch on at opening time");
    assert_eq!(on[1], "--output HDMI-A-1 --on");
}

impl Group {
    /// Waits, within the deadline, for the script to end; returns its exit code.
    pub(crate) fn wait_exit(&mut self, what: &str) -> Option<i32> {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "{what}: still running after {DEADLINE:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Asserts that the script keeps running for `long` (polled, not slept through).
    pub(crate) fn keeps_running(&mut self, long: Duration, what: &str) {
        let until = Instant::now() + long;
        while Instant::now() < until {
            assert!(self.0.try_wait().unwrap().is_none(), "{what}: it ended");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A program that notes each start in `log` (one line, with its PID) and then runs until killed.
fn fake_long_runner(path: &Path, log: &Path) {
    write_executable(
        path,
        &format!(
            "#!/bin/sh\necho $$ >> '{}'\nexec sleep 600\n",
            log.display()
        ),
    );
}

fn gone(pid: &str) -> bool {
    !Command::new("kill")
        .args(["-0", pid])
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

/// The kiosk script against `server` with a stand-in Chromium that never ends by itself, a
/// one-second report watchdog and two silent tries; returns its folder, the file of Chromium's
/// launches and the running script.
fn watched_kiosk(
    server: &FakeServer,
    extra: &[(&str, &str)],
) -> (tempfile::TempDir, std::path::PathBuf, Group) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let launches = dir.path().join("launches");
    fake_long_runner(&bin.join("chromium"), &launches);
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let mut envs = vec![
        ("VITRINE_URL", server.url.as_str()),
        ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
        ("VITRINE_SCREEN", "none"),
        ("VITRINE_REPORT_TIMEOUT", "1"),
        ("VITRINE_REPORT_CHECK", "0.1"),
        ("VITRINE_MAX_SILENT_RESTARTS", "2"),
    ];
    envs.extend_from_slice(extra);
    let kiosk = start("vitrine-kiosk.sh", &bin, &envs);
    (dir, launches, kiosk)
}

#[test]
fn browser_is_restarted_when_the_screen_stops_reporting_and_the_session_given_up_at_last() {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    // As in the Lite session (vitrine-session.sh), which starts it all again.
    let (_dir, launches, mut kiosk) = watched_kiosk(&server, &[("VITRINE_SESSION_RESTARTS", "1")]);
    let first = wait_for_lines(&launches, 1, "first Chromium");
    // The screen reports: Chromium is left alone, well past the report timeout.
    kiosk.keeps_running(Duration::from_secs(3), "kiosk while the screen reports");
    assert_eq!(
        std::fs::read_to_string(&launches).unwrap().lines().count(),
        1
    );

    // The screen stops reporting: Chromium is stopped and started again.
    server.missing_for.store(300, Ordering::SeqCst);
    let runs = wait_for_lines(&launches, 2, "Chromium restarted");
    assert!(gone(&first[0]), "the silent Chromium was not stopped");
    assert_ne!(runs[1], runs[0]);
    // It never reports again: after two silent tries the session is given up.
    assert_eq!(kiosk.wait_exit("kiosk giving up"), Some(1));
    assert_eq!(wait_for_lines(&launches, 3, "three launches").len(), 3);
}

#[test]
fn on_a_desktop_a_browser_that_never_shows_the_page_is_tried_again_not_given_up() {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    server.missing_for.store(300, Ordering::SeqCst);
    // Started from labwc's autostart: nothing would start the script again if it ended.
    let (_dir, launches, mut kiosk) = watched_kiosk(&server, &[("VITRINE_DESKTOP_RETRY", "0.5")]);
    // Two silent tries, a pause, then a third and a fourth: the screen is never left dark.
    let runs = wait_for_lines(&launches, 4, "Chromium tried again after the pause");
    assert_eq!(runs.len(), 4);
    kiosk.keeps_running(Duration::from_millis(300), "the desktop kiosk");
}

#[test]
fn the_lite_session_restarts_a_compositor_that_never_shows_the_page() {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    server.missing_for.store(300, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let starts = dir.path().join("cage-starts");
    // A compositor that hangs in front of a black screen, as cage did.
    fake_long_runner(&bin.join("cage"), &starts);
    let mut session = start(
        "vitrine-session.sh",
        &bin,
        &[("VITRINE_URL", &server.url), ("VITRINE_SHOWN_TIMEOUT", "2")],
    );
    let cage = wait_for_lines(&starts, 1, "cage started");
    assert_eq!(session.wait_exit("session with a hung compositor"), Some(1));
    assert!(gone(&cage[0]), "the hung compositor was left running");
}

#[test]
fn the_lite_session_ends_when_the_compositor_cannot_start_and_lasts_when_the_page_shows() {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken");
    write_executable(&broken.join("cage"), "#!/bin/sh\nexit 1\n");
    let mut session = start(
        "vitrine-session.sh",
        &broken,
        &[
            ("VITRINE_URL", &server.url),
            ("VITRINE_SHOWN_TIMEOUT", "60"),
        ],
    );
    assert_eq!(session.wait_exit("session whose compositor fails"), Some(1));

    // A compositor that works, and a page that reports: the session stays.
    let working = dir.path().join("working");
    let starts = dir.path().join("cage-starts");
    fake_long_runner(&working.join("cage"), &starts);
    let mut session = start(
        "vitrine-session.sh",
        &working,
        &[("VITRINE_URL", &server.url), ("VITRINE_SHOWN_TIMEOUT", "1")],
    );
    wait_for_lines(&starts, 1, "cage started");
    session.keeps_running(Duration::from_secs(3), "session showing the page");
}
