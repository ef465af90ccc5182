//! The days and hours of a tip or an announcement: in its form (a box per day, a line of
//! hours) and in words in the lists ("mardi et vendredi, 9 h–12 h — en ce moment").

use super::edit::Errors;
use super::views::{Ctx, Field};
use crate::content::{Day, OpeningHours, Problem, Schedule, TimeRange};
use crate::i18n::schedule::{schedule_catalogue, ScheduleCatalogue};
use crate::limits::content::MAX_SCHEDULE_HOURS;
use maud::{html, Markup};

/// The form's fields: `day.mon`… ticked or not, and the hours as typed.
#[derive(Debug, Clone, Default)]
pub struct ScheduleForm {
    pub days: [bool; 7],
    pub hours: String,
}

/// The form fields' names, one per day.
pub const DAY_FIELDS: [&str; 7] = [
    "day.mon", "day.tue", "day.wed", "day.thu", "day.fri", "day.sat", "day.sun",
];

impl ScheduleForm {
    /// The fields as a form sent them, by name.
    pub fn from_fields<'a>(field: impl Fn(&str) -> &'a str) -> Self {
        ScheduleForm {
            days: DAY_FIELDS.map(|name| !field(name).is_empty()),
            hours: field("hours").trim().to_owned(),
        }
    }

    pub fn of(schedule: &Schedule) -> Self {
        let mut days = [false; 7];
        for d in &schedule.days {
            days[d.index()] = true;
        }
        let hours: Vec<String> = schedule.hours.iter().map(|r| r.to_string()).collect();
        ScheduleForm {
            days,
            hours: hours.join(", "),
        }
    }

    /// The schedule the fields say, or the error beside the hours.
    pub fn read(&self) -> Result<Schedule, Problem> {
        let days = Day::ALL
            .into_iter()
            .filter(|d| self.days[d.index()])
            .collect();
        let mut hours = Vec::new();
        for part in self
            .hours
            .split([',', ';'])
            .filter(|p| !p.trim().is_empty())
        {
            hours.push(lenient_range(part)?);
        }
        if hours.len() > MAX_SCHEDULE_HOURS {
            return Err(Problem::TooMany {
                count: hours.len(),
                max: MAX_SCHEDULE_HOURS,
            });
        }
        Ok(Schedule { days, hours })
    }

    /// What is wrong with the fields, beside the hours (`hours`).
    pub fn check(&self, errors: &mut Errors) {
        if let Err(problem) = self.read() {
            errors.add("hours", problem);
        }
    }

    /// The fields, in a box of their own under the item's texts, and when the item shows in
    /// words (as saved: the words follow a save).
    pub fn view(&self, ctx: &Ctx<'_>, errors: &Errors, open: &OpeningHours) -> Markup {
        let s = schedule_catalogue(ctx.lang);
        let said = self.read().ok().and_then(|schedule| {
            let words = when(&schedule, s)?;
            Some(if schedule.meets(open) {
                words
            } else {
                format!("{words} — {}", s.never)
            })
        });
        html! {
            fieldset.schedule {
                legend { (s.legend) }
                p.label { (s.days_label) }
                div.day-boxes {
                    @for (i, name) in DAY_FIELDS.iter().enumerate() {
                        label.day-box {
                            input type="checkbox" name=(name) checked[self.days[i]];
                            span title=(s.days[i]) { (s.short_days[i]) }
                        }
                    }
                }
                (Field::new(s.hours_label, "hours", &self.hours, errors).hint(s.hint))
                @if let Some(said) = said {
                    p.schedule-said { (s.shows_when) " " strong { (said) } }
                }
            }
        }
    }
}

/// One span as people type it: `9:00-12:00`, `9h-12h30`, `9 h – 12 h`.
fn lenient_range(typed: &str) -> Result<TimeRange, Problem> {
    let bad = || Problem::NotATimeRange {
        value: typed.trim().to_owned(),
    };
    let cleaned = typed.trim().replace(['–', '—'], "-");
    let (a, b) = cleaned.split_once('-').ok_or_else(bad)?;
    let time = |t: &str| -> Option<String> {
        let t = t.trim().replace(' ', "").to_lowercase().replace('h', ":");
        let (h, m) = t.split_once(':').unwrap_or((&t, ""));
        let h: u32 = h.parse().ok()?;
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        (m < 60 && h <= 24).then(|| format!("{h:02}:{m:02}"))
    };
    let (a, b) = (time(a).ok_or_else(bad)?, time(b).ok_or_else(bad)?);
    match format!("{a}-{b}").parse::<TimeRange>() {
        Ok(r) => Ok(r),
        Err(Problem::EndBeforeStart { .. }) => Err(Problem::EndBeforeStart {
            value: typed.trim().to_owned(),
        }),
        Err(_) => Err(bad()),
    }
}

