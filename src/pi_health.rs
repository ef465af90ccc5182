//! The Raspberry Pi's own health, read from sysfs and procfs under a root folder (`/` on the
//! Pi, a fake folder in tests): a weak power supply, heat, a read-only or full SD card, memory
//! nearly exhausted. Only what is wrong is kept; the dashboard words it (`admin/pi_health.rs`).

use std::path::{Path, PathBuf};

/// The firmware's throttling flags (`vcgencmd get_throttled`): bits 0-3 say what is true now,
/// bits 16-19 what has happened since boot.
const UNDER_VOLTAGE_NOW: u32 = 1 << 0;
const CAPPED_NOW: u32 = 1 << 1;
const THROTTLED_NOW: u32 = 1 << 2;
const SOFT_TEMP_LIMIT_NOW: u32 = 1 << 3;
const UNDER_VOLTAGE_SINCE_BOOT: u32 = 1 << 16;

/// At 80 °C a Pi 4 or 5 starts slowing itself down (85 °C: as slow as it goes).
pub const HOT_CELSIUS: f32 = 80.0;
/// Below this much available memory the kernel soon kills Chromium's page (the screen goes
/// blank until the kiosk restarts it); the 1 GB soak kept more than 200 MB free.
pub const LOW_MEMORY_MB: u64 = 100;
/// Below this much free space on the root file system a save (the content, its history, a
/// picture of up to a few MB) may fail.
pub const LOW_DISK_MB: u64 = 100;

/// Something wrong with the Pi, with what a volunteer's message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The supply is below 4.63 V now.
    UnderVoltageNow,
    /// It was since the last boot, not at this moment.
    UnderVoltageSinceBoot,
    /// Hot enough to slow down, or slowed down for another reason than the supply; the
    /// temperature when the Pi reports one.
    Hot {
        celsius: Option<f32>,
    },
    /// The root file system was remounted read-only (usually a failing SD card).
    ReadOnly,
    DiskFull {
        free_mb: u64,
    },
    MemoryLow {
        available_mb: u64,
    },
}

/// What was read; `None` where the file is absent (not a Pi, or no such sensor).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Readings {
    pub throttled: Option<u32>,
    pub celsius: Option<f32>,
    pub root_read_only: bool,
    pub disk_free_mb: Option<u64>,
    pub memory_available_mb: Option<u64>,
}

/// Reads the Pi's state under `root`.
#[derive(Debug, Clone)]
pub struct Probe {
    root: PathBuf,
}

impl Default for Probe {
    fn default() -> Self {
        Probe::at("/")
    }
}

impl Probe {
    /// A probe of the system whose `/sys`, `/proc` and root file system are under `root`.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Probe { root: root.into() }
    }

    /// What is wrong now, most urgent first; empty on a healthy Pi or on another machine.
    /// Blocking reads of a few small files: call it off the async runtime.
    pub fn problems(&self) -> Vec<Problem> {
        problems(&self.read())
    }

    pub fn read(&self) -> Readings {
        let file = |p: &str| std::fs::read_to_string(self.root.join(p)).ok();
        Readings {
            throttled: file("sys/devices/platform/soc/soc:firmware/get_throttled")
                .and_then(|s| parse_throttled(&s)),
            celsius: file("sys/class/thermal/thermal_zone0/temp")
                .and_then(|s| s.trim().parse::<i64>().ok())
                .map(|milli| milli as f32 / 1000.0),
            root_read_only: file("proc/mounts").is_some_and(|m| root_read_only(&m)),
            disk_free_mb: free_mb(&self.root),
            memory_available_mb: file("proc/meminfo").and_then(|m| available_mb(&m)),
        }
    }
}

/// `50005`, `0x50005` or `throttled=0x50005`: the firmware's flags, in hexadecimal.
fn parse_throttled(text: &str) -> Option<u32> {
    let hex = text.trim().trim_start_matches("throttled=");
    let hex = hex.strip_prefix("0x").unwrap_or(hex);
    u32::from_str_radix(hex, 16).ok()
}

/// Whether the last mount on `/` in a `/proc/mounts` listing is read-only.
fn root_read_only(mounts: &str) -> bool {
    mounts
        .lines()
        .rev()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, point, _, options) = (
                fields.next()?,
                fields.next()?,
                fields.next()?,
                fields.next()?,
            );
            (point == "/").then_some(options)
        })
        .next()
        .is_some_and(|options| options.split(',').any(|o| o == "ro"))
}

