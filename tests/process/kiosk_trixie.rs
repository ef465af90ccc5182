//! The kiosk on Raspberry Pi OS Trixie (Debian 13), as files: install.sh on a desktop without
//! raspi-config sets lightdm's autologin and names what it found; on Pi OS's own labwc
//! session it says whether the system autostart runs too; and the browser launcher bounds
//! Chromium's cache, which lives in RAM, on every board.

use crate::kiosk::{
    fake_server, install, kiosk_dir, read, start, stdout_of, wait_for_lines, write_executable,
};
use std::sync::atomic::Ordering;

/// A Debian 13 desktop as Raspberry Pi OS's is, without raspi-config: labwc, lightdm with its
/// stock settings, Chromium installed as the package `chromium`, a desktop user pi.
fn fake_trixie_desktop() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    let put = |path: &str, text: &str| {
        let path = r.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    put(
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000:,,,:/home/pi:/bin/bash\n",
    );
    put(
        "etc/os-release",
        "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nVERSION_CODENAME=trixie\n",
    );
    put(
        "etc/lightdm/lightdm.conf",
        "[LightDM]\n\n[Seat:*]\n#autologin-user=\n#autologin-session=\n",
    );
    put(
        "usr/share/wayland-sessions/labwc.desktop",
        "[Desktop Entry]\nName=labwc\nExec=labwc\n",
    );
    let status: String = ["curl", "chromium", "wlr-randr", "grim", "wlrctl"]
        .iter()
        .map(|p| format!("Package: {p}\nStatus: install ok installed\nVersion: 1\n\n"))
        .collect();
    put("var/lib/dpkg/status", &status);
    for program in ["usr/bin/labwc", "usr/sbin/lightdm", "usr/bin/chromium"] {
        write_executable(&r.join(program), "#!/bin/sh\n");
    }
    root
}

#[test]
fn on_a_trixie_desktop_install_knows_the_release_names_chromium_and_sets_the_autologin() {
    let root = fake_trixie_desktop();
    let r = root.path();
    let out = stdout_of(&install(r, &[]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "install.sh: system: Debian 13 (trixie)", "{out}");
    assert!(!out.contains("warning"), "{out}");
    assert!(
        lines.contains(
            &"install.sh: packages already installed: curl chromium wlr-randr grim wlrctl"
        ),
        "{out}"
    );
    assert!(
        lines.contains(&"install.sh: autologin: lightdm logs in pi to the session labwc"),
        "{out}"
    );
    assert!(!out.contains("no raspi-config here"), "{out}");
    let lightdm = read(r, "etc/lightdm/lightdm.conf");
    assert!(
        lightdm.contains("[Seat:*]\n#autologin-user=\n#autologin-session=\nautologin-user = pi\nautologin-session = labwc\n"),
        "{lightdm}"
    );
    let autostart = read(r, "home/pi/.config/labwc/autostart");
    let launcher = format!("{}/vitrine-kiosk.sh &", kiosk_dir().display());
    assert!(autostart.lines().any(|l| l == launcher), "{autostart}");

    // Run again: lightdm's settings are not written twice.
    let again = stdout_of(&install(r, &[]));
    assert!(!again.contains("writing /etc/lightdm"), "{again}");
    assert_eq!(read(r, "etc/lightdm/lightdm.conf"), lightdm);
}

#[test]
fn an_autologin_session_already_chosen_is_kept_and_raspberry_pi_os_own_labwc_session_is_told() {
    let root = fake_trixie_desktop();
    let r = root.path();
    // Raspberry Pi OS's session: its own wrapper, which merges the system's configuration.
    std::fs::write(
        r.join("usr/share/wayland-sessions/rpd-labwc.desktop"),
        "[Desktop Entry]\nName=Raspberry Pi desktop\nExec=/usr/bin/labwc-pi\n",
    )
    .unwrap();
    write_executable(
        &r.join("usr/bin/labwc-pi"),
        "#!/bin/sh\nexec labwc -m \"$@\"\n",
    );
    std::fs::create_dir_all(r.join("etc/xdg/labwc")).unwrap();
    std::fs::write(
        r.join("etc/xdg/labwc/autostart"),
        "/usr/bin/lwrespawn /usr/bin/wf-panel-pi &\n/usr/bin/kanshi &\n",
    )
    .unwrap();
    std::fs::write(
        r.join("etc/lightdm/lightdm.conf"),
        "[Seat:*]\nuser-session=rpd-labwc\n",
    )
    .unwrap();
    let out = stdout_of(&install(r, &[]));
    assert!(
        out.contains("install.sh: labwc session rpd-labwc (/usr/bin/labwc-pi) merges its configuration: /etc/xdg/labwc/autostart runs too"),
        "{out}"
    );
    assert!(
        out.contains("lightdm logs in pi to the session rpd-labwc"),
        "{out}"
    );
    assert!(read(r, "etc/lightdm/lightdm.conf").contains("autologin-session = rpd-labwc\n"));
}

#[test]
fn a_pi_without_raspi_config_gets_consoleblank_on_its_kernel_command_line_once() {
    let root = fake_trixie_desktop();
    let r = root.path();
    std::fs::create_dir_all(r.join("boot/firmware")).unwrap();
    std::fs::write(
        r.join("boot/firmware/cmdline.txt"),
        "console=tty1 root=PARTUUID=1234-02 rootfstype=ext4 fsck.repair=yes rootwait\n",
    )
    .unwrap();
    stdout_of(&install(r, &["--lite"]));
    assert_eq!(
        read(r, "boot/firmware/cmdline.txt"),
        "console=tty1 root=PARTUUID=1234-02 rootfstype=ext4 fsck.repair=yes rootwait consoleblank=0\n"
    );
    let again = stdout_of(&install(r, &["--lite"]));
    assert!(again.contains("console blanking already off"), "{again}");
}

/// The flags the launcher gives Chromium.
fn chromium_flags() -> String {
    let server = fake_server();
    server.healthy.store(true, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let launches = dir.path().join("launches");
    write_executable(
        &bin.join("chromium"),
        &format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec sleep 30\n",
            launches.display()
        ),
    );
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let _kiosk = start(
        "vitrine-kiosk.sh",
        &bin,
        &[
            ("VITRINE_URL", &server.url),
            ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
            ("VITRINE_SCREEN", "none"),
        ],
    );
    wait_for_lines(&launches, 1, "Chromium's launch").remove(0)
}

#[test]
fn chromium_gets_a_bounded_cache_and_no_renderer_limit() {
    // Its cache lives in its profile, in RAM: 32 MB at most, whatever the board. One renderer
    // process (once given under 2 GB) was dropped: it saved nothing measurable (BENCHMARKS.md).
    let flags = chromium_flags();
    assert!(flags.contains("--kiosk"), "{flags}");
    assert!(
        flags.contains("--disk-cache-size=33554432"),
        "Chromium has no bounded cache: {flags}"
    );
    assert!(!flags.contains("--renderer-process-limit"), "{flags}");
}
