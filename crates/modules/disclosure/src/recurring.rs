//! Disclosures expected every period (công khai định kỳ): the quarterly budget execution, the
//! annual plan, the quarterly register itself (Điều 11(1)-(2), 13(2), 14). Which duties exist,
//! how often and by when is rule-pack data; one not published by its due date is missing.

use chrono::{Datelike, Days, NaiveDate};
use dinh_calendar::HolidayCalendar;
use dinh_rules::{Per, RecurringDuty};

/// One period of a recurring duty: `2026-Q3`, `2026`, `2026-07`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSpan {
    /// Stable label.
    pub label: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

/// The period of kind `per` that contains `date` (weeks are not a disclosure period: None).
pub fn period_containing(per: Per, date: NaiveDate) -> Option<PeriodSpan> {
    let y = date.year();
    match per {
        Per::Year => Some(PeriodSpan {
            label: y.to_string(),
            from: ymd(y, 1, 1)?,
            to: ymd(y, 12, 31)?,
        }),
        Per::Quarter => {
            let q = (date.month() - 1) / 3 + 1;
            Some(PeriodSpan {
                label: format!("{y}-Q{q}"),
                from: ymd(y, (q - 1) * 3 + 1, 1)?,
                to: last_of_month(y, q * 3)?,
            })
        }
        Per::Month => Some(PeriodSpan {
            label: format!("{y}-{:02}", date.month()),
            from: ymd(y, date.month(), 1)?,
            to: last_of_month(y, date.month())?,
        }),
        Per::Week => None,
    }
}

/// The period of kind `per` named by `label` (`2026-Q3`, `2026`, `2026-07`), if it is one.
pub fn period_of_label(per: Per, label: &str) -> Option<PeriodSpan> {
    let first = match per {
        Per::Year => NaiveDate::from_ymd_opt(label.parse().ok()?, 1, 1)?,
        Per::Quarter => {
            let (y, q) = parse_quarter(label)?;
            NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?
        }
        Per::Month => {
            let (y, m) = label.split_once('-')?;
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?
        }
        Per::Week => return None,
    };
    period_containing(per, first).filter(|p| p.label == label)
}

/// The periods of kind `per` from the one containing `from` to the one containing `to`.
pub fn periods_between(per: Per, from: NaiveDate, to: NaiveDate) -> Vec<PeriodSpan> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        let Some(p) = period_containing(per, day) else {
            break;
        };
        let Some(next) = p.to.checked_add_days(Days::new(1)) else {
            break;
        };
        out.push(p);
        day = next;
    }
    out
}

/// The due date of a duty for a period: `due` counted from the period's end (or from its
/// start with `from_start`), by the legal calendar.
pub fn due_on(
    duty: &RecurringDuty,
    period: &PeriodSpan,
    cal: &HolidayCalendar,
) -> anyhow::Result<NaiveDate> {
    let start = if duty.from_start {
        period
            .from
            .pred_opt()
            .ok_or_else(|| anyhow::anyhow!("no day before {}", period.from))?
    } else {
        period.to
    };
    Ok(cal.due_after(start, duty.due.period())?.due)
}

/// A period label for people: "Quý III/2026", "Năm 2026", "Tháng 7/2026" (or in English).
pub fn period_name(label: &str, english: bool) -> String {
    if let Some((y, q)) = label.split_once("-Q") {
        let roman = match q {
            "1" => "I",
            "2" => "II",
            "3" => "III",
            _ => "IV",
        };
        return if english {
            format!("Q{q} {y}")
        } else {
            format!("Quý {roman}/{y}")
        };
    }
    if let Some((y, m)) = label.split_once('-') {
        let m = m.trim_start_matches('0');
        return if english {
            format!("{m}/{y}")
        } else {
            format!("Tháng {m}/{y}")
        };
    }
    if english {
        label.to_owned()
    } else {
        format!("Năm {label}")
    }
}

/// The quarter (1-4) and year of a label such as `2026-Q3`.
pub fn parse_quarter(label: &str) -> Option<(i32, u32)> {
    let (y, q) = label.split_once("-Q")?;
    let q: u32 = q.parse().ok()?;
    let y: i32 = y.parse().ok()?;
    (1..=4).contains(&q).then_some((y, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_years_have_exact_bounds() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        let q = period_containing(Per::Quarter, d(8, 15));
        assert_eq!(
            q,
            Some(PeriodSpan {
                label: "2026-Q3".into(),
                from: d(7, 1),
                to: d(9, 30)
            })
        );
        let all = periods_between(Per::Quarter, d(1, 5), d(11, 23));
        let labels: Vec<_> = all.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
        assert_eq!(period_name("2026-Q3", false), "Quý III/2026");
        assert_eq!(period_name("2026", false), "Năm 2026");
        assert_eq!(parse_quarter("2026-Q4"), Some((2026, 4)));
        assert_eq!(parse_quarter("2026-Q5"), None);
        assert_eq!(
            period_of_label(Per::Quarter, "2026-Q3").map(|p| p.to),
            Some(d(9, 30))
        );
        assert_eq!(period_of_label(Per::Year, "2026-Q3"), None);
        assert_eq!(period_of_label(Per::Month, "2026-7"), None);
    }
}
