//! Opening hours: when the screen shows the slides and when it sleeps.

use chrono::{Datelike, NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Opening hours per weekday; outside them the screen goes to sleep when enabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// When false the screen never sleeps.
    pub enabled: bool,
    #[serde(default)]
    pub mon: Vec<TimeRange>,
    #[serde(default)]
    pub tue: Vec<TimeRange>,
    #[serde(default)]
    pub wed: Vec<TimeRange>,
    #[serde(default)]
    pub thu: Vec<TimeRange>,
    #[serde(default)]
    pub fri: Vec<TimeRange>,
    #[serde(default)]
    pub sat: Vec<TimeRange>,
    #[serde(default)]
    pub sun: Vec<TimeRange>,
}

impl OpeningHours {
    /// The ranges of one weekday.
    pub fn day(&self, day: Weekday) -> &[TimeRange] {
        match day {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    pub fn day_mut(&mut self, day: Weekday) -> &mut Vec<TimeRange> {
        match day {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
    }

    /// Whether the screen should be awake at this local date and time.
    pub fn is_awake<T: Datelike + Timelike>(&self, now: &T) -> bool {
        if !self.enabled {
            return true;
        }
        let minute = now.hour() * 60 + now.minute();
        self.day(now.weekday())
            .iter()
            .any(|r| r.start <= minute && minute < r.end)
    }
}

/// A span of one day, `HH:MM-HH:MM`, stored as minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub start: u32,
    pub end: u32,
}

/// In JSON a range is one string, `"09:00-19:30"`.
impl utoipa::PartialSchema for TimeRange {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^\d{2}:\d{2}-\d{2}:\d{2}$"))
            .examples([serde_json::json!("09:00-19:30")])
            .into()
    }
}

impl utoipa::ToSchema for TimeRange {}

impl FromStr for TimeRange {
    type Err = super::Problem;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || super::Problem::NotATimeRange {
            value: s.to_owned(),
        };
        let (a, b) = s.trim().split_once('-').ok_or_else(bad)?;
        let minutes = |t: &str| -> Result<u32, super::Problem> {
            let t = t.trim();
            if t == "24:00" {
                return Ok(24 * 60);
            }
            let time = NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| bad())?;
            Ok(time.hour() * 60 + time.minute())
        };
        let (start, end) = (minutes(a)?, minutes(b)?);
        if start >= end {
            return Err(super::Problem::EndBeforeStart {
                value: s.to_owned(),
            });
        }
        Ok(TimeRange { start, end })
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

impl Serialize for TimeRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|p: super::Problem| serde::de::Error::custom(super::reading::carried(&p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn hours() -> OpeningHours {
        OpeningHours {
            enabled: true,
            tue: vec![
                "09:00-13:00".parse().unwrap(),
                "15:00-20:00".parse().unwrap(),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn awake_only_inside_a_range() {
        // 2026-11-24 is a Tuesday.
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let at = |h, m| day.and_hms_opt(h, m, 0).unwrap();
        let h = hours();
        assert!(!h.is_awake(&at(8, 59)));
        assert!(h.is_awake(&at(9, 0)));
        assert!(!h.is_awake(&at(13, 0)));
        assert!(h.is_awake(&at(19, 59)));
        assert!(!h.is_awake(&at(20, 0)));
        // Monday has no range: closed all day.
        assert!(!h.is_awake(
            &NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap()
        ));
    }

    #[test]
    fn disabled_hours_never_sleep() {
        let h = OpeningHours {
            enabled: false,
            ..hours()
        };
        let monday_night = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(3, 0, 0)
            .unwrap();
        assert!(h.is_awake(&monday_night));
    }

    #[test]
    fn ranges_round_trip_and_refuse_nonsense() {
        let r: TimeRange = "08:30-24:00".parse().unwrap();
        assert_eq!(r.to_string(), "08:30-24:00");
        for bad in ["", "9h-18h", "18:00-09:00", "25:00-26:00", "09:00"] {
            let err = bad.parse::<TimeRange>().unwrap_err();
            let value = bad.to_owned();
            assert!(
                err == super::super::Problem::NotATimeRange {
                    value: value.clone()
                } || err == super::super::Problem::EndBeforeStart { value },
                "{bad}: {err:?}"
            );
        }
    }
}
