//! Printing as a volunteer does (headless chromium, `--print-to-pdf`) and reading the paper
//! back (poppler's `pdfinfo`, `pdftotext`, `pdftoppm`; zbar's `zbarimg`). When a tool is
//! absent a test fails under CI, and elsewhere skips, saying why (`super::tool_missing`).

use super::browser::{chromium_turn, CHROMIUM, FLAGS};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TOOLS: [&str; 6] = [
    CHROMIUM,
    "pdfinfo",
    "pdffonts",
    "pdftotext",
    "pdftoppm",
    "zbarimg",
];

pub fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
}

/// True when every tool is installed; otherwise says which is missing, and the test skips
/// (or fails, under CI).
pub fn printing_tools() -> bool {
    let missing: Vec<_> = TOOLS.iter().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    super::tool_missing(&format!(
        "{missing:?} not installed (apt-get install chromium poppler-utils zbar-tools)"
    ));
    false
}

/// Runs a command to its end, or kills it after `limit`; returns its standard output.
pub fn run(command: &mut Command, limit: Duration) -> Vec<u8> {
    let out = tempfile::NamedTempFile::new().unwrap();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(out.reopen().unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{command:?} failed: {status}");
            return std::fs::read(out.path()).unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Where printed files go, kept after the test for a human to look at.
pub fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Prints `url` to `name`.pdf with headless chromium, as a volunteer would from the browser.
pub fn print_to_pdf(url: &str, name: &str) -> PathBuf {
    print_with_fonts(url, name, None)
}

/// Like `print_to_pdf`, with only the fonts of `font_dir` when given (a fontconfig of its own).
pub fn print_with_fonts(url: &str, name: &str, font_dir: Option<&Path>) -> PathBuf {
    let pdf = out_dir().join(format!("{name}.pdf"));
    let _ = std::fs::remove_file(&pdf);
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new(CHROMIUM);
    if let Some(dir) = font_dir {
        let conf = profile.path().join("fonts.conf");
        std::fs::write(
            &conf,
            format!(
                "<?xml version=\"1.0\"?><fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>",
                dir.display(),
                profile.path().join("font-cache").display()
            ),
        )
        .unwrap();
        command.env("FONTCONFIG_FILE", conf);
    }
    let _turn = chromium_turn();
    run(
        command.arg("--headless").args(FLAGS).args([
            &format!("--user-data-dir={}", profile.path().display()),
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            url,
        ]),
        Duration::from_secs(120),
    );
    assert!(pdf.is_file(), "chromium wrote no PDF for {url}");
    pdf
}

pub fn page_count(pdf: &Path) -> usize {
    let info = String::from_utf8(run(
        Command::new("pdfinfo").arg(pdf),
        Duration::from_secs(30),
    ))
    .unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

/// The text of page `n` (from 1) in the page's own order (column after column), lower-cased,
/// whitespace runs made single spaces.
pub fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    let raw = run(
        Command::new("pdftotext")
            .args(["-raw", "-f", &n, "-l", &n])
            .arg(pdf)
            .arg("-"),
        Duration::from_secs(30),
    );
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn page_texts(pdf: &Path) -> Vec<String> {
    (1..=page_count(pdf)).map(|n| page_text(pdf, n)).collect()
}

/// Renders page 1 at 150 dpi; returns the PNG's path.
pub fn first_page_png(pdf: &Path) -> PathBuf {
    let prefix = pdf.with_extension("");
    run(
        Command::new("pdftoppm")
            .args(["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile"])
            .arg(pdf)
            .arg(&prefix),
        Duration::from_secs(60),
    );
    prefix.with_extension("png")
}

pub fn decode_qr(png: &Path) -> String {
    let out = run(
        Command::new("zbarimg").args(["--raw", "-q"]).arg(png),
        Duration::from_secs(60),
    );
    String::from_utf8(out).unwrap().trim().to_owned()
}

/// Width, in millimetres, of the QR code on a 150 dpi page: the dark modules found first under
/// the rule below the poster's title, up to the white of its quiet zone.
pub fn qr_width_mm(png_path: &Path) -> f64 {
    let r = raster(png_path);
    let mm = 150.0 / 25.4;
    let dark = |x: usize, y: usize| {
        let p = r.rgb[y * r.width + x];
        (p[0] as u32 + p[1] as u32 + p[2] as u32) < 300
    };
    let inked = |y: usize| {
        r.rgb[y * r.width..(y + 1) * r.width]
            .iter()
            .filter(|p| p.iter().any(|&c| c < 225))
            .count()
    };
    let rule = (0..r.height)
        .find(|&y| inked(y) * 10 > r.width * 7)
        .expect("a rule under the title");
    let start = rule + (2.0 * mm) as usize;
    let top = (start..r.height)
        .find(|&y| (0..r.width / 2).any(|x| dark(x, y)))
        .expect("something under the title");
    let rows = top..(top + (40.0 * mm) as usize).min(r.height);
    let dark_column = |x: usize| rows.clone().any(|y| dark(x, y));
    let first = (0..r.width).find(|&x| dark_column(x)).unwrap();
    let mut last = first;
    for x in first..r.width {
        if dark_column(x) {
            last = x;
        } else if (x - last) as f64 > 5.0 * mm {
            break;
        }
    }
    (last - first + 1) as f64 / mm
}

/// Whether `needle` appears in `haystack` as a whole (not inside a longer word or number).
pub fn appears(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let after = haystack[i + needle.len()..].chars().next();
        !after.is_some_and(char::is_alphanumeric)
    })
}

/// The page images of a printed PDF at 150 dpi, rows of grey levels (0 black, 255 white)
/// and of RGB pixels.
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<[u8; 3]>,
}

pub fn raster(png_path: &Path) -> Raster {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.line_size / info.width as usize;
    assert!(channels >= 3, "pdftoppm writes colour PNGs");
    let (width, height) = (info.width as usize, info.height as usize);
    let mut rgb = Vec::with_capacity(width * height);
    for y in 0..height {
        for x in 0..width {
            let i = y * info.line_size + x * channels;
            rgb.push([buf[i], buf[i + 1], buf[i + 2]]);
        }
    }
    Raster { width, height, rgb }
}

impl Raster {
    /// Rows with anything printed on them.
    pub fn inked_rows(&self) -> Vec<usize> {
        (0..self.height)
            .filter(|y| {
                self.rgb[y * self.width..(y + 1) * self.width]
                    .iter()
                    .any(|p| p.iter().any(|&c| c < 225))
            })
            .collect()
    }

    /// Pixels within `tolerance` of `colour` in rows `rows`.
    pub fn count_near(
        &self,
        colour: [u8; 3],
        tolerance: i32,
        rows: std::ops::Range<usize>,
    ) -> usize {
        rows.flat_map(|y| &self.rgb[y * self.width..(y + 1) * self.width])
            .filter(|p| (0..3).all(|i| (p[i] as i32 - colour[i] as i32).abs() <= tolerance))
            .count()
    }
}

/// How the first printed page uses its height: where the lowest ink is, and the tallest
/// blank band between the first and the last ink, both as fractions of the page's height.
pub fn fill_of(png: &Path) -> (f64, f64) {
    let r = raster(png);
    let rows = r.inked_rows();
    assert!(!rows.is_empty(), "a blank page");
    let lowest = *rows.last().unwrap() as f64 / r.height as f64;
    let gap = rows.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0) as f64 / r.height as f64;
    (lowest, gap)
}
