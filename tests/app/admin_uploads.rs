//! Picture uploads: the type comes from the bytes, never from the name or the declared type;
//! SVG, text and oversized files are refused with a clear page; names never reach the disk.

use crate::common;

use axum::http::StatusCode;
use common::admin::{at, png, AdminPage, Volunteer};
use vitrine::content::is_image_name;

fn media_files(v: &Volunteer) -> Vec<String> {
    match std::fs::read_dir(v.data_dir().join("media")) {
        Ok(dir) => dir
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Every file under the data directory, relative to it.
fn all_files(v: &Volunteer) -> Vec<String> {
    fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    let base = v.data_dir();
    walk(&base, &base, &mut out);
    out
}

async fn add_announcement(v: &Volunteer, filename: &str, bytes: &[u8]) -> common::admin::Reply {
    let etag = v.etag();
    v.upload(
        "/admin/announcements",
        &[
            ("etag", &etag),
            ("title", "Fête de la coop"),
            ("text", "Samedi"),
        ],
        Some(("image_file", filename, bytes)),
        true,
    )
    .await
}

#[tokio::test]
async fn a_png_named_jpg_with_a_hostile_path_is_stored_as_png_under_its_hash() {
    let v = Volunteer::new("Alice");
    let picture = png(64, 48);
    let n = v.content().announcements.len();
    let reply = add_announcement(&v, "../../../etc/photo.jpg", &picture).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let image = v.content().announcements[n]
        .image
        .clone()
        .expect("the picture is set");
    assert!(is_image_name(&image) && image.ends_with(".png"), "{image}");
    assert_eq!(media_files(&v), std::slice::from_ref(&image));
    assert!(
        all_files(&v).iter().all(|f| !f.contains("photo")),
        "{:?}",
        all_files(&v)
    );
    // Stored as encoded again here: the same size, none of the upload's other bytes.
    let stored = std::fs::read(v.data_dir().join("media").join(&image)).unwrap();
    assert_eq!(imagesize::blob_size(&stored).unwrap().width, 64);
    assert_eq!(imagesize::blob_size(&stored).unwrap().height, 48);

    // Served back by /media with the type of its bytes.
    let served = v.get(&format!("/media/{image}")).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header(axum::http::header::CONTENT_TYPE), "image/png");

    // Editing the text keeps the picture; ticking "remove" takes it away.
    let edit = v.get(&v.item("announcements", n)).await;
    assert_eq!(edit.field_value("image"), image);
    let kept = v
        .upload(
            &v.item("announcements", n),
            &[
                ("etag", &edit.etag()),
                ("title", "Fête !"),
                ("text", ""),
                ("image", &image),
            ],
            None,
            true,
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER);
    assert_eq!(
        v.content().announcements[n].image.as_deref(),
        Some(image.as_str())
    );
    let removed = v
        .upload(
            &v.item("announcements", n),
            &[
                ("etag", &v.etag()),
                ("title", "Fête !"),
                ("image", &image),
                ("remove_image", "on"),
            ],
            None,
            true,
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().announcements[n].image, None);
}

#[tokio::test]
async fn svg_text_and_other_files_are_refused_with_a_clear_message() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    let svg =
        br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    let reply = add_announcement(&v, "logo.png", svg).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        reply.field_error("image_file").unwrap().contains("SVG"),
        "{}",
        reply.body
    );
    // The text typed is kept.
    assert_eq!(reply.field_value("title"), "Fête de la coop");

    let text = add_announcement(&v, "photo.png", b"Bonjour, je suis un texte").await;
    assert_eq!(text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(text
        .field_error("image_file")
        .unwrap()
        .contains("PNG, JPEG ou WebP"));

    let gif = add_announcement(&v, "anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00").await;
    assert_eq!(gif.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // A picture of 50 million pixels (only its header: it is refused before decoding).
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    huge.extend_from_slice(&10_000u32.to_be_bytes());
    huge.extend_from_slice(&5_000u32.to_be_bytes());
    huge.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let huge_pixels = add_announcement(&v, "big.png", &huge).await;
    assert_eq!(huge_pixels.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(huge_pixels
        .field_error("image_file")
        .unwrap()
        .contains("10000 × 5000"));

    // A WebP must be decoded whole: 6 million pixels are too many for that kind, and the page
    // says which kinds, how many, and what to do (not the 24 million of a phone photo).
    let webp = add_announcement(&v, "affiche.webp", &lossless_webp_header(3000, 2000)).await;
    assert_eq!(webp.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = webp.field_error("image_file").unwrap();
    for said in [
        "3000 × 2000",
        "WebP, JPEG progressif",
        "3,7 millions",
        "JPEG ordinaire",
    ] {
        assert!(error.contains(said), "{said:?} in {error}");
    }

    assert_eq!(v.content(), before);
    assert!(media_files(&v).is_empty());
}

/// The first bytes of a lossless WebP that says it is `width`×`height` (no pixel follows): it
/// is refused by its size before any pixel is decoded.
fn lossless_webp_header(width: u32, height: u32) -> Vec<u8> {
    let bits = (width - 1) | ((height - 1) << 14);
    let mut chunk = vec![0x2f];
    chunk.extend_from_slice(&bits.to_le_bytes());
    chunk.extend_from_slice(&[0; 16]);
    let mut file = b"RIFF".to_vec();
    file.extend_from_slice(&((4 + 8 + chunk.len()) as u32).to_le_bytes());
    file.extend_from_slice(b"WEBPVP8L");
    file.extend_from_slice(&(chunk.len() as u32).to_le_bytes());
    file.extend_from_slice(&chunk);
    file
}

#[tokio::test]
async fn a_file_over_16_mb_gets_a_413_page_not_a_reset() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    let mut heavy = png(100, 100);
    heavy.resize(vitrine::limits::MAX_IMAGE_BYTES + 1, 0);
    let reply = add_announcement(&v, "heavy.png", &heavy).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let error = reply.field_error("image_file").unwrap();
    assert!(
        error.contains("16 Mo au plus") && error.contains("16,0 Mo"),
        "{error}"
    );
    assert_eq!(reply.field_value("title"), "Fête de la coop");
    assert_eq!(v.content(), before);
    assert!(media_files(&v).is_empty());
}

#[tokio::test]
async fn the_logo_is_uploaded_and_removed_from_the_settings() {
    let v = Volunteer::new("Alice");
    let etag = v.etag();
    let reply = v
        .upload(
            "/admin/settings/logo",
            &[("etag", &etag)],
            Some(("logo_file", "logo.webp", &png(200, 200))),
            true,
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let logo = v.content().display.theme.logo.expect("logo set");
    assert!(logo.ends_with(".png"));
    let page = v.get("/admin/settings").await;
    assert!(page
        .attrs("#logo img", "src")
        .contains(&format!("/media/720/{logo}")));

    let svg = v
        .upload(
            "/admin/settings/logo",
            &[("etag", &v.etag())],
            Some(("logo_file", "logo.png", b"<svg/>")),
            true,
        )
        .await;
    assert_eq!(svg.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(svg.texts("#logo .error")[0].contains("SVG"));

    let removed = v
        .post("/admin/settings/logo/remove", &[("etag", &v.etag())])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(v.content().display.theme.logo, None);
}

#[tokio::test]
async fn a_forged_picture_name_is_refused_and_a_broken_form_is_a_400_page() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    let forged = v
        .upload(
            &at("announcements", 0),
            &[
                ("etag", &v.etag()),
                ("title", "x"),
                ("image", "../../content.json"),
            ],
            None,
            true,
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v.content(), before);

    let req = axum::http::Request::post("/admin/announcements")
        .header("host", common::admin::HOST)
        .header("origin", common::admin::ORIGIN)
        .header("cookie", &v.cookie)
        .header("content-type", "multipart/form-data; boundary=xyz")
        .body(axum::body::Body::from("--xyz\r\nthis is not a part"))
        .unwrap();
    let broken = v.send(req).await;
    assert!(broken.status.is_client_error(), "{}", broken.status);
    assert_eq!(v.content(), before);
}

/// A photo as a phone takes it: large, JPEG, with an EXIF block (orientation 6: the camera
/// was held upright, the pixels are sideways) that also names the place.
fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 128])
    });
    let mut plain = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut plain, 80,
    ))
    .unwrap();
    // TIFF, little endian, one IFD: Orientation = 6, ImageDescription = "GPS Bayonne".
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x0E, 0x01, 2, 0]);
    tiff.extend_from_slice(&12u32.to_le_bytes());
    tiff.extend_from_slice(&38u32.to_le_bytes());
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0]);
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&6u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"GPS Bayonne\0");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

