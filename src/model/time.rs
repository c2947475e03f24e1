//! Time maths for NumericDate claims. `now` is always an argument so that every result is
//! reproducible in tests.

/// Seconds since the Unix epoch, as JWT NumericDate values are.
pub type Secs = i64;

/// NumericDates are whole seconds and issuers round the current time either way (and this
/// page's clock ticks once a second), so a token minted this very second may carry the next
/// one: "not yet valid" and "issued in the future" mean beyond that.
pub const ISSUE_ROUNDING: Secs = 1;

/// The user's clock: the current time and the clock-skew leeway they allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: Secs,
    pub leeway: Secs,
}

/// Formats a duration in whole seconds with its two largest units: "4 min 10 s", "2 h",
/// "3 d 4 h". Larger than a century is "more than 100 years".
pub fn human_duration(secs: u64) -> String {
    const UNITS: [(u64, &str); 5] = [(365 * 86_400, "y"), (86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    if secs == 0 {
        return "0 s".into();
    }
    if secs > 100 * 365 * 86_400 {
        return "more than 100 years".into();
    }
    let mut rest = secs;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        if rest >= size {
            parts.push(format!("{} {unit}", rest / size));
            rest %= size;
        } else if !parts.is_empty() {
            // Keep the two units adjacent: "1 h 0 min" reads worse than "1 h", so stop.
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

/// "in 4 min 10 s" for the future, "2 h ago" for the past, "now" at zero.
pub fn relative(at: Secs, now: Secs) -> String {
    let delta = at - now;
    match delta {
        0 => "now".into(),
        d if d > 0 => format!("in {}", human_duration(d as u64)),
        d => format!("{} ago", human_duration(d.unsigned_abs())),
    }
}

/// Days since 1970-01-01 to a civil date (proleptic Gregorian), after Howard Hinnant's
/// `civil_from_days`, valid far beyond any date a token can carry.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a civil date, the inverse of `civil_from_days`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A UTC date and time as seconds, or None when no such moment exists (month 13, 02/31, 24:00).
pub fn utc(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<Secs> {
    let clock = (0..24).contains(&hour) && (0..60).contains(&minute) && (0..61).contains(&second);
    if !clock || !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    let days = days_from_civil(year, month as u32, day as u32);
    // 02/31 would roll over into March: a date that does not exist is no date.
    let (y, m, d) = civil_from_days(days);
    ((y, i64::from(m), i64::from(d)) == (year, month, day))
        .then_some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// A UTC time as .NET's invariant culture prints it, `MM/dd/yyyy HH:mm:ss`: how ASP.NET Core
/// quotes a token's NotBefore and Expires in its error descriptions.
pub fn parse_invariant_culture(text: &str) -> Option<Secs> {
    let (date, clock) = text.trim().split_once(' ')?;
    let numbers = |s: &str, sep: char| -> Option<Vec<i64>> { s.split(sep).map(|p| p.parse().ok()).collect() };
    let (d, c) = (numbers(date, '/')?, numbers(clock, ':')?);
    let ([month, day, year], [h, m, s]) = (d.as_slice(), c.as_slice()) else { return None };
    utc(*year, *month, *day, *h, *m, *s)
}

/// Beyond this a timestamp is nonsense for a token (year ~ 300,000); formatting stops there.
const MAX_FORMATTABLE: Secs = 10_000_000_000_000;

/// "2011-03-22 18:43:00" for the given offset from UTC in minutes (east positive).
fn format_with_offset(at: Secs, offset_minutes: i64) -> Option<String> {
    if at.abs() > MAX_FORMATTABLE {
        return None;
    }
    let local = at + offset_minutes * 60;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    Some(format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3_600, s % 3_600 / 60, s % 60))
}

pub fn format_utc(at: Secs) -> String {
    format_with_offset(at, 0).map_or_else(|| "out of range".into(), |t| format!("{t} UTC"))
}

/// Local time, given the offset the browser reports for that instant (east positive).
pub fn format_local(at: Secs, offset_minutes: i64) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let abs = offset_minutes.abs();
    format_with_offset(at, offset_minutes)
        .map_or_else(|| "out of range".into(), |t| format!("{t} UTC{sign}{:02}:{:02}", abs / 60, abs % 60))
}

/// A NumericDate read from a JSON value: a number (fractions allowed by RFC 7519 §2).
pub fn numeric_date(value: &serde_json::Value) -> Option<Secs> {
    match value {
        serde_json::Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.is_finite() && f.abs() < 9.0e15).map(|f| f.floor() as Secs))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invariant_culture_times_read_back_as_formatted() {
        for at in [0_i64, 1_767_607_200, 951_782_400, 4_107_542_399] {
            let (y, m, d) = civil_from_days(at.div_euclid(86_400));
            let s = at.rem_euclid(86_400);
            let text = format!("{m:02}/{d:02}/{y:04} {:02}:{:02}:{:02}", s / 3_600, s % 3_600 / 60, s % 60);
            assert_eq!(parse_invariant_culture(&text), Some(at), "{text}");
        }
        for bad in
            ["", "01/05/2026", "13/05/2026 10:00:00", "01/05/2026 24:00:00", "2026-01-05 10:00:00", "a/b/c 1:2:3"]
        {
            assert_eq!(parse_invariant_culture(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations_use_two_largest_units() {
        let cases = [
            (0, "0 s"),
            (59, "59 s"),
            (60, "1 min"),
            (250, "4 min 10 s"),
            (7_200, "2 h"),
            (7_260, "2 h 1 min"),
            (7_201, "2 h"),
            (86_400 * 3 + 3_600 * 4, "3 d 4 h"),
            (86_400 * 400, "1 y 35 d"),
            (u64::MAX, "more than 100 years"),
        ];
        for (secs, text) in cases {
            assert_eq!(human_duration(secs), text, "{secs}");
        }
    }

    #[test]
    fn relative_past_and_future() {
        assert_eq!(relative(1_000 + 250, 1_000), "in 4 min 10 s");
        assert_eq!(relative(1_000, 1_000 + 7_200), "2 h ago");
        assert_eq!(relative(5, 5), "now");
    }

    #[test]
    fn utc_formatting_against_known_dates() {
        let cases = [
            (0, "1970-01-01 00:00:00 UTC"),
            (1_300_819_380, "2011-03-22 18:43:00 UTC"),
            (951_782_400, "2000-02-29 00:00:00 UTC"),
            (-1, "1969-12-31 23:59:59 UTC"),
            (4_102_444_800, "2100-01-01 00:00:00 UTC"),
            (i64::MAX, "out of range"),
        ];
        for (at, text) in cases {
            assert_eq!(format_utc(at), text, "{at}");
        }
    }

    #[test]
    fn local_formatting_shows_offset() {
        assert_eq!(format_local(1_300_819_380, 60), "2011-03-22 19:43:00 UTC+01:00");
        assert_eq!(format_local(1_300_819_380, -330), "2011-03-22 13:13:00 UTC-05:30");
    }

    #[test]
    fn numeric_dates() {
        use serde_json::json;
        assert_eq!(numeric_date(&json!(1300819380)), Some(1300819380));
        assert_eq!(numeric_date(&json!(1300819380.7)), Some(1300819380));
        assert_eq!(numeric_date(&json!("1300819380")), None);
        assert_eq!(numeric_date(&json!(1e300)), None);
        assert_eq!(numeric_date(&json!(null)), None);
    }
}
