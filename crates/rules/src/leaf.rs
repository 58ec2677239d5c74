//! The leaf values of a rule pack: every one carries a legal citation and a `verified` flag.

use serde::Deserialize;

use crate::error::Problem;

pub(crate) fn yes() -> bool {
    true
}

/// Behaviour shared by every leaf value, for validation and listing.
pub(crate) trait Leaf: Sourced {
    /// The value as text for listings.
    fn value_text(&self) -> String;
    /// The unit as a code for listings ("" when none).
    fn unit_text(&self) -> String;
    /// Problems with the value itself (the citation is checked by the caller).
    fn check(&self, _path: &str, _out: &mut Vec<Problem>) {}
}

/// Where a rule's value comes from: its citation, and whether it was checked against the text.
pub(crate) trait Sourced {
    /// The legal basis, e.g. "Luật 10/2022/QH15, Điều 12(3)".
    fn citation(&self) -> &str;
    /// Whether the value was checked against the text.
    fn verified(&self) -> bool;
}

/// Gives a rule value with `citation` and `verified` fields its public `citation()` and
/// [`Sourced`], written once for every kind of value.
macro_rules! leaf_source {
    ($t:ty) => {
        impl $t {
            /// The legal citation of this value.
            pub fn citation(&self) -> &str {
                &self.citation
            }
        }
        impl $crate::leaf::Sourced for $t {
            fn citation(&self) -> &str {
                &self.citation
            }
            fn verified(&self) -> bool {
                self.verified
            }
        }
    };
}
pub(crate) use leaf_source;

/// The unit of a [`Duration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Calendar days (ngày).
    CalendarDays,
    /// Working days (ngày làm việc).
    WorkingDays,
    /// Months (tháng).
    Months,
    /// Years (năm), counted as 12 months.
    Years,
}

impl DurationUnit {
    /// The code used in pack files, e.g. "working_days".
    pub fn code(self) -> &'static str {
        match self {
            DurationUnit::CalendarDays => "calendar_days",
            DurationUnit::WorkingDays => "working_days",
            DurationUnit::Months => "months",
            DurationUnit::Years => "years",
        }
    }
}

/// A time limit (thời hạn): `count` units, e.g. 5 working days.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    /// How many units; must be positive.
    pub count: i64,
    /// Which unit.
    pub unit: DurationUnit,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
impl Duration {
    /// The count as an unsigned number (0 if the pack was not validated).
    pub fn count_u32(&self) -> u32 {
        u32::try_from(self.count).unwrap_or(0)
    }

    /// The period for the calendar crate's deadline computations (years become 12 months).
    pub fn period(&self) -> dinh_calendar::Period {
        let n = self.count_u32();
        match self.unit {
            DurationUnit::CalendarDays => dinh_calendar::Period::calendar_days(n),
            DurationUnit::WorkingDays => dinh_calendar::Period::working_days(n),
            DurationUnit::Months => dinh_calendar::Period::months(n),
            DurationUnit::Years => dinh_calendar::Period::months(n.saturating_mul(12)),
        }
    }
}

leaf_source!(Duration);

impl Leaf for Duration {
    fn value_text(&self) -> String {
        self.count.to_string()
    }
    fn unit_text(&self) -> String {
        self.unit.code().to_string()
    }
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.count <= 0 {
            out.push(Problem {
                path: format!("{path}.count"),
                message: format!(
                    "the duration is {}; a duration must be a positive whole number of {}",
                    self.count,
                    self.unit.code()
                ),
            });
        } else if self.count > 3650 {
            out.push(Problem {
                path: format!("{path}.count"),
                message: format!(
                    "the duration {} is implausibly long; check the number",
                    self.count
                ),
            });
        }
    }
}

/// How often something must happen, e.g. at least 1 day per week (tiếp công dân).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// At least this many times (or days) …
    pub times: u32,
    /// … per this period.
    pub per: Per,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
/// The period of a [`Frequency`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Per week (tuần).
    Week,
    /// Per month (tháng).
    Month,
    /// Per quarter (quý).
    Quarter,
    /// Per year (năm).
    Year,
}

impl Per {
    /// The code used in pack files.
    pub fn code(self) -> &'static str {
        match self {
            Per::Week => "week",
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }
}

leaf_source!(Frequency);

impl Leaf for Frequency {
    fn value_text(&self) -> String {
        self.times.to_string()
    }
    fn unit_text(&self) -> String {
        format!("per_{}", self.per.code())
    }
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.times == 0 {
            out.push(Problem {
                path: format!("{path}.times"),
                message: "a frequency must be at least 1".into(),
            });
        }
    }
}
