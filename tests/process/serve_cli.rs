//! `vitrine` started from a shell: its defaults, and a one-line error (never a panic) for a bad
//! flag, a port already in use and a data path that is a file.

use crate::common;

use common::binary::vitrine;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Runs the command and waits for it to end, failing the test if it is still running after
/// `limit` (a server that should have refused to start but serves instead).
fn run_to_end(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the vitrine binary starts");
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("vitrine kept running instead of refusing to start");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A refusal: not a success, no panic, and the message on one line that names `words`.
fn assert_one_line_refusal(out: &Output, words: &[&str]) {
    let err = stderr(out);
    assert!(!out.status.success(), "vitrine should refuse: {err}");
    assert!(!err.contains("panicked"), "a panic, not a message: {err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("vitrine:") || l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line in: {err}"));
    for word in words {
        assert!(
            line.contains(word),
            "{word:?} not in the error line {line:?}"
        );
    }
}

#[test]
fn a_bad_flag_is_refused_with_a_pointer_to_help() {
    let mut cmd = vitrine();
    cmd.arg("--lisen=127.0.0.1:0");
    let out = run_to_end(cmd, Duration::from_secs(20));
    assert_one_line_refusal(&out, &["--lisen"]);
    assert!(stderr(&out).contains("--help"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_port_in_use_is_one_line_that_says_what_to_do() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let data = tempfile::tempdir().unwrap();
    let mut cmd = vitrine();
    cmd.args(["--listen", &addr, "--data"]).arg(data.path());
    let out = run_to_end(cmd, Duration::from_secs(20));
    assert_one_line_refusal(&out, &["cannot listen on", &addr, "--listen"]);
}

#[test]
fn a_data_path_that_is_a_file_is_one_line_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let mut cmd = vitrine();
    cmd.args(["--listen", "127.0.0.1:0", "--data"]).arg(&file);
    let out = run_to_end(cmd, Duration::from_secs(20));
    assert_one_line_refusal(&out, &["not-a-folder", "is a file", "--data"]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "x",
        "left as it was"
    );
}

#[test]
fn with_no_data_flag_the_data_goes_to_state_directory_else_to_dot_data() {
    for systemd in [false, true] {
        let cwd = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut cmd = vitrine();
        cmd.current_dir(cwd.path())
            .args(["--listen", "127.0.0.1:0"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if systemd {
            cmd.env("STATE_DIRECTORY", state.path());
        }
        let mut child = cmd.spawn().expect("the vitrine binary starts");
        let expected = if systemd {
            state.path().join("setup-code")
        } else {
            cwd.path().join("data").join("setup-code")
        };
        // The setup code is the first thing written into the data folder.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !expected.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        assert!(expected.exists(), "no {}", expected.display());
        assert_eq!(
            cwd.path().join("data").exists(),
            !systemd,
            "./data is used only without $STATE_DIRECTORY"
        );
    }
}
