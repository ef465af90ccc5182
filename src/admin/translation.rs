//! The second-language fields of the edit forms: beside each translatable field, labelled with
//! the language, only while the screen has a second language.
//!
//! A form names them `tr.<field>` and carries their language (`tr.lang`), so that a save files
//! the translation under the language the form was opened with, and keeps the item's
//! translations into other languages as they were.

use super::edit::{Errors, FieldMessage};
use super::views::{Ctx, Field};
use crate::content::{Content, ScreenLanguage, Translations};
use crate::i18n::{bilingual_catalogue, BilingualCatalogue};
use maud::{html, Markup};

/// The hidden field naming the language of the translation fields.
pub const LANG: &str = "tr.lang";

/// The language a form opened on `content` translates into, as its hidden field says it.
pub fn code_for(content: &Content) -> String {
    content
        .display
        .second()
        .map_or(String::new(), |l| l.code().to_owned())
}

/// The language of a form's translation fields, if it has them.
pub fn language(code: &str) -> Option<ScreenLanguage> {
    ScreenLanguage::from_code(code)
}

/// The item's translation into the form's language, to fill the form.
pub fn of<T: Clone + Default>(translations: &Translations<T>, code: &str) -> T {
    language(code)
        .and_then(|l| translations.get(&l).cloned())
        .unwrap_or_default()
}

/// The translations an edited item ends with: `before`'s, with the form's language set to
/// what the form says (removed when the form left it empty).
pub fn merged<T: Clone + Default + PartialEq>(
    before: &Translations<T>,
    code: &str,
    edited: T,
) -> Translations<T> {
    let mut out = before.clone();
    if let Some(lang) = language(code) {
        if edited == T::default() {
            out.remove(&lang);
        } else {
            out.insert(lang, edited);
        }
    }
    out
}

/// Errors about the form's translation as the form names its fields
/// (`translations.eu.title` becomes `tr.title`); others stay as they are.
pub fn form_errors(errors: &Errors, code: &str) -> Errors {
    let prefix = format!("translations.{code}.");
    Errors(
        errors
            .0
            .iter()
            .map(|e| match e.field.strip_prefix(&prefix) {
                Some(rest) if !code.is_empty() => FieldMessage {
                    field: format!("tr.{rest}"),
                    message: e.message.clone(),
                },
                _ => e.clone(),
            })
            .collect(),
    )
}

/// What a form needs to show its translation fields.
pub struct Beside<'a> {
    pub b: &'static BilingualCatalogue,
    /// None: the screen has one language, the form no translation field.
    pub lang: Option<ScreenLanguage>,
    pub errors: &'a Errors,
}

impl<'a> Beside<'a> {
    pub fn new(ctx: &Ctx<'_>, code: &str, errors: &'a Errors) -> Self {
        Beside {
            b: bilingual_catalogue(ctx.lang),
            lang: language(code),
            errors,
        }
    }

    /// The label of the translation of the field labelled `field`: "Titre — euskara".
    pub fn label(&self, field: &str) -> String {
        self.b
            .field_in
            .replace("{field}", field)
            .replace("{language}", self.lang.map_or("", |l| l.endonym()))
    }

    /// The hidden field that says which language the translation fields are in.
    pub fn hidden(&self) -> Markup {
        html! { input type="hidden" name=(LANG) value=(self.lang.map_or("", |l| l.code())); }
    }

    /// `original`, and beside it, when the screen has a second language, its `translation`.
    pub fn pair(&self, original: Markup, translation: Markup) -> Markup {
        match self.lang {
            None => original,
            Some(lang) => html! {
                div.pair {
                    (original)
                    div.translation lang=(lang.code()) { (translation) }
                }
            },
        }
    }

    /// The translation field named `tr.<name>`, for the field labelled `label`.
    pub fn field<'f>(&self, label: &'f str, name: &'f str, value: &'f str) -> Field<'f> {
        Field::new(label, name, value, self.errors)
    }
}
