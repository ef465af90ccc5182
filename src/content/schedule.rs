//! When a tip or an announcement shows within its days: some days of the week, some hours
//! ("le mardi et le vendredi, 9 h–12 h"). Nothing set: all the time.

use super::{OpeningHours, TimeRange};
use chrono::{Datelike, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A day of the week, as the opening hours name it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    pub fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Mon,
            Day::Tue => Weekday::Tue,
            Day::Wed => Weekday::Wed,
            Day::Thu => Weekday::Thu,
            Day::Fri => Weekday::Fri,
            Day::Sat => Weekday::Sat,
            Day::Sun => Weekday::Sun,
        }
    }

    /// Its name in JSON and in forms (`mon`…).
    pub fn key(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self.index()]
    }

    /// Monday is 0.
    pub fn index(self) -> usize {
        self.weekday().num_days_from_monday() as usize
    }
}

/// The days and hours a slide shows, within its first and last days if it has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The days of the week it shows (none: every day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Day>,
    /// The hours of those days it shows, `HH:MM-HH:MM` (none: all day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<TimeRange>,
}

impl Schedule {
    /// Nothing set: shown all the time.
    pub fn is_always(&self) -> bool {
        self.days.is_empty() && self.hours.is_empty()
    }

    fn on_day(&self, day: Weekday) -> bool {
        self.days.is_empty() || self.days.iter().any(|d| d.weekday() == day)
    }

    /// Whether it shows at this local date and time.
    pub fn is_on<T: Datelike + Timelike>(&self, now: &T) -> bool {
        let minute = now.hour() * 60 + now.minute();
        self.on_day(now.weekday())
            && (self.hours.is_empty()
                || self
                    .hours
                    .iter()
                    .any(|r| r.start <= minute && minute < r.end))
    }

    /// Whether its days and hours meet the shop's opening hours at all: a slide that only
    /// shows while the screen sleeps is never seen. Always true without opening hours.
    pub fn meets(&self, open: &OpeningHours) -> bool {
        if !open.enabled {
            return true;
        }
        let all_day = [TimeRange {
            start: 0,
            end: 24 * 60,
        }];
        let hours: &[TimeRange] = if self.hours.is_empty() {
            &all_day
        } else {
            &self.hours
        };
        Day::ALL
            .iter()
            .filter(|d| self.on_day(d.weekday()))
            .flat_map(|d| open.day(d.weekday()))
            .any(|o| hours.iter().any(|h| h.start < o.end && o.start < h.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn bread() -> Schedule {
        Schedule {
            days: vec![Day::Tue, Day::Fri],
            hours: vec!["09:00-12:00".parse().unwrap()],
        }
    }

    #[test]
    fn on_only_on_its_days_within_its_hours() {
        // 2026-11-24 is a Tuesday, the 25th a Wednesday.
        let tue = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let at = |d: NaiveDate, h, m| d.and_hms_opt(h, m, 0).unwrap();
        let s = bread();
        assert!(!s.is_on(&at(tue, 8, 59)));
        assert!(s.is_on(&at(tue, 9, 0)));
        assert!(s.is_on(&at(tue, 11, 59)));
        assert!(!s.is_on(&at(tue, 12, 0)));
        assert!(!s.is_on(&at(wed, 10, 0)));
        assert!(Schedule::default().is_on(&at(wed, 3, 0)));
    }

    #[test]
    fn a_schedule_outside_the_opening_hours_never_meets_them() {
        let mut open = OpeningHours {
            enabled: true,
            tue: vec!["14:00-19:00".parse().unwrap()],
            fri: vec!["14:00-19:00".parse().unwrap()],
            ..Default::default()
        };
        assert!(!bread().meets(&open));
        open.fri = vec!["08:00-19:00".parse().unwrap()];
        assert!(bread().meets(&open));
        open.enabled = false;
        open.fri.clear();
        assert!(bread().meets(&open));
    }

    #[test]
    fn an_unknown_day_is_refused_and_an_empty_schedule_is_not_written() {
        let s: Result<Schedule, _> = serde_json::from_str(r#"{"days": ["mardi"]}"#);
        assert!(s.is_err());
        let s: Schedule =
            serde_json::from_str(r#"{"days": ["tue"], "hours": ["09:00-12:00"]}"#).unwrap();
        assert_eq!(
            s,
            Schedule {
                hours: vec!["09:00-12:00".parse().unwrap()],
                days: vec![Day::Tue]
            }
        );
        assert_eq!(serde_json::to_string(&Schedule::default()).unwrap(), "{}");
    }
}
