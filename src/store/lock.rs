//! One writer at a time for the files that are read, changed and written back (the secrets):
//! an exclusive `flock` on a lock file of the data folder. Each holder opens the lock file
//! itself, so the lock excludes the server's other threads and a `vitrine token` or
//! `vitrine passwd` run beside it alike.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

const LOCK_FILE: &str = ".secrets.lock";

/// Held while a secrets file is changed; dropping it releases the lock.
pub struct Exclusive {
    _file: File,
}

/// Waits for the lock of the data folder `dir` and holds it.
pub fn exclusive(dir: &Path) -> io::Result<Exclusive> {
    std::fs::create_dir_all(dir)?;
    let file = open(dir)?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)?;
    Ok(Exclusive { _file: file })
}

#[cfg(unix)]
fn open(dir: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(dir.join(LOCK_FILE))
}

#[cfg(not(unix))]
fn open(dir: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn only_one_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let inside = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let _held = exclusive(dir.path()).unwrap();
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }
}
