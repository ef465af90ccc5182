//! A screen smaller than a stored picture gets a smaller copy of it (`/media/{side}/{name}`),
//! made once from the picture, kept beside it and removed with it; anything else is a 404.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::oneshot::{fresh, send_from, Reply};
use vitrine::AppState;

/// A photo as stored after an upload: a 1920×1440 JPEG.
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(1920, 1440, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut out, 85,
    ))
    .unwrap();
    out
}

async fn get(state: &AppState, path: &str) -> Reply {
    let req = Request::get(path)
        .header(header::HOST, common::oneshot::HOST)
        .body(Body::empty())
        .unwrap();
    send_from(state, req, "192.168.1.20:50000").await
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

#[tokio::test]
async fn a_smaller_screen_gets_a_copy_that_fits_it_made_once() {
    let (dir, state) = fresh();
    let name = format!("{}.jpg", "c4".repeat(32));
    let media = dir.path().join("media");
    std::fs::create_dir_all(&media).unwrap();
    std::fs::write(media.join(&name), photo()).unwrap();

    for (side, expected) in [(720, (720, 540)), (1080, (1080, 810))] {
        let r = get(&state, &format!("/media/{side}/{name}")).await;
        assert_eq!(r.status, StatusCode::OK, "{side}");
        assert_eq!(r.header(header::CONTENT_TYPE), "image/jpeg");
        assert!(r.header(header::CACHE_CONTROL).contains("immutable"));
        assert_eq!(size_of(&r.bytes), expected, "{side}");
        // Kept: the next screen gets the same bytes from the card, not a new decode.
        let kept = media.join(side.to_string()).join(&name);
        assert_eq!(std::fs::read(&kept).unwrap(), r.bytes, "{side}");
        std::fs::write(&kept, b"the kept copy").unwrap();
        let again = get(&state, &format!("/media/{side}/{name}")).await;
        assert_eq!(again.bytes, b"the kept copy", "{side}: made again");
    }
    let original = get(&state, &format!("/media/{name}")).await;
    assert_eq!(size_of(&original.bytes), (1920, 1440));

    let missing = format!("{}.jpg", "d5".repeat(32));
    for path in [
        format!("/media/500/{name}"),
        format!("/media/abc/{name}"),
        format!("/media/720/{missing}"),
        "/media/720/..%2Fcontent.json".to_owned(),
        format!("/media/720/{}", name.replace(".jpg", ".svg")),
    ] {
        let r = get(&state, &path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert!(!media.join("720").join(&missing).exists());
    assert!(!media.join("500").exists());
}

#[tokio::test]
async fn copies_go_with_their_picture() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let name = format!("{}.jpg", "e6".repeat(32));
    for side in ["720", "1080"] {
        std::fs::create_dir_all(media.join(side)).unwrap();
        std::fs::write(media.join(side).join(&name), b"copy").unwrap();
    }
    // The picture itself is gone (a power cut between the removals): its copies go when the
    // store opens.
    let store = vitrine::store::Store::open(dir.path()).unwrap();
    drop(store);
    for side in ["720", "1080"] {
        assert!(!media.join(side).join(&name).exists(), "{side}");
    }

    // A stored picture nothing uses is removed at start-up, with the copies made of it.
    std::fs::write(media.join(&name), photo()).unwrap();
    let (state, _shutdown) =
        vitrine::AppState::new(vitrine::store::Store::open(dir.path()).unwrap());
    assert_eq!(
        get(&state, &format!("/media/720/{name}")).await.status,
        StatusCode::NOT_FOUND
    );
    std::fs::write(media.join(&name), photo()).unwrap();
    let r = get(&state, &format!("/media/720/{name}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(media.join("720").join(&name).exists());
    drop(state);
    let _store = vitrine::store::Store::open(dir.path()).unwrap();
    assert!(!media.join(&name).exists(), "unused: collected");
    assert!(!media.join("720").join(&name).exists(), "its copy with it");
}

#[tokio::test]
async fn a_copy_is_never_served_without_its_picture_nor_the_picture_as_a_copy() {
    let (dir, state) = fresh();
    let media = dir.path().join("media");
    std::fs::create_dir_all(&media).unwrap();
    let name = format!("{}.jpg", "f7".repeat(32));
    std::fs::write(media.join(&name), photo()).unwrap();
    let path = format!("/media/720/{name}");
    assert_eq!(get(&state, &path).await.status, StatusCode::OK);
    assert!(media.join("720").join(&name).exists());
    // The picture removed while its copy stayed (removed meanwhile): the copy is not served.
    std::fs::remove_file(media.join(&name)).unwrap();
    assert_eq!(get(&state, &path).await.status, StatusCode::NOT_FOUND);

    // A stored picture that cannot be read again: the screen is sent to the picture itself,
    // and nothing is kept (or cached for good) under the copy's address.
    let broken = format!("{}.jpg", "a8".repeat(32));
    std::fs::write(media.join(&broken), b"\xff\xd8 not a JPEG after all").unwrap();
    let r = get(&state, &format!("/media/1080/{broken}")).await;
    assert_eq!(r.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(r.header(header::LOCATION), format!("/media/{broken}"));
    assert!(!r.header(header::CACHE_CONTROL).contains("immutable"));
    assert!(!media.join("1080").join(&broken).exists());
}
