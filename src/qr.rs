//! QR codes of the community link: SVG for pages, PNG for printing.

use qrcode::{Color, EcLevel, QrCode};

/// Error correction: Q survives a smudged or partly reflective screen and still scans from 2 m.
pub const EC_LEVEL: EcLevel = EcLevel::Q;
/// Light border around the code, in modules, as the QR standard asks.
pub const QUIET_ZONE: u32 = 4;
/// Pixels per module in the PNG: a 41-module code gives about 1000 px, enough for A4 at 300 dpi.
pub const PNG_SCALE: u32 = 20;

/// Why a text cannot be encoded.
#[derive(Debug, thiserror::Error)]
#[error("le lien est trop long pour un QR code")]
pub struct TooLong;

fn encode(text: &str) -> Result<QrCode, TooLong> {
    QrCode::with_error_correction_level(text.as_bytes(), EC_LEVEL).map_err(|_| TooLong)
}

/// A standalone SVG document (with its quiet zone), sized in modules and scalable.
pub fn svg(text: &str) -> Result<String, TooLong> {
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        inline_svg(text)?
    ))
}

/// The SVG element alone, to be placed inline in an HTML page.
///
/// Dark modules are drawn as one path of horizontal runs, which keeps the page small.
pub fn inline_svg(text: &str) -> Result<String, TooLong> {
    let code = encode(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width as u32 + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let (px, py) = (start as u32 + QUIET_ZONE, y as u32 + QUIET_ZONE);
                path.push_str(&format!("M{px} {py}h{}v1H{px}z", x - start));
            } else {
                x += 1;
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-hidden=\"true\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// A black-on-white grayscale PNG with its quiet zone.
pub fn png(text: &str) -> Result<Vec<u8>, TooLong> {
    let code = encode(text)?;
    let modules = code.width() as u32;
    let colors = code.to_colors();
    let side_modules = modules + 2 * QUIET_ZONE;
    let side = side_modules * PNG_SCALE;
    let mut pixels = Vec::with_capacity((side * side) as usize);
    for y in 0..side {
        let my = (y / PNG_SCALE) as i64 - QUIET_ZONE as i64;
        for x in 0..side {
            let mx = (x / PNG_SCALE) as i64 - QUIET_ZONE as i64;
            let inside = (0..modules as i64).contains(&mx) && (0..modules as i64).contains(&my);
            let dark = inside && colors[(my * modules as i64 + mx) as usize] == Color::Dark;
            pixels.push(if dark { 0 } else { 255 });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    let mut writer = encoder
        .write_header()
        .expect("writing to a Vec cannot fail");
    writer
        .write_image_data(&pixels)
        .expect("pixel buffer matches the declared size");
    writer.finish().expect("writing to a Vec cannot fail");
    Ok(out)
}

/// The last PNG drawn and the link it encodes: one revision is asked for again and again (the
/// poster page, printers), and drawing a long link takes ~70 ms of a core on a small machine.
static LAST_PNG: std::sync::Mutex<Option<(String, axum::body::Bytes)>> =
    std::sync::Mutex::new(None);

/// [`png`], drawn at most once per link, on the blocking pool.
pub async fn png_cached(text: &str) -> Result<axum::body::Bytes, TooLong> {
    if let Some((link, png)) = LAST_PNG.lock().expect("qr cache lock").as_ref() {
        if link == text {
            return Ok(png.clone());
        }
    }
    let owned = text.to_owned();
    let drawn = tokio::task::spawn_blocking(move || png(&owned))
        .await
        .map_err(|_| TooLong)??;
    let drawn = axum::body::Bytes::from(drawn);
    *LAST_PNG.lock().expect("qr cache lock") = Some((text.to_owned(), drawn.clone()));
    Ok(drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_inline_ready_and_scalable() {
        let s = inline_svg("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv").unwrap();
        assert!(s.starts_with("<svg "));
        assert!(s.contains("viewBox"));
        assert!(!s.contains("<?xml"));
    }

    #[test]
    fn png_has_the_quiet_zone_and_is_square() {
        let bytes = png("https://example.org").unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.width, info.height);
        // The quiet zone is white, the finder pattern's corner just inside it is black.
        let w = info.width as usize;
        let q = (QUIET_ZONE * PNG_SCALE) as usize;
        assert!(buf[..q * w].iter().all(|&p| p == 255));
        assert_eq!(buf[q * w + q], 0);
    }

    #[tokio::test]
    async fn the_png_is_drawn_once_per_link() {
        let a = png_cached("https://example.org/cache-a").await.unwrap();
        let again = png_cached("https://example.org/cache-a").await.unwrap();
        assert_eq!(
            a.as_ptr(),
            again.as_ptr(),
            "the same bytes, not drawn again"
        );
        let b = png_cached("https://example.org/cache-b").await.unwrap();
        assert_ne!(a, b);
        assert_eq!(b, png("https://example.org/cache-b").unwrap());
    }

    #[test]
    fn absurdly_long_text_is_an_error_not_a_panic() {
        assert!(svg(&"x".repeat(5000)).is_err());
    }
}
