//! Why a day is or is not a working day, in words.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{DayOff, DayOffKind, NamedDay};
use crate::fmt::{dmy, weekday_en, weekday_vi};

/// Whether a date is a working day, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayStatus {
    /// An ordinary working day.
    Working,
    /// A Saturday or Sunday made a working day by the schedule (ngày làm bù).
    SwappedWorking(NamedDay),
    /// A weekly rest day (ngày nghỉ hằng tuần).
    Weekend(Weekday),
    /// A holiday, compensatory or announced day off.
    Off(DayOff),
}

impl DayStatus {
    /// Whether the day is a working day.
    pub fn is_working(&self) -> bool {
        matches!(self, DayStatus::Working | DayStatus::SwappedWorking(_))
    }

    /// One sentence in Vietnamese, e.g. "26/04/2026 là ngày nghỉ lễ: Giỗ Tổ Hùng Vương".
    pub fn describe_vi(&self, date: NaiveDate) -> String {
        let d = dmy(date);
        match self {
            DayStatus::Working => format!("{} {d} là ngày làm việc", weekday_vi(date.weekday())),
            DayStatus::SwappedWorking(w) => {
                format!(
                    "{} {d} là ngày làm việc bù: {}",
                    weekday_vi(date.weekday()),
                    w.name_vi
                )
            }
            DayStatus::Weekend(w) => format!("{} {d} là ngày nghỉ hằng tuần", weekday_vi(*w)),
            DayStatus::Off(o) => {
                let kind = match o.kind {
                    DayOffKind::Statutory => "ngày nghỉ lễ, tết",
                    DayOffKind::Compensatory => "ngày nghỉ bù",
                    DayOffKind::Announced => "ngày nghỉ theo lịch được công bố",
                };
                format!("{d} là {kind}: {}", o.name_vi)
            }
        }
    }

    /// One sentence in English.
    pub fn describe_en(&self, date: NaiveDate) -> String {
        let d = dmy(date);
        match self {
            DayStatus::Working => format!("{} {d} is a working day", weekday_en(date.weekday())),
            DayStatus::SwappedWorking(w) => {
                format!(
                    "{} {d} is a make-up working day: {}",
                    weekday_en(date.weekday()),
                    w.name_en
                )
            }
            DayStatus::Weekend(w) => format!("{} {d} is a weekly rest day", weekday_en(*w)),
            DayStatus::Off(o) => {
                let kind = match o.kind {
                    DayOffKind::Statutory => "a public holiday",
                    DayOffKind::Compensatory => "a compensatory day off",
                    DayOffKind::Announced => "a day off in the announced schedule",
                };
                format!("{d} is {kind}: {}", o.name_en)
            }
        }
    }
}
