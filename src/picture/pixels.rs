//! A decoded picture's pixels (8-bit RGB or RGBA) and what is done to them before they are
//! stored: shrunk to fit the screen, turned upright, encoded as JPEG or PNG.

/// Pixels, row after row, 3 (RGB) or 4 (RGBA) bytes each.
pub struct Pixels {
    width: u32,
    height: u32,
    channels: usize,
    data: Vec<u8>,
}

/// Shrinks a picture whose rows come one at a time (a PNG read row by row, or a decoded
/// picture's rows) to an exact size: each pixel of the result is the average of the area of
/// the picture it covers, the pixels cut by its edges counted by the share inside it.
/// Transparent pixels count by their opacity, so that their hidden colour never bleeds into
/// an edge. Only the result and two rows of sums are ever held, never the whole picture.
///
/// Positions are counted in whole units: an input pixel is `out` units wide, an output pixel
/// `in` units, so every weight is an integer and the sums are exact.
pub struct Shrinker {
    channels: usize,
    out_width: usize,
    out_height: usize,
    in_height: usize,
    /// For each input column: the output column it starts in, and how many of its units fall
    /// there (the rest fall in the next column).
    columns: Vec<(u32, u32)>,
    /// One input row's sums along the output columns (colours weighted by opacity).
    row: Vec<u64>,
    /// The output row being filled, and the next one (an input row may straddle both).
    current: Vec<u64>,
    next: Vec<u64>,
    /// Input rows pushed so far.
    rows_in: usize,
    data: Vec<u8>,
}

impl Shrinker {
    /// A shrinker from `width`×`height` pixels of `channels` bytes (3: RGB, 4: RGBA) to
    /// `out_width`×`out_height`, each no larger than the input's and at least 1.
    pub fn new(
        (width, height): (u32, u32),
        channels: usize,
        (out_width, out_height): (u32, u32),
    ) -> Shrinker {
        let (iw, ow) = (
            u64::from(width),
            u64::from(out_width.clamp(1, width.max(1))),
        );
        let columns = (0..iw)
            .map(|i| {
                let (from, to) = (i * ow, (i + 1) * ow);
                let column = from / iw;
                let edge = (column + 1) * iw;
                (column as u32, (to.min(edge) - from) as u32)
            })
            .collect();
        let (out_width, out_height) = (ow as usize, out_height.clamp(1, height.max(1)) as usize);
        let sums = out_width * channels;
        Shrinker {
            channels,
            out_width,
            out_height,
            in_height: height as usize,
            columns,
            row: vec![0; sums],
            current: vec![0; sums],
            next: vec![0; sums],
            rows_in: 0,
            data: Vec::with_capacity(out_width * out_height * channels),
        }
    }

    /// One row of the input picture, `width × channels` bytes.
    pub fn push(&mut self, line: &[u8]) {
        if self.rows_in >= self.in_height {
            return;
        }
        let (n, ow) = (self.channels, self.out_width as u64);
        self.row.fill(0);
        for (pixel, &(column, share)) in line.chunks_exact(n).zip(&self.columns) {
            let (column, share) = (column as usize, u64::from(share));
            // Colours count by their opacity; alpha by itself.
            let opacity = if n == 4 { u64::from(pixel[3]) } else { 1 };
            for (c, &v) in pixel.iter().enumerate() {
                let v = if c < 3 {
                    u64::from(v) * opacity
                } else {
                    u64::from(v)
                };
                self.row[column * n + c] += v * share;
                if share < ow {
                    self.row[(column + 1) * n + c] += v * (ow - share);
                }
            }
        }
        // The same along the rows: this row's units in the current output row, the rest in the next.
        let (ih, oh) = (self.in_height as u64, self.out_height as u64);
        let y = self.rows_in as u64;
        let (from, to) = (y * oh, (y + 1) * oh);
        let edge = (self.data.len() / (self.out_width * n) + 1) as u64 * ih;
        let share = to.min(edge) - from;
        for ((cur, next), &v) in self.current.iter_mut().zip(&mut self.next).zip(&self.row) {
            *cur += v * share;
            *next += v * (oh - share);
        }
        self.rows_in += 1;
        if to >= edge {
            self.emit();
        }
    }

    /// The current output row is complete: its averages join the result.
    fn emit(&mut self) {
        let n = self.channels;
        // The units of one output pixel: in_width × in_height (each input pixel is
        // out_width × out_height of them). With alpha, the colours' sums are weighted by the
        // opacity, so they are divided by the opacity's own sum.
        let area = (self.columns.len() * self.in_height) as u64;
        for pixel in self.current.chunks_exact(n) {
            if n == 4 {
                let alpha = pixel[3];
                for &c in &pixel[..3] {
                    let colour = (c + alpha / 2).checked_div(alpha).unwrap_or(0);
                    self.data.push(colour as u8);
                }
                self.data.push(((alpha + area / 2) / area) as u8);
            } else {
                self.data
                    .extend(pixel.iter().map(|&c| ((c + area / 2) / area) as u8));
            }
        }
        std::mem::swap(&mut self.current, &mut self.next);
        self.next.fill(0);
    }

