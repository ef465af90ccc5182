//! The dashboard's card for the Raspberry Pi's own health (`crate::pi_health`): shown only
//! when something is wrong, each problem in words a volunteer can act on.

use super::views::Ctx;
use crate::i18n::pi_health::pi_health_catalogue;
use crate::pi_health::Problem;
use maud::{html, Markup};

/// Nothing at all on a healthy Pi (or another machine); else a card listing each problem.
pub fn card(ctx: &Ctx<'_>, problems: &[Problem]) -> Markup {
    let t = pi_health_catalogue(ctx.lang);
    let line = |p: &Problem| match p {
        Problem::UnderVoltageNow => t.under_voltage_now.to_owned(),
        Problem::UnderVoltageSinceBoot => t.under_voltage_since_boot.to_owned(),
        Problem::Hot { celsius: Some(c) } => t.hot.replace("{celsius}", &format!("{c:.0}")),
        Problem::Hot { celsius: None } => t.slowed.to_owned(),
        Problem::ReadOnly => t.read_only.to_owned(),
        Problem::DiskFull { free_mb } => t.disk_full.replace("{mb}", &free_mb.to_string()),
        Problem::MemoryLow { available_mb } => {
            t.memory_low.replace("{mb}", &available_mb.to_string())
        }
    };
    html! {
        @if !problems.is_empty() {
            section.pi-health role="alert" aria-labelledby="pi-health" {
                h2 #pi-health { "⚠ " (t.title) }
                ul {
                    @for p in problems {
                        li { (line(p)) }
                    }
                }
            }
        }
    }
}