fn available_mb(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn free_mb(root: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(root).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize) / (1024 * 1024))
}

/// What is wrong in `r`, most urgent first.
pub fn problems(r: &Readings) -> Vec<Problem> {
    let mut found = Vec::new();
    let flags = r.throttled.unwrap_or(0);
    if flags & UNDER_VOLTAGE_NOW != 0 {
        found.push(Problem::UnderVoltageNow);
    } else if flags & UNDER_VOLTAGE_SINCE_BOOT != 0 {
        found.push(Problem::UnderVoltageSinceBoot);
    }
    let hot = r.celsius.is_some_and(|c| c >= HOT_CELSIUS);
    let slowed = flags & SOFT_TEMP_LIMIT_NOW != 0
        || (flags & (CAPPED_NOW | THROTTLED_NOW) != 0 && flags & UNDER_VOLTAGE_NOW == 0);
    if hot || slowed {
        found.push(Problem::Hot { celsius: r.celsius });
    }
    if r.root_read_only {
        found.push(Problem::ReadOnly);
    } else if let Some(free_mb) = r.disk_free_mb.filter(|&mb| mb < LOW_DISK_MB) {
        found.push(Problem::DiskFull { free_mb });
    }
    if let Some(available_mb) = r.memory_available_mb.filter(|&mb| mb < LOW_MEMORY_MB) {
        found.push(Problem::MemoryLow { available_mb });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn healthy() -> Readings {
        Readings {
            throttled: Some(0),
            celsius: Some(52.1),
            root_read_only: false,
            disk_free_mb: Some(20_000),
            memory_available_mb: Some(400),
        }
    }

    #[test]
    fn a_healthy_pi_and_another_machine_have_nothing_to_say() {
        assert_eq!(problems(&healthy()), []);
        assert_eq!(problems(&Readings::default()), []);
    }

    #[test]
    fn the_firmware_flags_read_as_vcgencmd_and_sysfs_print_them() {
        assert_eq!(parse_throttled("throttled=0x50005\n"), Some(0x50005));
        assert_eq!(parse_throttled("50000\n"), Some(0x50000));
        assert_eq!(parse_throttled("0\n"), Some(0));
        assert_eq!(parse_throttled("garbage"), None);
    }

    #[test]
    fn under_voltage_now_is_said_before_heat_and_the_past_only_when_not_now() {
        let now = Readings {
            throttled: Some(0x50005),
            ..healthy()
        };
        assert_eq!(problems(&now), [Problem::UnderVoltageNow]);
        let past = Readings {
            throttled: Some(0x50000),
            ..healthy()
        };
        assert_eq!(problems(&past), [Problem::UnderVoltageSinceBoot]);
    }

    #[test]
    fn heat_the_card_and_memory_are_each_reported_with_their_figure() {
        let r = Readings {
            celsius: Some(83.4),
            disk_free_mb: Some(12),
            memory_available_mb: Some(61),
            ..healthy()
        };
        assert_eq!(
            problems(&r),
            [
                Problem::Hot {
                    celsius: Some(83.4)
                },
                Problem::DiskFull { free_mb: 12 },
                Problem::MemoryLow { available_mb: 61 },
            ]
        );
    }

    #[test]
    fn the_last_mount_on_root_decides_whether_it_is_read_only() {
        let remounted = "/dev/root / ext4 rw,noatime 0 0\nproc /proc proc rw 0 0\n\
                         /dev/root / ext4 ro,relatime 0 0\n";
        assert!(root_read_only(remounted));
        assert!(!root_read_only(
            "/dev/mmcblk0p2 / ext4 rw,noatime 0 0\n/dev/sda1 /mnt ext4 ro 0 0\n"
        ));
        assert!(!root_read_only(
            "overlayroot / overlay rw,relatime,lowerdir=/media/root-ro 0 0\n"
        ));
    }

    #[test]
    fn available_memory_is_read_in_megabytes() {
        let meminfo = "MemTotal:         944000 kB\nMemFree:  10 kB\nMemAvailable:      81920 kB\n";
        assert_eq!(available_mb(meminfo), Some(80));
        assert_eq!(available_mb("MemTotal: 1 kB\n"), None);
    }
}