    pub fn finish(self) -> Pixels {
        let mut data = self.data;
        // Only when fewer rows came than announced (a picture cut short): the rest is black.
        data.resize(self.out_width * self.out_height * self.channels, 0);
        Pixels {
            width: self.out_width as u32,
            height: self.out_height as u32,
            channels: self.channels,
            data,
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

    /// Shrunk to fit in a square of `longest_side` (never enlarged).
    pub fn shrunk_to(self, longest_side: u32) -> Pixels {
        let size = fitting(self.width, self.height, longest_side);
        if size == (self.width, self.height) {
            return self;
        }
        let mut shrinker = Shrinker::new((self.width, self.height), self.channels, size);
        for line in self.data.chunks_exact(self.width as usize * self.channels) {
            shrinker.push(line);
        }
        shrinker.finish()
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

    /// A picture of `width`×`height` whose pixels are `pixel(x, y)`.
    fn picture(width: u32, height: u32, pixel: impl Fn(u32, u32) -> [u8; 4]) -> Pixels {
        let data = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .flat_map(|(x, y)| pixel(x, y))
            .collect();
        Pixels::rgba(width, height, data).unwrap()
    }

    fn pixel(p: &Pixels, x: usize, y: usize) -> &[u8] {
        let n = p.channels;
        &p.data[(y * p.width as usize + x) * n..][..n]
    }

    #[test]
    fn each_pixel_of_a_shrunk_picture_is_the_average_of_the_area_it_covers() {
        // 3 columns into 2: the middle one is cut in half between them.
        let three = Pixels::rgb(3, 1, vec![0, 0, 0, 90, 90, 90, 200, 200, 200]).unwrap();
        let two = three.shrunk_to(2);
        assert_eq!((two.width, two.height), (2, 1));
        // (0 × 1 + 90 × ½) / 1.5 = 30; (90 × ½ + 200 × 1) / 1.5 ≈ 163.
        assert_eq!(numbers(&two), [30, 163]);
        // 8×4, left half black, right half white, to 3×2: the middle column is grey.
        let data = (0..32)
            .flat_map(|i| if i % 8 < 4 { [0u8; 3] } else { [255u8; 3] })
            .collect();
        let small = Pixels::rgb(8, 4, data).unwrap().shrunk_to(3);
        assert_eq!((small.width, small.height), (3, 2));
        assert_eq!(numbers(&small), [0, 128, 255, 0, 128, 255]);
    }

    #[test]
    fn a_picture_that_already_fits_is_kept_pixel_for_pixel() {
        let p = picture(5, 3, |x, y| [x as u8 * 40, y as u8 * 70, 9, 255]);
        let same = picture(5, 3, |x, y| [x as u8 * 40, y as u8 * 70, 9, 255]);
        let mut shrinker = Shrinker::new((5, 3), 4, (5, 3));
        for row in same.data.chunks_exact(20) {
            shrinker.push(row);
        }
        assert_eq!(shrinker.finish().data, p.data);
    }

    #[test]
    fn the_hidden_colour_of_transparent_pixels_never_bleeds_into_their_neighbours() {
        // Opaque red beside fully transparent green (its colour is never seen), 4×2 to 2×1.
        let p = picture(4, 2, |x, _| {
            if x < 3 {
                [255, 0, 0, 255]
            } else {
                [0, 255, 0, 0]
            }
        });
        let small = p.shrunk_to(2);
        assert_eq!(pixel(&small, 0, 0), [255, 0, 0, 255]);
        // Half opaque red, half transparent: still pure red, half as opaque.
        assert_eq!(pixel(&small, 1, 0), [255, 0, 0, 128]);
    }

    #[test]
    fn a_picture_cut_short_gives_its_announced_size_with_the_rest_black() {
        let mut shrinker = Shrinker::new((4, 4), 3, (2, 2));
        shrinker.push(&[200; 12]);
        shrinker.push(&[200; 12]);
        let p = shrinker.finish();
        assert_eq!((p.width, p.height), (2, 2));
        assert_eq!(numbers(&p), [200, 200, 0, 0]);
    }

    #[test]
    fn fitting_keeps_the_shape_and_never_enlarges() {
        assert_eq!(fitting(4000, 3000, 1920), (1920, 1440));
        assert_eq!(fitting(3000, 4000, 1920), (1440, 1920));
        assert_eq!(fitting(800, 600, 1920), (800, 600));
        assert_eq!(fitting(100_000, 10, 1920), (1920, 1));
    }
}
