//! Reading what people type (query strings, command-line arguments), with messages that say
//! which part is wrong. Dates are dd/mm/yyyy (ISO yyyy-mm-dd is accepted too).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use dinh_calendar::{DayUnit, Direction, LunarDate};

/// First and last solar year the calendar supports.
pub const YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;

/// The longest range of days the lunar API lists at once.
pub const MAX_RANGE_DAYS: i64 = 366;

/// The largest count a time limit may have (thời hạn tối đa được tính).
pub const MAX_COUNT: u32 = 3650;

/// Input that cannot be used (dữ liệu nhập sai); the message names the field and the part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

impl From<BadInput> for dinh_platform::web::AppError {
    fn from(e: BadInput) -> Self {
        dinh_platform::web::AppError::bad_request(e.0)
    }
}

fn bad(field: &str, message: impl fmt::Display) -> BadInput {
    BadInput(format!("{field}: {message}"))
}

fn number(field: &str, part: &str, text: &str) -> Result<i64, BadInput> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| bad(field, format!("{part} '{text}' is not a number")))
}

/// Checks a solar year against the supported range.
pub fn check_year(field: &str, year: i64) -> Result<i32, BadInput> {
    i32::try_from(year)
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            bad(
                field,
                format!("year {year} is outside the supported range 1800-2199"),
            )
        })
}

/// Parses a year such as "2026".
pub fn parse_year(field: &str, text: &str) -> Result<i32, BadInput> {
    check_year(field, number(field, "year", text)?)
}

/// Builds a date from its parts, naming the wrong part.
fn ymd(field: &str, y: i64, m: i64, d: i64) -> Result<NaiveDate, BadInput> {
    let year = check_year(field, y)?;
    if !(1..=12).contains(&m) {
        return Err(bad(field, format!("month {m} does not exist (1-12)")));
    }
    let month = m as u32;
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| bad(field, format!("month {m} does not exist (1-12)")))?;
    let length = first
        .checked_add_months(chrono::Months::new(1))
        .map_or(31, |next| next.signed_duration_since(first).num_days());
    u32::try_from(d)
        .ok()
        .filter(|d| *d >= 1 && i64::from(*d) <= length)
        .and_then(|d| NaiveDate::from_ymd_opt(year, month, d))
        .ok_or_else(|| {
            bad(
                field,
                format!(
                    "day {d} does not exist in {month:02}/{year}: that month has {length} days"
                ),
            )
        })
}

/// Parses a solar date written dd/mm/yyyy (or yyyy-mm-dd) within 1800-2199.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, BadInput> {
    let t = text.trim();
    let parts: Vec<&str> = match t.split_once('-') {
        // yyyy-mm-dd (ISO)
        Some((first, _)) if first.len() == 4 => t.split('-').rev().collect(),
        // dd-mm-yyyy
        Some(_) => t.split('-').collect(),
        None => t.split('/').collect(),
    };
    let [d, m, y] = parts.as_slice() else {
        return Err(bad(
            field,
            format!("'{text}' is not a date: write dd/mm/yyyy, like 17/02/2026"),
        ));
    };
    let y = number(field, "year", y)?;
    let m = number(field, "month", m)?;
    let d = number(field, "day", d)?;
    ymd(field, y, m, d)
}

/// Parses a month written yyyy-mm (or mm/yyyy); returns its first day.
pub fn parse_month(field: &str, text: &str) -> Result<NaiveDate, BadInput> {
    let t = text.trim();
    let (y, m) = match (t.split_once('-'), t.split_once('/')) {
        (Some((y, m)), _) => (y, m),
        (None, Some((m, y))) => (y, m),
        _ => {
            return Err(bad(
                field,
                format!("'{text}' is not a month: write yyyy-mm, like 2026-02"),
            ));
        }
    };
    ymd(
        field,
        number(field, "year", y)?,
        number(field, "month", m)?,
        1,
    )
}

/// Parses a lunar date dd/mm/yyyy; `leap` marks the leap month (tháng nhuận).
pub fn parse_lunar(field: &str, text: &str, leap: bool) -> Result<LunarDate, BadInput> {
    LunarDate::parse(text, leap).map_err(|e| bad(field, e))
}

/// Parses the unit of a time limit: `working` (ngày làm việc) or `calendar` (ngày).
pub fn parse_unit(field: &str, text: &str) -> Result<DayUnit, BadInput> {
    match text.trim() {
        "working" | "working_days" => Ok(DayUnit::Working),
        "calendar" | "calendar_days" => Ok(DayUnit::Calendar),
        other => Err(bad(
            field,
            format!("'{other}' is not a unit: use working or calendar"),
        )),
    }
}

/// Parses the direction: `after` (trong thời hạn … kể từ) or `before` (trước ít nhất …).
pub fn parse_direction(field: &str, text: &str) -> Result<Direction, BadInput> {
    match text.trim() {
        "after" => Ok(Direction::After),
        "before" => Ok(Direction::Before),
        other => Err(bad(
            field,
            format!("'{other}' is not a direction: use after or before"),
        )),
    }
}

/// Parses a count of days, 1 to [`MAX_COUNT`].
pub fn parse_count(field: &str, text: &str) -> Result<u32, BadInput> {
    let n = number(field, "count", text)?;
    u32::try_from(n)
        .ok()
        .filter(|n| (1..=MAX_COUNT).contains(n))
        .ok_or_else(|| bad(field, format!("{n} is not a count from 1 to {MAX_COUNT}")))
}

/// Parses `true` or `false` (also `1`/`0`, `yes`/`no`).
pub fn parse_bool(field: &str, text: &str) -> Result<bool, BadInput> {
    match text.trim() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        other => Err(bad(field, format!("'{other}' is not true or false"))),
    }
}

/// The days `from..=to`, refusing an inverted range or more than `max` days.
pub fn day_range(from: NaiveDate, to: NaiveDate, max: i64) -> Result<Vec<NaiveDate>, BadInput> {
    let days = to.signed_duration_since(from).num_days() + 1;
    if days < 1 {
        return Err(bad("to", "the end of the range is before its start"));
    }
    if days > max {
        return Err(bad(
            "to",
            format!("the range has {days} days: at most {max} days at once"),
        ));
    }
    Ok(from.iter_days().take(days as usize).collect())
}

/// The first day of the month after the one holding `date`.
pub fn next_month(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)?.checked_add_months(chrono::Months::new(1))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn dates_in_three_spellings_and_precise_refusals() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 17).unwrap();
        for text in ["17/02/2026", "2026-02-17", "17-2-2026", " 17/2/2026 "] {
            assert_eq!(parse_date("date", text), Ok(d), "{text}");
        }
        let err = |t: &str| parse_date("date", t).unwrap_err().0;
        assert_eq!(
            err("29/02/2026"),
            "date: day 29 does not exist in 02/2026: that month has 28 days"
        );
        assert_eq!(err("01/13/2026"), "date: month 13 does not exist (1-12)");
        assert!(err("01/01/1799").contains("year 1799 is outside"));
        assert!(err("a/01/2026").contains("day 'a' is not a number"));
        assert!(err("2026").contains("write dd/mm/yyyy"));
        assert_eq!(
            parse_month("month", "02/2026"),
            parse_month("month", "2026-02")
        );
    }
}
