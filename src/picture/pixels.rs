//! A decoded picture's pixels (8-bit RGB or RGBA) and what is done to them before they are
//! stored: shrunk to fit the screen, turned upright, encoded as JPEG or PNG.

use rgb::FromSlice;

/// Pixels, row after row, 3 (RGB) or 4 (RGBA) bytes each.
pub struct Pixels {
    width: u32,
    height: u32,
    channels: usize,
    data: Vec<u8>,
}

/// Averages `block`×`block` squares of a picture whose rows come one at a time (a PNG read
/// row by row): only the averaged picture and one row of sums are ever held, never the whole.
pub struct RowAverager {
    channels: usize,
    block: usize,
    /// Input pixels per row that fill whole blocks.
    used: usize,
    out_width: usize,
    out_height: usize,
    sums: Vec<u32>,
    rows: usize,
    data: Vec<u8>,
}

impl RowAverager {
    pub fn new(width: u32, height: u32, channels: usize, block: u32) -> RowAverager {
        let block = block.max(1) as usize;
        let (out_width, out_height) = (width as usize / block, height as usize / block);
        RowAverager {
            channels,
            block,
            used: out_width * block,
            out_width,
            out_height,
            sums: vec![0; out_width * channels],
            rows: 0,
            data: Vec::with_capacity(out_width * out_height * channels),
        }
    }

    /// One row of the input picture, `width × channels` bytes.
    pub fn push(&mut self, line: &[u8]) {
        if self.data.len() >= self.out_width * self.out_height * self.channels {
            return; // the last rows that do not fill a block
        }
        let (n, block) = (self.channels, self.block);
        for (x, pixel) in line.chunks_exact(n).take(self.used).enumerate() {
            let sum = &mut self.sums[(x / block) * n..][..n];
            for (s, &v) in sum.iter_mut().zip(pixel) {
                *s += u32::from(v);
            }
        }
        self.rows += 1;
        if self.rows == block {
            let area = (block * block) as u32;
            self.data
                .extend(self.sums.iter().map(|&s| ((s + area / 2) / area) as u8));
            self.sums.fill(0);
            self.rows = 0;
        }
    }

    pub fn finish(self) -> Pixels {
        Pixels {
            width: self.out_width as u32,
            height: self.out_height as u32,
            channels: self.channels,
            data: self.data,
        }
    }
}

/// The size of a `width`×`height` picture shrunk to fit in a square of `longest_side`, never
/// enlarged.
pub fn fitting(width: u32, height: u32, longest_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= longest_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled = (u64::from(side) * u64::from(longest_side) + u64::from(longest) / 2)
            / u64::from(longest);
        (scaled as u32).max(1)
    };
    (scale(width), scale(height))
}

/// The side of the squares a `width`×`height` picture is averaged over before it is resampled
/// to fit in `longest_side`: as large as keeps it at least the final size.
pub fn block_for(width: u32, height: u32, longest_side: u32) -> u32 {
    let (w, h) = fitting(width, height, longest_side);
    (width / w).min(height / h).max(1)
}

impl Pixels {
    pub fn rgb(width: u32, height: u32, data: Vec<u8>) -> Result<Pixels, String> {
        Pixels::new(width, height, 3, data)
    }

    pub fn rgba(width: u32, height: u32, data: Vec<u8>) -> Result<Pixels, String> {
        Pixels::new(width, height, 4, data)
    }

