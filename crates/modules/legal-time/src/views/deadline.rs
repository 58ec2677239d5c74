//! A computed time limit (thời hạn) with its explanation.

use chrono::{Datelike, NaiveDate};
use dinh_calendar::fmt::{dmy, weekday_en, weekday_vi};
use dinh_calendar::{DayUnit, Direction, HolidayCalendar, Period};
use serde::Serialize;
use utoipa::ToSchema;

use crate::input::BadInput;

/// A run of days off skipped while counting working days.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SkippedView {
    /// First day off, dd/mm/yyyy.
    pub from: String,
    /// Last day off, dd/mm/yyyy.
    pub to: String,
    /// The occasions, in Vietnamese ("Tết Nguyên đán Bính Ngọ").
    pub occasion_vi: String,
    /// The occasions, in English.
    pub occasion_en: String,
}

/// A statutory time limit (thời hạn) counted per Bộ luật Dân sự 2015, Điều 144-148.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeadlineView {
    /// The day counted from (not itself counted), or the event for `before`; dd/mm/yyyy.
    pub start: String,
    /// How many days.
    pub count: u32,
    /// `working` (ngày làm việc) or `calendar` (ngày).
    pub unit: String,
    /// `after` (within N days of the start) or `before` (at least N days before the event).
    pub direction: String,
    /// The period in Vietnamese ("5 ngày làm việc").
    pub period_vi: String,
    /// The period in English.
    pub period_en: String,
    /// The last day of the counting before any roll-over, dd/mm/yyyy.
    pub nominal: String,
    /// The due date (hạn), dd/mm/yyyy: the period ends at 24:00 of this day, or for
    /// `before`, the latest day to act.
    pub due: String,
    /// The due date, yyyy-mm-dd.
    pub due_iso: String,
    /// Weekday of the due date, in Vietnamese.
    pub due_weekday_vi: String,
    /// Weekday of the due date, in English.
    pub due_weekday_en: String,
    /// The nominal last day when it was a day off and the deadline moved, dd/mm/yyyy.
    pub rolled_from: Option<String>,
    /// How the date was reached, in Vietnamese.
    pub explanation_vi: String,
    /// How the date was reached, in English.
    pub explanation_en: String,
    /// Runs of holidays skipped while counting working days.
    pub skipped: Vec<SkippedView>,
}

impl DeadlineView {
    /// Counts `count` days of `unit` after (or before) `start`.
    pub fn compute(
        calendar: &HolidayCalendar,
        start: NaiveDate,
        count: u32,
        unit: DayUnit,
        direction: Direction,
    ) -> Result<DeadlineView, BadInput> {
        let period = match unit {
            DayUnit::Working => Period::working_days(count),
            DayUnit::Calendar => Period::calendar_days(count),
            DayUnit::Month => Period::months(count),
        };
        let deadline = match direction {
            Direction::After => calendar.due_after(start, period),
            Direction::Before => calendar.latest_before(start, period),
        }
        .map_err(|e| BadInput(format!("start: {e}")))?;
        let explanation = deadline.explain(calendar);
        Ok(DeadlineView {
            start: dmy(start),
            count,
            unit: match unit {
                DayUnit::Working => "working",
                DayUnit::Calendar => "calendar",
                DayUnit::Month => "months",
            }
            .to_string(),
            direction: match direction {
                Direction::After => "after",
                Direction::Before => "before",
            }
            .to_string(),
            period_vi: period.describe_vi(),
            period_en: period.describe_en(),
            nominal: dmy(deadline.nominal),
            due: dmy(deadline.due),
            due_iso: deadline.due.to_string(),
            due_weekday_vi: weekday_vi(deadline.due.weekday()).to_string(),
            due_weekday_en: weekday_en(deadline.due.weekday()).to_string(),
            rolled_from: explanation.rolled_from.map(dmy),
            explanation_vi: explanation.vi,
            explanation_en: explanation.en,
            skipped: explanation
                .skipped
                .into_iter()
                .map(|s| SkippedView {
                    from: dmy(s.from),
                    to: dmy(s.to),
                    occasion_vi: s.occasion_vi,
                    occasion_en: s.occasion_en,
                })
                .collect(),
        })
    }
}
