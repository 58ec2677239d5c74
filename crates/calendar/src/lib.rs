//! Vietnamese legal time: the lunar calendar (âm lịch, UTC+7), public holidays
//! (ngày nghỉ lễ, tết) and statutory time limits (thời hạn, Bộ luật Dân sự 2015 Điều 144-148).
//!
//! Pure code: no I/O. Holiday schedules are data (TOML) parsed from strings given to it; the
//! schedules shipped with the product are embedded at compile time.

pub mod error;
pub mod fmt;
pub mod lunar;

pub use error::CalendarError;
pub use lunar::{
    LunarDate, LunarMonth, can_chi, can_chi_day, can_chi_month, leap_month, lunar_to_solar,
    month_length, months_of_year, solar_to_lunar,
};
pub mod holidays;

pub use holidays::{DayOff, DayOffKind, DayStatus, HolidayCalendar, ScheduleInfo, YearSchedule};
pub mod limits;

pub use limits::{DayUnit, Deadline, Direction, Explanation, Extension, Period, SkippedSpan};
