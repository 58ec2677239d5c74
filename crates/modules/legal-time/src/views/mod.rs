//! The answers shared by the pages, the JSON API and the command line: plain data with
//! dates written dd/mm/yyyy (and ISO next to them for programs).

mod deadline;
mod rules;

use chrono::{Datelike, NaiveDate};
use dinh_calendar::fmt::{dmy, weekday_en, weekday_vi};
use dinh_calendar::{HolidayCalendar, LunarDate, can_chi_day};
use serde::Serialize;
use utoipa::ToSchema;

pub use deadline::{DeadlineView, SkippedView};
pub use rules::{PackView, RowView, RulesView};

use crate::input::{BadInput, check_year};
use crate::labels::kind_code;

/// One day in both calendars (ngày dương lịch và âm lịch).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LunarDay {
    /// Solar date, dd/mm/yyyy.
    pub date: String,
    /// Solar date, yyyy-mm-dd.
    pub iso: String,
    /// Weekday in Vietnamese ("thứ Ba").
    pub weekday_vi: String,
    /// Weekday in English.
    pub weekday_en: String,
    /// The lunar date as written: "01/01/2026", or "15/06/2025 (nhuận)" in a leap month.
    pub lunar: String,
    /// Lunar day (mùng 1 = 1).
    pub lunar_day: u8,
    /// Lunar month 1-12.
    pub lunar_month: u8,
    /// Lunar year (the year of the Tết that opened it).
    pub lunar_year: i32,
    /// Whether the lunar month is the leap month (tháng nhuận).
    pub leap: bool,
    /// Can chi of the lunar year ("Bính Ngọ").
    pub can_chi_year: String,
    /// Can chi of the lunar month.
    pub can_chi_month: String,
    /// Can chi of the day.
    pub can_chi_day: String,
    /// Whether the day is a working day (ngày làm việc).
    pub working_day: bool,
}

impl LunarDay {
    /// The lunar date of `date` and whether it is a working day.
    pub fn of(calendar: &HolidayCalendar, date: NaiveDate) -> Result<LunarDay, BadInput> {
        let l = LunarDate::from_solar(date).map_err(|e| BadInput(format!("date: {e}")))?;
        Ok(LunarDay {
            date: dmy(date),
            iso: date.to_string(),
            weekday_vi: weekday_vi(date.weekday()).to_string(),
            weekday_en: weekday_en(date.weekday()).to_string(),
            lunar: l.to_string(),
            lunar_day: l.day,
            lunar_month: l.month,
            lunar_year: l.year,
            leap: l.leap,
            can_chi_year: l.year_can_chi(),
            can_chi_month: l.month_can_chi(),
            can_chi_day: can_chi_day(date),
            working_day: calendar.is_working_day(date),
        })
    }
}

/// A list of days (the lunar API's answer, one day or a range).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LunarDays {
    /// The days, in order.
    pub days: Vec<LunarDay>,
}

/// The announced schedule loaded for a year (lịch nghỉ được công bố).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScheduleView {
    /// Whether it was confirmed against the announcement.
    pub verified: bool,
    /// The announcement it comes from.
    pub source: String,
    /// Where it was read from: "embedded 2026.toml", or the name of the administrator's
    /// file (without its directory).
    pub origin: String,
    /// True: shipped with the product; false: loaded from the administrator's data directory.
    pub shipped: bool,
}

impl ScheduleView {
    /// The schedule loaded for `year`, if any; only the file name of an administrator's file
    /// is shown, not its directory.
    pub fn of(calendar: &HolidayCalendar, year: i32) -> Option<ScheduleView> {
        calendar.schedule_info(year).map(|s| ScheduleView {
            verified: s.verified,
            source: s.source.clone(),
            origin: std::path::Path::new(&s.origin)
                .file_name()
                .map_or_else(|| s.origin.clone(), |n| n.to_string_lossy().into_owned()),
            shipped: s.origin.starts_with("embedded "),
        })
    }
}

/// A named day off (ngày nghỉ).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DayOffView {
    /// dd/mm/yyyy.
    pub date: String,
    /// yyyy-mm-dd.
    pub iso: String,
    /// Weekday in Vietnamese.
    pub weekday_vi: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// `statutory` (nghỉ lễ, tết), `compensatory` (nghỉ bù) or `announced` (theo thông báo).
    pub kind: String,
    /// The occasion it belongs to, in Vietnamese.
    pub occasion_vi: String,
    /// The occasion in English.
    pub occasion_en: String,
}

/// A Saturday or Sunday made a working day (ngày làm bù).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkingDayView {
    /// dd/mm/yyyy.
    pub date: String,
    /// yyyy-mm-dd.
    pub iso: String,
    /// Weekday in Vietnamese.
    pub weekday_vi: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

/// The days off and swapped working days of a year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HolidayYear {
    /// The year.
    pub year: i32,
    /// The announced schedule loaded for the year; none: statutory rules only.
    pub schedule: Option<ScheduleView>,
    /// Named days off in date order (weekly rest days are not listed).
    pub days_off: Vec<DayOffView>,
    /// Weekend days made working days.
    pub working_days: Vec<WorkingDayView>,
}

impl HolidayYear {
    /// The holidays of `year` (1800-2199).
    pub fn of(calendar: &HolidayCalendar, year: i32) -> Result<HolidayYear, BadInput> {
        let year = check_year("year", i64::from(year))?;
        let days_off = calendar
            .days_off(year)
            .into_iter()
            .map(|d| DayOffView {
                date: dmy(d.date),
                iso: d.date.to_string(),
                weekday_vi: weekday_vi(d.date.weekday()).to_string(),
                name_vi: d.name_vi,
                name_en: d.name_en,
                kind: kind_code(d.kind).to_string(),
                occasion_vi: d.occasion_vi,
                occasion_en: d.occasion_en,
            })
            .collect();
        let working_days = calendar
            .swapped_working_days(year)
            .into_iter()
            .map(|w| WorkingDayView {
                date: dmy(w.date),
                iso: w.date.to_string(),
                weekday_vi: weekday_vi(w.date.weekday()).to_string(),
                name_vi: w.name_vi,
                name_en: w.name_en,
            })
            .collect();
        Ok(HolidayYear {
            year,
            schedule: ScheduleView::of(calendar, year),
            days_off,
            working_days,
        })
    }
}
