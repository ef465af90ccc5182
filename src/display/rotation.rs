//! Which slides the screen shows now, in which order, for how long and in which languages: the
//! settings, the clock's days and hours, and a pin decide; `view` draws them.

use super::moment::Visible;
use super::paginate::{paginate, GroupPage};
use super::slide_languages::Voices;
use crate::content::{Announcement, Content, Pin, Pinned, ScreenLanguage, Tip};
use crate::i18n::voice::Voice;

/// What one slide shows.
#[derive(Clone)]
pub(super) enum Slide<'a> {
    Community,
    Groups(GroupPage<'a>, usize, usize),
    Tip(&'a Tip, usize, usize),
    Announcement(&'a Announcement),
    /// A pinned message, on the whole screen.
    Message(&'a Pin),
}

impl Slide<'_> {
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Slide::Community => "community",
            Slide::Groups(..) => "groups",
            Slide::Tip(..) => "tip",
            Slide::Announcement(..) => "announcement",
            Slide::Message(..) => "message",
        }
    }
}

/// One slide of the rotation: what it shows, for how long, in which languages.
pub(super) struct Shown<'a> {
    pub(super) slide: Slide<'a>,
    pub(super) seconds: u32,
    pub(super) voices: Vec<Voice<'a>>,
}

/// Adds `slide` in each language it `speaks`, on one slide or one each as the layout says.
fn add<'a>(
    out: &mut Vec<Shown<'a>>,
    voices: &Voices<'a>,
    slide: Slide<'a>,
    seconds: u32,
    speaks: impl Fn(ScreenLanguage) -> bool,
) {
    for v in voices.split(speaks) {
        out.push(Shown {
            slide: slide.clone(),
            seconds,
            voices: v,
        });
    }
}

/// The one slide a pin puts on the whole screen, for as long as it lasts.
fn pinned<'a>(content: &'a Content, pinned: &Pinned, voices: &Voices<'a>) -> Vec<Shown<'a>> {
    let primary = voices.primary;
    let s = &content.slides;
    let mut out = Vec::new();
    if let Some(i) = pinned.announcement_in(content) {
        let a = &content.announcements[i];
        add(
            &mut out,
            voices,
            Slide::Announcement(a),
            s.announcements.seconds,
            |l| a.words_in(l, primary).is_some(),
        );
        return out;
    }
    match (pinned, &content.pin) {
        (Pinned::Message(_), Some(pin)) => {
            add(
                &mut out,
                voices,
                Slide::Message(pin),
                s.announcements.seconds,
                |l| pin.message_in(l, primary).is_some(),
            );
        }
        _ => add(
            &mut out,
            voices,
            Slide::Community,
            s.community.seconds,
            |_| true,
        ),
    }
    out
}

/// The slides of the rotation, in their order: what the clock, the pin and the settings put on
/// the screen now.
pub(super) fn slides<'a>(content: &'a Content, visible: &Visible) -> Vec<Shown<'a>> {
    let s = &content.slides;
    let voices = Voices::of(content);
    let primary = voices.primary;
    if let Some(pin) = &visible.pin {
        return pinned(content, pin, &voices);
    }
    let mut out = Vec::new();
    // The community slide and the groups speak every language: their fixed phrases always
    // do, and each text without its translation is shown in the primary language.
    if s.community.enabled {
        add(
            &mut out,
            &voices,
            Slide::Community,
            s.community.seconds,
            |_| true,
        );
    }
    if s.groups.enabled {
        let pages = paginate(content);
        let total = pages.len();
        for (i, page) in pages.into_iter().enumerate() {
            let slide = Slide::Groups(page, i + 1, total);
            add(&mut out, &voices, slide, s.groups.seconds, |_| true);
        }
    }
    if s.tips.enabled {
        // Hidden tips and announcements out of their days and hours stay in the content,
        // not on screen.
        let shown: Vec<_> = visible.tips.iter().map(|&i| &content.tips[i]).collect();
        let total = shown.len();
        for (i, tip) in shown.into_iter().enumerate() {
            let slide = Slide::Tip(tip, i + 1, total);
            add(&mut out, &voices, slide, s.tips.seconds, |l| {
                tip.words_in(l, primary).is_some()
            });
        }
    }
    if s.announcements.enabled {
        for a in visible
            .announcements
            .iter()
            .map(|&i| &content.announcements[i])
        {
            let slide = Slide::Announcement(a);
            add(&mut out, &voices, slide, s.announcements.seconds, |l| {
                a.words_in(l, primary).is_some()
            });
        }
    }
    // A screen with everything switched off still shows how to join.
    if out.is_empty() {
        add(
            &mut out,
            &voices,
            Slide::Community,
            s.community.seconds,
            |_| true,
        );
    }
    out
}
