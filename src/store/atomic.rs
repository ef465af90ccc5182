//! Durable file replacement: a power cut leaves either the old file or the new one, and a
//! failed write (a full card) leaves the old file and no temporary behind.

use std::fs::{self, File};
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

/// Removes the temporary files a power cut left in `dir` between write and rename (the file
/// they were for still holds its previous version); returns how many. A missing `dir` has none.
pub fn remove_leftovers(dir: &Path) -> io::Result<usize> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
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
    fn leftovers_of_an_interrupted_write_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".content.json.tmp"), b"{\"half").unwrap();
        std::fs::write(dir.path().join("content.json"), b"{}").unwrap();
        std::fs::write(dir.path().join("notes.tmp"), b"kept").unwrap();
        assert_eq!(remove_leftovers(dir.path()).unwrap(), 1);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["content.json", "notes.tmp"]);
        assert_eq!(remove_leftovers(&dir.path().join("none")).unwrap(), 0);
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
