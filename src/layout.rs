//! The HTML shell shared by every page: doctype, head, stylesheet and scripts.

use crate::assets;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// What a page puts in its `<head>`.
pub struct Head<'a> {
    pub lang: &'a str,
    pub title: &'a str,
    pub stylesheet: &'a str,
    pub script: Option<&'a str>,
    /// One inline `<style>` block; the page's CSP must list its hash.
    pub inline_style: Option<&'a str>,
}

/// A whole HTML document: `body` is the `<body>` element itself.
pub fn page(head: Head<'_>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(head.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (head.title) }
                link rel="icon" href="data:,";
                link rel="stylesheet" href=(assets::url(head.stylesheet));
                @if let Some(style) = head.inline_style {
                    style { (PreEscaped(style)) }
                }
                @if let Some(script) = head.script {
                    script src=(assets::url(script)) defer {}
                }
            }
            (body)
        }
    }
}
