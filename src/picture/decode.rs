//! Reading an uploaded picture into pixels, with the codec crates of image-rs: PNG (row by row,
//! averaged as it comes, so the whole picture is never held), JPEG (at the smallest of 1/8,
//! 1/4, 1/2 or 1 of its size that still covers the screen) and WebP, each refused before any
//! pixel is allocated when it has more than its kind's pixel budget (see `limits`): the
//! formats that must be decoded whole (WebP, progressive JPEG, interlaced PNG) get a smaller one.

use super::pixels::{fitting, Orientation, Pixels, Shrinker};
use super::Unfit;
use crate::limits;
use std::io::Cursor;

/// Memory a decoder may take for one picture: the pixels of the largest accepted one, as RGBA,
/// and room for its own tables.
const DECODER_MEMORY: u64 = limits::MAX_IMAGE_PIXELS * 4 + 16 * 1024 * 1024;
/// The same for a picture that must be decoded whole (WebP).
const WHOLE_DECODE_MEMORY: u64 = limits::MAX_WHOLE_DECODE_PIXELS * 4 + 4 * 1024 * 1024;

/// The kinds of file accepted, told by their first bytes (never by the name or the type the
/// browser claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Png,
    Jpeg,
    WebP,
}

impl Source {
    pub fn sniff(bytes: &[u8]) -> Option<Source> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Source::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Source::Jpeg)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Source::WebP)
        } else {
            None
        }
    }
}

/// The pixels of a picture and how they must be turned to stand upright.
pub struct Decoded {
    pub pixels: Pixels,
    pub orientation: Orientation,
}

pub fn decode(source: Source, bytes: &[u8], longest_side: u32) -> Result<Decoded, Unfit> {
    match source {
        Source::Jpeg => jpeg(bytes, longest_side),
        Source::Png => png(bytes, longest_side),
        Source::WebP => webp(bytes),
    }
}

fn unreadable(e: impl std::fmt::Display) -> Unfit {
    Unfit::Unreadable(e.to_string())
}

/// Refuses a picture beyond the pixel budget of its kind: [`limits::MAX_IMAGE_PIXELS`], or
/// [`limits::MAX_WHOLE_DECODE_PIXELS`] for one that must be decoded `whole`.
fn within(width: u32, height: u32, whole: bool) -> Result<(), Unfit> {
    let budget = if whole {
        limits::MAX_WHOLE_DECODE_PIXELS
    } else {
        limits::MAX_IMAGE_PIXELS
    };
    if u64::from(width) * u64::from(height) > budget {
        return Err(Unfit::TooManyPixels {
            width,
            height,
            whole,
        });
    }
    if width == 0 || height == 0 {
        return Err(Unfit::Unreadable("the picture has no pixels".into()));
    }
    Ok(())
}

fn jpeg(bytes: &[u8], longest_side: u32) -> Result<Decoded, Unfit> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(DECODER_MEMORY as usize);
    decoder.read_info().map_err(unreadable)?;
    let info = decoder
        .info()
        .ok_or_else(|| unreadable("no picture header"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    within(width, height, false)?;
    if info.coding_process != jpeg_decoder::CodingProcess::DctSequential {
        // Progressive: every coefficient of the whole picture is held until the last scan.
        within(width, height, true)?;
    }
    let (w, h) = fitting(width, height, longest_side);
    // Both fit in u16: they are no larger than the JPEG's own sides.
    decoder.scale(w as u16, h as u16).map_err(unreadable)?;
    let data = decoder.decode().map_err(unreadable)?;
    let info = decoder
        .info()
        .ok_or_else(|| unreadable("no picture header"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let rgb = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => data,
        jpeg_decoder::PixelFormat::L8 => data.iter().flat_map(|&l| [l, l, l]).collect(),
        jpeg_decoder::PixelFormat::CMYK32 => data
            .chunks_exact(4)
            .flat_map(|p| {
                let ink = |c: u8| ((255 - u16::from(c)) * (255 - u16::from(p[3])) / 255) as u8;
                [ink(p[0]), ink(p[1]), ink(p[2])]
            })
            .collect(),
        jpeg_decoder::PixelFormat::L16 => {
            return Err(unreadable(
                "16-bit JPEG pictures are not supported: save it as an ordinary JPEG",
            ))
        }
    };
    let orientation = decoder
        .exif_data()
        .map(Orientation::from_exif)
        .unwrap_or_default();
    Ok(Decoded {
        pixels: Pixels::rgb(width, height, rgb).map_err(unreadable)?,
        orientation,
    })
}

/// A PNG row as RGB or RGBA (grey is spread over the three colours).
fn png_pixels(color: png::ColorType, row: &[u8], out: &mut Vec<u8>) {
    out.clear();
    match color {
        png::ColorType::Grayscale => out.extend(row.iter().flat_map(|&l| [l, l, l])),
        png::ColorType::GrayscaleAlpha => {
            out.extend(row.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]))
        }
        _ => out.extend_from_slice(row),
    }
}