/// The schedule's words in the language of the admin's catalogue `t`.
pub fn words(t: &crate::i18n::AdminCatalogue) -> &'static ScheduleCatalogue {
    schedule_catalogue(super::request::language_of(t))
}

/// A time as the admin's language writes it: `9 h`, `9 h 30`; `9:00`, `9:30`.
fn clock_time(minutes: u32, s: &ScheduleCatalogue) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if s.hours_with_h {
        if m == 0 {
            format!("{h} h")
        } else {
            format!("{h} h {m:02}")
        }
    } else {
        format!("{h}:{m:02}")
    }
}

/// Its days and hours in words ("mardi et vendredi, 9 h–12 h"); none when always shown.
pub fn when(schedule: &Schedule, s: &ScheduleCatalogue) -> Option<String> {
    if schedule.is_always() {
        return None;
    }
    let mut days: Vec<Day> = schedule.days.clone();
    days.sort();
    days.dedup();
    let names: Vec<&str> = days.iter().map(|d| s.days[d.index()]).collect();
    let days = match names.as_slice() {
        [] => s.every_day.to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => s.and.replace("{a}", &rest.join(", ")).replace("{b}", last),
    };
    let spans: Vec<String> = schedule
        .hours
        .iter()
        .map(|r| {
            s.span
                .replace("{from}", &clock_time(r.start, s))
                .replace("{to}", &clock_time(r.end, s))
        })
        .collect();
    Some(if spans.is_empty() {
        days
    } else {
        s.days_hours
            .replace("{days}", &days)
            .replace("{hours}", &spans.join(", "))
    })
}

/// The list's badge for a scheduled item: when it shows, and whether it is on the screen now
/// (`on`) or never will be (its hours outside the opening hours). None when always shown.
pub fn badge(
    schedule: &Schedule,
    open: &OpeningHours,
    on: bool,
    lang: crate::content::Language,
) -> Option<(String, bool)> {
    let s = schedule_catalogue(lang);
    let words = when(schedule, s)?;
    if !schedule.meets(open) {
        return Some((format!("{words} — {}", s.never), false));
    }
    let now = if on { s.now_on } else { s.not_now };
    Some((format!("{words} — {now}"), on))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Language;

    #[test]
    fn days_and_hours_in_words_in_both_languages() {
        let s = Schedule {
            days: vec![Day::Fri, Day::Tue],
            hours: vec!["09:00-12:00".parse().unwrap()],
        };
        let fr = schedule_catalogue(Language::Fr);
        let en = schedule_catalogue(Language::En);
        assert_eq!(when(&s, fr).unwrap(), "mardi et vendredi, 9 h–12 h");
        assert_eq!(when(&s, en).unwrap(), "Tuesday and Friday, 9:00–12:00");
        let s = Schedule {
            days: vec![Day::Mon, Day::Wed, Day::Sat],
            hours: vec![],
        };
        assert_eq!(when(&s, fr).unwrap(), "lundi, mercredi et samedi");
        let s = Schedule {
            days: vec![],
            hours: vec!["18:30-19:30".parse().unwrap()],
        };
        assert_eq!(when(&s, fr).unwrap(), "tous les jours, 18 h 30–19 h 30");
        assert_eq!(when(&Schedule::default(), fr), None);
    }

    #[test]
    fn hours_are_read_as_people_type_them() {
        let form = |hours: &str| ScheduleForm {
            days: [false; 7],
            hours: hours.to_owned(),
        };
        let read = form("9h-12h30, 16:00 – 19:00").read().unwrap();
        let spans: Vec<String> = read.hours.iter().map(|r| r.to_string()).collect();
        assert_eq!(spans, ["09:00-12:30", "16:00-19:00"]);
        assert!(matches!(
            form("12:00-9:00").read(),
            Err(Problem::EndBeforeStart { .. })
        ));
        assert!(matches!(
            form("25:00-26:00").read(),
            Err(Problem::NotATimeRange { .. })
        ));
        assert!(matches!(
            form("midi").read(),
            Err(Problem::NotATimeRange { .. })
        ));
    }
}
