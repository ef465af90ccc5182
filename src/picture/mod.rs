//! Uploaded pictures made fit for the screen: decoded (PNG, JPEG, WebP), turned upright by
//! their EXIF orientation, shrunk to at most the screen's size and encoded again, which also
//! drops every piece of metadata (GPS position, camera, date). One at a time, off the async
//! runtime. A JPEG is decoded straight at 1/2, 1/4 or 1/8 of its size when that is still at
//! least the screen's: a 12 MP phone photo never sits whole in memory (~9 MB instead of 36).
//!
//! The one home for pictures apart from their files: `routes` serves them (`/media/…`); the
//! store keeps them on disk (`store/pictures.rs`).

mod decode;
mod glance;
mod pixels;
pub(crate) mod routes;

pub use glance::{Glance, PRINT_CELLS};

use crate::limits;
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// JPEG quality of re-encoded photos: no visible loss at 1–2 m, a few hundred KB at 1920 px.
const JPEG_QUALITY: u8 = 85;

/// What a stored picture is encoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoded {
    /// Photos (JPEG, opaque WebP).
    Jpeg,
    /// Drawings and logos, which may be transparent (PNG, WebP with transparency).
    Png,
}

impl Encoded {
    pub fn ext(self) -> &'static str {
        match self {
            Encoded::Jpeg => "jpg",
            Encoded::Png => "png",
        }
    }
}

/// Why a picture could not be made fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unfit {
    #[error("the picture could not be read: {0}")]
    Unreadable(String),
    #[error("the picture has too many pixels ({width}×{height}; decoded whole: {whole})")]
    TooManyPixels {
        width: u32,
        height: u32,
        whole: bool,
    },
    #[error("the picture could not be encoded again: {0}")]
    Encoding(String),
}

/// A picture ready to store, and its size.
#[derive(Debug)]
pub struct Fitted {
    pub bytes: Vec<u8>,
    pub encoded: Encoded,
    pub width: u32,
    pub height: u32,
}

/// Decodes, turns, shrinks and re-encodes `bytes` (blocking; see [`fit`]). The file is let go
/// as soon as it is decoded: it is not held beside the pixels while they are shrunk.
pub fn fit_blocking(bytes: Vec<u8>, longest_side: u32) -> Result<Fitted, Unfit> {
    let source = decode::Source::sniff(&bytes)
        .ok_or_else(|| Unfit::Unreadable("not a PNG, JPEG or WebP picture".into()))?;
    let decoded = decode::decode(source, &bytes, longest_side)?;
    drop(bytes);
    let image = decoded.pixels.shrunk_to(longest_side);
    let image = image.turned(decoded.orientation);
    // A PNG is a drawing or a logo (sharp edges, maybe transparent): it stays a PNG; a photo
    // becomes a JPEG; a WebP becomes whichever fits it.
    let encoded = match source {
        decode::Source::Png => Encoded::Png,
        decode::Source::WebP if image.has_alpha() => Encoded::Png,
        _ => Encoded::Jpeg,
    };
    let bytes = match encoded {
        Encoded::Png => image.png(),
        Encoded::Jpeg => image.jpeg(JPEG_QUALITY),
    }
    .map_err(Unfit::Encoding)?;
    Ok(Fitted {
        bytes,
        encoded,
        width: image.width(),
        height: image.height(),
    })
}

/// Pictures decoded at once, across the whole server.
fn decoding() -> Arc<Semaphore> {
    static TURNS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    TURNS
        .get_or_init(|| Arc::new(Semaphore::new(limits::IMAGE_DECODES)))
        .clone()
}

/// [`fit_blocking`] on the blocking pool, one picture at a time: an upload, made fit to store.
pub async fn fit(bytes: Vec<u8>) -> Result<Fitted, Unfit> {
    fit_within(bytes, limits::STORED_IMAGE_SIDE).await
}

