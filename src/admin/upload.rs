//! Uploads (pictures, content files): reading a multipart form without trusting it (its
//! anti-forgery token checked before the rest is read, its fields and sizes bounded, a few
//! uploads at a time), recognising a picture's type from its bytes (never from its name or
//! its declared type), and making it fit for the screen before the store keeps it.

use super::form::check_csrf;
use super::request::Ui;
use super::views::{message_page, Ctx};
use super::who;
use crate::auth::Volunteer;
use crate::error::AppError;
use crate::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;

use crate::limits::{MAX_FORM_FIELDS, MAX_FORM_TEXT};
pub use crate::limits::{MAX_IMAGE_BYTES, MAX_UPLOAD_BODY};
use crate::picture;
use crate::store::PendingMedia;
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// The longest text field read from a multipart form.
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// A picture type vitrine shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

impl ImageKind {
    /// The extension it is stored under.
    pub fn ext(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
        }
    }
}

/// Why a file is not accepted as a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Empty,
    /// Heavier than [`MAX_IMAGE_BYTES`]; carries the size read so far.
    TooHeavy(usize),
    Svg,
    NotAnImage,
    /// Beyond the pixel budget of its kind (a smaller one for a kind decoded `whole`).
    TooLarge {
        width: usize,
        height: usize,
        whole: bool,
    },
}

/// Recognises a PNG, JPEG or WebP picture from its first bytes and checks its pixel size.
pub fn sniff(bytes: &[u8]) -> Result<ImageKind, Refused> {
    if bytes.is_empty() {
        return Err(Refused::Empty);
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(Refused::TooHeavy(bytes.len()));
    }
    let kind = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => ImageKind::Png,
        Ok(imagesize::ImageType::Jpeg) => ImageKind::Jpeg,
        Ok(imagesize::ImageType::Webp) => ImageKind::Webp,
        _ if looks_like_svg(bytes) => return Err(Refused::Svg),
        _ => return Err(Refused::NotAnImage),
    };
    // Only the header is read for the size: no picture is ever decoded here.
    let size = imagesize::blob_size(bytes).map_err(|_| Refused::NotAnImage)?;
    if size.width == 0 || size.height == 0 {
        return Err(Refused::NotAnImage);
    }
    if (size.width as u64).saturating_mul(size.height as u64) > crate::limits::MAX_IMAGE_PIXELS {
        return Err(Refused::TooLarge {
            width: size.width,
            height: size.height,
            whole: false,
        });
    }
    Ok(kind)
}

/// SVG is text that may carry scripts: recognised only to say why it is refused.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.contains("<svg") || (head.starts_with("<?xml") && head.contains("svg"))
}

/// What to tell the volunteer about a refused file, in their language.
pub fn refusal_message(t: &crate::i18n::AdminCatalogue, refused: Refused) -> String {
    match refused {
        Refused::Empty => t.upload_empty.to_owned(),
        Refused::TooHeavy(size) => t
            .upload_too_heavy
            .replace("{size}", &megabytes(size, t.lang)),
        Refused::Svg => t.upload_svg.to_owned(),
        Refused::NotAnImage => t.upload_not_image.to_owned(),
        Refused::TooLarge {
            width,
            height,
            whole,
        } => if whole {
            let most = crate::limits::MAX_WHOLE_DECODE_PIXELS as f64 / 1e6;
            t.upload_too_large_whole
                .replace("{most}", &decimal(format!("{most:.1}"), t.lang))
        } else {
            t.upload_too_large.to_owned()
        }
        .replace("{width}", &width.to_string())
        .replace("{height}", &height.to_string()),
    }
}

/// A size in megabytes with one decimal, as written in the language (`5,7` in French).
fn megabytes(bytes: usize, lang: &str) -> String {
    decimal(format!("{:.1}", bytes as f64 / 1_048_576.0), lang)
}

