//! Statutory time limits (thời hạn), counted per Bộ luật Dân sự 2015 Điều 144-148.
//!
//! * The first day is not counted: a period "from" day D starts on D+1 (Điều 147).
//! * A period in days ends at 24:00 of its last day (Điều 148(1), (6)).
//! * If the last day is a weekly rest day or a holiday, the period ends at the end of the next
//!   working day (Điều 148(5)). "Working day" here honours the announced schedule: days off
//!   are skipped and swapped working Saturdays count as working days.
//! * "N ngày làm việc" (working days) counts only working days, so its last day is always a
//!   working day; "N ngày" counts calendar days then rolls over; "N tháng" ends on the same day
//!   of the month N months later, or that month's last day if it has no such day
//!   (Điều 148(3)), then rolls over.
//! * "At least N days before an event" is counted backwards from the event (the event day is
//!   not counted): the result is the latest day on which the act may be done. When that day is
//!   a day off, **the act must be done earlier**: the latest date moves back to the previous
//!   working day (the office cannot act on a day off, and acting earlier always satisfies
//!   "at least N days"). Working days backwards land on a working day by construction.
//! * An extension (gia hạn) adds another period after the *nominal* end of the previous one
//!   (before roll-over), so 30 + 30 + 30 days is exactly 90 days from the start, rolled over
//!   once at the end.
//!
//! The hot path ([`HolidayCalendar::due_date`], [`HolidayCalendar::due_after`]) walks the
//! precomputed day-off bitset and allocates nothing; [`Deadline::explain`] builds the
//! bilingual explanation only when asked.

mod explain;
mod period;

use chrono::{Months, NaiveDate};

pub use explain::{Explanation, SkippedSpan};
pub use period::{DayUnit, Period};

use crate::error::CalendarError;
use crate::fmt::dmy;
use crate::holidays::HolidayCalendar;

/// Whether a deadline counts forward from a start or backward from an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// "Within N days of" the start: the due date is the last day allowed.
    After,
    /// "At least N days before" the event: the due date is the latest day allowed.
    Before,
}

/// One extension (gia hạn) applied to a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension {
    /// The added period.
    pub period: Period,
    /// Nominal last day before this extension (counting restarts after it).
    pub from: NaiveDate,
    /// Nominal last day after this extension.
    pub nominal: NaiveDate,
    /// Due date after this extension (rolled over).
    pub due: NaiveDate,
}

/// A computed time limit (thời hạn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The day counted from (not itself counted), or the event for [`Direction::Before`].
    pub start: NaiveDate,
    /// The first period.
    pub period: Period,
    /// Forward or backward.
    pub direction: Direction,
    /// The last day of the counting before roll-over (equals `due` for working days).
    pub nominal: NaiveDate,
    /// The deadline: the period ends at 24:00 of this day (After), or the act must be done
    /// by this day (Before).
    pub due: NaiveDate,
    /// Extensions applied, in order; `nominal` and `due` reflect the last one.
    pub extensions: Vec<Extension>,
}

impl Deadline {
    /// The bilingual explanation of how `due` was reached (computed on demand).
    pub fn explain(&self, calendar: &HolidayCalendar) -> Explanation {
        explain::explain(self, calendar)
    }
}

fn out_of_range(date: NaiveDate) -> CalendarError {
    CalendarError::OutOfRange { date: dmy(date) }
}

impl HolidayCalendar {
    /// Next working day on or after index `i`.
    #[inline]
    fn roll_forward(&self, mut i: usize) -> Option<usize> {
        while i < self.len() && self.off_at(i) {
            i += 1;
        }
        (i < self.len()).then_some(i)
    }

    /// Latest working day on or before index `i`.
    #[inline]
    fn roll_back(&self, mut i: usize) -> Option<usize> {
        while self.off_at(i) {
            i = i.checked_sub(1)?;
        }
        Some(i)
    }

