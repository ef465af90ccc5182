//! The picture of the real screen, end to end on this machine: the kiosk script, with a
//! stand-in for grim and for Chromium (an event stream held open, as the page holds it), sends
//! its pictures to a real vitrine on loopback, once the page is up and again when a volunteer
//! asks; and, while the page is up, it moves the compositor's mouse pointer over it (wlrctl),
//! which hides it.

use crate::common::TestServer;
use crate::kiosk::{start, wait_for_lines, write_executable};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

/// A 960×540 PNG, as `grim -s 0.5` takes a 1920×1080 screen.
fn half_screen() -> Vec<u8> {
    let img = image::RgbImage::from_fn(960, 540, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 3) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !done() {
        assert!(Instant::now() < deadline, "{what}: not within {DEADLINE:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A folder with stand-ins for Chromium (the page's event stream, held open from this machine,
/// is what the server counts as the local screen being up) and wlrctl (notes its arguments in
/// `wlrctl-calls`), and the kiosk's runtime folder.
struct Stand {
    dir: tempfile::TempDir,
    bin: std::path::PathBuf,
    pointer: std::path::PathBuf,
    runtime: std::path::PathBuf,
}

fn stand() -> Stand {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    write_executable(
        &bin.join("chromium"),
        "#!/bin/sh\nexec curl --silent --no-buffer \"$VITRINE_URL/events\" >/dev/null\n",
    );
    let pointer = dir.path().join("wlrctl-calls");
    write_executable(
        &bin.join("wlrctl"),
        &format!("#!/bin/sh\necho \"$*\" >> '{}'\n", pointer.display()),
    );
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    Stand {
        dir,
        bin,
        pointer,
        runtime,
    }
}

impl Stand {
    /// The kiosk script against `url`, its checks every 0.2 s, with `more` settings.
    fn kiosk(&self, url: &str, more: &[(&str, &str)]) -> crate::kiosk::Group {
        let mut envs = vec![
            ("VITRINE_URL", url),
            ("XDG_RUNTIME_DIR", self.runtime.to_str().unwrap()),
            ("VITRINE_SCREEN", "none"),
            ("VITRINE_REPORT_CHECK", "0.2"),
        ];
        envs.extend_from_slice(more);
        start("vitrine-kiosk.sh", &self.bin, &envs)
    }
}

#[test]
fn the_kiosk_sends_its_screen_once_the_page_is_up_and_when_a_volunteer_asks() {
    // The community slide lasts 5 minutes: after the first picture the kiosk waits that long
    // for its second (the frozen screen's proof), and the request must not wait behind it.
    let mut content = vitrine::content::default_content();
    content.slides.community.seconds = 300;
    content.display.opening_hours.enabled = false;
    let server = TestServer::start_with(&content);
    let stand = stand();
    let (dir, bin, pointer, runtime) = (&stand.dir, &stand.bin, &stand.pointer, &stand.runtime);
    let calls = dir.path().join("grim-calls");
    let picture = dir.path().join("screen.png");
    std::fs::write(&picture, half_screen()).unwrap();
    // grim: notes its arguments and writes the screen to the file named last.
    write_executable(
        &bin.join("grim"),
        &format!(
            "#!/bin/bash\necho \"$*\" >> '{}'\ncp '{}' \"${{@: -1}}\"\n",
            calls.display(),
            picture.display()
        ),
    );
    let _kiosk = stand.kiosk(&server.url, &[]);

    let first = wait_for_lines(&calls, 1, "a picture once the page is up");
    assert!(first[0].starts_with("-s 0.5 "), "{first:?}");
    // The pointer moved by a pixel over the page and back.
    let moved = wait_for_lines(pointer, 2, "the mouse pointer moved over the page");
    assert_eq!(moved[..2], ["pointer move 1 0", "pointer move -1 0"]);
    wait_until("the first picture on the server", || {
        server.screen_picture.latest().is_some()
    });
    // The first picture was answered with the wait for a second.
    let shot = server.screen_picture.latest().unwrap();
    assert!(shot.turning());
    assert_eq!((shot.width, shot.height), (480, 270));
    assert!(shot.jpeg.starts_with(&[0xFF, 0xD8]));
    assert!(!shot.dark);
    // Once sent, the picture is not left in RAM (removed when the kiosk's upload returns,
    // which may be a moment after the server has it).
    wait_until("the picture removed from RAM", || {
        !runtime.join("vitrine-screen.png").exists()
    });

    // A volunteer asks: the kiosk hears it at its next check and sends a new one.
    let asked = chrono::Utc::now();
    server.screen_picture.ask(asked);
    wait_until("the picture asked for", || {
        server
            .screen_picture
            .latest()
            .is_some_and(|s| s.taken >= asked)
    });
    assert!(!server.screen_picture.wanted());
    // Many checks later, outside labwc (cage), the pointer was moved only that once: another
    // virtual pointer would put cage's arrow back.
    let moves = std::fs::read_to_string(pointer).unwrap();
    assert_eq!(moves.lines().count(), 2, "{moves}");
}

#[test]
fn under_labwc_the_pointer_is_moved_over_the_page_again_at_later_checks() {
    // Chromium shows its arrow again after the page reloads (an upgrade): under labwc the kiosk
    // moves the pointer at every check, by a pixel and back each time, so that it never wanders.
    let server = TestServer::start_with(&vitrine::content::default_content());
    let stand = stand();
    let _kiosk = stand.kiosk(
        &server.url,
        &[("VITRINE_PICTURE_EVERY", "0"), ("LABWC_PID", "1")],
    );
    let moves = wait_for_lines(&stand.pointer, 6, "the pointer moved at three checks");
    for pair in moves.chunks_exact(2) {
        assert_eq!(pair, ["pointer move 1 0", "pointer move -1 0"], "{moves:?}");
    }
}
