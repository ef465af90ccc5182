//! Saving an edit without ever losing one: every form carries the revision it started from,
//! the edit is applied to the current content and saved only if nobody saved in between.

use crate::content::{default_content, Content, FieldError, Problem};
use crate::error::AppError;
use crate::store::{etag_of, SaveError};
use crate::AppState;
use chrono::{DateTime, Utc};

/// What is wrong with one field of a form: a problem of the content checks, said in the
/// admin's language only when shown, or a sentence the admin already wrote in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Problem(Problem),
    Said(String),
}

impl From<Problem> for Message {
    fn from(p: Problem) -> Self {
        Message::Problem(p)
    }
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message::Said(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Self {
        Message::Said(s.to_owned())
    }
}

impl Message {
    /// The message in the language of `t`.
    pub fn say(&self, t: &crate::i18n::AdminCatalogue) -> String {
        match self {
            Message::Problem(p) => p.render(t.problems),
            Message::Said(s) => s.clone(),
        }
    }
}

/// One field of a form and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    pub field: String,
    pub message: Message,
}

/// Field errors of a refused form, keyed by the field's path relative to the edited item.
#[derive(Debug, Default, Clone)]
pub struct Errors(pub Vec<FieldMessage>);

impl Errors {
    /// One error for one field.
    pub fn one(field: &str, message: impl Into<Message>) -> Self {
        let mut errors = Errors::default();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: impl Into<Message>) {
        self.0.push(FieldMessage {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The messages about one field, joined. Problems not yet said in the admin's language
    /// (see `localized`) read in French, the admin's first language.
    pub fn get(&self, field: &str) -> Option<String> {
        let messages: Vec<String> = self
            .0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| {
                e.message
                    .say(crate::i18n::admin_catalogue(crate::content::Language::Fr))
            })
            .collect();
        (!messages.is_empty()).then(|| messages.join(" ; "))
    }

    /// Errors about fields the form does not show, to list them at its top: field, message.
    pub fn others<'a>(
        &'a self,
        shown: &'a [&str],
        t: &'static crate::i18n::AdminCatalogue,
    ) -> impl Iterator<Item = (&'a str, String)> + 'a {
        self.0
            .iter()
            .filter(move |e| !shown.contains(&e.field.as_str()))
            .map(move |e| (e.field.as_str(), e.message.say(t)))
    }

    /// The problems said in the admin's language, at the edge where the page is drawn.
    pub fn localized(&self, t: &crate::i18n::AdminCatalogue) -> Errors {
        Errors(
            self.0
                .iter()
                .map(|e| FieldMessage {
                    field: e.field.clone(),
                    message: Message::Said(e.message.say(t)),
                })
                .collect(),
        )
    }

    /// Keeps the errors under `prefix` (such as `groups[3].`), relative to it; others stay whole.
    fn relative_to(errors: Vec<FieldError>, prefix: &str) -> Self {
        Errors(
            errors
                .into_iter()
                .map(|e| FieldMessage {
                    field: match e.field.strip_prefix(prefix) {
                        Some(rest) if !prefix.is_empty() => rest.to_owned(),
                        _ => e.field,
                    },
                    message: Message::Problem(e.problem),
                })
                .collect(),
        )
    }
}

/// A part of the content, to say what someone else changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Community,
    Groups,
    Tips,
    Announcements,
    Slides,
    Display,
}

/// The parts that differ between two revisions.
pub fn changed_sections(a: &Content, b: &Content) -> Vec<Section> {
    let mut out = Vec::new();
    if a.community != b.community {
        out.push(Section::Community);
    }
    if a.groups != b.groups {
        out.push(Section::Groups);
    }
    if a.tips != b.tips {
        out.push(Section::Tips);
    }
    if a.announcements != b.announcements {
        out.push(Section::Announcements);
    }
    if a.slides != b.slides {
        out.push(Section::Slides);
    }
    if a.display != b.display {
        out.push(Section::Display);
    }
    out
}

/// The version of one part of the content (an item, the community…), as a form carries it:
/// a save applies when the part is still at this version, whatever else changed.
pub fn tag<P: serde::Serialize + ?Sized>(part: &P) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(part).expect("content serializes");
    Sha256::digest(json)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Someone saved since the form was opened.
#[derive(Debug, Clone)]
pub struct Stale {
    /// The version the re-rendered form carries: the edited part's now (`save_part`), else
    /// the revision now current.
    pub etag: String,
    pub saved: Option<(DateTime<Utc>, String)>,
    /// What changed since the form's revision, when that revision is still known.
    pub sections: Vec<Section>,
}

/// The content of revision `etag` (the one a form was opened at), while it is still known:
/// the current one, one in the history (read from the disk off the async runtime), or the
/// default content.
pub async fn revision(state: &AppState, etag: &str) -> Option<Content> {
    let current = state.store.current();
    if current.etag == etag {
        return Some(current.content.clone());
    }
    let (store, etag) = (state.store.clone(), etag.to_owned());
    let read = tokio::task::spawn_blocking(move || {
        store
            .history()
            .ok()
            .and_then(|h| {
                let opened_at =
                    |e: &crate::store::HistoryEntry| e.etag == etag || e.merged.contains(&etag);
                h.into_iter().find(opened_at)
            })
            .and_then(|e| store.history_content(&e.id).ok())
            .or_else(|| {
                let default = default_content();
                (etag_of(&default) == etag).then_some(default)
            })
    });
    read.await.ok().flatten()
}

impl Stale {
    /// What changed between the revision `base` (an etag) and the current one.
    pub async fn since(state: &AppState, base: &str) -> Stale {
        let current = state.store.current();
        let base_content = revision(state, base).await;
        Stale {
            etag: current.etag.clone(),
            saved: current.saved.clone(),
            sections: base_content
                .map(|b| changed_sections(&b, &current.content))
                .unwrap_or_default(),
        }
    }
}

/// Why an edit was not saved.
#[derive(Debug)]
pub enum Refusal {
    Invalid(Errors),
    Stale(Stale),
    /// The item edited no longer exists.
    Gone,
    /// Our fault (the disk): a 5xx, logged.
    Failed(AppError),
}

/// Applies `edit` to the current content and saves it as `by`, if `etag` is still current.
///
/// `edit` returns `None` when the item it edits is gone. Field errors are made relative to
/// `prefix` (`groups[3].`), so that the form can show them next to its own fields.
pub async fn save_edit(
    state: &AppState,
    by: &str,
    etag: &str,
    prefix: &str,
    edit: impl FnOnce(&mut Content) -> Option<()>,
) -> Result<(), Refusal> {
    let current = state.store.current();
    if current.etag != etag {
        return Err(Refusal::Stale(Stale::since(state, etag).await));
    }
    let mut content = current.content.clone();
    edit(&mut content).ok_or(Refusal::Gone)?;
    save_whole(state, by, etag, content, prefix).await
}

/// Applies `edit`, which changes only the part of the content that `part` reads (the fields
/// one form shows), when that part is at the `version` the form carries: the part's own
/// [`tag`] (what the pages give their forms), or the whole document's entity tag when nothing
/// changed at all, or (a form opened at an older revision, as the move's pages give) a
/// revision the history still has with the part as it is now. When someone changed that part,
/// the refusal is `Stale`, carrying the part's version now: the form then shows both versions.
pub async fn save_part<P: serde::Serialize + PartialEq>(
    state: &AppState,
    by: &str,
    version: &str,
    prefix: &str,
    part: impl Fn(&Content) -> P,
    edit: impl FnOnce(&mut Content) -> Option<()>,
) -> Result<(), Refusal> {
    let current = state.store.current();
    let now = tag(&part(&current.content));
    let unchanged = version == current.etag
        || version == now
        || revision(state, version)
            .await
            .is_some_and(|base| part(&base) == part(&current.content));
    if !unchanged {
        let mut stale = Stale::since(state, version).await;
        stale.etag = now;
        return Err(Refusal::Stale(stale));
    }
    save_edit(state, by, &current.etag, prefix, edit).await
}

/// Saves a whole new document (restore, import), if `etag` is still current.
pub async fn save_whole(
    state: &AppState,
    by: &str,
    etag: &str,
    content: Content,
    prefix: &str,
) -> Result<(), Refusal> {
    match state.store.save(content, etag, by).await {
        Ok(_) => Ok(()),
        Err(SaveError::Invalid(invalid)) => {
            Err(Refusal::Invalid(Errors::relative_to(invalid.0, prefix)))
        }
        Err(SaveError::Stale { .. }) => Err(Refusal::Stale(Stale::since(state, etag).await)),
        Err(e @ SaveError::Io(_)) => Err(Refusal::Failed(e.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_become_relative_to_the_edited_item() {
        let errors = Errors::relative_to(
            vec![
                FieldError {
                    field: "groups[3].name".into(),
                    problem: Problem::Empty,
                },
                FieldError {
                    field: "groups".into(),
                    problem: Problem::TooMany {
                        count: 201,
                        max: 200,
                    },
                },
            ],
            "groups[3].",
        );
        assert_eq!(errors.get("name").as_deref(), Some("Ne peut pas être vide"));
        assert_eq!(
            errors
                .others(
                    &["name"],
                    crate::i18n::admin_catalogue(crate::content::Language::Fr)
                )
                .count(),
            1
        );
    }

    #[test]
    fn sections_say_what_changed() {
        let a = default_content();
        let mut b = a.clone();
        b.tips.pop();
        b.display.qr_corner = !b.display.qr_corner;
        assert_eq!(changed_sections(&a, &b), [Section::Tips, Section::Display]);
    }
}
