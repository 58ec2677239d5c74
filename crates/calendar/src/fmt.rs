//! Date formatting in the Vietnamese administrative style (dd/mm/yyyy).

use chrono::{Datelike, NaiveDate, Weekday};

/// Formats a date as dd/mm/yyyy, e.g. "02/09/2026".
pub fn dmy(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// Formats a date as dd/mm, e.g. "14/02".
pub fn dm(date: NaiveDate) -> String {
    format!("{:02}/{:02}", date.day(), date.month())
}

/// Formats a span of days: "14/02-22/02" (same year) or "30/12/2025-02/01/2026";
/// a single day is written once.
pub fn span(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        dm(from)
    } else if from.year() == to.year() {
        format!("{}-{}", dm(from), dm(to))
    } else {
        format!("{}-{}", dmy(from), dmy(to))
    }
}

/// Vietnamese name of a weekday ("thứ Hai" … "Chủ nhật").
pub fn weekday_vi(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// English name of a weekday.
pub fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Parses "dd/mm/yyyy" (also "d/m/yyyy") into its three numbers, without checking the calendar.
pub(crate) fn parse_dmy(input: &str) -> Result<(u32, u32, i32), String> {
    let mut parts = input.trim().split('/');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("expected three numbers separated by '/', like 10/03/2026".into());
    };
    let num = |s: &str, what: &str| -> Result<i64, String> {
        s.trim()
            .parse::<i64>()
            .map_err(|_| format!("{what} {s:?} is not a number"))
    };
    let (d, m, y) = (num(d, "day")?, num(m, "month")?, num(y, "year")?);
    let d = u32::try_from(d).map_err(|_| format!("day {d} is negative"))?;
    let m = u32::try_from(m).map_err(|_| format!("month {m} is negative"))?;
    let y = i32::try_from(y).map_err(|_| format!("year {y} is too large"))?;
    Ok((d, m, y))
}
