//! The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.
//!
//! Months start on the civil day (in UTC+7) of the astronomical new moon; month 11 is the
//! month holding the winter solstice; a year with 13 months repeats (as a leap month,
//! tháng nhuận) the first month after month 11 during which the sun enters no new 30° sector.
//! The astronomy is Hồ Ngọc Đức's published algorithm (see [`astro`]), evaluated once for the
//! supported range and cached in a table.
//!
//! **Time zone.** Vietnam's calendar has been computed for UTC+7 since the North's decision
//! of 8 August 1967; before that, almanacs in the North followed China's UTC+8 calendar, and
//! the South kept it until 1975. This crate uses UTC+7 for **every** date. Lunar dates before
//! 1968 (and in the South before 1976) may therefore differ by a day, or in the placement of
//! a leap month, from the almanacs printed at the time. Legal deadlines never reach back
//! that far, so no mixed rule is attempted.

pub(crate) mod astro;
mod canchi;
pub(crate) mod table;

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

pub use canchi::{can_chi, can_chi_day, can_chi_month};

use crate::error::CalendarError;
use crate::fmt::{dmy, parse_dmy};

/// Offset between chrono's days-from-CE and the Julian day number.
const JDN_OFFSET: i32 = 1_721_425;

/// First solar date supported: 01/01/1800.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1800, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// Last solar date supported: 31/12/2199.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// A date of the Vietnamese lunar calendar (ngày âm lịch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    /// Lunar year (the year of Tết that opened it), e.g. 2026 for Bính Ngọ.
    pub year: i32,
    /// Month 1–12 (tháng Giêng is 1, tháng Chạp is 12).
    pub month: u8,
    /// Day 1–30 (mùng 1 …).
    pub day: u8,
    /// Whether the month is the leap month (tháng nhuận).
    pub leap: bool,
}

/// One month of a lunar year, as listed by [`months_of_year`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarMonth {
    /// Month number 1–12.
    pub month: u8,
    /// Whether it is the leap month (tháng nhuận).
    pub leap: bool,
    /// 29 (tháng thiếu) or 30 (tháng đủ).
    pub length: u8,
    /// Solar date of its first day (mùng 1).
    pub first_day: NaiveDate,
}

fn jdn(date: NaiveDate) -> i32 {
    date.num_days_from_ce() + JDN_OFFSET
}

fn from_jdn(jdn: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(jdn - JDN_OFFSET)
}

fn check_range(date: NaiveDate) -> Result<(), CalendarError> {
    if (MIN_DATE..=MAX_DATE).contains(&date) {
        Ok(())
    } else {
        Err(CalendarError::OutOfRange { date: dmy(date) })
    }
}

/// Converts a solar (Gregorian) date to the Vietnamese lunar date.
pub fn solar_to_lunar(date: NaiveDate) -> Result<LunarDate, CalendarError> {
    check_range(date)?;
    let day = jdn(date);
    let m = table::month_index_of_day(day)
        .and_then(|idx| table::months().get(idx))
        .ok_or_else(|| CalendarError::OutOfRange { date: dmy(date) })?;
    Ok(LunarDate {
        year: m.year,
        month: m.month,
        day: (day - m.start + 1) as u8,
        leap: m.leap,
    })
}

/// Converts a Vietnamese lunar date to the solar date, saying which part is wrong if the
/// lunar date does not exist.
pub fn lunar_to_solar(date: LunarDate) -> Result<NaiveDate, CalendarError> {
    let idx = locate(date.year, date.month, date.leap)?;
    let length = table::length_at(idx).unwrap_or(29);
    if date.day == 0 || date.day > length {
        return Err(CalendarError::InvalidDay {
            year: date.year,
            month: date.month,
            leap: date.leap,
            day: date.day,
            length,
        });
    }
    let start = table::months()
        .get(idx)
        .map(|m| m.start)
        .unwrap_or_default();
    let solar = from_jdn(start + i32::from(date.day) - 1)
        .ok_or(CalendarError::LunarYearOutOfRange { year: date.year })?;
    if check_range(solar).is_err() {
        return Err(CalendarError::LunarYearOutOfRange { year: date.year });
    }
    Ok(solar)
}

