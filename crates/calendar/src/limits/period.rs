//! Periods: a count of calendar days, working days or months.

/// The unit of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayUnit {
    /// Calendar days (ngày), with roll-over of a last day that is a day off.
    Calendar,
    /// Working days (ngày làm việc).
    Working,
    /// Months (tháng), ending on the corresponding day, with roll-over.
    Month,
}

/// A length of time: a count and a unit, e.g. 5 working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// Which unit.
    pub unit: DayUnit,
}

impl Period {
    /// `count` calendar days (ngày).
    pub const fn calendar_days(count: u32) -> Period {
        Period {
            count,
            unit: DayUnit::Calendar,
        }
    }

    /// `count` working days (ngày làm việc).
    pub const fn working_days(count: u32) -> Period {
        Period {
            count,
            unit: DayUnit::Working,
        }
    }

    /// `count` months (tháng).
    pub const fn months(count: u32) -> Period {
        Period {
            count,
            unit: DayUnit::Month,
        }
    }

    /// "5 ngày làm việc", "30 ngày", "3 tháng".
    pub fn describe_vi(&self) -> String {
        let unit = match self.unit {
            DayUnit::Calendar => "ngày",
            DayUnit::Working => "ngày làm việc",
            DayUnit::Month => "tháng",
        };
        format!("{} {unit}", self.count)
    }

    /// "5 working days", "30 days", "3 months" (singular for 1).
    pub fn describe_en(&self) -> String {
        let unit = match (self.unit, self.count == 1) {
            (DayUnit::Calendar, true) => "day",
            (DayUnit::Calendar, false) => "days",
            (DayUnit::Working, true) => "working day",
            (DayUnit::Working, false) => "working days",
            (DayUnit::Month, true) => "month",
            (DayUnit::Month, false) => "months",
        };
        format!("{} {unit}", self.count)
    }
}