/// [`fit_blocking`] to `longest_side` on the blocking pool, one picture at a time.
pub async fn fit_within(bytes: Vec<u8>, longest_side: u32) -> Result<Fitted, Unfit> {
    in_turn(move || fit_blocking(bytes, longest_side)).await
}

/// [`glance::glance_blocking`] on the blocking pool, in turn with the uploads: a picture of the
/// real screen, sent by the kiosk.
pub async fn glance(bytes: Vec<u8>) -> Result<Glance, Unfit> {
    in_turn(move || glance::glance_blocking(&bytes, limits::SCREEN_PICTURE_SIDE)).await
}

/// `work` (a decode) on the blocking pool once no other decode runs.
async fn in_turn<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Unfit> + Send + 'static,
) -> Result<T, Unfit> {
    let turn = decoding()
        .acquire_owned()
        .await
        .map_err(|e| Unfit::Encoding(e.to_string()))?;
    // The turn goes with the decode, not with the caller: a request that goes away mid-way
    // does not let another decode start beside the one still running.
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        work()
    })
    .await
    .map_err(|e| Unfit::Encoding(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::png::PngEncoder;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .unwrap();
        out
    }

    /// A JPEG with an EXIF block (APP1) holding only an orientation (6: turn 90° clockwise).
    fn jpeg_with_exif(plain: Vec<u8>, orientation: u16) -> Vec<u8> {
        // TIFF header, little endian, one IFD with one entry: Orientation (0x0112), SHORT.
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&1u16.to_le_bytes());
        tiff.extend_from_slice(&0x0112u16.to_le_bytes());
        tiff.extend_from_slice(&3u16.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&u32::from(orientation).to_le_bytes());
        tiff.extend_from_slice(&0u32.to_le_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn a_big_photo_is_shrunk_to_the_screen() {
        let fitted = fit_blocking(jpeg(4000, 3000), 1920).unwrap();
        assert_eq!(fitted.encoded, Encoded::Jpeg);
        assert_eq!((fitted.width, fitted.height), (1920, 1440));
        let small = fit_blocking(jpeg(800, 600), 1920).unwrap();
        assert_eq!((small.width, small.height), (800, 600), "never enlarged");
    }

    #[test]
    fn a_turned_photo_is_stored_upright_and_without_its_metadata() {
        // Red in its top-left quarter, blue elsewhere; 6 says "turn it a quarter clockwise".
        let img = RgbImage::from_fn(400, 300, |x, y| {
            if x < 200 && y < 150 {
                Rgb([230, 20, 20])
            } else {
                Rgb([20, 20, 230])
            }
        });
        let mut plain = Vec::new();
        img.write_with_encoder(JpegEncoder::new_with_quality(&mut plain, 95))
            .unwrap();
        let exif = jpeg_with_exif(plain, 6);
        assert!(exif.windows(4).any(|w| w == b"Exif"));
        let fitted = fit_blocking(exif, 1920).unwrap();
        assert_eq!((fitted.width, fitted.height), (300, 400), "turned upright");
        let stored = image::load_from_memory(&fitted.bytes).unwrap().to_rgb8();
        assert_eq!(stored.dimensions(), (300, 400));
        let red = |p: &Rgb<u8>| p[0] > 150 && p[2] < 100;
        assert!(
            red(stored.get_pixel(280, 20)),
            "the red corner is now top right"
        );
        assert!(!red(stored.get_pixel(20, 20)), "and no longer top left");
        assert!(
            !fitted.bytes.windows(4).any(|w| w == b"Exif"),
            "EXIF dropped"
        );
    }

    #[test]
    fn a_phone_photo_is_decoded_at_a_fraction_and_still_fills_the_screen() {
        let fitted = fit_blocking(jpeg(4032, 3024), 1920).unwrap();
        assert_eq!((fitted.width, fitted.height), (1920, 1440));
        let stored = image::load_from_memory(&fitted.bytes).unwrap().to_rgb8();
        // The gradient of the source (red = x mod 256) survives: not a flat or black picture.
        let reds: std::collections::BTreeSet<u8> = (0..1920)
            .step_by(7)
            .map(|x| stored.get_pixel(x, 700)[0])
            .collect();
        assert!(reds.len() > 20, "the picture kept its detail: {reds:?}");
    }

    #[test]
    fn transparency_is_kept_as_png() {
        let img = RgbaImage::from_fn(3000, 100, |x, _| Rgba([0, 0, 0, (x % 256) as u8]));
        let mut png = Vec::new();
        img.write_with_encoder(PngEncoder::new(&mut png)).unwrap();
        let fitted = fit_blocking(png, 1920).unwrap();
        assert_eq!(fitted.encoded, Encoded::Png);
        assert_eq!(fitted.width, 1920);
    }

    #[test]
    fn webp_becomes_jpeg_when_opaque_and_png_when_transparent() {
        use image::codecs::webp::WebPEncoder;
        let mut opaque = Vec::new();
        RgbImage::from_fn(2400, 1200, |x, _| Rgb([(x % 256) as u8, 80, 80]))
            .write_with_encoder(WebPEncoder::new_lossless(&mut opaque))
            .unwrap();
        let fitted = fit_blocking(opaque, 1920).unwrap();
        assert_eq!(fitted.encoded, Encoded::Jpeg);
        assert_eq!((fitted.width, fitted.height), (1920, 960));
        let mut clear = Vec::new();
        RgbaImage::from_fn(300, 200, |x, _| Rgba([200, 0, 0, (x % 256) as u8]))
            .write_with_encoder(WebPEncoder::new_lossless(&mut clear))
            .unwrap();
        let fitted = fit_blocking(clear, 1920).unwrap();
        assert_eq!(fitted.encoded, Encoded::Png);
        let stored = image::load_from_memory(&fitted.bytes).unwrap().to_rgba8();
        assert_eq!(stored.get_pixel(10, 10)[3], 10, "its transparency kept");
    }

    #[test]
    fn a_grey_png_is_read_and_stays_grey() {
        let mut grey = Vec::new();
        image::GrayImage::from_fn(50, 40, |x, _| image::Luma([(x * 5) as u8]))
            .write_with_encoder(PngEncoder::new(&mut grey))
            .unwrap();
        let fitted = fit_blocking(grey, 1920).unwrap();
        assert_eq!(
            (fitted.encoded, fitted.width, fitted.height),
            (Encoded::Png, 50, 40)
        );
        let stored = image::load_from_memory(&fitted.bytes).unwrap().to_rgb8();
        assert_eq!(stored.get_pixel(10, 0).0, [50, 50, 50]);
    }

    #[test]
    fn broken_and_foreign_files_are_refused_without_a_panic() {
        let good = jpeg(64, 64);
        for cut in [0, 2, 10] {
            assert!(fit_blocking(good[..cut].to_vec(), 1920).is_err());
        }
        assert!(fit_blocking(b"GIF89a\x01\0\x01\0\0\0\0".to_vec(), 1920).is_err());
    }

    #[test]
    fn a_big_sixteen_bit_png_with_alpha_is_read_row_by_row_and_averaged() {
        // 16 bits a channel and transparency: 8 bytes a pixel if it were held whole.
        let img = image::ImageBuffer::<image::Rgba<u16>, Vec<u16>>::from_fn(3900, 2600, |x, _| {
            let v = if x < 1950 { 0 } else { 65535 };
            image::Rgba([v, v, v, 65535])
        });
        let mut png = Vec::new();
        img.write_with_encoder(PngEncoder::new(&mut png)).unwrap();
        let fitted = fit_blocking(png, 1920).unwrap();
        assert_eq!(
            (fitted.encoded, fitted.width, fitted.height),
            (Encoded::Png, 1920, 1280)
        );
        let stored = image::load_from_memory(&fitted.bytes).unwrap().to_rgba8();
        assert_eq!(stored.get_pixel(100, 100).0, [0, 0, 0, 255]);
        assert_eq!(stored.get_pixel(1800, 1200).0, [255, 255, 255, 255]);
    }
}