/// Finds the table index of a month, with a precise error if it does not exist.
fn locate(year: i32, month: u8, leap: bool) -> Result<usize, CalendarError> {
    if !(1799..=2199).contains(&year) {
        return Err(CalendarError::LunarYearOutOfRange { year });
    }
    if !(1..=12).contains(&month) {
        return Err(CalendarError::InvalidMonth { month });
    }
    match table::month_index(year, month, leap) {
        Some(i) => Ok(i),
        None if leap => Err(CalendarError::NoSuchLeapMonth {
            year,
            month,
            actual: leap_month(year).ok().flatten(),
        }),
        None => Err(CalendarError::LunarYearOutOfRange { year }),
    }
}

/// Number of days (29 or 30) of a lunar month.
pub fn month_length(year: i32, month: u8, leap: bool) -> Result<u8, CalendarError> {
    let idx = locate(year, month, leap)?;
    table::length_at(idx).ok_or(CalendarError::LunarYearOutOfRange { year })
}

/// The leap month (tháng nhuận) of a lunar year, if it has one.
pub fn leap_month(year: i32) -> Result<Option<u8>, CalendarError> {
    if !(1799..=2199).contains(&year) {
        return Err(CalendarError::LunarYearOutOfRange { year });
    }
    Ok(table::months()
        .iter()
        .find(|m| m.year == year && m.leap)
        .map(|m| m.month))
}

/// All months of a lunar year in order (12 or 13), with their lengths and first days.
pub fn months_of_year(year: i32) -> Result<Vec<LunarMonth>, CalendarError> {
    let first = locate(year, 1, false)?;
    let all = table::months();
    let mut out = Vec::with_capacity(13);
    for (i, m) in all.iter().enumerate().skip(first) {
        if m.year != year || i + 1 >= all.len() {
            break;
        }
        out.push(LunarMonth {
            month: m.month,
            leap: m.leap,
            length: table::length_at(i).unwrap_or(29),
            first_day: from_jdn(m.start).unwrap_or(MIN_DATE),
        });
    }
    Ok(out)
}

impl LunarDate {
    /// Builds a lunar date, checking that it exists.
    pub fn new(year: i32, month: u8, day: u8, leap: bool) -> Result<Self, CalendarError> {
        let date = LunarDate {
            year,
            month,
            day,
            leap,
        };
        lunar_to_solar(date)?;
        Ok(date)
    }

    /// The lunar date of a solar date.
    pub fn from_solar(date: NaiveDate) -> Result<Self, CalendarError> {
        solar_to_lunar(date)
    }

    /// The solar date of this lunar date.
    pub fn to_solar(self) -> Result<NaiveDate, CalendarError> {
        lunar_to_solar(self)
    }

    /// Parses "dd/mm/yyyy" as a lunar date; `leap` says whether the month is the leap month.
    /// A trailing " (nhuận)" (as written by `Display`) also marks a leap month.
    pub fn parse(input: &str, leap: bool) -> Result<Self, CalendarError> {
        let trimmed = input.trim();
        let (text, marked) = match trimmed.strip_suffix("(nhuận)") {
            Some(rest) => (rest.trim_end(), true),
            None => (trimmed, false),
        };
        let (d, m, y) = parse_dmy(text).map_err(|reason| CalendarError::Parse {
            input: input.to_string(),
            reason,
        })?;
        let bad = |what: &str| CalendarError::Parse {
            input: input.to_string(),
            reason: format!("{what} is out of range"),
        };
        let day = u8::try_from(d).map_err(|_| bad("day"))?;
        let month = u8::try_from(m).map_err(|_| bad("month"))?;
        Self::new(y, month, day, leap || marked)
    }

    /// Can chi of the lunar year, e.g. "Bính Ngọ".
    pub fn year_can_chi(&self) -> String {
        can_chi(self.year)
    }

    /// Can chi of the lunar month, e.g. "Canh Dần" (a leap month repeats its month's).
    pub fn month_can_chi(&self) -> String {
        can_chi_month(self.year, self.month)
    }
}

impl fmt::Display for LunarDate {
    /// dd/mm/yyyy, followed by " (nhuận)" for a day of a leap month.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)?;
        if self.leap {
            f.write_str(" (nhuận)")?;
        }
        Ok(())
    }
}

impl FromStr for LunarDate {
    type Err = CalendarError;

    /// Parses "dd/mm/yyyy" or "dd/mm/yyyy (nhuận)".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LunarDate::parse(s, false)
    }
}

/// Julian day number helpers shared with the holiday code.
pub(crate) fn to_jdn(date: NaiveDate) -> i32 {
    jdn(date)
}

#[cfg(test)]
mod reference_test;