#[tokio::test]
async fn a_phone_photo_is_turned_upright_shrunk_to_the_screen_and_stripped() {
    let v = Volunteer::new("Alice");
    let photo = phone_photo(2400, 1800);
    assert!(photo.windows(11).any(|w| w == b"GPS Bayonne"));
    let n = v.content().announcements.len();
    let reply = add_announcement(&v, "IMG_0001.JPG", &photo).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let image = v.content().announcements[n].image.clone().unwrap();
    assert!(image.ends_with(".jpg"), "{image}");
    let stored = std::fs::read(v.data_dir().join("media").join(&image)).unwrap();
    let size = imagesize::blob_size(&stored).unwrap();
    assert_eq!(
        (size.width, size.height),
        (1440, 1920),
        "upright, 1920 px at most"
    );
    assert!(
        !stored.windows(11).any(|w| w == b"GPS Bayonne"),
        "metadata gone"
    );
    assert!(!stored.windows(4).any(|w| w == b"Exif"));
    assert!(stored.len() < photo.len());
}

#[tokio::test]
async fn a_picture_whose_save_is_refused_is_not_kept() {
    let v = Volunteer::new("Alice");
    let before = v.content();
    // The picture is fine but the title is too long: the save is refused.
    let title = "T".repeat(vitrine::limits::content::ANNOUNCEMENT_TITLE + 1);
    let reply = v
        .upload(
            "/admin/announcements",
            &[("etag", &v.etag()), ("title", &title), ("text", "")],
            Some(("image_file", "photo.png", &png(300, 200))),
            true,
        )
        .await;
    assert!(reply.status.is_client_error(), "{}", reply.status);
    assert_eq!(v.content(), before);
    assert!(media_files(&v).is_empty(), "{:?}", media_files(&v));
}

#[tokio::test]
async fn a_form_without_its_token_first_is_refused_before_the_file_is_read() {
    let v = Volunteer::new("Alice");
    let reply = v
        .upload(
            "/admin/announcements",
            &[("etag", &v.etag()), ("title", "x")],
            Some(("image_file", "photo.png", &png(30, 20))),
            false,
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(media_files(&v).is_empty());
}
