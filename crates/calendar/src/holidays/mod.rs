//! Public holidays and working days (ngày nghỉ lễ, tết và ngày làm việc).
//!
//! The calendar is the statutory rules of Bộ luật Lao động 2019 Điều 112 computed by code
//! (see [`statutory`]) plus, for each year that has one, the announced schedule for the civil
//! service loaded as data (see [`schedule`]). Saturdays and Sundays are weekly rest days
//! unless a schedule swaps one into a working day.
//!
//! Everything is computed once, at construction, into a bitset over 01/01/1800–31/12/2199,
//! so [`HolidayCalendar::is_working_day`] is one subtraction and one bit test.

mod build;
pub mod schedule;
mod schedule_check;
mod shipped;
mod status;
pub mod statutory;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

pub use schedule::{AnnouncedDays, NamedDay, YearSchedule};
pub use shipped::{SHIPPED_SCHEDULES, shipped_schedules};
pub use status::DayStatus;

use crate::error::CalendarError;
use crate::lunar::{MAX_DATE, MIN_DATE, to_jdn};

/// Where a day off comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayOffKind {
    /// A public holiday by law (ngày nghỉ lễ, tết), computed or added as data.
    Statutory,
    /// A compensatory day for a holiday on a weekend (ngày nghỉ bù).
    Compensatory,
    /// A day off from the year's announced schedule (ngày nghỉ theo thông báo).
    Announced,
}

/// A named day off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    /// The date.
    pub date: NaiveDate,
    /// Vietnamese name, e.g. "Giỗ Tổ Hùng Vương".
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Where it comes from.
    pub kind: DayOffKind,
    /// The occasion the day belongs to, in Vietnamese: the announced period holding it
    /// (e.g. "Tết Nguyên đán Bính Ngọ"), or for a compensatory day the holiday it makes up
    /// for. Explanations group consecutive days off by occasion.
    pub occasion_vi: String,
    /// The occasion in English.
    pub occasion_en: String,
}

/// Facts about the schedule loaded for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleInfo {
    /// The year.
    pub year: i32,
    /// Where it was read from.
    pub origin: String,
    /// Whether it was confirmed against the announcement.
    pub verified: bool,
    /// The announcement it comes from.
    pub source: String,
}

/// Working days and days off for 01/01/1800–31/12/2199 (lịch ngày làm việc).
#[derive(Debug, Clone)]
pub struct HolidayCalendar {
    base: i32,
    days: usize,
    off: Vec<u64>,
    days_off: Vec<Vec<DayOff>>,
    working: Vec<Vec<NamedDay>>,
    schedules: BTreeMap<i32, ScheduleInfo>,
}

impl HolidayCalendar {
    /// The statutory rules only, without any announced schedule.
    pub fn statutory_only() -> HolidayCalendar {
        Self::build(BTreeMap::new())
    }

    /// The statutory rules plus the schedules shipped with the product.
    pub fn shipped() -> Result<HolidayCalendar, CalendarError> {
        Self::with_schedules(shipped_schedules()?)
    }

    /// The shipped schedules, then `extra` ones (loaded by an administrator) on top: a
    /// schedule for a year already shipped replaces it.
    pub fn shipped_with(extra: Vec<YearSchedule>) -> Result<HolidayCalendar, CalendarError> {
        let mut all = shipped_schedules()?;
        all.extend(extra);
        Self::with_schedules(all)
    }

    /// The statutory rules plus the given schedules; for the same year the later one wins.
    pub fn with_schedules(schedules: Vec<YearSchedule>) -> Result<HolidayCalendar, CalendarError> {
        let mut by_year = BTreeMap::new();
        for s in schedules {
            by_year.insert(s.year, s);
        }
        Ok(Self::build(by_year))
    }

    fn build(by_year: BTreeMap<i32, YearSchedule>) -> HolidayCalendar {
        let built = build::build(&by_year);
        let schedules = by_year
            .into_iter()
            .map(|(year, s)| {
                let info = ScheduleInfo {
                    year,
                    origin: s.origin,
                    verified: s.verified,
                    source: s.source,
                };
                (year, info)
            })
            .collect();
        HolidayCalendar {
            base: to_jdn(MIN_DATE),
            days: build::day_count(),
            off: built.off,
            days_off: built.days_off,
            working: built.working,
            schedules,
        }
    }

    /// Day index of a date in the bitset, if inside the supported range.
    #[inline]
    pub(crate) fn index(&self, date: NaiveDate) -> Option<usize> {
        let i = to_jdn(date) - self.base;
        if i >= 0 && (i as usize) < self.days {
            Some(i as usize)
        } else {
            None
        }
    }

    /// Number of days covered by the bitset.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.days
    }

    /// Whether the day at `index` is off (index must be < `len()`).
    #[inline]
    pub(crate) fn off_at(&self, index: usize) -> bool {
        self.off
            .get(index / 64)
            .is_some_and(|w| w & (1u64 << (index % 64)) != 0)
    }

    /// Date of a day index.
    #[inline]
    pub(crate) fn date_at(&self, index: usize) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.base - 1_721_425 + index as i32)
    }

    /// Whether `date` is a working day (ngày làm việc): not a Saturday or Sunday unless
    /// swapped into a working day, not a holiday, compensatory or announced day off.
    /// Outside 1800–2199 only the weekend rule applies.
    #[inline]
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.index(date) {
            Some(i) => !self.off_at(i),
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The named days off of a year, in date order (weekly rest days are not listed).
    pub fn days_off(&self, year: i32) -> Vec<DayOff> {
        self.year_list(year).to_vec()
    }

    pub(crate) fn year_list(&self, year: i32) -> &[DayOff] {
        let i = year - MIN_DATE.year();
        usize::try_from(i)
            .ok()
            .and_then(|i| self.days_off.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The weekend days of a year made working days (ngày làm bù).
    pub fn swapped_working_days(&self, year: i32) -> Vec<NamedDay> {
        let i = year - MIN_DATE.year();
        usize::try_from(i)
            .ok()
            .and_then(|i| self.working.get(i))
            .cloned()
            .unwrap_or_default()
    }

    /// The named day off on `date`, if any.
    pub fn day_off(&self, date: NaiveDate) -> Option<&DayOff> {
        let list = self.year_list(date.year());
        list.binary_search_by_key(&date, |d| d.date)
            .ok()
            .and_then(|i| list.get(i))
    }

    /// Why `date` is or is not a working day.
    pub fn day_status(&self, date: NaiveDate) -> DayStatus {
        if let Some(o) = self.day_off(date) {
            return DayStatus::Off(o.clone());
        }
        let weekday = date.weekday();
        if matches!(weekday, Weekday::Sat | Weekday::Sun) {
            let i = date.year() - MIN_DATE.year();
            let swapped = usize::try_from(i)
                .ok()
                .and_then(|i| self.working.get(i))
                .and_then(|l| l.iter().find(|w| w.date == date));
            return match swapped {
                Some(w) => DayStatus::SwappedWorking(w.clone()),
                None => DayStatus::Weekend(weekday),
            };
        }
        DayStatus::Working
    }

    /// The schedule loaded for `year`, if any (whether verified, and its source).
    pub fn schedule_info(&self, year: i32) -> Option<&ScheduleInfo> {
        self.schedules.get(&year)
    }

    /// First and last date the calendar knows holidays for.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        (MIN_DATE, MAX_DATE)
    }
}
