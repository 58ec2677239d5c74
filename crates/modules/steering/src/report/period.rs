//! Report periods (kỳ báo cáo): quarter, half-year, year or custom; the previous period to
//! compare with; and whether a period exists for a unit at all.

use chrono::{Datelike, Duration, NaiveDate};
use dinh_platform::module::Period;
use dinh_platform::units::Unit;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// The kind of a report period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Quý (giao ban quý).
    Quarter,
    /// 6 tháng (sơ kết).
    Half,
    /// Năm (tổng kết).
    Year,
    /// Any span of days.
    Custom,
}

impl PeriodKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "quarter",
            PeriodKind::Half => "half",
            PeriodKind::Year => "year",
            PeriodKind::Custom => "custom",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Quarter, Self::Half, Self::Year, Self::Custom]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A report period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportPeriod {
    /// Kind.
    pub kind: PeriodKind,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, StoreError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| StoreError::invalid("period", "no such date"))
}

fn month_end(y: i32, m: u32) -> Result<NaiveDate, StoreError> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Ok(ymd(ny, nm, 1)? - Duration::days(1))
}

impl ReportPeriod {
    /// Quarter `q` (1-4) of `year`.
    pub fn quarter(year: i32, q: u32) -> Result<Self, StoreError> {
        if !(1..=4).contains(&q) {
            return Err(StoreError::invalid("quarter", "a quarter is 1 to 4"));
        }
        let m = (q - 1) * 3 + 1;
        Ok(Self {
            kind: PeriodKind::Quarter,
            from: ymd(year, m, 1)?,
            to: month_end(year, m + 2)?,
        })
    }

    /// Half `h` (1-2) of `year`.
    pub fn half(year: i32, h: u32) -> Result<Self, StoreError> {
        if !(1..=2).contains(&h) {
            return Err(StoreError::invalid("half", "a half-year is 1 or 2"));
        }
        let m = if h == 1 { 1 } else { 7 };
        Ok(Self {
            kind: PeriodKind::Half,
            from: ymd(year, m, 1)?,
            to: month_end(year, m + 5)?,
        })
    }

    /// The whole of `year`.
    pub fn year(year: i32) -> Result<Self, StoreError> {
        Ok(Self {
            kind: PeriodKind::Year,
            from: ymd(year, 1, 1)?,
            to: ymd(year, 12, 31)?,
        })
    }

    /// Any span of days.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<Self, StoreError> {
        if to < from {
            return Err(StoreError::invalid(
                "period",
                "the period ends before it starts",
            ));
        }
        Ok(Self {
            kind: PeriodKind::Custom,
            from,
            to,
        })
    }

    /// From stored parts.
    pub fn stored(kind: &str, from: &str, to: &str) -> Option<Self> {
        Some(Self {
            kind: PeriodKind::parse(kind)?,
            from: NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?,
            to: NaiveDate::parse_from_str(to, "%Y-%m-%d").ok()?,
        })
    }

    /// The period before, of the same kind and length (the previous quarter, half, year or
    /// the same number of days).
    pub fn previous(&self) -> Self {
        let back = |y: i32, m: u32| -> Option<NaiveDate> { NaiveDate::from_ymd_opt(y, m, 1) };
        let shifted = match self.kind {
            PeriodKind::Quarter | PeriodKind::Half | PeriodKind::Year => {
                let months: i32 = match self.kind {
                    PeriodKind::Quarter => 3,
                    PeriodKind::Half => 6,
                    _ => 12,
                };
                let total =
                    self.from.year() * 12 + i32::try_from(self.from.month0()).unwrap_or(0) - months;
                let from = back(
                    total.div_euclid(12),
                    u32::try_from(total.rem_euclid(12)).unwrap_or(0) + 1,
                );
                from.map(|f| (f, self.from - Duration::days(1)))
            }
            PeriodKind::Custom => None,
        };
        let (from, to) = shifted.unwrap_or_else(|| {
            let days = (self.to - self.from).num_days() + 1;
            (
                self.from - Duration::days(days),
                self.from - Duration::days(1),
            )
        });
        Self {
            kind: self.kind,
            from,
            to,
        }
    }

    /// The platform's period.
    pub fn span(&self) -> Period {
        Period {
            from: self.from,
            to: self.to,
        }
    }

    /// Its name in a Vietnamese sentence ("6 tháng đầu năm 2026", "quý III năm 2026").
    pub fn name_vi(&self) -> String {
        let y = self.from.year();
        match self.kind {
            PeriodKind::Quarter => {
                let q = ["I", "II", "III", "IV"];
                let i = usize::try_from(self.from.month0() / 3).unwrap_or(0);
                format!("quý {} năm {y}", q.get(i).unwrap_or(&"I"))
            }
            PeriodKind::Half if self.from.month() == 1 => format!("6 tháng đầu năm {y}"),
            PeriodKind::Half => format!("6 tháng cuối năm {y}"),
            PeriodKind::Year => format!("năm {y}"),
            PeriodKind::Custom => format!(
                "từ ngày {} đến ngày {}",
                self.from.format("%d/%m/%Y"),
                self.to.format("%d/%m/%Y")
            ),
        }
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn show(iso: &str) -> String {
    dinh_platform::time::show_date(iso)
}

/// Refuses a period in which the unit did not exist at all: before it was created or after it
/// was merged away (the message names where its figures are instead).
pub fn check_exists(
    unit: &Unit,
    period: &ReportPeriod,
    elsewhere: &[String],
) -> Result<(), StoreError> {
    let hint = if elsewhere.is_empty() {
        String::new()
    } else {
        format!(" (see {})", elsewhere.join(", "))
    };
    if let Some(from) = &unit.valid_from
        && iso(period.to) < *from
    {
        return Err(StoreError::invalid(
            "period",
            format!(
                "{} was created on {}: the period {} is before it existed{hint}",
                unit.name,
                show(from),
                period.name_vi()
            ),
        ));
    }
    if let Some(to) = &unit.valid_to
        && iso(period.from) > *to
    {
        return Err(StoreError::invalid(
            "period",
            format!(
                "{} ceased to exist after {}: the period {} is after it was merged{hint}",
                unit.name,
                show(to),
                period.name_vi()
            ),
        ));
    }
    Ok(())
}
