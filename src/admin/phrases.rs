//! `/admin/phrases` ("Textes de l'écran"): the screen's fixed phrases in each of its languages,
//! each of which the coop may word its own way (`display.phrases`); left empty, the
//! catalogue's wording stands.

use super::edit::{save_part, tag, Errors, Refusal, Stale};
use super::form::AdminForm;
use super::request::{done, Flash, Ui};
use super::versions::{differing, versions, Versions};
use super::views::{page, refusal_notices, Ctx, Nav};
use super::who;
use crate::auth::Volunteer;
use crate::content::phrasebook::rewordable as is_rewordable;
use crate::content::{Content, Language, ScreenLanguage};
use crate::error::AppError;
use crate::i18n::phrase_labels::{group, label, Group};
use crate::i18n::voice::Voice;
use crate::i18n::{bilingual_catalogue, catalogue, platform_key};
use crate::limits::content as limits;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use std::collections::HashMap;

/// The form's fields, named `<language>.<phrase>` (`eu.scan_to_join`), and its revision.
type Values = HashMap<String, String>;

/// The phrases the coop may reword in `lang`: name and the catalogue's wording. Of the
/// platforms' words and privacy notes, those of the community's platform (and, during a move,
/// the next one's).
fn rewordable(c: &Content, lang: ScreenLanguage) -> Vec<(String, &'static str)> {
    let com = &c.community;
    let mut platforms = vec![platform_key(com.platform, com.link_kind)];
    let mut privacy = vec![com.platform.key()];
    if let Some(next) = &com.next {
        platforms.push(platform_key(next.platform, next.link_kind));
        privacy.push(next.platform.key());
    }
    let of_ours = |key: &str| {
        if let Some(rest) = key.strip_prefix("guide_platform_privacy.") {
            return privacy.contains(&rest);
        }
        key.strip_prefix("platforms.")
            .is_none_or(|rest| platforms.iter().any(|p| rest.starts_with(&format!("{p}."))))
    };
    catalogue(lang)
        .all()
        .filter(|(key, _)| is_rewordable(key) && of_ours(key))
        .map(|(key, said)| (key.to_owned(), said))
        .collect()
}

/// The form filled from the content: the coop's wording where it has one.
fn values(c: &Content) -> Values {
    let mut v = Values::new();
    for (lang, own) in &c.display.phrases {
        for (key, said) in own {
            v.insert(format!("{}.{key}", lang.code()), said.clone());
        }
    }
    v
}

/// The phrases two versions word differently: each version's rows, labelled as the form
/// labels each field.
type Rows = Vec<(String, String)>;
fn differences(c: &Content, mine: &Values, theirs: &Values, admin: Language) -> (Rows, Rows) {
    let rows = |v: &Values| -> Rows {
        let mut rows = Rows::new();
        for lang in c.display.languages_in_order() {
            for (key, _) in rewordable(c, lang) {
                let said = v.get(&format!("{}.{key}", lang.code()));
                let said = said.map_or("", |s| s.trim()).to_owned();
                rows.push((field_label(admin, lang, &key), said));
            }
        }
        rows
    };
    let (mine, theirs) = differing(rows(mine), Some(rows(theirs)));
    (mine, theirs.unwrap_or_default())
}

fn view(
    ctx: &Ctx<'_>,
    c: &Content,
    v: &Values,
    etag: &str,
    errors: &Errors,
    stale: Option<&Stale>,
) -> Markup {
    let b = bilingual_catalogue(ctx.lang);
    let languages = c.display.languages_in_order();
    let names: Vec<String> = languages
        .iter()
        .flat_map(|l| {
            rewordable(c, *l)
                .into_iter()
                .map(move |(k, _)| format!("{}.{k}", l.code()))
        })
        .collect();
    let shown: Vec<&str> = names.iter().map(String::as_str).collect();
    // Someone reworded these very phrases: the ones that differ, mine kept in the form.
    let (mine, theirs) = match stale {
        Some(_) => differences(c, v, &values(c), ctx.lang),
        None => Default::default(),
    };
    let side_by_side = !mine.is_empty();
    let (mine, theirs) = (borrowed(&mine), borrowed(&theirs));
    html! {
        p.lead { (b.phrases_intro) }
        @if side_by_side {
            (versions(ctx, &Versions {
                title: ctx.t.conflict_page_title,
                saved: stale.and_then(|s| s.saved.as_ref()),
                mine: &mine,
                theirs: Some(&theirs),
                form: "phrases-form",
                draft_from: "/admin/phrases",
                draft_to: "/admin/phrases",
                take_theirs: ("/admin/phrases", ctx.t.conflict_take_theirs),
            }))
        }
        (refusal_notices(ctx, errors, stale.filter(|_| !side_by_side), &shown))
        form.card.phrases #phrases-form method="post" action="/admin/phrases" {
            (ctx.tokens(etag))
            @for lang in &languages {
                section #{"phrases-" (lang.code())} lang=(lang.code()) {
                    h2 { (lang.endonym()) }
                    @let phrases = rewordable(c, *lang);
                    @let voice = Voice::of(c, *lang);
                    @for part in Group::ALL {
                    @let keys: Vec<&str> = phrases.iter().map(|(k, _)| k.as_str()).filter(|k| group(k) == Some(part)).collect();
                    @if !keys.is_empty() {
                    h3 { (part.heading(ctx.lang)) }
                    @for key in keys {
                        @let name = format!("{}.{key}", lang.code());
                        @let id = name.replace(['.', '[', ']'], "-");
                        @let error = errors.get(&name);
                        @let built_in = catalogue(*lang).say(key);
                        div.field.has-error[error.is_some()] {
                            label for=(id) { (label(key, ctx.lang).unwrap_or_else(|| key.to_owned())) }
                            @if let Some(e) = &error { p.error { (e) } }
                            input id=(id) type="text" name=(name) value=(v.get(&name).map_or("", String::as_str))
                                placeholder=(built_in) data-max=(limits::PHRASE)
                                aria-invalid=[error.as_ref().map(|_| "true")];
                            p.hint.example { (b.phrases_now) " " q lang=(lang.code()) { (voice.say(key)) } }
                        }
                    }
                    }
                    }
                }
            }
            div.actions.sticky { button.primary type="submit" { (ctx.t.save) } }
        }
    }
}

