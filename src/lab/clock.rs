//! The lab clock: starts Monday 2014-07-07 09:00 and advances one minute per applied action.
//! It never reads the wall clock.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Minutes since the lab epoch, Monday 2014-07-07 00:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LabTime(pub u32);

/// Days from 1970-01-01 to 2014-07-07 (a Monday).
const EPOCH_DAYS: i64 = 16_258;
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl LabTime {
    /// 2014-07-07 09:00, when every lab starts.
    pub const START: LabTime = LabTime(9 * 60);

    /// The clock's last minute, some 4,000 years on: it stops there (a scenario may `Wait`
    /// any number of minutes), far enough from the end of `u32` that a week or a meeting
    /// after any time the clock shows is still a time.
    pub const LAST: LabTime = LabTime(u32::MAX / 2);

    pub fn plus_minutes(self, minutes: u32) -> LabTime {
        LabTime(self.0.saturating_add(minutes).min(Self::LAST.0))
    }

    /// The next half hour strictly after this time, where Outlook puts a new meeting.
    pub fn next_half_hour(self) -> LabTime {
        LabTime((self.0 / 30 + 1) * 30)
    }

    /// Monday of the week this time falls in, at 00:00.
    pub fn week_start(self) -> LabTime {
        let day = self.0 / (24 * 60);
        LabTime((day - day % 7) * 24 * 60)
    }

    pub fn day_index(self) -> u32 {
        self.0 / (24 * 60)
    }

    pub fn minute_of_day(self) -> u32 {
        self.0 % (24 * 60)
    }

    pub fn weekday(self) -> &'static str {
        WEEKDAYS[(self.day_index() % 7) as usize]
    }

    /// (year, month, day) of this time.
    pub fn date(self) -> (i64, u32, u32) {
        civil_from_days(EPOCH_DAYS + i64::from(self.day_index()))
    }

    /// `09:05`
    pub fn hhmm(self) -> String {
        let m = self.minute_of_day();
        format!("{:02}:{:02}", m / 60, m % 60)
    }

    /// `7/7/2014` as Outlook's meeting form shows dates (en-US).
    pub fn us_date(self) -> String {
        let (y, m, d) = self.date();
        format!("{m}/{d}/{y}")
    }

    /// `9:30 AM` as Outlook shows times (en-US).
    pub fn us_time(self) -> String {
        let m = self.minute_of_day();
        let (h, min) = (m / 60, m % 60);
        let (h12, ampm) = match h {
            0 => (12, "AM"),
            1..=11 => (h, "AM"),
            12 => (12, "PM"),
            _ => (h - 12, "PM"),
        };
        format!("{h12}:{min:02} {ampm}")
    }
}

impl fmt::Display for LabTime {
    /// `Mon 2014-07-07 09:05`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.date();
        write!(f, "{} {y:04}-{m:02}-{d:02} {}", self.weekday(), self.hhmm())
    }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lab_starts_monday_2014_07_07_at_nine() {
        assert_eq!(LabTime::START.to_string(), "Mon 2014-07-07 09:00");
        assert_eq!(
            LabTime::START.plus_minutes(61).to_string(),
            "Mon 2014-07-07 10:01"
        );
        assert_eq!(LabTime::START.us_date(), "7/7/2014");
        assert_eq!(LabTime::START.us_time(), "9:00 AM");
    }

    #[test]
    fn days_roll_over_months_and_weeks() {
        let t = LabTime::START.plus_minutes(25 * 24 * 60);
        assert_eq!(t.to_string(), "Fri 2014-08-01 09:00");
        assert_eq!(t.week_start().to_string(), "Mon 2014-07-28 00:00");
        assert_eq!(LabTime(13 * 60 + 5).us_time(), "1:05 PM");
    }

    #[test]
    fn the_clock_stops_at_its_last_minute_and_what_it_shows_then_is_still_a_time() {
        let end = LabTime::START.plus_minutes(u32::MAX).plus_minutes(u32::MAX);
        assert_eq!(end, LabTime::LAST);
        assert!(
            end.next_half_hour() > end,
            "a meeting after it, with no overflow"
        );
        assert!(end.to_string().starts_with(end.weekday()));
    }

    #[test]
    fn new_meetings_start_at_the_next_half_hour() {
        assert_eq!(LabTime::START.next_half_hour().hhmm(), "09:30");
        assert_eq!(
            LabTime::START.plus_minutes(31).next_half_hour().hhmm(),
            "10:00"
        );
    }
}