    fn new(width: u32, height: u32, channels: usize, data: Vec<u8>) -> Result<Pixels, String> {
        if data.len() != width as usize * height as usize * channels {
            return Err(format!(
                "the decoder gave {} bytes for {width}×{height} pixels",
                data.len()
            ));
        }
        Ok(Pixels {
            width,
            height,
            channels,
            data,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn has_alpha(&self) -> bool {
        self.channels == 4
    }

    /// Each pixel's brightness (0–255, Rec. 601 weights), row after row.
    pub fn lumas(&self) -> impl Iterator<Item = u8> + '_ {
        self.data.chunks_exact(self.channels).map(|p| {
            let [r, g, b] = [p[0], p[1], p[2]].map(u32::from);
            ((r * 299 + g * 587 + b * 114) / 1000) as u8
        })
    }

    /// Shrunk to fit in a square of `longest_side` (never enlarged): first averaged over whole
    /// blocks of pixels down to at most twice the final size, which keeps the resampler's own
    /// buffer small, then resampled (bilinear) to the exact size.
    pub fn shrunk_to(self, longest_side: u32) -> Result<Pixels, super::Unfit> {
        let (width, height) = fitting(self.width, self.height, longest_side);
        if (width, height) == (self.width, self.height) {
            return Ok(self);
        }
        let block = block_for(self.width, self.height, longest_side);
        let near = if block >= 2 {
            self.averaged(block)
        } else {
            self
        };
        near.resampled(width, height)
            .map_err(|e| super::Unfit::Encoding(e.to_string()))
    }

    /// Each `block`×`block` square of pixels becomes one, their average (the last pixels of a
    /// row or column that do not fill a block are left out).
    fn averaged(self, block: u32) -> Pixels {
        let mut averager = RowAverager::new(self.width, self.height, self.channels, block);
        let row = self.width as usize * self.channels;
        for line in self.data.chunks_exact(row) {
            averager.push(line);
        }
        averager.finish()
    }

    fn resampled(self, width: u32, height: u32) -> Result<Pixels, resize::Error> {
        let (w1, h1, w2, h2) = (
            self.width as usize,
            self.height as usize,
            width as usize,
            height as usize,
        );
        let mut data = vec![0; w2 * h2 * self.channels];
        let filter = resize::Type::Triangle;
        if self.channels == 4 {
            // Premultiplied, so that transparent pixels do not bleed their colour into edges.
            resize::new(w1, h1, w2, h2, resize::Pixel::RGBA8P, filter)?
                .resize(self.data.as_rgba(), data.as_rgba_mut())?;
        } else {
            resize::new(w1, h1, w2, h2, resize::Pixel::RGB8, filter)?
                .resize(self.data.as_rgb(), data.as_rgb_mut())?;
        }
        Ok(Pixels {
            width,
            height,
            channels: self.channels,
            data,
        })
    }

    /// Turned and mirrored as its EXIF orientation says, so that it stands upright without it.
    pub fn turned(self, orientation: Orientation) -> Pixels {
        let (w, h) = (self.width as usize, self.height as usize);
        // For each pixel (x, y) of the result, where it comes from.
        let from: fn(usize, usize, usize, usize) -> (usize, usize) = match orientation.0 {
            2 => |x, y, w, _| (w - 1 - x, y),
            3 => |x, y, w, h| (w - 1 - x, h - 1 - y),
            4 => |x, y, _, h| (x, h - 1 - y),
            5 => |x, y, _, _| (y, x),
            6 => |x, y, _, h| (y, h - 1 - x),
            7 => |x, y, w, h| (w - 1 - y, h - 1 - x),
            8 => |x, y, w, _| (w - 1 - y, x),
            _ => return self,
        };
        let (out_w, out_h) = if orientation.0 >= 5 { (h, w) } else { (w, h) };
        let n = self.channels;
        let mut data = Vec::with_capacity(self.data.len());
        for y in 0..out_h {
            for x in 0..out_w {
                let (sx, sy) = from(x, y, w, h);
                data.extend_from_slice(&self.data[(sy * w + sx) * n..][..n]);
            }
        }
        Pixels {
            width: out_w as u32,
            height: out_h as u32,
            channels: n,
            data,
        }
    }

    pub fn jpeg(&self, quality: u8) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let colour = if self.channels == 4 {
            jpeg_encoder::ColorType::Rgba
        } else {
            jpeg_encoder::ColorType::Rgb
        };
        // Sides fit in u16: a picture is at most the screen's size here.
        jpeg_encoder::Encoder::new(&mut out, quality)
            .encode(&self.data, self.width as u16, self.height as u16, colour)
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    pub fn png(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(if self.channels == 4 {
            png::ColorType::Rgba
        } else {
            png::ColorType::Rgb
        });
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer
            .write_image_data(&self.data)
            .map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// The EXIF orientation of a picture, 1 (upright) to 8; anything else counts as upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orientation(u32);

impl Default for Orientation {
    fn default() -> Self {
        Orientation(1)
    }
}

impl Orientation {
    /// Reads the orientation tag of a raw EXIF block (from its TIFF header on); a block that
    /// does not parse counts as upright: the picture is kept as it was drawn.
    pub fn from_exif(raw: &[u8]) -> Orientation {
        exif::Reader::new()
            .read_raw(raw.to_vec())
            .ok()
            .and_then(|exif| {
                exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
                    .and_then(|field| field.value.get_uint(0))
            })
            .filter(|o| (1..=8).contains(o))
            .map(Orientation)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 picture whose pixels are numbered 0 to 5, row after row.
    fn numbered() -> Pixels {
        Pixels::rgb(3, 2, (0..6).flat_map(|i| [i, i, i]).collect()).unwrap()
    }

    fn numbers(p: &Pixels) -> Vec<u8> {
        p.data.chunks_exact(3).map(|c| c[0]).collect()
    }

    #[test]
    fn every_orientation_turns_the_picture_as_exif_says() {
        // 0 1 2
        // 3 4 5
        let cases: [(u32, (u32, u32), [u8; 6]); 8] = [
            (1, (3, 2), [0, 1, 2, 3, 4, 5]),
            (2, (3, 2), [2, 1, 0, 5, 4, 3]),
            (3, (3, 2), [5, 4, 3, 2, 1, 0]),
            (4, (3, 2), [3, 4, 5, 0, 1, 2]),
            (5, (2, 3), [0, 3, 1, 4, 2, 5]),
            (6, (2, 3), [3, 0, 4, 1, 5, 2]),
            (7, (2, 3), [5, 2, 4, 1, 3, 0]),
            (8, (2, 3), [2, 5, 1, 4, 0, 3]),
        ];
        for (orientation, size, expected) in cases {
            let turned = numbered().turned(Orientation(orientation));
            assert_eq!(
                (turned.width, turned.height),
                size,
                "orientation {orientation}"
            );
            assert_eq!(numbers(&turned), expected, "orientation {orientation}");
        }
    }

    #[test]
    fn blocks_are_averaged_and_the_result_resampled_to_the_exact_size() {
        // 8×4, left half black, right half white.
        let data = (0..32)
            .flat_map(|i| if i % 8 < 4 { [0u8; 3] } else { [255u8; 3] })
            .collect();
        let half = Pixels::rgb(8, 4, data).unwrap().averaged(2);
        assert_eq!((half.width, half.height), (4, 2));
        assert_eq!(numbers(&half), [0, 0, 255, 255, 0, 0, 255, 255]);
        let small = half.shrunk_to(3).unwrap();
        assert_eq!((small.width, small.height), (3, 2));
    }

    #[test]
    fn fitting_keeps_the_shape_and_never_enlarges() {
        assert_eq!(fitting(4000, 3000, 1920), (1920, 1440));
        assert_eq!(fitting(3000, 4000, 1920), (1440, 1920));
        assert_eq!(fitting(800, 600, 1920), (800, 600));
        assert_eq!(fitting(100_000, 10, 1920), (1920, 1));
    }
}
