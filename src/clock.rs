//! The time as the server reads it: the system clock, or one a test sets, so that what
//! depends on the date (a planned switch, a link to check again) is tested without waiting.

use chrono::{DateTime, Local, NaiveDate, Utc};
use std::sync::Mutex;

/// The server's clock.
#[derive(Debug, Default)]
pub struct Clock {
    /// When set, the time it says instead of the system's.
    fixed: Mutex<Option<DateTime<Utc>>>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        self.fixed
            .lock()
            .expect("clock lock")
            .unwrap_or_else(Utc::now)
    }

    /// The local date, as the switch date is written.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Local).date_naive()
    }

    /// Makes the clock say `at` from now on (tests; `None`: the system clock again).
    pub fn set(&self, at: Option<DateTime<Utc>>) {
        *self.fixed.lock().expect("clock lock") = at;
    }
}