fn png(bytes: &[u8], longest_side: u32) -> Result<Decoded, Unfit> {
    // Its own tables and chunks only (a compressed ICC profile that claims gigabytes stops
    // here): the pixels are held by us, averaged as they come.
    let limits = png::Limits {
        bytes: limits::PNG_DECODER_MEMORY,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    // Colour profiles and text are never used (nor kept): not even decompressed.
    decoder.set_ignore_iccp_chunk(true);
    decoder.set_ignore_text_chunk(true);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let (width, height) = reader.info().size();
    within(width, height, false)?;
    let orientation = reader
        .info()
        .exif_metadata
        .as_deref()
        .map(Orientation::from_exif)
        .unwrap_or_default();
    let (color, _) = reader.output_color_type();
    let channels = match color {
        png::ColorType::Rgba | png::ColorType::GrayscaleAlpha => 4,
        png::ColorType::Rgb | png::ColorType::Grayscale => 3,
        png::ColorType::Indexed => return Err(unreadable("a palette PNG was not expanded")),
    };
    if !reader.info().interlaced {
        let size = fitting(width, height, longest_side);
        let mut shrinker = Shrinker::new((width, height), channels, size);
        let mut line = Vec::new();
        while let Some(row) = reader.next_row().map_err(unreadable)? {
            png_pixels(color, row.data(), &mut line);
            shrinker.push(&line);
        }
        return Ok(Decoded {
            pixels: shrinker.finish(),
            orientation,
        });
    }
    // Interlaced: its rows come in seven passes, so it is decoded whole.
    within(width, height, true)?;
    let mut data = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut data).map_err(unreadable)?;
    data.truncate(frame.buffer_size());
    let pixels = match frame.color_type {
        png::ColorType::Rgb => Pixels::rgb(width, height, data),
        png::ColorType::Rgba => Pixels::rgba(width, height, data),
        png::ColorType::Grayscale => Pixels::rgb(
            width,
            height,
            data.iter().flat_map(|&l| [l, l, l]).collect(),
        ),
        png::ColorType::GrayscaleAlpha => Pixels::rgba(
            width,
            height,
            data.chunks_exact(2)
                .flat_map(|p| [p[0], p[0], p[0], p[1]])
                .collect(),
        ),
        png::ColorType::Indexed => return Err(unreadable("a palette PNG was not expanded")),
    }
    .map_err(unreadable)?;
    Ok(Decoded {
        pixels,
        orientation,
    })
}

fn webp(bytes: &[u8]) -> Result<Decoded, Unfit> {
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(unreadable)?;
    // Decoded whole, whatever its size: its own budget.
    decoder.set_memory_limit(WHOLE_DECODE_MEMORY as usize);
    let (width, height) = decoder.dimensions();
    within(width, height, true)?;
    let orientation = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .as_deref()
        .map(Orientation::from_exif)
        .unwrap_or_default();
    let size = decoder
        .output_buffer_size()
        .ok_or_else(|| unreadable("the picture is too large to decode"))?;
    let mut data = vec![0; size];
    decoder.read_image(&mut data).map_err(unreadable)?;
    let pixels = if decoder.has_alpha() {
        Pixels::rgba(width, height, data)
    } else {
        Pixels::rgb(width, height, data)
    }
    .map_err(unreadable)?;
    Ok(Decoded {
        pixels,
        orientation,
    })
}
