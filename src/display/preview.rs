//! One slide of the content alone, as the screen would show it, whatever its days and even
//! when hidden: what an announcement's or a tip's form opens to preview it. The page is the
//! display's own, marked as a preview so that its script opens no event stream (it is not a
//! screen, and a new revision must not swap the lone slide for the whole rotation).

use super::moment::Visible;
use super::{theme_style, view};
use crate::content::Content;
use crate::error::AppError;
use crate::{assets, qr, security};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Which slide is shown alone.
#[derive(Clone, Copy)]
pub enum Alone {
    Announcement(usize),
    Tip(usize),
}

/// The preview page of `alone` in `content` and its Content-Security-Policy, or `None` when
/// there is no such item.
pub fn page(content: &Content, alone: Alone) -> Result<Option<(String, String)>, AppError> {
    let mut c = content.clone();
    let s = &mut c.slides;
    s.community.enabled = false;
    s.groups.enabled = false;
    s.tips.enabled = false;
    s.announcements.enabled = false;
    match alone {
        Alone::Announcement(i) => {
            let Some(mut a) = content.announcements.get(i).cloned() else {
                return Ok(None);
            };
            (a.hidden, a.first_day, a.last_day) = (false, None, None);
            c.announcements = vec![a];
            c.slides.announcements.enabled = true;
        }
        Alone::Tip(i) => {
            let Some(mut tip) = content.tips.get(i).cloned() else {
                return Ok(None);
            };
            tip.hidden = false;
            c.tips = vec![tip];
            c.slides.tips.enabled = true;
        }
    }
    // Whatever its days and hours, and nothing pinned over it: the one slide, shown.
    c.pin = None;
    let alone_visible = Visible {
        tips: if c.slides.tips.enabled {
            vec![0]
        } else {
            vec![]
        },
        announcements: if c.slides.announcements.enabled {
            vec![0]
        } else {
            vec![]
        },
        pin: None,
        key: "preview".into(),
    };
    let qr_svg = qr::inline_svg(&c.community.invite_link).map_err(AppError::internal)?;
    let next_qr_svg = match c.next_joinable() {
        Some(next) => Some(qr::inline_svg(&next.invite_link).map_err(AppError::internal)?),
        None => None,
    };
    let html = view::page(&view::DisplayView {
        content: &c,
        visible: &alone_visible,
        etag: "preview",
        qr_svg: &qr_svg,
        next_qr_svg: next_qr_svg.as_deref(),
        not_before: crate::content::built_not_before(),
        build: assets::build_id(),
        preview: true,
    })
    .into_string();
    let style_hash = base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(theme_style(&c.display.theme)));
    Ok(Some((html, security::csp_with_style_hash(&style_hash))))
}
