//! Uploaded pictures: stored once, under the SHA-256 of their bytes, in `<data>/media/`.

use super::{write_atomic, Store};
use sha2::{Digest, Sha256};
use std::io;

/// The extensions a stored picture may have; the caller has recognised the type from the bytes.
pub const MEDIA_EXTENSIONS: [&str; 3] = ["png", "jpg", "webp"];

impl Store {
    /// Stores a picture and returns its name, `<sha256>.<ext>`; storing it twice is harmless.
    pub async fn save_media(&self, bytes: Vec<u8>, ext: &str) -> io::Result<String> {
        if !MEDIA_EXTENSIONS.contains(&ext) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a picture extension",
            ));
        }
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = format!("{hex}.{ext}");
        let dir = self.dir().join("media");
        let path = dir.join(&name);
        tokio::task::spawn_blocking(move || -> io::Result<()> {
            // Same name, same bytes: a picture already there need not be written again.
            if path.exists() {
                return Ok(());
            }
            std::fs::create_dir_all(&dir)?;
            write_atomic(&path, &bytes, 0o644)
        })
        .await
        .map_err(|e| io::Error::other(e.to_string()))??;
        Ok(name)
    }

    /// Whether a picture of this name is stored.
    pub fn has_media(&self, name: &str) -> bool {
        crate::content::is_image_name(name) && self.dir().join("media").join(name).is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::is_image_name;

    #[tokio::test]
    async fn names_are_content_hashes_and_files_land_in_media() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let name = store.save_media(b"abc".to_vec(), "png").await.unwrap();
        assert!(is_image_name(&name), "{name}");
        assert!(name.starts_with("ba7816bf8f01cfea414140de5dae2223"));
        assert_eq!(
            store.save_media(b"abc".to_vec(), "png").await.unwrap(),
            name
        );
        assert_eq!(store.read_media(&name).await.unwrap(), b"abc");
        assert!(store.has_media(&name));
        assert!(!store.has_media("../content.json"));
        assert!(store.save_media(b"<svg/>".to_vec(), "svg").await.is_err());
    }
}
