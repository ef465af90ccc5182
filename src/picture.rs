//! Uploaded pictures made fit for the screen: decoded (PNG, JPEG, WebP), turned upright by
//! their EXIF orientation, shrunk to at most the screen's size and encoded again, which also
//! drops every piece of metadata (GPS position, camera, date). One at a time, off the async
//! runtime: a decoded 12 MP photo is ~36 MB, and a phone photo is shrunk without a second
//! buffer of that size beside it.

use crate::limits;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;
use std::sync::OnceLock;
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
    #[error("the picture has too many pixels ({width}×{height})")]
    TooManyPixels { width: u32, height: u32 },
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

/// Decodes, turns, shrinks and re-encodes `bytes` (blocking; see [`fit`]).
pub fn fit_blocking(bytes: &[u8], longest_side: u32) -> Result<Fitted, Unfit> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Unfit::Unreadable(e.to_string()))?;
    let format = reader.format();
    if !matches!(
        format,
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)
    ) {
        return Err(Unfit::Unreadable("not a PNG, JPEG or WebP picture".into()));
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| Unfit::Unreadable(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits::MAX_IMAGE_PIXELS {
        return Err(Unfit::TooManyPixels { width, height });
    }
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits::MAX_IMAGE_PIXELS * 4 + 16 * 1024 * 1024);
    decoder
        .set_limits(image_limits)
        .map_err(|e| Unfit::Unreadable(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let image =
        DynamicImage::from_decoder(decoder).map_err(|e| Unfit::Unreadable(e.to_string()))?;
    let mut image = shrink(image, longest_side);
    image.apply_orientation(orientation);
    // A PNG is a drawing or a logo (sharp edges, maybe transparent): it stays a PNG; a photo
    // becomes a JPEG; a WebP becomes whichever fits it.
    let encoded = match format {
        Some(ImageFormat::Png) => Encoded::Png,
        Some(ImageFormat::WebP) if image.color().has_alpha() => Encoded::Png,
        _ => Encoded::Jpeg,
    };
    let mut out = Vec::new();
    let result = match encoded {
        Encoded::Png if image.color().has_alpha() => image
            .into_rgba8()
            .write_with_encoder(PngEncoder::new(&mut out)),
        Encoded::Png => image
            .into_rgb8()
            .write_with_encoder(PngEncoder::new(&mut out)),
        Encoded::Jpeg => image
            .into_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)),
    };
    result.map_err(|e| Unfit::Encoding(e.to_string()))?;
    let (width, height) = image::ImageReader::new(Cursor::new(&out))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .unwrap_or((0, 0));
    Ok(Fitted {
        bytes: out,
        encoded,
        width,
        height,
    })
}

/// `image` made to fit in `longest_side`, the decoded source freed as soon as it is shrunk.
///
/// A source at least twice too big (every phone photo) is averaged over blocks of pixels
/// (`thumbnail`): no buffer but the result, where a filtered resize first builds a float copy
/// of `width × new height` (4000×1440×12 bytes = 69 MB for a 12 MP photo, on a Pi 3 that has
/// 1 GB for everything). Closer to the screen's size, where averaging blocks would drop whole
/// rows of a poster's letters, the filtered resize is used: its copy is then smaller.
fn shrink(image: DynamicImage, longest_side: u32) -> DynamicImage {
    let longest = image.width().max(image.height());
    if longest <= longest_side {
        image
    } else if longest >= 2 * longest_side {
        image.thumbnail(longest_side, longest_side)
    } else {
        image.resize(longest_side, longest_side, FilterType::Triangle)
    }
}

/// Pictures decoded at once, across the whole server.
fn decoding() -> &'static Semaphore {
    static TURNS: OnceLock<Semaphore> = OnceLock::new();
    TURNS.get_or_init(|| Semaphore::new(limits::IMAGE_DECODES))
}

/// [`fit_blocking`] on the blocking pool, one picture at a time.
pub async fn fit(bytes: Vec<u8>) -> Result<Fitted, Unfit> {
    let _turn = decoding()
        .acquire()
        .await
        .map_err(|e| Unfit::Encoding(e.to_string()))?;
    tokio::task::spawn_blocking(move || fit_blocking(&bytes, limits::STORED_IMAGE_SIDE))
        .await
        .map_err(|e| Unfit::Encoding(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
        let plain = jpeg(width, height);
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
        let fitted = fit_blocking(&jpeg(4000, 3000), 1920).unwrap();
        assert_eq!(fitted.encoded, Encoded::Jpeg);
        assert_eq!((fitted.width, fitted.height), (1920, 1440));
        let small = fit_blocking(&jpeg(800, 600), 1920).unwrap();
        assert_eq!((small.width, small.height), (800, 600), "never enlarged");
    }

    #[test]
    fn a_turned_photo_is_stored_upright_and_without_its_metadata() {
        let exif = jpeg_with_exif(400, 300, 6);
        assert!(exif.windows(4).any(|w| w == b"Exif"));
        let fitted = fit_blocking(&exif, 1920).unwrap();
        assert_eq!((fitted.width, fitted.height), (300, 400), "turned upright");
        assert!(
            !fitted.bytes.windows(4).any(|w| w == b"Exif"),
            "EXIF dropped"
        );
    }

    #[test]
    fn transparency_is_kept_as_png() {
        let img = RgbaImage::from_fn(3000, 100, |x, _| Rgba([0, 0, 0, (x % 256) as u8]));
        let mut png = Vec::new();
        img.write_with_encoder(PngEncoder::new(&mut png)).unwrap();
        let fitted = fit_blocking(&png, 1920).unwrap();
        assert_eq!(fitted.encoded, Encoded::Png);
        assert_eq!(fitted.width, 1920);
    }

    #[test]
    fn broken_and_foreign_files_are_refused_without_a_panic() {
        let good = jpeg(64, 64);
        for cut in [0, 2, 10] {
            assert!(fit_blocking(&good[..cut], 1920).is_err());
        }
        assert!(fit_blocking(b"GIF89a\x01\0\x01\0\0\0\0", 1920).is_err());
    }
}
