//! A picture of the real screen, sent by the kiosk: made small for the dashboard, and looked at
//! (how much of it is black, and a coarse print of its brightness to tell whether it changed).

use super::decode::{decode, Source};
use super::Unfit;

/// The print is the average brightness of this many cells across and down: coarse enough to
/// ignore a PNG's or a JPEG's noise, fine enough that two slides never give the same one.
pub const PRINT_CELLS: (usize, usize) = (32, 18);
/// Below this brightness (of 255) a pixel counts as black: a black screen's, not a dark theme's.
const DARK_LUMA: u8 = 16;
/// JPEG quality of the small picture: a slide's large type stays readable at 480 px.
const QUALITY: u8 = 80;

/// The small picture and what was seen in it.
pub struct Glance {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The share of black pixels, 0 to 1.
    pub dark: f32,
    /// Average brightness of each of [`PRINT_CELLS`], row after row.
    pub print: Vec<u8>,
}

/// Decodes a PNG or JPEG screenshot, shrinks it to `longest_side`, and looks at it.
pub fn glance_blocking(bytes: &[u8], longest_side: u32) -> Result<Glance, Unfit> {
    let source = Source::sniff(bytes)
        .filter(|s| *s != Source::WebP)
        .ok_or_else(|| Unfit::Unreadable("not a PNG or JPEG picture".into()))?;
    let image = decode(source, bytes, longest_side)?
        .pixels
        .shrunk_to(longest_side);
    let (width, height) = (image.width() as usize, image.height() as usize);
    let (across, down) = PRINT_CELLS;
    let mut sums = vec![0u64; across * down];
    let mut counts = vec![0u64; across * down];
    let mut dark = 0usize;
    for (i, luma) in image.lumas().enumerate() {
        let (x, y) = (i % width, i / width);
        let cell = (y * down / height) * across + x * across / width;
        sums[cell] += u64::from(luma);
        counts[cell] += 1;
        dark += usize::from(luma < DARK_LUMA);
    }
    let print = (sums.iter().zip(&counts))
        .map(|(sum, n)| (sum / (*n).max(1)) as u8)
        .collect();
    Ok(Glance {
        jpeg: image.jpeg(QUALITY).map_err(Unfit::Encoding)?,
        width: image.width(),
        height: image.height(),
        dark: dark as f32 / (width * height).max(1) as f32,
        print,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn png(img: &RgbImage) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_full_hd_screenshot_becomes_480_wide_and_its_black_share_is_measured() {
        // The left three quarters black, the right quarter white.
        let img = RgbImage::from_fn(1920, 1080, |x, _| {
            if x < 1440 {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        let g = glance_blocking(&png(&img), 480).unwrap();
        assert_eq!((g.width, g.height), (480, 270));
        assert!((0.72..0.78).contains(&g.dark), "{}", g.dark);
        assert!(g.jpeg.starts_with(&[0xFF, 0xD8]));
        assert_eq!(g.print.len(), 32 * 18);
        assert_eq!(g.print[0], 0);
        assert!(g.print[31] > 240, "{}", g.print[31]);
    }

    #[test]
    fn two_different_slides_give_different_prints() {
        let a = RgbImage::from_fn(1280, 720, |x, y| {
            Rgb([40, 90, if (x / 64 + y / 64) % 2 == 0 { 250 } else { 30 }])
        });
        let b = RgbImage::from_fn(1280, 720, |x, _| Rgb([(x / 5) as u8, 120, 60]));
        let (ga, gb) = (
            glance_blocking(&png(&a), 480).unwrap(),
            glance_blocking(&png(&b), 480).unwrap(),
        );
        assert_ne!(ga.print, gb.print);
        assert!(ga.dark < 0.01 && gb.dark < 0.01);
    }

    #[test]
    fn something_else_than_a_png_or_jpeg_is_refused() {
        assert!(matches!(
            glance_blocking(b"GIF89a not a screenshot", 480),
            Err(Unfit::Unreadable(_))
        ));
    }
}
