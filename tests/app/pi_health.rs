//! The Raspberry Pi's health on the dashboard, read from a fake sysfs and procfs folder: a
//! healthy Pi (or a laptop) shows nothing; a weak supply, heat, a read-only card or memory
//! nearly exhausted each show a line that says what to do, in the admin's language.

use crate::common;

use common::admin::Volunteer;
use std::path::Path;
use std::sync::Arc;
use vitrine::pi_health::Probe;

/// A Pi's files, as the kernel shows them: the firmware's throttling flags, the CPU's
/// temperature in thousandths of a degree, the mounts and the memory.
fn fake_pi(
    throttled: &str,
    millidegrees: u32,
    root_options: &str,
    available_kb: u64,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let put = |path: &str, text: String| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    put(
        "sys/devices/platform/soc/soc:firmware/get_throttled",
        format!("{throttled}\n"),
    );
    put(
        "sys/class/thermal/thermal_zone0/temp",
        format!("{millidegrees}\n"),
    );
    put(
        "proc/mounts",
        format!(
            "/dev/mmcblk0p2 / ext4 {root_options} 0 0\n/dev/mmcblk0p1 /boot/firmware vfat rw 0 0\n"
        ),
    );
    put(
        "proc/meminfo",
        format!("MemTotal: 925000 kB\nMemFree: 20000 kB\nMemAvailable: {available_kb} kB\n"),
    );
    dir
}

fn looking_at(v: &mut Volunteer, root: &Path) {
    v.state.pi_health = Arc::new(Probe::at(root));
}

#[tokio::test]
async fn a_healthy_pi_and_a_laptop_show_no_health_card() {
    let mut v = Volunteer::new("Maite");
    let laptop = tempfile::tempdir().unwrap();
    looking_at(&mut v, laptop.path());
    let page = v.get("/admin").await;
    assert!(!page.texts("h2#todo").is_empty(), "not the dashboard");
    assert!(page.texts("section.pi-health").is_empty());

    let pi = fake_pi("0", 48_312, "rw,noatime", 400_000);
    looking_at(&mut v, pi.path());
    let page = v.get("/admin").await;
    assert!(!page.texts("h2#todo").is_empty(), "not the dashboard");
    assert!(page.texts("section.pi-health").is_empty());
}

#[tokio::test]
async fn a_weak_supply_heat_a_read_only_card_and_low_memory_are_each_said_in_french() {
    let mut v = Volunteer::new("Maite");
    // Under-voltage now (bit 0) and throttled (bit 2), 83.6 °C, / remounted read-only, 70 MB.
    let pi = fake_pi("0x50005", 83_600, "ro,relatime", 71_680);
    looking_at(&mut v, pi.path());
    let page = v.get("/admin").await;
    assert_eq!(
        page.texts("section.pi-health h2"),
        ["⚠ Le Raspberry Pi ne va pas bien"]
    );
    let lines = page.texts("section.pi-health li");
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[0].starts_with("L'alimentation est trop faible : changez le câble ou le chargeur"),
        "{lines:?}"
    );
    assert!(lines[1].contains("trop chaud (84 °C)"), "{lines:?}");
    assert!(
        lines[2].starts_with("La carte SD est en lecture seule"),
        "{lines:?}"
    );
    assert!(
        lines[3].contains("presque pleine (70 Mo libres)"),
        "{lines:?}"
    );
}

#[tokio::test]
async fn a_supply_that_was_weak_since_boot_is_said_in_english_to_an_english_admin() {
    let mut v = Volunteer::new("Maite");
    let pi = fake_pi("throttled=0x50000", 51_000, "rw", 500_000);
    looking_at(&mut v, pi.path());
    let page = v.get_with("/admin", "lang=en").await;
    assert_eq!(
        page.texts("section.pi-health li"),
        ["The power supply has been too weak since the last start: if the screen freezes or restarts, change the cable or the charger."]
    );
}
