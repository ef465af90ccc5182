//! The dashboard's "connected screens" panel: which screens have the display open, what
//! they show, and a loud warning when none has for a while.

use super::views::Ctx;
use crate::display::connected_screens::Report;
use crate::i18n::connected_screens::screens_catalogue;
use maud::{html, Markup};

/// The panel as a pure function of the report and the current page tag.
pub fn panel(ctx: &Ctx<'_>, report: &Report, current: &str) -> Markup {
    let t = screens_catalogue(ctx.lang);
    html! {
        section.screens aria-labelledby="screens" {
            h2 #screens { (t.title) }
            @if report.unwatched() {
                p.screens-alarm role="alert" {
                    "⚠ " (t.unwatched.replace("{minutes}", &(report.none_for.as_secs() / 60).to_string()))
                }
            } @else if report.listed.is_empty() && report.unlisted == 0 {
                p.screens-none { (t.none_now) }
            }
            @if !report.listed.is_empty() {
                table.screens-list {
                    thead { tr { th { (t.address) } th { (t.shows) } th { (t.engine) } th { (t.since) } } }
                    tbody {
                        @for s in &report.listed {
                            @let address = s.address.map(|a| a.to_string()).unwrap_or_else(|| "?".into());
                            tr {
                                td.address {
                                    @if s.is_local() { (t.this_machine.replace("{address}", &address)) }
                                    @else { (address) }
                                }
                                @match s.shown.as_deref() {
                                    Some(tag) if tag == current => td.shows.current { "✓ " (t.up_to_date) },
                                    Some(_) => td.shows.behind { (t.behind) },
                                    None => td.shows { (t.unknown) },
                                }
                                td.engine { (s.engine.as_deref().unwrap_or(t.unknown)) }
                                td { (ctx.time(&s.since)) }
                            }
                        }
                    }
                }
            }
            @if report.unlisted > 0 {
                p.screens-more { (t.more.replace("{n}", &report.unlisted.to_string())) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Language;
    use crate::display::connected_screens::UNWATCHED_AFTER;
    use std::time::Duration;

    fn render(report: &Report) -> scraper::Html {
        let ctx = Ctx {
            t: crate::i18n::admin_catalogue(Language::Fr),
            lang: Language::Fr,
            who: None,
            flash: None,
            path: "/admin",
        };
        scraper::Html::parse_fragment(&panel(&ctx, report, "\"now\"").into_string())
    }

    fn texts(html: &scraper::Html, css: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        html.select(&selector).map(|e| e.text().collect()).collect()
    }

    fn empty(none_for: Duration) -> Report {
        Report {
            listed: vec![],
            unlisted: 0,
            local: 0,
            none_for,
            no_local_for: none_for,
        }
    }

    #[test]
    fn no_screen_for_minutes_is_an_alarm_and_a_moment_is_not() {
        let quiet = render(&empty(Duration::from_secs(20)));
        assert!(texts(&quiet, "[role=alert]").is_empty());
        assert_eq!(texts(&quiet, "p.screens-none").len(), 1);

        let alarm = render(&empty(UNWATCHED_AFTER + Duration::from_secs(120)));
        let alerts = texts(&alarm, "p.screens-alarm[role=alert]");
        assert_eq!(alerts.len(), 1);
        assert!(alerts[0].contains("depuis 5 min"), "{alerts:?}");
    }

    #[test]
    fn screens_beyond_the_list_are_counted() {
        let report = Report {
            unlisted: 3,
            ..empty(Duration::ZERO)
        };
        let html = render(&report);
        assert_eq!(texts(&html, "p.screens-more"), ["et 3 de plus, non listés"]);
        assert!(texts(&html, "[role=alert]").is_empty());
    }

    #[test]
    fn each_screen_says_which_engine_draws_it() {
        use crate::display::connected_screens::Screen;
        let screen = |address: &str, engine: Option<&str>| Screen {
            address: Some(address.parse().unwrap()),
            shown: Some("\"now\"".into()),
            engine: engine.map(str::to_owned),
            since: chrono::Utc::now(),
        };
        let report = Report {
            listed: vec![
                screen("127.0.0.1", Some("WPE WebKit (cog)")),
                screen("192.168.1.20", None),
            ],
            local: 1,
            ..empty(Duration::ZERO)
        };
        let html = render(&report);
        assert_eq!(
            texts(&html, "td.engine"),
            ["WPE WebKit (cog)", "on ne sait pas"]
        );
        assert_eq!(texts(&html, "th")[2], "Affiché par");
    }
}
