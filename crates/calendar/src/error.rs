//! The one error type of this crate.

use thiserror::Error;

/// What went wrong in a calendar computation or while reading calendar data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// A solar date outside the supported range 01/01/1800–31/12/2199.
    #[error(
        "date {date} is outside the supported range 01/01/1800–31/12/2199 (ngoài phạm vi lịch)"
    )]
    OutOfRange {
        /// The offending date, dd/mm/yyyy.
        date: String,
    },
    /// A lunar year outside the supported range.
    #[error(
        "lunar year {year} is outside the supported range 1800–2199 (năm âm lịch ngoài phạm vi)"
    )]
    LunarYearOutOfRange {
        /// The offending lunar year.
        year: i32,
    },
    /// A lunar month number that is not 1–12.
    #[error("lunar month {month} does not exist: months are numbered 1 to 12")]
    InvalidMonth {
        /// The offending month number.
        month: u8,
    },
    /// A day that the lunar month does not have (day 30 of a 29-day month, day 0, day 31).
    #[error(
        "day {day} does not exist in lunar month {month}{leap} of {year}: that month has {length} days ({kind})",
        leap = if *leap { " (nhuận)" } else { "" },
        kind = if *length == 29 { "tháng thiếu" } else { "tháng đủ" }
    )]
    InvalidDay {
        /// Lunar year.
        year: i32,
        /// Lunar month.
        month: u8,
        /// Whether the month is the leap month.
        leap: bool,
        /// The day asked for.
        day: u8,
        /// The real length of the month (29 or 30).
        length: u8,
    },
    /// A leap month (tháng nhuận) that the lunar year does not have.
    #[error(
        "lunar year {year} has no leap month {month}: {actual}",
        actual = match actual {
            Some(m) => format!("its leap month is {m} (nhuận tháng {m})"),
            None => "it has no leap month at all (năm không nhuận)".to_string(),
        }
    )]
    NoSuchLeapMonth {
        /// Lunar year.
        year: i32,
        /// The leap month asked for.
        month: u8,
        /// The year's real leap month, if any.
        actual: Option<u8>,
    },
    /// An extension (gia hạn) asked for a deadline counted backwards from an event.
    #[error("a deadline counted before an event ({event}) cannot be extended")]
    NotExtendable {
        /// The event date, dd/mm/yyyy.
        event: String,
    },
    /// Text that is not a date in the expected form.
    #[error("cannot read {input:?} as a date dd/mm/yyyy: {reason}")]
    Parse {
        /// The text given.
        input: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A holiday schedule (lịch nghỉ) that is malformed or contradicts itself.
    #[error("holiday schedule {origin}: {}", problems.join("; "))]
    Schedule {
        /// Where the schedule came from (file name or "embedded 2026.toml").
        origin: String,
        /// Every problem found, each naming the entries (and lines) involved.
        problems: Vec<String>,
    },
}