fn render(
    ui: &Ui,
    admin: &Volunteer,
    status: StatusCode,
    (c, v, etag): (&Content, &Values, &str),
    errors: &Errors,
    stale: Option<&Stale>,
) -> Response {
    let ctx = Ctx::new(ui, Some(who(admin)));
    let b = bilingual_catalogue(ui.lang);
    let body = view(&ctx, c, v, etag, &errors.localized(ui.t), stale);
    ui.html(status, page(&ctx, b.phrases_title, Nav::Settings, body))
}

/// What the form edits: the coop's wording, and which phrases it shows; its version is what
/// the form carries.
fn part(c: &Content) -> impl PartialEq + serde::Serialize {
    let shown: Vec<_> = c
        .display
        .languages_in_order()
        .into_iter()
        .map(|l| (l, rewordable(c, l)))
        .collect();
    (c.display.phrases.clone(), shown)
}

pub async fn show(State(state): State<AppState>, admin: Volunteer, ui: Ui) -> Response {
    let s = state.store.current();
    let v = values(&s.content);
    let version = tag(&part(&s.content));
    let page = (&s.content, &v, version.as_str());
    render(&ui, &admin, StatusCode::OK, page, &Errors::default(), None)
}

pub async fn save(
    State(state): State<AppState>,
    ui: Ui,
    AdminForm(admin, v): AdminForm<Values>,
) -> Result<Response, AppError> {
    let etag = v.get("etag").cloned().unwrap_or_default();
    let result = save_part(&state, &admin.name, &etag, "display.phrases.", part, |c| {
        // The phrases the form shows; the wording of others stays as it was.
        for lang in c.display.languages_in_order() {
            let mut own = c.display.phrases.remove(&lang).unwrap_or_default();
            for (key, default) in rewordable(c, lang) {
                own.remove(&key);
                let typed = v.get(&format!("{}.{key}", lang.code()));
                if let Some(said) = typed.map(|s| s.trim()).filter(|s| !s.is_empty()) {
                    if said != default {
                        own.insert(key, said.to_owned());
                    }
                }
            }
            if !own.is_empty() {
                c.display.phrases.insert(lang, own);
            }
        }
        Some(())
    })
    .await;
    let current = state.store.current();
    let page = (&current.content, &v, etag.as_str());
    match result {
        Ok(()) => Ok(done("/admin/phrases", Flash::Saved)),
        Err(Refusal::Failed(e)) => Err(e),
        Err(Refusal::Invalid(errors)) => Ok(render(
            &ui,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            page,
            &errors,
            None,
        )),
        Err(Refusal::Stale(stale)) => {
            let page = (&current.content, &v, stale.etag.as_str());
            Ok(render(
                &ui,
                &admin,
                StatusCode::CONFLICT,
                page,
                &Errors::default(),
                Some(&stale),
            ))
        }
        Err(Refusal::Gone) => Err(AppError::NotFound),
    }
}

/// A field of the form in words: what the phrase is, and in which language.
fn field_label(admin: Language, lang: ScreenLanguage, key: &str) -> String {
    let what = label(key, admin).unwrap_or_else(|| key.to_owned());
    format!("{what} ({})", lang.endonym())
}

fn borrowed(rows: &Rows) -> Vec<(&str, String)> {
    rows.iter().map(|(l, s)| (l.as_str(), s.clone())).collect()
}
