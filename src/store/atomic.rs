//! Durable file replacement: a power cut leaves either the old file or the new one, and a
//! failed write (a full card) leaves the old file and no temporary behind.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically and durably: a temporary file of a unique name in the
/// same folder, fsync, rename over `path`, fsync the folder.
///
/// Two writers never share a temporary; on any error before the rename the temporary is
/// removed (it is deleted when dropped) and `path` keeps its old content. Once the rename is
/// done the new content is in place and this returns `Ok`, even if the folder's fsync fails
/// (that is logged: the change is visible, only its survival of a power cut is in doubt).
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no directory"))?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let mut tmp = builder(&format!(".{}.", name.to_string_lossy()), mode).tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
        tracing::warn!(
            "{} written, but its folder could not be synced: {e}",
            path.display()
        );
    }
    Ok(())
}

#[cfg(unix)]
fn builder(prefix: &str, mode: u32) -> tempfile::Builder<'_, '_> {
    use std::os::unix::fs::PermissionsExt;
    let mut b = tempfile::Builder::new();
    b.prefix(prefix)
        .suffix(TMP_SUFFIX)
        .permissions(std::fs::Permissions::from_mode(mode));
    b
}

#[cfg(not(unix))]
fn builder(prefix: &str, _mode: u32) -> tempfile::Builder<'_, '_> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(TMP_SUFFIX);
    b
}

/// What every temporary of [`write_atomic`] ends with (it also starts with a dot).
const TMP_SUFFIX: &str = ".tmp";

/// Removes the temporaries a killed process left in `dir` (a power cut during a write).
///
/// Run at start, before anything else writes there.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(TMP_SUFFIX) && name.len() > 5 {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => tracing::info!("removed {name}, left by an interrupted write"),
                Err(e) => tracing::warn!("cannot remove {name}, left by an interrupted write: {e}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content.json");
        write_atomic(&path, b"old", 0o644).unwrap();
        write_atomic(&path, b"new", 0o644).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["content.json"]);
    }

    #[test]
    fn a_failed_rename_keeps_the_old_file_and_removes_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails after the temporary was written.
        let path = dir.path().join("content.json");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"x").unwrap();
        assert!(write_atomic(&path, b"new", 0o644).is_err());
        assert_eq!(names(dir.path()), ["content.json"]);
        assert!(path.join("inside").is_file());
    }

    #[test]
    fn parallel_writers_never_share_a_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api-tokens.json");
        std::thread::scope(|s| {
            for i in 0..8 {
                let path = &path;
                s.spawn(move || {
                    for j in 0..20 {
                        let text = format!("[\"writer {i} round {j}\"]");
                        write_atomic(path, text.as_bytes(), 0o600).unwrap();
                    }
                });
            }
        });
        let last: Vec<String> = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert!(last[0].ends_with("round 19"), "{last:?}");
        assert_eq!(names(dir.path()), ["api-tokens.json"]);
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".content.json.tmp"), b"half").unwrap();
        fs::write(dir.path().join(".content.json.Ab3dE.tmp"), b"half").unwrap();
        fs::write(dir.path().join("content.json"), b"{}").unwrap();
        fs::write(dir.path().join("notes.tmp"), b"mine").unwrap();
        remove_stale_temporaries(dir.path());
        assert_eq!(names(dir.path()), ["content.json", "notes.tmp"]);
    }

    #[cfg(unix)]
    #[test]
    fn secrets_get_the_requested_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        write_atomic(&path, b"s", 0o600).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