    /// The nominal last day and the due date, forward, as day indices.
    #[inline]
    pub(crate) fn forward(
        &self,
        start: NaiveDate,
        period: Period,
    ) -> Result<(usize, usize), CalendarError> {
        let s = self.index(start).ok_or_else(|| out_of_range(start))?;
        let nominal = match period.unit {
            DayUnit::Calendar => s + period.count as usize,
            DayUnit::Working => {
                let mut i = s;
                for _ in 0..period.count {
                    i += 1;
                    while i < self.len() && self.off_at(i) {
                        i += 1;
                    }
                }
                i
            }
            DayUnit::Month => {
                let d = start
                    .checked_add_months(Months::new(period.count))
                    .ok_or_else(|| out_of_range(start))?;
                self.index(d).ok_or_else(|| out_of_range(d))?
            }
        };
        if nominal >= self.len() {
            return Err(out_of_range(start));
        }
        let due = self
            .roll_forward(nominal)
            .ok_or_else(|| out_of_range(start))?;
        Ok((nominal, due))
    }

    /// The nominal day and the latest allowed day, backward, as day indices.
    #[inline]
    pub(crate) fn backward(
        &self,
        event: NaiveDate,
        period: Period,
    ) -> Result<(usize, usize), CalendarError> {
        let e = self.index(event).ok_or_else(|| out_of_range(event))?;
        let err = || out_of_range(event);
        let nominal = match period.unit {
            DayUnit::Calendar => e.checked_sub(period.count as usize).ok_or_else(err)?,
            DayUnit::Working => {
                let mut i = e;
                for _ in 0..period.count {
                    i = i.checked_sub(1).ok_or_else(err)?;
                    while self.off_at(i) {
                        i = i.checked_sub(1).ok_or_else(err)?;
                    }
                }
                i
            }
            DayUnit::Month => {
                let d = event
                    .checked_sub_months(Months::new(period.count))
                    .ok_or_else(err)?;
                self.index(d).ok_or_else(|| out_of_range(d))?
            }
        };
        let latest = self.roll_back(nominal).ok_or_else(err)?;
        Ok((nominal, latest))
    }

    pub(crate) fn date(&self, index: usize) -> Result<NaiveDate, CalendarError> {
        self.date_at(index)
            .ok_or_else(|| CalendarError::OutOfRange {
                date: format!("day #{index}"),
            })
    }

    /// The due date only (the cheap path): the last day of `period` counted from `start`.
    #[inline]
    pub fn due_date(&self, start: NaiveDate, period: Period) -> Result<NaiveDate, CalendarError> {
        let (_, due) = self.forward(start, period)?;
        self.date(due)
    }

    /// The latest date only: the last day to act so that it is at least `period` before
    /// `event` (moved earlier when that day is a day off).
    #[inline]
    pub fn latest_date_before(
        &self,
        event: NaiveDate,
        period: Period,
    ) -> Result<NaiveDate, CalendarError> {
        let (_, latest) = self.backward(event, period)?;
        self.date(latest)
    }

    /// The deadline of `period` counted from `start` ("trong thời hạn N ngày kể từ").
    pub fn due_after(&self, start: NaiveDate, period: Period) -> Result<Deadline, CalendarError> {
        let (nominal, due) = self.forward(start, period)?;
        Ok(Deadline {
            start,
            period,
            direction: Direction::After,
            nominal: self.date(nominal)?,
            due: self.date(due)?,
            extensions: Vec::new(),
        })
    }

    /// The latest day to act at least `period` before `event` ("trước ít nhất N ngày").
    pub fn latest_before(
        &self,
        event: NaiveDate,
        period: Period,
    ) -> Result<Deadline, CalendarError> {
        let (nominal, latest) = self.backward(event, period)?;
        Ok(Deadline {
            start: event,
            period,
            direction: Direction::Before,
            nominal: self.date(nominal)?,
            due: self.date(latest)?,
            extensions: Vec::new(),
        })
    }

    /// Extends a forward deadline by `period` (gia hạn), counted after its nominal end.
    pub fn extend(&self, deadline: &Deadline, period: Period) -> Result<Deadline, CalendarError> {
        if deadline.direction == Direction::Before {
            return Err(CalendarError::NotExtendable {
                event: dmy(deadline.start),
            });
        }
        let (nominal, due) = self.forward(deadline.nominal, period)?;
        let mut out = deadline.clone();
        let (nominal, due) = (self.date(nominal)?, self.date(due)?);
        out.extensions.push(Extension {
            period,
            from: deadline.nominal,
            nominal,
            due,
        });
        out.nominal = nominal;
        out.due = due;
        Ok(out)
    }
}
