//! Cron schedules: the standard five fields (minute hour day-of-month month day-of-week) with
//! `*`, `*/n`, ranges `a-b[/n]`, lists, month and weekday names, and the `@hourly`-style macros.
//! Evaluated in UTC on the virtual clock.

use crate::cluster::objects::Time;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// A parsed schedule: which values each field allows.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    minutes: Vec<bool>,
    hours: Vec<bool>,
    days: Vec<bool>,
    months: Vec<bool>,
    weekdays: Vec<bool>,
    /// Whether day-of-month and day-of-week were both restricted (then either may match).
    days_either: bool,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

impl Schedule {
    /// Parses a schedule; the error is the API server's wording after `Invalid value: "<text>": `.
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let expanded = match text.trim() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            other if other.starts_with('@') => return Err(format!("unrecognized descriptor: {other}")),
            other => other,
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(format!("expected exactly 5 fields, found {}: {}", fields.len(), text.trim()));
        }
        let mut weekdays = parse_field(fields[4], 0, 7, &WEEKDAYS)?;
        if weekdays[7] {
            weekdays[0] = true;
        }
        weekdays.truncate(7);
        Ok(Schedule {
            minutes: parse_field(fields[0], 0, 59, &[])?,
            hours: parse_field(fields[1], 0, 23, &[])?,
            days: parse_field(fields[2], 1, 31, &[])?,
            months: parse_field(fields[3], 1, 12, &MONTHS)?,
            weekdays,
            days_either: !fields[2].starts_with('*') && !fields[4].starts_with('*'),
        })
    }

    fn day_matches(&self, day: usize, weekday: usize) -> bool {
        let (d, w) = (self.days[day], self.weekdays[weekday]);
        if self.days_either { d || w } else { d && w }
    }

    /// The first scheduled minute strictly after `after`, within about five years.
    pub fn next_after(&self, after: Time) -> Option<Time> {
        let mut t = (after.0.div_euclid(MINUTE_MS) + 1) * MINUTE_MS;
        let limit = after.0 + 5 * 366 * DAY_MS;
        while t <= limit {
            let c = Civil::of(t);
            if !self.months[c.month] {
                t = Civil::first_of_next_month(c.year, c.month);
            } else if !self.day_matches(c.day, c.weekday) {
                t = t.div_euclid(DAY_MS) * DAY_MS + DAY_MS;
            } else if !self.hours[c.hour] {
                t = t.div_euclid(3_600_000) * 3_600_000 + 3_600_000;
            } else if !self.minutes[c.minute] {
                t += MINUTE_MS;
            } else {
                return Some(Time(t));
            }
        }
        None
    }

    /// The last scheduled minute in `(after, until]`, if any: the run a controller that was
    /// away catches up with.
    pub fn latest_between(&self, after: Time, until: Time) -> Option<Time> {
        let mut found = None;
        // A schedule missed for very long is only looked at over its last year.
        let mut cursor = Time(after.0.max(until.0 - 366 * DAY_MS));
        while let Some(t) = self.next_after(cursor).filter(|t| *t <= until) {
            found = Some(t);
            cursor = t;
        }
        found
    }
}

/// Parses one field into a table of allowed values `0..=max` (entries below `min` stay false).
fn parse_field(field: &str, min: usize, max: usize, names: &[&str]) -> Result<Vec<bool>, String> {
    let mut allowed = vec![false; max + 1];
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<usize>().ok().filter(|s| *s > 0).ok_or_else(|| format!("failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax"))?),
            None => (part, 1),
        };
        let (low, high) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (value(a, names, min)?, value(b, names, min)?)
        } else {
            let v = value(range, names, min)?;
            (v, if part.contains('/') { max } else { v })
        };
        if low < min || high > max || low > high {
            return Err(format!("end of range ({high}) above maximum ({max}): {part}"));
        }
        for v in (low..=high).step_by(step) {
            allowed[v] = true;
        }
    }
    Ok(allowed)
}

fn value(text: &str, names: &[&str], offset: usize) -> Result<usize, String> {
    if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        return Ok(i + offset);
    }
    text.parse().map_err(|_| format!("failed to parse int from {text}: strconv.Atoi: parsing \"{text}\": invalid syntax"))
}

/// A UTC calendar reading of an instant.
struct Civil {
    year: i64,
    month: usize,
    day: usize,
    weekday: usize,
    hour: usize,
    minute: usize,
}

impl Civil {
    fn of(ms: i64) -> Civil {
        let days = ms.div_euclid(DAY_MS);
        let in_day = ms.rem_euclid(DAY_MS);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            weekday: (days + 4).rem_euclid(7) as usize,
            hour: (in_day / 3_600_000) as usize,
            minute: ((in_day / MINUTE_MS) % 60) as usize,
        }
    }

    fn first_of_next_month(year: i64, month: usize) -> i64 {
        let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        days_from_civil(y, m) * DAY_MS
    }
}

/// Year, month (1-12) and day (1-31) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, usize, usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as usize, day as usize)
}

/// Days since 1970-01-01 of the first day of a month.
fn days_from_civil(year: i64, month: usize) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::EPOCH;

    fn next(schedule: &str, from: Time) -> String {
        Schedule::parse(schedule).ok().and_then(|s| s.next_after(from)).map(|t| t.rfc3339()).unwrap_or_default()
    }

    #[test]
    fn steps_ranges_and_lists() {
        // EPOCH is Monday 2025-10-06T09:00:00Z.
        assert_eq!(next("*/1 * * * *", EPOCH), "2025-10-06T09:01:00Z");
        assert_eq!(next("*/15 * * * *", EPOCH), "2025-10-06T09:15:00Z");
        assert_eq!(next("5,40 9-10 * * *", EPOCH), "2025-10-06T09:05:00Z");
        assert_eq!(next("0 8 * * *", EPOCH), "2025-10-07T08:00:00Z");
        assert_eq!(next("0 0 * * sat", EPOCH), "2025-10-11T00:00:00Z");
        assert_eq!(next("0 0 1 jan *", EPOCH), "2026-01-01T00:00:00Z");
        assert_eq!(next("@hourly", EPOCH), "2025-10-06T10:00:00Z");
        assert_eq!(next("0 0 29 2 *", EPOCH), "2028-02-29T00:00:00Z");
        assert_eq!(next("0 12 * * 7", EPOCH), "2025-10-12T12:00:00Z");
    }

    #[test]
    fn bad_schedules_say_what_is_wrong() {
        assert_eq!(Schedule::parse("* * *").unwrap_err(), "expected exactly 5 fields, found 3: * * *");
        assert!(Schedule::parse("61 * * * *").is_err());
        assert!(Schedule::parse("*/0 * * * *").is_err());
        assert!(Schedule::parse("@sometimes").is_err());
    }

    #[test]
    fn catching_up_takes_the_latest_missed_run() {
        let s = Schedule::parse("*/5 * * * *").unwrap();
        let t = s.latest_between(EPOCH, EPOCH.plus_ms(17 * 60_000)).map(|t| t.rfc3339());
        assert_eq!(t.as_deref(), Some("2025-10-06T09:15:00Z"));
    }
}