/// A number written with a decimal point, as the language writes it (`4,2` in French).
fn decimal(text: String, lang: &str) -> String {
    if lang == "fr" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A multipart form as read: its text fields and at most one file.
#[derive(Default)]
pub struct Upload {
    pub fields: HashMap<String, String>,
    /// The file field's bytes, when a file was chosen.
    pub file: Option<Vec<u8>>,
    /// The file was heavier than the limit; its bytes were read and dropped.
    pub file_too_heavy: Option<usize>,
    /// The picture stored for this form's save: removed when the form is done, unless the
    /// save that uses it went through.
    pub stored: Option<PendingMedia>,
    /// This form's turn among the [`CONCURRENT_UPLOADS`](crate::limits::CONCURRENT_UPLOADS):
    /// held until the form is done, so that the forms waiting for the one picture decoder
    /// are bounded too, each with its file in memory.
    _turn: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl Upload {
    /// A text field, or "" when absent.
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// The form was not a readable multipart body (or was beyond [`MAX_UPLOAD_BODY`]).
#[derive(Debug)]
pub struct Malformed {
    pub too_big: bool,
    /// Its anti-forgery token was missing, wrong, or came after other fields.
    pub forged: bool,
}

/// Reads the whole form; the file field is `file_field`, whatever name the browser gave the file
/// (that name is never used: a picture is stored under its hash).
///
/// The first field must be `_csrf` and pass `csrf_ok` (our forms put it first): a forged form
/// is refused before the rest of its body is read. Fields and their text are bounded.
pub async fn read(
    mut form: Multipart,
    file_field: &str,
    max_file: usize,
    csrf_ok: impl Fn(&str) -> bool,
) -> Result<Upload, Malformed> {
    let mut upload = Upload::default();
    let broken = |e: axum::extract::multipart::MultipartError| Malformed {
        too_big: e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        forged: false,
    };
    let refused = |too_big, forged| Malformed { too_big, forged };
    let (mut fields, mut text) = (0usize, 0usize);
    while let Some(mut field) = form.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_owned();
        fields += 1;
        if fields > MAX_FORM_FIELDS {
            return Err(refused(true, false));
        }
        let first = fields == 1;
        if first != (name == "_csrf") {
            return Err(refused(false, true));
        }
        let is_file = name == file_field;
        let limit = if is_file { max_file } else { MAX_TEXT_FIELD };
        let mut bytes = Vec::new();
        let mut total = 0usize;
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            total += chunk.len();
            // Past the limit the rest is still read, and dropped.
            if total <= limit {
                bytes.extend_from_slice(&chunk);
            }
        }
        if first {
            if !csrf_ok(&String::from_utf8_lossy(&bytes)) {
                return Err(refused(false, true));
            }
            continue;
        }
        if is_file {
            if total > limit {
                upload.file_too_heavy = Some(total);
            } else if total > 0 {
                upload.file = Some(bytes);
            }
        } else if total <= limit {
            text += total;
            if text > MAX_FORM_TEXT {
                return Err(refused(true, false));
            }
            upload
                .fields
                .insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    if fields == 0 {
        return Err(refused(false, true));
    }
    Ok(upload)
}

/// Upload forms read at once: each may hold a picture in memory.
fn reading() -> Arc<Semaphore> {
    static TURNS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    TURNS
        .get_or_init(|| Arc::new(Semaphore::new(crate::limits::CONCURRENT_UPLOADS)))
        .clone()
}

// What the upload routes share: reading the form safely, checking and storing a picture.

/// The page for a body that could not be read as a form at all.
pub fn unreadable(ui: &Ui, admin: &Volunteer, malformed: Malformed, back: &str) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let t = ui.t;
    let (status, title, text) = if malformed.too_big {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            t.too_big_title,
            t.upload_body_too_big,
        )
    } else {
        (StatusCode::BAD_REQUEST, t.gone_title, t.bad_form)
    };
    ui.html(
        status,
        message_page(&ctx, title, text, back, t.back_to_list),
    )
}

/// Reads the form of an upload route, checking its anti-forgery token before anything else.
pub async fn read_upload(
    ui: &Ui,
    admin: &Volunteer,
    body: Result<Multipart, MultipartRejection>,
    file_field: &str,
    max_file: usize,
    back: &str,
) -> Result<Result<Upload, Response>, AppError> {
    let Ok(body) = body else {
        let malformed = Malformed {
            too_big: false,
            forged: false,
        };
        return Ok(Err(unreadable(ui, admin, malformed, back)));
    };
    // Waiting here costs nothing: the body is not read until our turn.
    let turn = reading()
        .acquire_owned()
        .await
        .map_err(AppError::internal)?;
    let csrf_ok = |token: &str| check_csrf(admin, token).is_ok();
    match read(body, file_field, max_file, csrf_ok).await {
        Ok(upload) => Ok(Ok(Upload {
            _turn: Some(turn),
            ..upload
        })),
        Err(Malformed { forged: true, .. }) => Err(check_csrf(admin, "").unwrap_err()),
        Err(malformed) => Ok(Err(unreadable(ui, admin, malformed, back))),
    }
}

/// Checks an uploaded picture, makes it fit for the screen and stores it for the form's save
/// (kept only if that save goes through); the refusal comes with the status to answer.
pub async fn store_picture(
    state: &AppState,
    ui: &Ui,
    upload: &mut Upload,
) -> Result<Option<String>, (StatusCode, String)> {
    if let Some(size) = upload.file_too_heavy {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            refusal_message(ui.t, Refused::TooHeavy(size)),
        ));
    }
    let Some(bytes) = upload.file.take() else {
        return Ok(None);
    };
    sniff(&bytes).map_err(|r| {
        let status = match r {
            Refused::TooHeavy(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Refused::Svg | Refused::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refused::Empty | Refused::TooLarge { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        };
        (status, refusal_message(ui.t, r))
    })?;
    let fitted = picture::fit(bytes).await.map_err(|e| {
        tracing::info!("uploaded picture refused: {e}");
        let refused = match e {
            picture::Unfit::TooManyPixels {
                width,
                height,
                whole,
            } => Refused::TooLarge {
                width: width as usize,
                height: height as usize,
                whole,
            },
            _ => Refused::NotAnImage,
        };
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            refusal_message(ui.t, refused),
        )
    })?;
    match state
        .store
        .save_media(fitted.bytes, fitted.encoded.ext())
        .await
    {
        Ok(stored) => {
            let name = stored.name().to_owned();
            upload.stored = Some(stored);
            Ok(Some(name))
        }
        Err(e) => {
            tracing::error!("storing a picture: {e}");
            let message = if crate::store::is_disk_full(&e) {
                ui.t.disk_full.to_owned()
            } else {
                ui.t.bad_form.to_owned()
            };
            Err((StatusCode::INSUFFICIENT_STORAGE, message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal PNG header of the given size (enough for the type and the size).
    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(&png(800, 600)), Ok(ImageKind::Png));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0, 17, 8, 0, 100, 0, 200, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];
        assert_eq!(sniff(&jpeg), Ok(ImageKind::Jpeg));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Err(Refused::Svg)
        );
        assert_eq!(sniff(b"  <svg onload=alert(1)>"), Err(Refused::Svg));
        assert_eq!(sniff(b"hello, I am text"), Err(Refused::NotAnImage));
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Err(Refused::NotAnImage));
        assert_eq!(sniff(b""), Err(Refused::Empty));
    }

    #[test]
    fn sizes_are_bounded_and_truncated_headers_refused() {
        assert_eq!(
            sniff(&png(5000, 10)),
            Ok(ImageKind::Png),
            "big photos are shrunk"
        );
        assert_eq!(
            sniff(&png(10000, 5000)),
            Err(Refused::TooLarge {
                width: 10000,
                height: 5000,
                whole: false
            })
        );
        assert_eq!(sniff(&png(0, 10)), Err(Refused::NotAnImage));
        let full = png(10, 10);
        for cut in 1..full.len() {
            // Never a panic, whatever is cut.
            let _ = sniff(&full[..cut]);
        }
        let mut heavy = png(10, 10);
        heavy.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(sniff(&heavy), Err(Refused::TooHeavy(MAX_IMAGE_BYTES + 1)));
    }
}
