//! Timestamps of the virtual clock, printed the way the API server prints them (RFC 3339, UTC, seconds).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in virtual time, in milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

impl Time {
    /// Milliseconds elapsed from `self` until `later` (negative when `later` is earlier).
    pub fn until(self, later: Time) -> i64 {
        later.0.saturating_sub(self.0)
    }

    /// This time plus `ms` milliseconds.
    pub fn plus_ms(self, ms: i64) -> Time {
        Time(self.0.saturating_add(ms))
    }

    /// RFC 3339 text with second precision, e.g. `2025-10-06T09:00:00Z`.
    pub fn rfc3339(self) -> String {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            (rem / 60) % 60,
            rem % 60
        )
    }

    /// Parses RFC 3339 text (`2025-10-06T09:00:00Z`, fractional seconds and offsets accepted).
    pub fn parse_rfc3339(text: &str) -> Option<Time> {
        let b = text.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b't') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let mut rest = &text[19..];
        let mut millis = 0;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits: String = frac.chars().take_while(|c| c.is_ascii_digit()).collect();
            rest = &frac[digits.len()..];
            let padded = format!("{:0<3}", &digits[..digits.len().min(3)]);
            millis = padded.parse::<i64>().ok()?;
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                let oh = rest.get(1..3)?.parse::<i64>().ok()?;
                let om = rest.get(4..6)?.parse::<i64>().ok()?;
                sign * (oh * 3600 + om * 60)
            }
        };
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset;
        Some(Time(secs * 1000 + millis))
    }
}

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Time::parse_rfc3339(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {text:?}")))
    }
}

/// Kubernetes' `HumanDuration`: how AGE, LAST SEEN and `(5m ago)` are written.
pub fn human_duration(ms: i64) -> String {
    if ms < -1000 {
        return "<invalid>".into();
    }
    let secs = (ms / 1000).max(0);
    let (m, h, d) = (secs / 60, secs / 3600, secs / 86_400);
    let y = d / 365;
    if secs < 120 {
        format!("{secs}s")
    } else if m < 10 {
        if secs % 60 == 0 { format!("{m}m") } else { format!("{m}m{}s", secs % 60) }
    } else if h < 3 {
        format!("{m}m")
    } else if h < 8 {
        if m % 60 == 0 { format!("{h}h") } else { format!("{h}h{}m", m % 60) }
    } else if h < 48 {
        format!("{h}h")
    } else if h < 24 * 8 {
        if h % 24 == 0 { format!("{d}d") } else { format!("{d}d{}h", h % 24) }
    } else if y < 2 {
        format!("{d}d")
    } else if y < 8 {
        if d % 365 == 0 { format!("{y}y") } else { format!("{y}y{}d", d % 365) }
    } else {
        format!("{y}y")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        let t = Time::parse_rfc3339("2025-10-06T09:00:00Z").unwrap();
        assert_eq!(t.rfc3339(), "2025-10-06T09:00:00Z");
        assert_eq!(Time::parse_rfc3339("2025-10-06T11:00:00+02:00"), Some(t));
        assert_eq!(Time::parse_rfc3339("garbage"), None);
    }

    #[test]
    fn human_duration_matches_kubernetes_boundaries() {
        let s = |n: i64| human_duration(n * 1000);
        assert_eq!(s(0), "0s");
        assert_eq!(s(119), "119s");
        assert_eq!(s(120), "2m");
        assert_eq!(s(123), "2m3s");
        assert_eq!(s(599), "9m59s");
        assert_eq!(s(600), "10m");
        assert_eq!(s(179 * 60 + 59), "179m");
        assert_eq!(s(3 * 3600 + 300), "3h5m");
        assert_eq!(s(8 * 3600 - 60), "7h59m");
        assert_eq!(s(47 * 3600), "47h");
        assert_eq!(s(48 * 3600), "2d");
        assert_eq!(s(7 * 86_400 + 23 * 3600), "7d23h");
        assert_eq!(s(400 * 86_400), "400d");
        assert_eq!(human_duration(-5000), "<invalid>");
    }
}
